// Benchmark baseline: the storage pipeline without Camel, the least any implementation has to do.
//
//   java -cp 'target/classes:target/lib/*' bench/RawPipeline.java <bootstrap> <topic> <bitsy-dir> <N> [timeout-s]
//        [fetch.max.wait.ms]
//
// One KafkaConsumer in its own group (max.poll.records=500, earliest), the platform's own
// com.sundaya.messaging.storage.BitsyRowRepository on a fresh directory, one insertIfAbsent per poll and a
// commitSync after it (offsets only after the batch is stored, like the platform). Stops once N rows went through.
// Every other consumer setting is Kafka's default, as in the platform's kafka-source kamelet; the optional last
// argument overrides fetch.max.wait.ms (default 500) to show how much of the time is the consumer waiting on a
// fetch for partitions that have run dry while others still hold a backlog (one fetch in flight per broker).
// Prints one machine-readable line: RAW rows=<n> inserted=<n> subscribe_to_n_s=<s> first_to_n_s=<s>
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sundaya.messaging.storage.BitsyRowRepository;
import com.sundaya.messaging.storage.StoredRow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

public class RawPipeline {

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: RawPipeline <bootstrap> <topic> <bitsy-dir> <N> [timeout-s] [fetch.max.wait.ms]");
            System.exit(2);
        }
        String topic = args[1];
        long n = Long.parseLong(args[3]);
        long timeoutNs = (args.length > 4 ? Long.parseLong(args[4]) : 300) * 1_000_000_000L;
        ObjectMapper mapper = new ObjectMapper();
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench.raw-pipeline." + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        if (args.length > 5) {
            p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, args[5]);
        }
        BitsyRowRepository repository = new BitsyRowRepository(Path.of(args[2]));
        long seen = 0;
        long inserted = 0;
        long first = 0;
        long start = System.nanoTime();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            while (seen < n) {
                if (System.nanoTime() - start > timeoutNs) {
                    System.err.printf("RawPipeline: timed out after %d of %d rows%n", seen, n);
                    System.exit(1);
                }
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(100));
                if (records.isEmpty()) {
                    continue;
                }
                if (first == 0) {
                    first = System.nanoTime();
                }
                List<StoredRow> rows = new ArrayList<>(records.count());
                for (ConsumerRecord<String, String> r : records) {
                    JsonNode row = mapper.readTree(r.value());
                    rows.add(StoredRow.of("pms_monitoring", row.get("pms_id").asText(),
                            row.get("pack_id").asText(), row.get("time_event").asText(), row.toString()));
                }
                inserted += repository.insertIfAbsent(rows);
                consumer.commitSync();
                seen += rows.size();
            }
        } finally {
            repository.close();
        }
        long end = System.nanoTime();
        System.out.printf("RAW rows=%d inserted=%d subscribe_to_n_s=%.3f first_to_n_s=%.3f%n",
                seen, inserted, (end - start) / 1e9, (end - first) / 1e9);
    }
}
