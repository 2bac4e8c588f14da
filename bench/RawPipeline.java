// Benchmark baseline: the storage pipeline without Camel, the least any implementation has to do, with the
// platform's own settings.
//
//   java -cp 'target/classes:target/lib/*' bench/RawPipeline.java <bootstrap> <topic> <bitsy-dir> <N> <timeout-s>
//        <application.properties>
//
// The consumer and the repository are set up as the platform sets up its kafka-source kamelet and its Bitsy
// repository, with the values read from the platform's application.properties:
//   - one KafkaConsumer in its own group, auto.offset.reset=earliest, no auto commit,
//     max.poll.records = messaging.kafka.consumer.max-poll-records, fetch.max.wait.ms =
//     messaging.kafka.consumer.fetch-max-wait-ms, session.timeout.ms = messaging.kafka.consumer.session-timeout-ms,
//     heartbeat.interval.ms=1000 (as in the kamelet), poll(messaging.kafka.consumer.poll-timeout-ms);
//   - com.sundaya.messaging.storage.BitsyRowRepository on a fresh directory with
//     Tuning(messaging.bitsy.tx-log-threshold-bytes, messaging.bitsy.reorg-factor);
//   - per poll: the key fields of each row read with a streaming parser and the row text stored as published
//     (like the platform's row check), one insertIfAbsent, then commitSync (offsets only after the batch is stored).
// Stops once N rows went through.
// Prints one machine-readable line:
//   RAW rows=<n> inserted=<n> subscribe_to_n_s=<s> first_to_n_s=<s> settings=<k=v,...>
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.sundaya.messaging.storage.BitsyRowRepository;
import com.sundaya.messaging.storage.StoredRow;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

public class RawPipeline {

    public static void main(String[] args) throws Exception {
        if (args.length < 6) {
            System.err.println("usage: RawPipeline <bootstrap> <topic> <bitsy-dir> <N> <timeout-s> <application.properties>");
            System.exit(2);
        }
        String topic = args[1];
        long n = Long.parseLong(args[3]);
        long timeoutNs = Long.parseLong(args[4]) * 1_000_000_000L;
        Properties platform = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of(args[5]))) {
            platform.load(r);
        }
        String maxPollRecords = setting(platform, "messaging.kafka.consumer.max-poll-records");
        String fetchMaxWaitMs = setting(platform, "messaging.kafka.consumer.fetch-max-wait-ms");
        String sessionTimeoutMs = setting(platform, "messaging.kafka.consumer.session-timeout-ms");
        long pollTimeoutMs = Long.parseLong(setting(platform, "messaging.kafka.consumer.poll-timeout-ms"));
        long txLogThreshold = Long.parseLong(setting(platform, "messaging.bitsy.tx-log-threshold-bytes"));
        double reorgFactor = Double.parseDouble(setting(platform, "messaging.bitsy.reorg-factor"));

        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench.raw-pipeline." + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, fetchMaxWaitMs);
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, sessionTimeoutMs);
        p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "1000");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        String settings = String.join(",",
                "max.poll.records=" + maxPollRecords, "fetch.max.wait.ms=" + fetchMaxWaitMs,
                "poll.ms=" + pollTimeoutMs, "auto.offset.reset=earliest", "commit=sync-after-store",
                "bitsy.tx-log-threshold-bytes=" + txLogThreshold, "bitsy.reorg-factor=" + BigDecimal.valueOf(reorgFactor).stripTrailingZeros().toPlainString());

        JsonFactory json = new JsonFactory();
        BitsyRowRepository repository = new BitsyRowRepository(Path.of(args[2]),
                new BitsyRowRepository.Tuning(txLogThreshold, reorgFactor));
        long seen = 0;
        long inserted = 0;
        long first = 0;
        long start = System.nanoTime();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            Duration poll = Duration.ofMillis(pollTimeoutMs);
            while (seen < n) {
                if (System.nanoTime() - start > timeoutNs) {
                    System.err.printf("RawPipeline: timed out after %d of %d rows%n", seen, n);
                    System.exit(1);
                }
                ConsumerRecords<String, String> records = consumer.poll(poll);
                if (records.isEmpty()) {
                    continue;
                }
                if (first == 0) {
                    first = System.nanoTime();
                }
                List<StoredRow> rows = new ArrayList<>(records.count());
                for (ConsumerRecord<String, String> r : records) {
                    Map<String, String> f = keyFields(json, r.value());
                    rows.add(StoredRow.of("pms_monitoring", f.get("pms_id"), f.get("pack_id"), f.get("time_event"),
                            r.value()));
                }
                inserted += repository.insertIfAbsent(rows);
                consumer.commitSync();
                seen += rows.size();
            }
        } finally {
            repository.close();
        }
        long end = System.nanoTime();
        System.out.printf("RAW rows=%d inserted=%d subscribe_to_n_s=%.3f first_to_n_s=%.3f settings=%s%n",
                seen, inserted, (end - start) / 1e9, (end - first) / 1e9, settings);
    }

    private static String setting(Properties platform, String key) {
        String v = platform.getProperty(key);
        if (v == null || v.isBlank() || v.contains("{{")) {
            throw new IllegalArgumentException("application.properties: no plain value for " + key + ": " + v);
        }
        return v.strip();
    }

    /** pms_id, pack_id and time_event of one row; every token is read, no tree is built. */
    private static Map<String, String> keyFields(JsonFactory json, String text) throws IOException {
        Map<String, String> fields = new HashMap<>(4);
        try (JsonParser parser = json.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object: " + text);
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    parser.skipChildren();
                } else if (value == JsonToken.VALUE_STRING
                        && (name.equals("pms_id") || name.equals("pack_id") || name.equals("time_event"))) {
                    fields.put(name, parser.getText());
                }
            }
        }
        return fields;
    }
}
