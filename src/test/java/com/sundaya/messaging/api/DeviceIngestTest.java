package com.sundaya.messaging.api;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sundaya.messaging.support.Examples;
import com.sundaya.messaging.support.Http;
import com.sundaya.messaging.support.JsonAssertions;
import com.sundaya.messaging.support.PlatformTestSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The device API end to end on the embedded default: a real KRaft broker inside the platform, read back with an
 * independent Kafka consumer. Topics start empty (fresh data directory), and each test reads only what it added.
 */
class DeviceIngestTest extends PlatformTestSupport {

    @Test
    void should_answer_each_shared_example_with_the_documented_body() {
        for (String dataset : List.of("pms", "mppt", "inverter")) {
            Http.Response r = postDataset(dataset, Examples.bytes(dataset + ".request.json"), "application/json");
            assertThat(r.status()).as(dataset).isEqualTo(200);
            assertThat(r.json()).as(dataset).isEqualTo(Examples.json(dataset + ".200.response.json"));
            assertThat(r.header("Content-Type")).startsWith("application/json");
            assertThat(r.header("x-api-key")).as("the key is never echoed").isNull();
        }
    }

    @Test
    void should_publish_one_message_per_pms_row_keyed_by_device_with_the_worked_values() {
        var before = kafka().mark("monitoring.pms");
        Http.Response r = postDataset("pms", Examples.bytes("pms.request.json"), "application/json; charset=utf-8");
        assertThat(r.status()).isEqualTo(200);

        List<ConsumerRecord<String, String>> records = newRecords("monitoring.pms", before);
        assertThat(records).hasSize(16);
        assertThat(records).extracting(ConsumerRecord::key).containsOnly("PMS-01-001", "PMS-01-002");
        assertThat(records).filteredOn(rec -> rec.key().equals("PMS-01-001")).hasSize(8);
        records.forEach(rec -> assertThat(json(rec.value()).get("pms_id").asText()).isEqualTo(rec.key()));

        JsonNode first = rowOf(records, "PMS-01-001", "0241", "2020-02-10 08:00:06.0320");
        assertThat(first.at("/pack/volts").asDouble()).isEqualTo(54.87);
        assertThat(first.at("/pack/amps").asDouble()).isEqualTo(-1.601);
        assertThat(first.at("/pack/watts").asDouble()).isEqualTo(-87.8469);
        assertThat(first.at("/pack/vcl").asDouble()).isEqualTo(3.91);
        assertThat(first.at("/pack/vch").asDouble()).isEqualTo(3.92);
        assertThat(first.at("/cell/0/dvcl").asInt()).isEqualTo(10);
        assertThat(first.at("/cell/13/dvcl").asInt()).isEqualTo(0);
        assertThat(first.at("/fet/1/temp").asDouble()).as("FET 2 keeps its own temperature").isEqualTo(32.2);
        assertThat(first.at("/status/bus_connect").asBoolean()).isTrue();
        assertThat(first.get("time_zone").asText()).isEqualTo("+07:00");
        assertThat(first.get("sender").asText()).isEqualTo("S000");
        assertThat(first.get("alarms").isArray()).isTrue();

        JsonNode second = rowOf(records, "PMS-01-001", "0242", "2020-02-10 08:00:06.0320");
        assertThat(second.at("/pack/volts").asDouble()).isEqualTo(54.88);
        assertThat(second.at("/pack/watts").asDouble()).isEqualTo(-87.8629);
        assertThat(second.at("/cell/0/open").asBoolean()).isTrue();
        assertThat(second.at("/cell/5/open").asBoolean()).isTrue();
        assertThat(second.at("/cell/1/open").asBoolean()).isFalse();
    }

    @Test
    void should_turn_the_single_mppt_example_into_the_golden_row() {
        var before = kafka().mark("monitoring.mppt");
        Http.Response r = http.post("/devices/dataset/mppt", Examples.bytes("mppt.request.single.json"),
                "x-api-key", STAGE_KEY, "Content-Type", "application/json");
        assertThat(r.status()).isEqualTo(200);

        List<ConsumerRecord<String, String>> records = newRecords("monitoring.mppt", before);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).key()).isEqualTo("IT6415AD-01-012");
        ObjectNode row = (ObjectNode) json(records.get(0).value());
        ObjectNode golden = (ObjectNode) Examples.json("mppt.monitoring.json");
        assertThat(row.get("time_processing").asText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}0");
        assertThat(row.remove("alarms")).isEmpty();
        JsonAssertions.assertSameValue(golden, row, Set.of("time_processing"));
    }

    @Test
    void should_publish_inverter_rows_with_per_phase_grid_watts() {
        var before = kafka().mark("monitoring.inverter");
        assertThat(postDataset("inverter", Examples.bytes("inverter.request.json"), "application/json").status())
                .isEqualTo(200);
        List<ConsumerRecord<String, String>> records = newRecords("monitoring.inverter", before);
        assertThat(records).hasSize(4);
        assertThat(records).extracting(ConsumerRecord::key).containsOnly("SPI-B2-01-001", "SPI-B2-01-002");
        JsonNode row = json(records.get(0).value());
        assertThat(row.get("grid")).hasSize(3);
        row.get("grid").forEach(phase -> assertThat(phase.get("watts").asDouble()).isEqualTo(30.5949));
        assertThat(row.at("/pv/0/watts").asDouble()).isEqualTo(288.0);
        assertThat(row.at("/load/0/watts").asDouble()).isEqualTo(57.6);
    }

    @Test
    void should_accept_the_pms_csv_variant() {
        var before = kafka().mark("monitoring.pms");
        Http.Response r = postDataset("pms", Examples.bytes("pms.request.csv"), "text/csv; charset=utf-8");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<ConsumerRecord<String, String>> records = newRecords("monitoring.pms", before);
        assertThat(records).hasSize(2);
        JsonNode row2 = rowOf(records, "25", "269", "2019-08-20 05:00:00.0000");
        assertThat(row2.at("/pack/volts").asDouble()).isEqualTo(53.064);
        assertThat(row2.at("/pack/watts").asDouble()).isEqualTo(-68.9832);
        assertThat(row2.at("/fet/0/open").asBoolean()).isTrue();
        assertThat(row2.at("/fet/1/open").asBoolean()).isFalse();
        assertThat(row2.at("/fet/1/temp").asDouble()).isEqualTo(39.0);
    }

    @Test
    void should_answer_empty_datasets_with_200_and_publish_nothing() {
        long before = kafka().endOffsetSum("monitoring.mppt");
        assertThat(postDataset("mppt", "{\"datasets\":[]}".getBytes(), "application/json").status()).isEqualTo(200);
        assertThat(kafka().endOffsetSum("monitoring.mppt")).isEqualTo(before);
    }

    @Test
    void should_create_every_monitoring_topic_with_three_partitions_and_a_dead_letter_topic() throws Exception {
        for (String topic : List.of("monitoring.pms", "monitoring.mppt", "monitoring.inverter")) {
            assertThat(kafka().partitionCount(topic)).as(topic).isEqualTo(3);
            assertThat(kafka().partitionCount(topic + ".dlq")).as(topic + ".dlq").isEqualTo(3);
        }
    }

    @Test
    void should_report_ready_when_routes_and_broker_are_up() {
        Http.Response ready = http.get("/observe/health/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("status").asText()).isEqualTo("UP");
        assertThat(ready.body()).contains("\"broker\"");
    }

    private List<ConsumerRecord<String, String>> newRecords(String topic, Map<Integer, Long> mark) {
        return kafka().readSince(topic, mark);
    }

    private static JsonNode rowOf(List<ConsumerRecord<String, String>> records, String device, String pack,
                                  String timeEvent) {
        return records.stream().map(rec -> json(rec.value()))
                .filter(j -> j.get("pms_id").asText().equals(device) && j.get("pack_id").asText().equals(pack)
                        && j.get("time_event").asText().equals(timeEvent))
                .findFirst().orElseThrow(() -> new AssertionError("no row " + device + "/" + pack + "/" + timeEvent));
    }

    static JsonNode json(String text) {
        try {
            return Examples.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(text, e);
        }
    }
}
