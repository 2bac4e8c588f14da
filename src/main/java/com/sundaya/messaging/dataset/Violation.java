package com.sundaya.messaging.dataset;

import java.util.Objects;

/**
 * One reason a request body was refused.
 *
 * @param target  where the problem is: a JSON path such as {@code datasets[0].data[1].pack.dock},
 *                {@code body} for the whole body, or a {@code csv.…} location for CSV input
 * @param message a reason a device vendor can act on
 */
public record Violation(String target, String message) {
    public Violation {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return target + ": " + message;
    }
}
