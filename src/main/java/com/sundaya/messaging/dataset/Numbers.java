package com.sundaya.messaging.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NumericNode;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The numeric rules of spec §9.1. Both roundings have a double fast path and fall back to exact decimal
 * arithmetic only near a tie, because {@code new BigDecimal(double)} on every derived value would cost more
 * than the rest of the row.
 */
final class Numbers {
    // A double product/difference is off by at most a few ulps; anything farther than this from a .5 tie
    // rounds the same way exactly and approximately.
    private static final double TIE_MARGIN = 1e-6;
    // Beyond this magnitude the margin above is no longer larger than the ulp, so always go exact.
    private static final double FAST_LIMIT = 1e9;

    private Numbers() {
    }

    /**
     * Rounds to 4 decimals, half away from zero, from the exact binary value of {@code x} (JavaScript
     * {@code toFixed(4)}, which the original used), and turns {@code -0} into {@code 0}.
     */
    static double round4(double x) {
        double scaled = x * 10_000d;
        double abs = Math.abs(scaled);
        double result;
        if (abs < FAST_LIMIT && Math.abs(abs - Math.floor(abs) - 0.5) > TIE_MARGIN) {
            // Math.round and the division are both correctly rounded, so this is the same double BigDecimal gives
            result = Math.round(scaled) / 10_000d;
        } else {
            result = new BigDecimal(x).setScale(4, RoundingMode.HALF_UP).doubleValue();
        }
        return result == 0d ? 0d : result;
    }

    /**
     * {@code round((v - low) × 1000)}, half up, as a whole number of millivolts. The exact path works on the
     * decimal values the device sent, so a difference of exactly half a millivolt rounds up as written.
     */
    static long millivoltsAbove(double v, double low) {
        double mv = (v - low) * 1000d;
        double abs = Math.abs(mv);
        if (abs < FAST_LIMIT && Math.abs(abs - Math.floor(abs) - 0.5) > TIE_MARGIN) {
            return Math.round(mv);
        }
        return BigDecimal.valueOf(v).subtract(BigDecimal.valueOf(low)).movePointRight(3)
                .setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    /** A derived value as a JSON number, integral values as integers, like the original emitted them. */
    static JsonNode node(double value) {
        if (value == 0d) {
            return IntNode.valueOf(0);
        }
        if (value == Math.rint(value) && Math.abs(value) < Integer.MAX_VALUE) {
            return IntNode.valueOf((int) value);
        }
        return DoubleNode.valueOf(value);
    }

    /**
     * A value "as sent". The node is passed through, except that {@code -0.0} becomes {@code 0}, which is what
     * the original emitted and what a consumer comparing text expects.
     */
    static JsonNode asSent(JsonNode value) {
        if (value instanceof NumericNode && value.isFloatingPointNumber() && value.doubleValue() == 0d) {
            return IntNode.valueOf(0);
        }
        return value;
    }
}
