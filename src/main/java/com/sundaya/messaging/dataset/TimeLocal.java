package com.sundaya.messaging.dataset;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * A device's {@code time_local} ({@code YYYYMMDDTHHmmss[.f…]±HHmm} or {@code ±HH:mm}, spec §2.3) and the row
 * time columns derived from it. Hand-parsed rather than via regex or {@code DateTimeFormatter} because it runs
 * twice per row (validate, transform) on the hot path.
 *
 * @param epochMilli the instant, truncated to milliseconds
 * @param zone       the offset as written, reformatted with a colon ({@code +0700} → {@code +07:00})
 */
record TimeLocal(long epochMilli, String zone) {

    /** Must accept exactly what {@link #parse} accepts syntactically; the schemas carry the same pattern. */
    static final String PATTERN = "^[0-9]{8}T[0-9]{6}(\\.[0-9]+)?[+-][0-9]{2}:?[0-9]{2}$";

    private static final long MIN_EPOCH_MILLI = LocalDateTime.of(1, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC) * 1000;
    private static final long MAX_EPOCH_MILLI = LocalDateTime.of(10_000, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC) * 1000;

    /** Why a value was refused; {@code syntax} separates the pattern's job from the calendar's. */
    static final class Invalid extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final boolean syntax;

        Invalid(boolean syntax, String message) {
            super(message, null);
            this.syntax = syntax;
        }

        boolean syntax() {
            return syntax;
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this; // a 400 answer, not a bug: the stack trace would only cost time
        }
    }

    static TimeLocal parse(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(8) != 'T') {
            throw syntax();
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 4, 2);
        int day = digits(s, 6, 2);
        int hour = digits(s, 9, 2);
        int minute = digits(s, 11, 2);
        int second = digits(s, 13, 2);
        int i = 15;
        int millis = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && isDigit(s.charAt(i))) {
                if (i - start < 3) {
                    millis = millis * 10 + (s.charAt(i) - '0');
                }
                i++;
            }
            if (i == start) {
                throw syntax();
            }
            for (int k = i - start; k < 3; k++) {
                millis *= 10;
            }
        }
        if (i >= n || (s.charAt(i) != '+' && s.charAt(i) != '-')) {
            throw syntax();
        }
        char sign = s.charAt(i);
        boolean colon = n - i == 6;
        if (n - i != 5 && !(colon && s.charAt(i + 3) == ':')) {
            throw syntax();
        }
        int offHours = digits(s, i + 1, 2);
        int offMinutes = digits(s, colon ? i + 4 : i + 3, 2);
        try {
            int signum = sign == '-' ? -1 : 1;
            ZoneOffset offset = ZoneOffset.ofHoursMinutes(signum * offHours, signum * offMinutes);
            LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, second);
            long epochMilli = local.toEpochSecond(offset) * 1000 + millis;
            if (epochMilli < MIN_EPOCH_MILLI || epochMilli >= MAX_EPOCH_MILLI) {
                throw new Invalid(false, "is outside the years 0001-9999 once converted to UTC");
            }
            String zone = new StringBuilder(6).append(sign).append(s, i + 1, i + 3).append(':')
                    .append(s, colon ? i + 4 : i + 3, n).toString();
            return new TimeLocal(epochMilli, zone);
        } catch (DateTimeException e) {
            throw new Invalid(false, "is not a real date and time: " + e.getMessage());
        }
    }

    /** {@code time_event}: UTC, {@code yyyy-MM-dd HH:mm:ss.SSS0}. */
    String timeEvent() {
        return format(epochMilli);
    }

    /**
     * The row time format of spec §9.1: four fraction digits of which the last is always 0, because device
     * precision is milliseconds and the original padded to four.
     */
    static String format(long epochMilli) {
        long seconds = Math.floorDiv(epochMilli, 1000);
        int millis = (int) Math.floorMod(epochMilli, 1000);
        LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        char[] c = new char[24];
        put(c, 0, t.getYear(), 4);
        c[4] = '-';
        put(c, 5, t.getMonthValue(), 2);
        c[7] = '-';
        put(c, 8, t.getDayOfMonth(), 2);
        c[10] = ' ';
        put(c, 11, t.getHour(), 2);
        c[13] = ':';
        put(c, 14, t.getMinute(), 2);
        c[16] = ':';
        put(c, 17, t.getSecond(), 2);
        c[19] = '.';
        put(c, 20, millis, 3);
        c[23] = '0';
        return new String(c);
    }

    /** {@code time_processing} for a request received at {@code instant}; finer than milliseconds is cut off. */
    static String format(Instant instant) {
        return format(instant.toEpochMilli());
    }

    private static void put(char[] c, int at, int value, int width) {
        for (int k = at + width - 1; k >= at; k--) {
            c[k] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    private static int digits(String s, int from, int count) {
        if (from + count > s.length()) {
            throw syntax();
        }
        int v = 0;
        for (int k = from; k < from + count; k++) {
            char ch = s.charAt(k);
            if (!isDigit(ch)) {
                throw syntax();
            }
            v = v * 10 + (ch - '0');
        }
        return v;
    }

    private static boolean isDigit(char ch) {
        return ch >= '0' && ch <= '9';
    }

    private static Invalid syntax() {
        return new Invalid(true, "must be local time with a numeric UTC offset, e.g. 20200210T150006.032+0700");
    }
}
