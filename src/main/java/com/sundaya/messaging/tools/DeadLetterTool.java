package com.sundaya.messaging.tools;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Lists and replays dead letters. {@code list} prints every message of a {@code <topic>.dlq} with its reason;
 * {@code replay} publishes each not-yet-replayed dead letter back to its original topic (same key and body) and
 * remembers how far it got in consumer group {@code dlq-replay.<topic>}, so running it twice replays nothing twice.
 *
 * <pre>
 * java -cp 'target/sundaya-messaging.jar:target/lib/*' com.sundaya.messaging.tools.DeadLetterTool \
 *      list|replay monitoring.pms.dlq [bootstrap-servers]
 * </pre>
 */
public final class DeadLetterTool {

    private static final String SUFFIX = ".dlq";

    private DeadLetterTool() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || !(args[0].equals("list") || args[0].equals("replay")) || !args[1].endsWith(SUFFIX)) {
            System.err.println("usage: DeadLetterTool list|replay <topic>.dlq [bootstrap-servers, default 127.0.0.1:9092]");
            System.exit(2);
        }
        String bootstrap = args.length > 2 ? args[2] : "127.0.0.1:9092";
        int n = args[0].equals("list") ? list(bootstrap, args[1], System.out) : replay(bootstrap, args[1], System.out);
        System.out.println(n + " message(s)");
    }

    public static int list(String bootstrap, String dlqTopic, PrintStream out) {
        try (KafkaConsumer<String, String> consumer = consumer(bootstrap, null)) {
            List<ConsumerRecord<String, String>> records = readToEnd(consumer, dlqTopic, true);
            for (ConsumerRecord<String, String> r : records) {
                out.printf("%d/%d key=%s reason=%s route=%s attempts=%s source=%s%n  %s%n", r.partition(), r.offset(),
                        r.key(), header(r, "dlq.reason"), header(r, "dlq.route"), header(r, "dlq.attempts"),
                        header(r, "dlq.source"), r.value());
            }
            return records.size();
        }
    }

    public static int replay(String bootstrap, String dlqTopic, PrintStream out) throws Exception {
        String target = dlqTopic.substring(0, dlqTopic.length() - SUFFIX.length());
        try (KafkaConsumer<String, String> consumer = consumer(bootstrap, "dlq-replay." + dlqTopic);
             KafkaProducer<String, String> producer = producer(bootstrap)) {
            List<ConsumerRecord<String, String>> records = readToEnd(consumer, dlqTopic, false);
            for (ConsumerRecord<String, String> r : records) {
                producer.send(new ProducerRecord<>(target, r.key(), r.value())).get(30, TimeUnit.SECONDS);
                consumer.commitSync(Map.of(new TopicPartition(r.topic(), r.partition()),
                        new OffsetAndMetadata(r.offset() + 1)));
                out.printf("replayed %d/%d key=%s to %s%n", r.partition(), r.offset(), r.key(), target);
            }
            return records.size();
        }
    }

    private static List<ConsumerRecord<String, String>> readToEnd(KafkaConsumer<String, String> consumer, String topic,
                                                                  boolean fromBeginning) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new java.util.HashSet<>(partitions));
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata c = committed.get(tp);
                if (c == null) {
                    consumer.seekToBeginning(List.of(tp));
                } else {
                    consumer.seek(tp, c.offset());
                }
            }
        }
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return records;
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static KafkaConsumer<String, String> consumer(String bootstrap, String group) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        if (group != null) {
            p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        return new KafkaConsumer<>(p);
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p);
    }
}
