package com.sundaya.messaging.storage;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Builds monitoring rows shaped like spec §9.2 (≈1 KB of JSON each) for repository tests. */
final class TestRows {

    static final String PMS = "pms_monitoring";
    static final String MPPT = "mppt_monitoring";
    static final String INVERTER = "inverter_monitoring";

    private static final LocalDateTime BASE = LocalDateTime.of(2020, 2, 10, 8, 0, 6, 32_000_000);
    // Spec §9.1: four fraction digits, the last always 0.
    private static final DateTimeFormatter TIME_EVENT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS'0'");

    private TestRows() {
    }

    /** time_event {@code second} seconds after a fixed base, so larger means newer. */
    static String timeEvent(int second) {
        return BASE.plusSeconds(second).format(TIME_EVENT);
    }

    static StoredRow pms(String pmsId, String packId, int second) {
        return pms(pmsId, packId, second, "v1");
    }

    /** {@code variant} changes the JSON text but not the key, to tell a first write from a later one. */
    static StoredRow pms(String pmsId, String packId, int second, String variant) {
        String time = timeEvent(second);
        return StoredRow.of(PMS, pmsId, packId, time, pmsJson(pmsId, packId, time, variant));
    }

    static StoredRow mppt(String mpptId, int second) {
        String time = timeEvent(second);
        String json = "{\"mppt_id\":\"" + mpptId + "\",\"pv\":[{\"volts\":48,\"amps\":6,\"watts\":288}],"
                + "\"battery\":{\"volts\":55.1,\"amps\":0,\"watts\":0},\"time_event\":\"" + time + "\"}";
        return StoredRow.of(MPPT, mpptId, null, time, json);
    }

    /** {@code count} pms rows spread over {@code devices} devices, two packs each, distinct keys. */
    static List<StoredRow> pmsBatch(int firstSecond, int count, int devices) {
        List<StoredRow> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int n = firstSecond + i;
            rows.add(pms("PMS-" + (n % devices), "02" + (n % 2), n));
        }
        return rows;
    }

    private static String pmsJson(String pmsId, String packId, String time, String variant) {
        StringBuilder cells = new StringBuilder();
        for (int c = 1; c <= 14; c++) {
            cells.append(c == 1 ? "" : ",").append("{\"volts\":3.92,\"dvcl\":").append(c == 14 ? 0 : 10)
                    .append(",\"open\":false}");
        }
        return "{\"pms_id\":\"" + pmsId + "\",\"pack_id\":\"" + packId + "\","
                + "\"pack\":{\"volts\":54.87,\"amps\":-1.601,\"watts\":-87.8469,\"vcl\":3.91,\"vch\":3.92,"
                + "\"dock\":1,\"temp_top\":35,\"temp_mid\":33,\"temp_bottom\":34},"
                + "\"cell\":[" + cells + "],"
                + "\"fet\":[{\"open\":true,\"temp\":34.1},{\"open\":true,\"temp\":32.2}],"
                + "\"status\":{\"bus_connect\":true,\"temp\":48.3},\"alarms\":[],"
                + "\"sender\":\"STAGE001\",\"time_event\":\"" + time + "\",\"time_zone\":\"+07:00\","
                + "\"time_processing\":\"2020-02-10 08:00:07.1230\",\"variant\":\"" + variant + "\"}";
    }
}
