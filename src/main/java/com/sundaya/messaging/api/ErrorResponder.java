package com.sundaya.messaging.api;

import java.util.List;

import com.sundaya.messaging.dataset.InvalidDatasetException;
import com.sundaya.messaging.dataset.Violation;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns any failure of an API route into the documented message shape. A failure while handing rows to the broker
 * is a 503 with Retry-After (the device keeps its data and retries; storage absorbs duplicates); anything unexpected
 * is a 500 that never carries a stack trace.
 */
public class ErrorResponder implements Processor {

    public static final String PUBLISHING_PROPERTY = "messaging.publishing";
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponder.class);

    private final long retryAfterSeconds;

    public ErrorResponder(long retryAfterSeconds) {
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public void process(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        int status;
        String message;
        List<Violation> details;
        if (cause instanceof ApiException api) {
            status = api.status();
            message = api.getMessage();
            details = api.details();
            if (status == 405) {
                out.setHeader("Allow", "POST");
            }
        } else if (cause instanceof InvalidDatasetException invalid) {
            status = 400;
            message = "Bad Request";
            details = invalid.violations();
        } else if (exchange.getProperty(PUBLISHING_PROPERTY, false, Boolean.class)) {
            LOG.warn("Broker did not acknowledge a request's rows: {}", cause == null ? "unknown" : cause.toString());
            status = 503;
            message = "Service Unavailable";
            details = List.of(new Violation("broker", "The message broker did not acknowledge the data in time; "
                    + "retry the request later."));
            out.setHeader("Retry-After", Long.toString(retryAfterSeconds));
        } else {
            LOG.error("Unexpected failure in route {}", exchange.getFromRouteId(), cause);
            status = 500;
            message = "Internal Server Error";
            details = List.of(new Violation("server", "Unexpected error; it has been logged."));
        }
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        out.setHeader(Exchange.CONTENT_TYPE, "application/json");
        out.setBody(GenericMessage.json(status, message, details));
    }
}
