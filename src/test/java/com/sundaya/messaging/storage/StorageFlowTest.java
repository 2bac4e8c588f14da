package com.sundaya.messaging.storage;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.sundaya.messaging.support.Examples;
import com.sundaya.messaging.support.Http;
import com.sundaya.messaging.support.PlatformTestSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.camel.spi.Registry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Subscribers and Storage on the embedded default: rows posted to the API show up in the repository through the
 * read-back, once each however often they are delivered; poison goes to the dead-letter topic with its reason while
 * the flow goes on; a repository outage delays rows without losing any. The repository is the real Bitsy behind a
 * switch the test can turn off.
 */
class StorageFlowTest extends PlatformTestSupport {

    private OutageSwitchRepository repository;

    @Override
    protected void bindBeforePlatform(Registry registry) {
        repository = new OutageSwitchRepository(new BitsyRowRepository(dataDir.resolve("bitsy")));
        registry.bind("analyticsRepository", repository);
        RowCheck check = new RowCheck();
        // a defect that only shows on some input: the consumer step throws for rows of this device
        registry.bind("storageCheck", (org.apache.camel.Processor) exchange -> {
            List<?> batch = exchange.getMessage().getBody(List.class);
            if (batch.stream().anyMatch(m -> ((org.apache.camel.Message) m).getBody(String.class).contains("DEFECT-01"))) {
                exchange.setProperty(DeadLetters.CONSUMED_BATCH, batch);
                throw new IllegalStateException("defect triggered");
            }
            check.process(exchange);
        });
    }

    @Override
    protected void platformProperties(Properties p) {
        p.put("messaging.storage.retry-delay-ms", "100");
        p.put("messaging.storage.retry-max-delay-ms", "500");
    }

    @Test
    void should_store_the_shared_examples_once_however_often_they_are_posted() throws Exception {
        for (String dataset : List.of("pms", "mppt", "inverter")) {
            assertThat(postDataset(dataset, Examples.bytes(dataset + ".request.json"), "application/json").status())
                    .isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(readBack("pms_monitoring", "PMS-01-001")).hasSize(8);
            assertThat(readBack("pms_monitoring", "PMS-01-002")).hasSize(8);
            assertThat(readBack("mppt_monitoring", "IT6415AD-01-001")).hasSize(2);
            assertThat(readBack("inverter_monitoring", "SPI-B2-01-002")).hasSize(2);
        });
        JsonNode newest = readBack("pms_monitoring", "PMS-01-001").get(0);
        assertThat(newest.get("time_event").asText()).isEqualTo("2020-02-10 08:00:16.0320");
        JsonNode first = readBack("pms_monitoring", "PMS-01-001").findValues("pack_id").isEmpty() ? null
                : rowWith(readBack("pms_monitoring", "PMS-01-001"), "0241", "2020-02-10 08:00:06.0320");
        assertThat(first.at("/pack/volts").asDouble()).isEqualTo(54.87);
        assertThat(first.at("/pack/watts").asDouble()).isEqualTo(-87.8469);
        assertThat(readBack("inverter_monitoring", "SPI-B2-01-002").get(0).at("/grid/0/watts").asDouble())
                .isEqualTo(30.5949);

        long pmsRows = repository.count("pms_monitoring");
        long mpptRows = repository.count("mppt_monitoring");
        for (String dataset : List.of("pms", "mppt", "inverter")) {
            assertThat(postDataset(dataset, Examples.bytes(dataset + ".request.json"), "application/json").status())
                    .isEqualTo(200);
        }
        awaitConsumed("group.monitoring.pms", "monitoring.pms");
        awaitConsumed("group.monitoring.mppt", "monitoring.mppt");
        assertThat(repository.count("pms_monitoring")).isEqualTo(pmsRows);
        assertThat(readBack("pms_monitoring", "PMS-01-001")).hasSize(8);
        assertThat(repository.count("mppt_monitoring")).isEqualTo(mpptRows);
    }

    @Test
    void should_have_a_consumer_group_per_dataset() throws Exception {
        try (Admin admin = admin()) {
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(
                    admin.listConsumerGroups().all().get(5, TimeUnit.SECONDS).stream()
                            .map(ConsumerGroupListing::groupId).toList())
                    .contains("group.monitoring.pms", "group.monitoring.mppt", "group.monitoring.inverter"));
        }
    }

    @Test
    void should_dead_letter_a_poison_message_with_its_reason_and_keep_consuming() throws Exception {
        var dlqMark = kafka().mark("monitoring.mppt.dlq");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("monitoring.mppt", "POISON-1", "{not json")).get();
        }
        String later = mpptReading("POISON-TEST-01", "20211111T101010.000+0700");
        assertThat(postDataset("mppt", later.getBytes(StandardCharsets.UTF_8), "application/json").status())
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(
                () -> assertThat(readBack("mppt_monitoring", "POISON-TEST-01")).hasSize(1));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(
                () -> assertThat(kafka().readSince("monitoring.mppt.dlq", dlqMark)).hasSize(1));
        List<ConsumerRecord<String, String>> dead = kafka().readSince("monitoring.mppt.dlq", dlqMark);
        ConsumerRecord<String, String> letter = dead.get(0);
        assertThat(letter.key()).isEqualTo("POISON-1");
        assertThat(letter.value()).isEqualTo("{not json");
        assertThat(header(letter, "dlq.reason")).contains("invalid row").contains("not JSON");
        assertThat(header(letter, "dlq.route")).isEqualTo("mppt-monitoring-storage");
        assertThat(header(letter, "dlq.attempts")).isEqualTo("1");
        assertThat(header(letter, "dlq.source")).startsWith("monitoring.mppt/");
    }

    @Test
    void should_delay_rows_during_a_repository_outage_and_lose_none() throws Exception {
        var dlqMark = kafka().mark("monitoring.inverter.dlq");
        repository.goDown();
        try {
            String reading = new String(Examples.bytes("inverter.request.json"), StandardCharsets.UTF_8)
                    .replace("SPI-B2-01-00", "OUTAGE-");
            assertThat(postDataset("inverter", reading.getBytes(StandardCharsets.UTF_8), "application/json").status())
                    .as("the API does not depend on the repository").isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> repository.failedInserts() >= 3);
            assertThat(readBack("inverter_monitoring", "OUTAGE-1")).isEmpty();
            assertThat(committedLag("group.monitoring.inverter", "monitoring.inverter"))
                    .as("nothing is committed while the rows are not stored").isPositive();
        } finally {
            repository.comeBack();
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(readBack("inverter_monitoring", "OUTAGE-1")).hasSize(2);
            assertThat(readBack("inverter_monitoring", "OUTAGE-2")).hasSize(2);
        });
        awaitConsumed("group.monitoring.inverter", "monitoring.inverter");
        assertThat(kafka().readSince("monitoring.inverter.dlq", dlqMark)).as("an outage is not poison").isEmpty();
    }

    @Test
    void should_dead_letter_a_row_the_repository_keeps_rejecting_and_replay_it_once_fixed() throws Exception {
        var dlqMark = kafka().mark("monitoring.mppt.dlq");
        repository.reject("REJECTED-01");
        try {
            String rejected = mpptReading("REJECTED-01", "20211212T101010.000+0700");
            String accepted = mpptReading("ACCEPTED-01", "20211212T101010.000+0700");
            assertThat(postDataset("mppt", rejected.getBytes(StandardCharsets.UTF_8), "application/json").status())
                    .isEqualTo(200);
            assertThat(postDataset("mppt", accepted.getBytes(StandardCharsets.UTF_8), "application/json").status())
                    .isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(
                    () -> assertThat(kafka().readSince("monitoring.mppt.dlq", dlqMark)).hasSize(1));
            ConsumerRecord<String, String> letter = kafka().readSince("monitoring.mppt.dlq", dlqMark).get(0);
            assertThat(letter.key()).isEqualTo("REJECTED-01");
            assertThat(header(letter, "dlq.reason")).contains("constraint violated by device REJECTED-01");
            assertThat(header(letter, "dlq.attempts")).isEqualTo("3");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(
                    () -> assertThat(readBack("mppt_monitoring", "ACCEPTED-01")).hasSize(1));
            assertThat(readBack("mppt_monitoring", "REJECTED-01")).isEmpty();
        } finally {
            repository.acceptAll();
        }

        java.io.ByteArrayOutputStream listing = new java.io.ByteArrayOutputStream();
        com.sundaya.messaging.tools.DeadLetterTool.list(bootstrapServers(), "monitoring.mppt.dlq",
                new java.io.PrintStream(listing, true, StandardCharsets.UTF_8));
        assertThat(listing.toString(StandardCharsets.UTF_8)).contains("key=REJECTED-01")
                .contains("reason=repository rejected the row");
        java.io.ByteArrayOutputStream replayed = new java.io.ByteArrayOutputStream();
        com.sundaya.messaging.tools.DeadLetterTool.replay(bootstrapServers(), "monitoring.mppt.dlq",
                new java.io.PrintStream(replayed, true, StandardCharsets.UTF_8));
        assertThat(replayed.toString(StandardCharsets.UTF_8)).contains("key=REJECTED-01 to monitoring.mppt");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(
                () -> assertThat(readBack("mppt_monitoring", "REJECTED-01")).hasSize(1));
        // a poison message from another test may bounce back to the DLQ when replayed; this row must not
        java.io.ByteArrayOutputStream again = new java.io.ByteArrayOutputStream();
        com.sundaya.messaging.tools.DeadLetterTool.replay(bootstrapServers(), "monitoring.mppt.dlq",
                new java.io.PrintStream(again, true, StandardCharsets.UTF_8));
        assertThat(again.toString(StandardCharsets.UTF_8)).as("a replayed letter is not replayed twice")
                .doesNotContain("key=REJECTED-01");
    }

    @Test
    void should_retry_a_batch_that_fails_unexpectedly_then_dead_letter_it_and_go_on() {
        var dlqMark = kafka().mark("monitoring.pms.dlq");
        String defect = new String(Examples.bytes("pms.request.csv"), StandardCharsets.UTF_8).replace("\n25,", "\nDEFECT-01,");
        assertThat(postDataset("pms", defect.getBytes(StandardCharsets.UTF_8), "text/csv").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(
                () -> assertThat(kafka().readSince("monitoring.pms.dlq", dlqMark)).hasSize(2));
        List<ConsumerRecord<String, String>> dead = kafka().readSince("monitoring.pms.dlq", dlqMark);
        assertThat(dead).extracting(ConsumerRecord::key).containsOnly("DEFECT-01");
        assertThat(header(dead.get(0), "dlq.reason")).contains("batch failed").contains("defect triggered");
        assertThat(header(dead.get(0), "dlq.attempts")).isEqualTo("4");

        String later = new String(Examples.bytes("pms.request.csv"), StandardCharsets.UTF_8).replace("\n25,", "\nAFTER-DEFECT,");
        assertThat(postDataset("pms", later.getBytes(StandardCharsets.UTF_8), "text/csv").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(
                () -> assertThat(readBack("pms_monitoring", "AFTER-DEFECT")).hasSize(2));
    }

    @Test
    void should_require_an_api_key_for_the_read_back() {
        Http.Response r = http.get("/analytics/pms_monitoring?id=PMS-01-001");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().at("/details/0/target").asText()).isEqualTo("x-api-key");
        assertThat(http.get("/analytics/nothing?id=X", "x-api-key", API_KEY).status()).isEqualTo(404);
        assertThat(http.get("/analytics/pms_monitoring", "x-api-key", API_KEY).status()).isEqualTo(400);
    }

    private JsonNode readBack(String table, String device) {
        Http.Response r = http.get("/analytics/" + table + "?id=" + device + "&limit=100", "x-api-key", API_KEY);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static JsonNode rowWith(JsonNode rows, String pack, String timeEvent) {
        for (JsonNode row : rows) {
            if (row.get("pack_id").asText().equals(pack) && row.get("time_event").asText().equals(timeEvent)) {
                return row;
            }
        }
        throw new AssertionError("no row " + pack + " at " + timeEvent);
    }

    static String mpptReading(String device, String timeLocal) {
        return new String(Examples.bytes("mppt.request.single.json"), StandardCharsets.UTF_8)
                .replace("IT6415AD-01-012", device).replace("20200209T150006.032+0700", timeLocal);
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, (Object) bootstrapServers()));
    }

    /** Records published to the topic but not yet committed by the group. */
    private long committedLag(String group, String topic) throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
            Set<TopicPartition> partitions = Set.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1),
                    new TopicPartition(topic, 2));
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS);
            long lag = 0;
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata c = committed.get(tp);
                lag += ends.get(tp).offset() - (c == null ? 0 : c.offset());
            }
            return lag;
        }
    }

    private void awaitConsumed(String group, String topic) {
        await().atMost(Duration.ofSeconds(15)).until(() -> committedLag(group, topic) == 0);
    }
}
