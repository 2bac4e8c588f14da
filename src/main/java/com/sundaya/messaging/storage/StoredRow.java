package com.sundaya.messaging.storage;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One monitoring row to store.
 *
 * @param table     the analytics table, e.g. {@code pms_monitoring}
 * @param rowKey    {@code <device id>|<pack id or empty>|<time_event>}; unique within its table
 * @param deviceId  the row's pms_id / mppt_id / inverter_id
 * @param timeEvent the row's {@code time_event}, {@code yyyy-MM-dd HH:mm:ss.SSSS} UTC
 * @param json      the row as JSON text, stored and returned verbatim
 */
public record StoredRow(String table, String rowKey, String deviceId, String timeEvent, String json) {

    // Every target store must accept the name as is: a BigQuery table, a Datastore kind, a GCS path segment,
    // a Bitsy label. Lower-case snake case is the common subset.
    private static final Pattern TABLE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,127}");

    /** Rejects a malformed row up front, so a bad row fails permanently instead of being retried. */
    public StoredRow {
        requireTableName(table);
        requireText(rowKey, "rowKey");
        requireText(deviceId, "deviceId");
        requireText(timeEvent, "timeEvent");
        requireText(json, "json");
    }

    /** Builds a row whose key follows the shared row-key rule (design §3). */
    public static StoredRow of(String table, String deviceId, String packId, String timeEvent, String json) {
        return new StoredRow(table, rowKey(deviceId, packId, timeEvent), deviceId, timeEvent, json);
    }

    /** {@code <device id>|<pack id or empty>|<time_event>}. */
    public static String rowKey(String deviceId, String packId, String timeEvent) {
        return deviceId + '|' + (packId == null ? "" : packId) + '|' + timeEvent;
    }

    static String requireTableName(String table) {
        Objects.requireNonNull(table, "table");
        if (!TABLE_NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("table must match " + TABLE_NAME.pattern() + ": '" + table + "'");
        }
        return table;
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
