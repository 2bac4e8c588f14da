package com.sundaya.messaging.broker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.DefaultKafkaManualCommit;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;

/**
 * Maps between camel-kafka's records and the broker-neutral batch of {@link BrokerHeaders}. Publishing: the Kafka
 * producer sends an iterable body as one record per element, asynchronously, and continues the exchange once every
 * record is acknowledged. Consuming: a polled batch becomes the neutral batch, and its offsets are committed only
 * after the route that consumed it has finished (rows stored), per partition at the highest processed offset.
 */
public final class KafkaBatchAdapter {

    /** Exchange property holding the polled Kafka exchanges until their offsets are committed. */
    public static final String POLLED_BATCH = "messaging.kafka.polledBatch";

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

    public static void fromKafkaRecords(Exchange exchange) {
        List<?> polled = exchange.getMessage().getBody(List.class);
        List<Message> batch = new ArrayList<>(polled == null ? 0 : polled.size());
        if (polled != null) {
            for (Object element : polled) {
                // the record's own message is handed on (no copy per row); only the neutral headers are added
                Message record = ((Exchange) element).getMessage();
                record.setHeader(BrokerHeaders.KEY, record.getHeader(KafkaConstants.KEY));
                record.setHeader(BrokerHeaders.SOURCE, record.getHeader(KafkaConstants.TOPIC) + "/"
                        + record.getHeader(KafkaConstants.PARTITION) + "/" + record.getHeader(KafkaConstants.OFFSET));
                batch.add(record);
            }
        }
        exchange.setProperty(POLLED_BATCH, polled);
        exchange.getMessage().setBody(batch);
    }

    /**
     * The route did not finish the batch: seeks each of its partitions back to the batch's first record, so the
     * next poll delivers it again. Without this camel-kafka's batching consumer would go on past the batch, and the
     * next successful commit would cover records that were never stored.
     */
    public static void rewindUnprocessed(Exchange exchange) {
        List<?> polled = exchange.getProperty(POLLED_BATCH, List.class);
        if (polled == null || polled.isEmpty()) {
            return;
        }
        Map<Integer, DefaultKafkaManualCommit> firstPerPartition = new HashMap<>();
        for (Object element : polled) {
            Message record = ((Exchange) element).getMessage();
            Object commit = record.getHeader(KafkaConstants.MANUAL_COMMIT);
            if (commit instanceof DefaultKafkaManualCommit c) {
                firstPerPartition.merge(c.getPartition().partition(), c,
                        (a, b) -> a.getRecordOffset() <= b.getRecordOffset() ? a : b);
            }
        }
        for (DefaultKafkaManualCommit first : firstPerPartition.values()) {
            first.getConsumer().seek(first.getPartition(), first.getRecordOffset());
        }
    }

    /** Commits, for each partition of the batch, the offset after its last record. */
    public static void commitProcessed(Exchange exchange) {
        List<?> polled = exchange.getProperty(POLLED_BATCH, List.class);
        if (polled == null || polled.isEmpty()) {
            return;
        }
        Map<Integer, KafkaManualCommit> lastPerPartition = new HashMap<>();
        Map<Integer, Long> highest = new HashMap<>();
        for (Object element : polled) {
            Message record = ((Exchange) element).getMessage();
            Integer partition = record.getHeader(KafkaConstants.PARTITION, Integer.class);
            Long offset = record.getHeader(KafkaConstants.OFFSET, Long.class);
            KafkaManualCommit commit = record.getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class);
            if (commit != null && offset >= highest.getOrDefault(partition, -1L)) {
                highest.put(partition, offset);
                lastPerPartition.put(partition, commit);
            }
        }
        lastPerPartition.values().forEach(KafkaManualCommit::commit);
    }
}
