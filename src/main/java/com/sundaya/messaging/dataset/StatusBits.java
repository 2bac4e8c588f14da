package com.sundaya.messaging.dataset;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.EnumSet;

/**
 * A decoded {@code status.code} bitmap (spec §4.2, §5.2, §6.2). Decoded once per request dataset, since the
 * status applies to every item of that dataset.
 */
final class StatusBits {

    /** Which fields the row's {@code status} object carries. */
    enum Kind { BUS_ONLY, MPPT }

    // Two-bit fields are indexed (bit n) * 2 + (bit n+1): the spec lists the pair low bit first and the original
    // looked it up in that order, which is NOT the binary number (code >> n) & 3.
    private static final String[] INPUT = {"normal", "no-power", "high-volt-input", "input-volt-error"};
    private static final String[] LOAD = {"ok", "overcurrent", "short", "not-applicable"};
    private static final String[] CHARGING = {"not-charging", "float", "boost", "equalisation"};

    private final Kind kind;
    private final int code;

    private StatusBits(Kind kind, int code) {
        this.kind = kind;
        this.code = code;
    }

    /** Exactly 4 ASCII hex digits; {@link Integer#parseInt} alone would also take a sign or non-ASCII digits. */
    static boolean isCode(String hex) {
        if (hex.length() != 4) {
            return false;
        }
        for (int i = 0; i < 4; i++) {
            char c = hex.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }

    /** {@code hex} must have passed {@link #isCode}. */
    static StatusBits decode(Kind kind, String hex) {
        return new StatusBits(kind, Integer.parseInt(hex, 16));
    }

    boolean busConnect() {
        return bit(0);
    }

    String input() {
        return pair(1, INPUT);
    }

    String load() {
        return pair(7, LOAD);
    }

    String charging() {
        return pair(10, CHARGING);
    }

    /** Writes the status fields into a row's {@code status} object, in the spec's order. */
    void writeTo(ObjectNode status) {
        status.put("bus_connect", busConnect());
        if (kind == Kind.MPPT) {
            status.put("input", input());
            status.put("chgfet", bit(3) ? "short" : "ok");
            status.put("chgfet_antirev", bit(4) ? "short" : "ok");
            status.put("fet_antirev", bit(5) ? "short" : "ok");
            status.put("input_current", bit(6) ? "overcurrent" : "ok");
            status.put("load", load());
            status.put("pv_input", bit(9) ? "short" : "ok");
            status.put("charging", charging());
            status.put("system", bit(12) ? "fault" : "ok");
            status.put("standby", bit(13) ? "running" : "standby");
        }
    }

    /** Adds the alarms that the status alone implies. */
    void addAlarms(EnumSet<Alarm> alarms) {
        if (!busConnect()) {
            alarms.add(Alarm.BUS_FAULT);
        }
        if (kind != Kind.MPPT) {
            return; // pms and inverter bitmaps carry only bus_connect
        }
        if (!"normal".equals(input())) {
            alarms.add(Alarm.PV_INPUT_FAULT);
        }
        if (bit(3) || bit(4) || bit(5)) {
            alarms.add(Alarm.CHARGER_FET_SHORT);
        }
        String load = load();
        if ("overcurrent".equals(load) || "short".equals(load)) {
            alarms.add(Alarm.LOAD_FAULT);
        }
        if (bit(9)) {
            alarms.add(Alarm.PV_SHORT);
        }
        if (bit(12)) {
            alarms.add(Alarm.SYSTEM_FAULT);
        }
    }

    private boolean bit(int n) {
        return (code >> n & 1) == 1;
    }

    private String pair(int n, String[] values) {
        return values[(bit(n) ? 2 : 0) + (bit(n + 1) ? 1 : 0)];
    }
}
