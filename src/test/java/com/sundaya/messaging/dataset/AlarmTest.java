package com.sundaya.messaging.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static com.sundaya.messaging.dataset.TestData.firstItem;
import static com.sundaya.messaging.dataset.TestData.mutableExample;
import static org.assertj.core.api.Assertions.assertThat;

/** The alarm codes of design.md §3, each from a reading crafted to raise it. */
class AlarmTest {

    @Test
    void should_raise_no_alarm_for_the_examples() {
        for (String[] example : new String[][]{{"pms", "pms.request.json"}, {"mppt", "mppt.request.json"},
                {"inverter", "inverter.request.json"}, {"pms", "pms.request.csv"}}) {
            Dataset dataset = Dataset.fromPath(example[0]).orElseThrow();
            List<Row> rows = TestData.process(dataset, TestData.example(example[1]), example[1].endsWith(".csv"));
            assertThat(rows).as(example[1]).allSatisfy(r -> assertThat(r.row().get("alarms")).isEmpty());
        }
    }

    @Test
    void should_not_treat_the_controller_temperature_as_a_pack_temperature() {
        ObjectNode request = mutableExample("pms.request.json");
        ((ObjectNode) request.get("datasets").get(0).get("status")).put("temp", 99.0);

        assertThat(pmsAlarms(request)).isEmpty();
    }

    @ParameterizedTest(name = "cells {0}/{1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            2.95 | 2.95 | CELL_UNDER_VOLT
            3.0  | 3.0  |
            4.25 | 4.25 | CELL_OVER_VOLT
            4.2  | 4.2  |
            3.92 | 3.86 | CELL_IMBALANCE
            3.92 | 3.87 |
            2.9  | 4.3  | CELL_UNDER_VOLT CELL_OVER_VOLT CELL_IMBALANCE
            """)
    void should_raise_cell_alarms(double most, double last, String expected) {
        ObjectNode request = mutableExample("pms.request.json");
        ArrayNode volts = (ArrayNode) firstItem(request).get("pack").get("cell").get("volts");
        for (int i = 0; i < 14; i++) {
            volts.set(i, i == 13 ? last : most);
        }

        assertThat(pmsAlarms(request)).containsExactlyElementsOf(codes(expected));
    }

    @ParameterizedTest(name = "pack {0}/{1}/{2}, fet {3} -> {4}")
    @CsvSource(delimiter = '|', textBlock = """
            35 | 33 | 45   | 34 |
            35 | 33 | 45.1 | 34 | PACK_OVER_TEMP_WARN
            55 | 33 | 34   | 34 | PACK_OVER_TEMP_WARN
            35 | 56 | 46   | 34 | PACK_OVER_TEMP
            35 | 33 | 34   | 80 |
            35 | 33 | 34   | 81 | FET_OVER_TEMP
            60 | 33 | 34   | 90 | PACK_OVER_TEMP FET_OVER_TEMP
            """)
    void should_raise_only_the_highest_pack_temperature_alarm(double top, double mid, double bottom, double fet,
            String expected) {
        ObjectNode request = mutableExample("pms.request.json");
        ObjectNode pack = (ObjectNode) firstItem(request).get("pack");
        ((ArrayNode) pack.get("temp")).removeAll().add(top).add(mid).add(bottom);
        ((ArrayNode) pack.get("fet").get("temp")).set(1, fet);

        assertThat(pmsAlarms(request)).containsExactlyElementsOf(codes(expected));
    }

    @Test
    void should_raise_each_code_once_in_declaration_order() {
        ObjectNode request = mutableExample("pms.request.json");
        ((ObjectNode) request.get("datasets").get(0).get("status")).put("code", "0000");
        ObjectNode pack = (ObjectNode) firstItem(request).get("pack");
        ((ArrayNode) pack.get("fet").get("temp")).removeAll().add(95).add(85);
        ((ArrayNode) pack.get("temp")).removeAll().add(60).add(58).add(57);
        ArrayNode volts = (ArrayNode) pack.get("cell").get("volts");
        for (int i = 0; i < 14; i++) {
            volts.set(i, i % 2 == 0 ? 2.5 : 4.5);
        }

        assertThat(pmsAlarms(request)).containsExactly("CELL_UNDER_VOLT", "CELL_OVER_VOLT", "CELL_IMBALANCE",
                "PACK_OVER_TEMP", "FET_OVER_TEMP", "BUS_FAULT");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0001 |
            0000 | BUS_FAULT
            0003 | PV_INPUT_FAULT
            0005 | PV_INPUT_FAULT
            0007 | PV_INPUT_FAULT
            0009 | CHARGER_FET_SHORT
            0011 | CHARGER_FET_SHORT
            0021 | CHARGER_FET_SHORT
            0041 |
            0081 | LOAD_FAULT
            0101 | LOAD_FAULT
            0181 |
            0201 | PV_SHORT
            0C01 |
            1001 | SYSTEM_FAULT
            2001 |
            FFFE | BUS_FAULT PV_INPUT_FAULT CHARGER_FET_SHORT PV_SHORT SYSTEM_FAULT
            """)
    void should_raise_mppt_status_alarms(String code, String expected) {
        ObjectNode request = mutableExample("mppt.request.single.json");
        ((ObjectNode) request.get("datasets").get(0).get("status")).put("code", code);

        assertThat(alarms(Dataset.MPPT, request).get(0)).containsExactlyElementsOf(codes(expected));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0001 |
            FFFF |
            0000 | BUS_FAULT
            FFFE | BUS_FAULT
            """)
    void should_raise_only_bus_fault_for_inverters(String code, String expected) {
        ObjectNode request = mutableExample("inverter.request.json");
        ((ObjectNode) request.get("datasets").get(0).get("status")).put("code", code);

        assertThat(alarms(Dataset.INVERTER, request).get(0)).containsExactlyElementsOf(codes(expected));
    }

    @Test
    void should_use_configured_thresholds() {
        ObjectNode request = mutableExample("pms.request.json");
        AlarmThresholds strict = new AlarmThresholds(3.95, 4.2, 5, 30, 34.5, 34);

        List<Row> rows = new DatasetPipeline(Dataset.PMS, strict).process(
                TestData.utf8(request.toString()), false, "S000", TestData.RECEIVED);

        assertThat(rows.get(0).row().get("alarms")).extracting(JsonNode::textValue)
                .containsExactly("CELL_UNDER_VOLT", "CELL_IMBALANCE", "PACK_OVER_TEMP", "FET_OVER_TEMP");
    }

    private static List<String> pmsAlarms(ObjectNode request) {
        return alarms(Dataset.PMS, request).get(0);
    }

    private static List<List<String>> alarms(Dataset dataset, ObjectNode request) {
        List<List<String>> out = new ArrayList<>();
        for (Row r : TestData.process(dataset, TestData.utf8(request.toString()), false)) {
            List<String> codes = new ArrayList<>();
            r.row().get("alarms").forEach(a -> codes.add(a.textValue()));
            out.add(codes);
        }
        return out;
    }

    private static List<String> codes(String spaceSeparated) {
        return spaceSeparated == null ? List.of() : List.of(spaceSeparated.trim().split("\\s+"));
    }
}
