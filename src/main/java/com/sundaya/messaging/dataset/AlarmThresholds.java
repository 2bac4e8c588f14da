package com.sundaya.messaging.dataset;

/**
 * Limits that turn a reading into an alarm code. Every comparison is strict, so a reading exactly at a limit
 * raises nothing.
 *
 * @param cellUnderVolt    V; any cell below raises {@code CELL_UNDER_VOLT}
 * @param cellOverVolt     V; any cell above raises {@code CELL_OVER_VOLT}
 * @param cellImbalanceMv  mV; highest minus lowest cell above this raises {@code CELL_IMBALANCE}
 * @param packOverTempWarn °C; any pack temperature above raises {@code PACK_OVER_TEMP_WARN}
 * @param packOverTemp     °C; any pack temperature above raises {@code PACK_OVER_TEMP} instead of the warning
 * @param fetOverTemp      °C; any FET temperature above raises {@code FET_OVER_TEMP}
 */
public record AlarmThresholds(double cellUnderVolt, double cellOverVolt, double cellImbalanceMv,
                              double packOverTempWarn, double packOverTemp, double fetOverTemp) {

    public AlarmThresholds {
        requireFinite(cellUnderVolt, "cellUnderVolt");
        requireFinite(cellOverVolt, "cellOverVolt");
        requireFinite(cellImbalanceMv, "cellImbalanceMv");
        requireFinite(packOverTempWarn, "packOverTempWarn");
        requireFinite(packOverTemp, "packOverTemp");
        requireFinite(fetOverTemp, "fetOverTemp");
        if (cellUnderVolt > cellOverVolt) {
            throw new IllegalArgumentException("cellUnderVolt must not exceed cellOverVolt");
        }
        // the warning must sit below the alarm, otherwise "only the higher one" would hide every warning
        if (packOverTempWarn > packOverTemp) {
            throw new IllegalArgumentException("packOverTempWarn must not exceed packOverTemp");
        }
    }

    /** The defaults of design.md §3. */
    public static AlarmThresholds defaults() {
        return new AlarmThresholds(3.0, 4.2, 50, 45, 55, 80);
    }

    private static void requireFinite(double value, String name) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number, was " + value);
        }
    }
}
