package com.sundaya.messaging.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.EnumSet;
import java.util.List;

/** {@code pms_monitoring} rows: one per pack per sample (spec §9.2). */
final class PackRowShape implements RowShape {

    private final AlarmThresholds limits;

    PackRowShape(AlarmThresholds limits) {
        this.limits = limits;
    }

    @Override
    public void checkItem(JsonNode item, String itemPath, List<Violation> out) {
        // fixed array sizes, ranges and uniqueness are all expressible in the schema
    }

    @Override
    public ItemWriter open(JsonNode dataset) {
        JsonNode status = dataset.get("status");
        StatusBits bits = StatusBits.decode(StatusBits.Kind.BUS_ONLY, status.get("code").textValue());
        JsonNode statusTemp = Numbers.asSent(status.get("temp"));
        return new ItemWriter() {
            @Override
            public String packId(JsonNode item) {
                return item.get("pack").get("id").textValue();
            }

            @Override
            public void write(JsonNode item, ObjectNode row, EnumSet<Alarm> alarms) {
                writePack(item.get("pack"), row, alarms);
                ObjectNode s = row.putObject("status");
                bits.writeTo(s);
                // status.temp is the controller's own temperature, not the pack's: no pack temperature alarm
                s.set("temp", statusTemp);
                bits.addAlarms(alarms);
            }
        };
    }

    private void writePack(JsonNode pack, ObjectNode row, EnumSet<Alarm> alarms) {
        row.put("pack_id", pack.get("id").textValue());
        JsonNode cellVolts = pack.get("cell").get("volts");
        int cells = cellVolts.size();
        double sum = 0;
        int low = 0;
        int high = 0;
        for (int i = 0; i < cells; i++) {
            double v = cellVolts.get(i).doubleValue();
            sum += v;
            if (v < cellVolts.get(low).doubleValue()) {
                low = i;
            }
            if (v > cellVolts.get(high).doubleValue()) {
                high = i;
            }
            if (v < limits.cellUnderVolt()) {
                alarms.add(Alarm.CELL_UNDER_VOLT);
            } else if (v > limits.cellOverVolt()) {
                alarms.add(Alarm.CELL_OVER_VOLT);
            }
        }
        double vcl = cellVolts.get(low).doubleValue();
        double volts = Numbers.round4(sum);
        JsonNode amps = pack.get("amps");
        JsonNode temps = pack.get("temp");

        ObjectNode p = row.putObject("pack");
        p.set("volts", Numbers.node(volts));
        p.set("amps", Numbers.asSent(amps));
        // uses the already rounded pack volts, as the original did
        p.set("watts", Numbers.node(Numbers.round4(volts * amps.doubleValue())));
        p.set("vcl", Numbers.asSent(cellVolts.get(low)));
        p.set("vch", Numbers.asSent(cellVolts.get(high)));
        p.put("dock", pack.get("dock").intValue());
        p.set("temp_top", Numbers.asSent(temps.get(0)));
        p.set("temp_mid", Numbers.asSent(temps.get(1)));
        p.set("temp_bottom", Numbers.asSent(temps.get(2)));
        packTemperatureAlarms(temps, alarms);

        boolean[] cellOpen = flags(pack.get("cell").get("open"), cells);
        ArrayNode cellRows = row.putArray("cell");
        long imbalanceMv = 0;
        for (int i = 0; i < cells; i++) {
            JsonNode v = cellVolts.get(i);
            long dvcl = Numbers.millivoltsAbove(v.doubleValue(), vcl);
            imbalanceMv = Math.max(imbalanceMv, dvcl);
            ObjectNode c = cellRows.addObject();
            c.set("volts", Numbers.asSent(v));
            c.put("dvcl", dvcl);
            c.put("open", cellOpen[i + 1]);
        }
        if (imbalanceMv > limits.cellImbalanceMv()) {
            alarms.add(Alarm.CELL_IMBALANCE);
        }

        JsonNode fet = pack.get("fet");
        JsonNode fetTemps = fet.get("temp");
        boolean[] fetOpen = flags(fet.get("open"), fetTemps.size());
        ArrayNode fetRows = row.putArray("fet");
        for (int i = 0; i < fetTemps.size(); i++) {
            // each FET from its own index; the original built FET 2 from FET 1's (spec §10.1)
            JsonNode t = fetTemps.get(i);
            ObjectNode f = fetRows.addObject();
            f.put("open", fetOpen[i + 1]);
            f.set("temp", Numbers.asSent(t));
            if (t.doubleValue() > limits.fetOverTemp()) {
                alarms.add(Alarm.FET_OVER_TEMP);
            }
        }
    }

    private void packTemperatureAlarms(JsonNode temps, EnumSet<Alarm> alarms) {
        double hottest = Double.NEGATIVE_INFINITY;
        for (JsonNode t : temps) {
            hottest = Math.max(hottest, t.doubleValue());
        }
        if (hottest > limits.packOverTemp()) {
            alarms.add(Alarm.PACK_OVER_TEMP);
        } else if (hottest > limits.packOverTempWarn()) {
            alarms.add(Alarm.PACK_OVER_TEMP_WARN);
        }
    }

    /** 1-based positions listed in {@code open}, as flags indexed 1..size. */
    private static boolean[] flags(JsonNode open, int size) {
        boolean[] flags = new boolean[size + 1];
        for (JsonNode n : open) {
            flags[n.intValue()] = true;
        }
        return flags;
    }
}
