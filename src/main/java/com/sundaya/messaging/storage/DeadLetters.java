package com.sundaya.messaging.storage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.sundaya.messaging.broker.BrokerHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Messages a subscriber could not store, collected on the exchange and then published to {@code <topic>.dlq} with
 * headers that say why (Watermill's poison-queue idea): the reason, the route, the attempts made, and where the
 * message came from. The original body and key are kept, so a replay is the same message again.
 */
public final class DeadLetters {

    public static final String PROPERTY = "messaging.deadLetters";
    public static final String ROUTE_HEADER = "messaging.route";
    public static final String REASON = "dlq.reason";
    public static final String ROUTE = "dlq.route";
    public static final String ATTEMPTS = "dlq.attempts";
    public static final String SOURCE = "dlq.source";
    public static final String FAILED_AT = "dlq.failed-at";

    private DeadLetters() {
    }

    public static void add(Exchange exchange, Message original, String reason, int attempts) {
        Message dead = original.copy();
        dead.setHeader(REASON, reason);
        dead.setHeader(ROUTE, exchange.getMessage().getHeader(ROUTE_HEADER, String.class));
        dead.setHeader(ATTEMPTS, Integer.toString(attempts));
        Object source = original.getHeader(BrokerHeaders.SOURCE);
        dead.setHeader(SOURCE, source == null ? "" : source.toString());
        dead.setHeader(FAILED_AT, Instant.now().toString());
        dead.removeHeader(BrokerHeaders.SOURCE);
        of(exchange).add(dead);
    }

    @SuppressWarnings("unchecked")
    public static List<Message> of(Exchange exchange) {
        List<Message> list = exchange.getProperty(PROPERTY, List.class);
        if (list == null) {
            list = new ArrayList<>();
            exchange.setProperty(PROPERTY, list);
        }
        return list;
    }

    public static final String COUNT_HEADER = "messaging.deadLetterCount";
    /** Exchange property: the batch as consumed, kept so a batch that cannot be processed is dead-lettered whole. */
    public static final String CONSUMED_BATCH = "messaging.consumedBatch";

    /**
     * Last resort for a batch whose processing kept failing for a reason that is not an outage (retried already by
     * the error handler): every consumed message becomes a dead letter naming the failure, so none is lost when the
     * offsets move on.
     */
    @SuppressWarnings("unchecked")
    public static void wholeBatch(Exchange exchange, int redeliveries) {
        // called once the redelivery policy is exhausted, so every allowed redelivery was made
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        int attempts = 1 + redeliveries;
        List<Message> batch = exchange.getProperty(CONSUMED_BATCH, List.class);
        List<Message> dead = of(exchange);
        dead.clear();
        if (batch != null) {
            for (Message m : batch) {
                add(exchange, m, "batch failed: " + cause, attempts);
            }
        }
        prepareForPublish(exchange);
    }

    /** Makes the collected dead letters the body, ready for the broker sink, and counts them in a header. */
    public static void prepareForPublish(Exchange exchange) {
        List<Message> dead = of(exchange);
        exchange.getMessage().setBody(new ArrayList<>(dead));
        exchange.getMessage().setHeader(COUNT_HEADER, dead.size());
    }
}
