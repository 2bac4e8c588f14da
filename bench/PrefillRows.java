// Benchmark helper: fills a topic with N unique pms rows so the storage pipeline can be timed on a backlog.
//
//   java -cp 'target/classes:target/lib/*' bench/PrefillRows.java <bootstrap> <topic> <templates.jsonl> <N> [devices]
//
// The templates are real rows read back from the topic after posting the pms example once (one JSON per line).
// Row i is template i % templates with time_event set from i, so every row key <pms_id>|<pack_id>|<time_event>
// is unique and insert-if-absent really inserts it. pms_id cycles through a fleet of `devices` ids (default 64,
// PMS-90-000 ...) so the rows spread over every partition the way a fleet's readings do (the example has only
// two devices, which hash to two of the three partitions). time_processing is set to the send time, the key is pms_id
// (as the platform's ingest does), and the producer uses the platform's settings (acks=1, linger 5 ms, 64 KiB).
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

public class PrefillRows {

    private static final DateTimeFormatter EVENT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSS");
    private static final DateTimeFormatter PROCESSING = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS'0'");

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: PrefillRows <bootstrap> <topic> <templates.jsonl> <N> [devices]");
            System.exit(2);
        }
        String bootstrap = args[0];
        String topic = args[1];
        long n = Long.parseLong(args[3]);
        int devices = args.length > 4 ? Integer.parseInt(args[4]) : 64;
        ObjectMapper mapper = new ObjectMapper();
        List<ObjectNode> templates = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[2]))) {
            if (!line.isBlank()) {
                templates.add((ObjectNode) mapper.readTree(line));
            }
        }
        if (templates.isEmpty()) {
            throw new IllegalArgumentException("no template rows in " + args[2]);
        }
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "1");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "65536");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        // 2020-01-01 00:00:00 + i * 10 ms: distinct for every i, always in time_event's yyyy-MM-dd HH:mm:ss.SSSS form
        LocalDateTime base = LocalDateTime.of(2020, 1, 1, 0, 0);
        AtomicLong acked = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long start = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (long i = 0; i < n && failure.get() == null; i++) {
                ObjectNode row = templates.get((int) (i % templates.size())).deepCopy();
                row.put("pms_id", String.format("PMS-90-%03d", (i / templates.size()) % devices));
                row.put("time_event", base.plusNanos(i * 10_000_000L).format(EVENT));
                row.put("time_processing", LocalDateTime.now(ZoneOffset.UTC).format(PROCESSING));
                String key = row.get("pms_id").asText();
                producer.send(new ProducerRecord<>(topic, key, mapper.writeValueAsString(row)), (md, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    } else {
                        acked.incrementAndGet();
                    }
                });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        double s = (System.nanoTime() - start) / 1e9;
        System.out.printf("prefilled %d rows into %s in %.2f s (%.0f rows/s)%n", acked.get(), topic, s, acked.get() / s);
        if (acked.get() != n) {
            System.exit(1);
        }
    }
}
