package com.sundaya.messaging.broker;

/**
 * The broker-neutral publish contract between routes and broker sink kamelets: the exchange body is a list of
 * messages (one per row, JSON text), each carrying its partition key in {@link #KEY}; the exchange names the
 * destination in {@link #TOPIC}. Each sink kamelet maps these onto its broker's own headers.
 */
public final class BrokerHeaders {

    public static final String KEY = "messaging.key";
    public static final String TOPIC = "messaging.topic";

    private BrokerHeaders() {
    }
}
