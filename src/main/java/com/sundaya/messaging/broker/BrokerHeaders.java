package com.sundaya.messaging.broker;

/**
 * The broker-neutral contract between routes and broker kamelets. Publishing: the exchange body is a list of
 * messages (one per row, JSON text), each with its partition key in {@link #KEY}; the exchange names the
 * destination in {@link #TOPIC}. Consuming: a source kamelet delivers such a list, each message also naming where
 * it came from in {@link #SOURCE}, and acknowledges the batch to its broker only when the route has finished.
 */
public final class BrokerHeaders {

    public static final String KEY = "messaging.key";
    public static final String TOPIC = "messaging.topic";
    /** Where a consumed message came from, e.g. {@code monitoring.pms/2/1234} (topic/partition/offset). */
    public static final String SOURCE = "messaging.source";

    private BrokerHeaders() {
    }
}
