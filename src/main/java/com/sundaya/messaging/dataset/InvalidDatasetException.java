package com.sundaya.messaging.dataset;

import java.util.List;

/**
 * A request body that must be answered with 400. It carries every violation found, so a device
 * vendor can fix a payload in one round trip (the original only ever reported the first one).
 */
public class InvalidDatasetException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final int SUMMARY_LIMIT = 5;

    private final List<Violation> violations;

    public InvalidDatasetException(List<Violation> violations) {
        super(summary(violations), null, false, false);
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid dataset needs at least one violation");
        }
        this.violations = List.copyOf(violations);
    }

    public InvalidDatasetException(String target, String message) {
        this(List.of(new Violation(target, message)));
    }

    /** Every violation, in the order found (schema first, then the cross-field rules). */
    public List<Violation> violations() {
        return violations;
    }

    private static String summary(List<Violation> violations) {
        StringBuilder sb = new StringBuilder().append(violations.size()).append(" violation(s): ");
        for (int i = 0; i < Math.min(SUMMARY_LIMIT, violations.size()); i++) {
            sb.append(i == 0 ? "" : "; ").append(violations.get(i));
        }
        return violations.size() > SUMMARY_LIMIT ? sb.append("; …").toString() : sb.toString();
    }
}
