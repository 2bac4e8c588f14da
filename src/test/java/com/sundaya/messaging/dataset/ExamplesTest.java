package com.sundaya.messaging.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static com.sundaya.messaging.dataset.TestData.assertSameValue;
import static com.sundaya.messaging.dataset.TestData.example;
import static com.sundaya.messaging.dataset.TestData.exampleJson;
import static com.sundaya.messaging.dataset.TestData.fieldPaths;
import static com.sundaya.messaging.dataset.TestData.json;
import static com.sundaya.messaging.dataset.TestData.process;
import static org.assertj.core.api.Assertions.assertThat;

/** The spec's example requests through the whole pipeline, against the worked values of spec §9. */
class ExamplesTest {

    @Test
    void should_turn_the_single_mppt_request_into_exactly_the_golden_row() {
        List<Row> rows = new DatasetPipeline(Dataset.MPPT, AlarmThresholds.defaults())
                .process(example("mppt.request.single.json"), false, "STAGE001", TestData.RECEIVED);

        assertThat(rows).hasSize(1);
        ObjectNode row = rows.get(0).row();
        assertSameValue(exampleJson("mppt.monitoring.json"), row, Set.of("time_processing", "alarms"));
        assertThat(fieldPaths(row)).containsExactlyElementsOf(
                concat(fieldPaths(exampleJson("mppt.monitoring.json")), "alarms"));
        assertThat(row.get("alarms")).isEmpty();
        assertThat(rows.get(0).deviceId()).isEqualTo("IT6415AD-01-012");
        assertThat(rows.get(0).rowKey()).isEqualTo("IT6415AD-01-012||2020-02-09 08:00:06.0320");
    }

    @Test
    void should_fan_the_pms_example_out_into_16_rows_in_request_order() {
        List<Row> rows = process(Dataset.PMS, example("pms.request.json"), false);

        assertThat(rows).hasSize(16);
        assertThat(rows).extracting(r -> r.row().get("pack_id").textValue()).containsExactly(
                "0241", "0242", "0243", "0244", "0245", "0246", "0247", "0248",
                "0241", "0242", "0243", "0244", "0245", "0246", "0247", "0248");
        assertThat(rows).extracting(Row::deviceId).containsSequence("PMS-01-001", "PMS-01-001", "PMS-01-001",
                "PMS-01-001", "PMS-01-002");
        assertThat(rows.get(0).rowKey()).isEqualTo("PMS-01-001|0241|2020-02-10 08:00:06.0320");
        assertThat(rows).extracting(r -> r.row().get("time_processing").textValue())
                .containsOnly("2020-02-23 03:30:02.9760");
        assertThat(rows).allSatisfy(r -> assertThat(r.row().get("alarms")).isEmpty());
        // pms.monitoring.json is illustrative only (spec §9.2): it fixes the shape, not the values
        assertThat(fieldPaths(rows.get(0).row()))
                .containsExactlyElementsOf(concat(fieldPaths(exampleJson("pms.monitoring.json")), "alarms"));
    }

    @Test
    void should_compute_the_worked_values_of_the_first_pms_row() {
        JsonNode row = process(Dataset.PMS, example("pms.request.json"), false).get(0).row();

        assertSameValue(json("""
                {"volts": 54.87, "amps": -1.601, "watts": -87.8469, "vcl": 3.91, "vch": 3.92, "dock": 1,
                 "temp_top": 35, "temp_mid": 33, "temp_bottom": 34}"""), row.get("pack"), Set.of());
        assertThat(row.get("cell")).hasSize(14);
        for (int i = 0; i < 13; i++) {
            assertSameValue(json("{\"volts\": 3.92, \"dvcl\": 10, \"open\": false}"), row.get("cell").get(i), Set.of());
        }
        assertSameValue(json("{\"volts\": 3.91, \"dvcl\": 0, \"open\": false}"), row.get("cell").get(13), Set.of());
        assertThat(row.get("cell").get(0).get("dvcl").isIntegralNumber()).isTrue();
        // FET 2 from its own index: the original repeated FET 1 (spec §10.1)
        assertSameValue(json("[{\"open\": true, \"temp\": 34.1}, {\"open\": true, \"temp\": 32.2}]"),
                row.get("fet"), Set.of());
        assertSameValue(json("{\"bus_connect\": true, \"temp\": 48.3}"), row.get("status"), Set.of());
        assertThat(row.get("pms_id").textValue()).isEqualTo("PMS-01-001");
        assertThat(row.get("sender").textValue()).isEqualTo("S000");
        assertThat(row.get("time_event").textValue()).isEqualTo("2020-02-10 08:00:06.0320");
        assertThat(row.get("time_zone").textValue()).isEqualTo("+07:00");
    }

    @Test
    void should_compute_the_worked_values_of_the_second_pms_row() {
        JsonNode row = process(Dataset.PMS, example("pms.request.json"), false).get(1).row();

        assertThat(row.get("pack").get("volts").doubleValue()).isEqualTo(54.88);
        assertThat(row.get("pack").get("watts").doubleValue()).isEqualTo(-87.8629);
        assertThat(row.get("pack").get("vcl").doubleValue()).isEqualTo(3.92);
        assertThat(row.get("pack").get("vch").doubleValue()).isEqualTo(3.92);
        assertThat(row.get("cell")).extracting(c -> c.get("dvcl").intValue()).containsOnly(0);
        assertThat(row.get("cell")).extracting(c -> c.get("open").booleanValue())
                .containsExactly(true, false, false, false, false, true, false, false, false, false, false, false,
                        false, false);
    }

    @Test
    void should_convert_the_pms_csv_example_into_two_rows_of_one_dataset() {
        List<Row> rows = process(Dataset.PMS, example("pms.request.csv"), true);

        assertThat(rows).hasSize(2);
        assertThat(rows).extracting(Row::rowKey).containsExactly(
                "25|269|2019-08-20 04:59:00.0000", "25|269|2019-08-20 05:00:00.0000");

        JsonNode first = rows.get(0).row();
        assertThat(first.get("pack").get("volts").doubleValue()).isEqualTo(53.075);
        assertThat(first.get("pack").get("watts").doubleValue()).isEqualTo(-68.9975);
        assertThat(first.get("pack").get("vch").doubleValue()).isEqualTo(3.797);
        assertSameValue(json("[{\"open\": true, \"temp\": 30}, {\"open\": true, \"temp\": 29}]"),
                first.get("fet"), Set.of());

        JsonNode second = rows.get(1).row();
        assertSameValue(json("""
                {"volts": 53.064, "amps": -1.3, "watts": -68.9832, "vcl": 3.779, "vch": 3.796, "dock": 6,
                 "temp_top": 41, "temp_mid": 39, "temp_bottom": 34}"""), second.get("pack"), Set.of());
        assertThat(second.get("cell")).extracting(c -> c.get("dvcl").intValue())
                .containsExactly(14, 17, 1, 9, 14, 16, 13, 17, 9, 0, 12, 16, 6, 14);
        assertThat(second.get("cell")).extracting(c -> c.get("open").booleanValue()).containsOnly(false);
        assertSameValue(json("[{\"open\": true, \"temp\": 43}, {\"open\": false, \"temp\": 39}]"),
                second.get("fet"), Set.of());
        assertSameValue(json("{\"bus_connect\": true, \"temp\": 48.3}"), second.get("status"), Set.of());
        assertThat(second.get("pack_id").textValue()).isEqualTo("269");
        assertThat(second.get("time_event").textValue()).isEqualTo("2019-08-20 05:00:00.0000");
        assertThat(second.get("time_zone").textValue()).isEqualTo("+07:00");
    }

    @Test
    void should_split_three_phase_grid_power_per_phase() {
        List<Row> rows = process(Dataset.INVERTER, example("inverter.request.json"), false);

        assertThat(rows).hasSize(4);
        assertThat(rows).extracting(Row::deviceId)
                .containsExactly("SPI-B2-01-001", "SPI-B2-01-001", "SPI-B2-01-002", "SPI-B2-01-002");
        for (Row r : rows) {
            assertThat(r.row().get("grid")).hasSize(3)
                    .extracting(g -> g.get("watts").doubleValue()).containsOnly(30.5949);
            assertThat(r.row().get("status").size()).isEqualTo(1);
            assertThat(r.row().get("alarms")).isEmpty();
        }
        // inverter.monitoring.json's grid watts are the original's defect (spec §9.4): compare all but those
        JsonNode doc = exampleJson("inverter.monitoring.json");
        assertSameValue(doc, rows.get(3).row(), Set.of("grid", "sender", "time_processing", "alarms", "time_event"));
        assertThat(fieldPaths(rows.get(3).row())).containsExactlyElementsOf(concat(fieldPaths(doc), "alarms"));
    }

    @Test
    void should_give_four_mppt_rows_for_the_two_controller_example() {
        List<Row> rows = process(Dataset.MPPT, example("mppt.request.json"), false);

        assertThat(rows).extracting(r -> r.row().get("time_event").textValue()).containsExactly(
                "2020-02-09 08:00:06.0320", "2020-02-09 08:00:16.0220",
                "2020-02-09 08:00:07.0320", "2020-02-09 08:00:17.0220");
    }

    private static List<String> concat(List<String> paths, String extra) {
        return IntStream.rangeClosed(0, paths.size())
                .mapToObj(i -> i < paths.size() ? paths.get(i) : extra).toList();
    }
}
