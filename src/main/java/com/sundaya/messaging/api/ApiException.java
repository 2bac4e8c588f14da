package com.sundaya.messaging.api;

import java.util.List;

import com.sundaya.messaging.dataset.Violation;

/** A request the API answers with a 4xx in the generic message shape (spec §7.2). */
public class ApiException extends RuntimeException {

    private final int status;
    private final List<Violation> details;

    public ApiException(int status, String message, List<Violation> details) {
        super(message);
        this.status = status;
        this.details = List.copyOf(details);
    }

    public ApiException(int status, String message, String target, String detail) {
        this(status, message, List.of(new Violation(target, detail)));
    }

    public int status() {
        return status;
    }

    public List<Violation> details() {
        return details;
    }
}
