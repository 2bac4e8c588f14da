// Benchmark helper: prints up to <max> record values of a topic, from the beginning, one per line.
//
//   java -cp 'target/classes:target/lib/*' bench/TopicRows.java <bootstrap> <topic> <max> [timeout-s]
//
// Uses assign() + seekToBeginning and stops at the end offsets it found, so it needs no consumer group (and no
// group coordinator) and never waits for records that are not there.
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

public class TopicRows {

    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: TopicRows <bootstrap> <topic> <max> [timeout-s]");
            System.exit(2);
        }
        int max = Integer.parseInt(args[2]);
        long deadline = System.nanoTime() + (args.length > 3 ? Long.parseLong(args[3]) : 30) * 1_000_000_000L;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        int printed = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor(args[1], Duration.ofSeconds(20)).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (printed < max && System.nanoTime() < deadline
                    && partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (printed < max) {
                        System.out.println(r.value());
                        printed++;
                    }
                }
            }
        }
        System.err.printf("TopicRows: %d record(s) from %s%n", printed, args[1]);
        System.exit(printed > 0 ? 0 : 1);
    }
}
