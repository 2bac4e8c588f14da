package com.sundaya.messaging.broker;

import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;

/**
 * Maps the broker-neutral batch onto camel-kafka's per-record headers, so the Kafka producer sends the whole batch
 * asynchronously and the exchange continues once every record is acknowledged (camel-kafka sends an iterable body
 * as one record per element).
 */
public final class KafkaBatchAdapter {

    private KafkaBatchAdapter() {
    }

    public static void toKafkaRecords(Exchange exchange) {
        Object topic = exchange.getMessage().removeHeader(BrokerHeaders.TOPIC);
        Object body = exchange.getMessage().getBody();
        if (!(body instanceof List<?> batch)) {
            return;
        }
        for (Object element : batch) {
            if (element instanceof Message m) {
                Object key = m.removeHeader(BrokerHeaders.KEY);
                if (key != null) {
                    m.setHeader(KafkaConstants.KEY, key);
                }
                if (topic != null) {
                    m.setHeader(KafkaConstants.OVERRIDE_TOPIC, topic);
                }
            }
        }
    }
}
