package com.sundaya.messaging.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static com.sundaya.messaging.dataset.TestData.firstItem;
import static com.sundaya.messaging.dataset.TestData.json;
import static com.sundaya.messaging.dataset.TestData.mutableExample;
import static com.sundaya.messaging.dataset.TestData.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The 400 rules of spec §2.5 and §3–§6, reported with every violation and its JSON path. */
class ValidationTest {

    private static final DatasetPipeline PMS = new DatasetPipeline(Dataset.PMS, AlarmThresholds.defaults());
    private static final DatasetPipeline MPPT = new DatasetPipeline(Dataset.MPPT, AlarmThresholds.defaults());
    private static final DatasetPipeline INVERTER = new DatasetPipeline(Dataset.INVERTER, AlarmThresholds.defaults());

    @Test
    void should_accept_every_example_request() {
        assertThatCode(() -> PMS.validate(TestData.exampleJson("pms.request.json"))).doesNotThrowAnyException();
        assertThatCode(() -> MPPT.validate(TestData.exampleJson("mppt.request.json"))).doesNotThrowAnyException();
        assertThatCode(() -> MPPT.validate(TestData.exampleJson("mppt.request.single.json")))
                .doesNotThrowAnyException();
        assertThatCode(() -> INVERTER.validate(TestData.exampleJson("inverter.request.json")))
                .doesNotThrowAnyException();
    }

    @Test
    void should_report_every_violation_with_its_path_not_just_the_first() {
        ObjectNode request = mutableExample("pms.request.json");
        ArrayNode data = (ArrayNode) request.get("datasets").get(0).get("data");
        ((ObjectNode) data.get(0).get("pack")).put("dock", 0);
        ((ObjectNode) data.get(1).get("pack")).remove("amps");
        ((ObjectNode) request.get("datasets").get(2).get("status")).put("code", "00G1");

        assertThat(violations(PMS, request)).extracting(Violation::target).containsExactlyInAnyOrder(
                "datasets[0].data[0].pack.dock", "datasets[0].data[1].pack.amps", "datasets[2].status.code");
        assertThat(violations(PMS, request)).extracting(Violation::message).allSatisfy(m -> assertThat(m).isNotBlank());
    }

    @Test
    void should_require_paired_arrays_of_equal_length() {
        ObjectNode mppt = mutableExample("mppt.request.json");
        ((ArrayNode) firstItem(mppt).get("pv").get("amps")).remove(1);
        ((ArrayNode) firstItem(mppt).get("load").get("amps")).remove(0);
        assertThat(violations(MPPT, mppt)).extracting(Violation::target)
                .containsExactly("datasets[0].data[0].pv.amps", "datasets[0].data[0].load.amps");
        assertThat(violations(MPPT, mppt).get(0).message()).contains("pv.volts (2)");

        ObjectNode inverter = mutableExample("inverter.request.json");
        ((ArrayNode) firstItem(inverter).get("grid").get("pf")).remove(2);
        ((ArrayNode) firstItem(inverter).get("grid").get("amps")).remove(2);
        assertThat(violations(INVERTER, inverter)).extracting(Violation::target)
                .containsExactly("datasets[0].data[0].grid.amps", "datasets[0].data[0].grid.pf");
    }

    @ParameterizedTest
    @ValueSource(strings = {"20200210T250006.032+0700", "20200230T150006.032+0700", "20210229T150006+0700",
            "20200210T156006+0700", "20200210T150060+0700", "20200210T150006+1900", "20200210T150006+0760",
            "00010101T000000+0100"})
    void should_refuse_times_that_are_not_real_instants(String time) {
        ObjectNode request = mutableExample("pms.request.json");
        firstItem(request).put("time_local", time);

        List<Violation> violations = violations(PMS, request);

        assertThat(violations).hasSize(1);
        assertThat(violations.get(0).target()).isEqualTo("datasets[0].data[0].time_local");
    }

    @ParameterizedTest
    @ValueSource(strings = {"20200210T150006.032", "20200210T150006.032Z", "20200210T150006Z",
            "2020-02-10T15:00:06.032+07:00", "20200210T150006.+0700", "20200210T150006.032+7", "20200210 150006+0700",
            "20200210T150006.032+0700 ", "20200210T150006.032+0700\n", ""})
    void should_refuse_times_without_a_numeric_offset_or_in_another_layout(String time) {
        ObjectNode request = mutableExample("pms.request.json");
        firstItem(request).put("time_local", time);

        List<Violation> violations = violations(PMS, request);

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.target()).isEqualTo("datasets[0].data[0].time_local");
            assertThat(v.message()).contains("numeric UTC offset");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"20200210T150006+0700", "20200210T150006.5+07:00", "20200210T150006.123456789-0330",
            "20200229T235959.999+0000", "20200210T150006-00:00"})
    void should_accept_the_contract_time_layouts(String time) {
        ObjectNode request = mutableExample("pms.request.json");
        firstItem(request).put("time_local", time);

        assertThatCode(() -> PMS.validate(request)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"01", "00001", "0x01", "+001", "00G1", "0001\n", "\uFF10001", ""})
    void should_refuse_status_codes_that_are_not_four_hex_digits(String code) {
        ObjectNode request = mutableExample("mppt.request.json");
        ((ObjectNode) request.get("datasets").get(1).get("status")).put("code", code);

        assertThat(violations(MPPT, request)).singleElement()
                .isEqualTo(new Violation("datasets[1].status.code", "must be exactly 4 hexadecimal digits"));
    }

    @Test
    void should_refuse_unknown_attributes() {
        ObjectNode request = mutableExample("pms.request.json");
        ((ObjectNode) firstItem(request).get("pack")).put("volts", 54.87);
        firstItem(request).put("status", "0001");
        ObjectNode mppt = mutableExample("mppt.request.json");
        ((ObjectNode) mppt.get("datasets").get(0).get("status")).put("temp", 40);

        assertThat(violations(PMS, request)).extracting(Violation::target)
                .containsExactlyInAnyOrder("datasets[0].data[0].pack.volts", "datasets[0].data[0].status");
        assertThat(violations(MPPT, mppt)).singleElement()
                .isEqualTo(new Violation("datasets[0].status.temp", "is not an allowed attribute"));
    }

    @Test
    void should_refuse_strings_for_numbers_and_numbers_for_ids() {
        ObjectNode request = mutableExample("pms.request.json");
        ObjectNode pack = (ObjectNode) firstItem(request).get("pack");
        pack.put("dock", "4");
        pack.put("id", 241);
        ((ArrayNode) pack.get("cell").get("volts")).set(0, json("\"3.92\""));

        assertThat(violations(PMS, request)).containsExactlyInAnyOrder(
                new Violation("datasets[0].data[0].pack.dock", "must be an integer, not a string"),
                new Violation("datasets[0].data[0].pack.id", "must be a string, not an integer"),
                new Violation("datasets[0].data[0].pack.cell.volts[0]", "must be a number, not a string"));
    }

    @Test
    void should_refuse_empty_ids() {
        ObjectNode request = mutableExample("mppt.request.json");
        ((ObjectNode) request.get("datasets").get(1)).put("mppt_id", "");

        assertThat(violations(MPPT, request)).singleElement()
                .isEqualTo(new Violation("datasets[1].mppt_id", "must not be empty"));
    }

    @Test
    void should_refuse_the_legacy_envelope() {
        JsonNode legacy = json("""
                {"pms": {"id": "PMS-01-001", "temp": 48.3},
                 "data": [{"time_local": "20200210T150006.032+0700", "status": "0001"}]}""");

        assertThat(violations(PMS, legacy)).extracting(Violation::target)
                .containsExactlyInAnyOrder("datasets", "pms", "data");
        assertThat(violations(PMS, legacy)).contains(new Violation("datasets", "is required"));
    }

    @Test
    void should_enforce_array_sizes_ranges_and_uniqueness() {
        ObjectNode request = mutableExample("pms.request.json");
        ObjectNode pack = (ObjectNode) firstItem(request).get("pack");
        ((ArrayNode) pack.get("cell").get("volts")).remove(13);
        arr(pack.get("cell"), "open").add(3).add(3).add(15);
        arr(pack.get("fet"), "open").removeAll().add(3);
        ((ArrayNode) pack.get("temp")).set(1, json("-0.5"));
        pack.put("dock", 49);

        assertThat(violations(PMS, request)).extracting(Violation::target).containsExactlyInAnyOrder(
                "datasets[0].data[0].pack.dock",
                "datasets[0].data[0].pack.temp[1]",
                "datasets[0].data[0].pack.cell.open",
                "datasets[0].data[0].pack.cell.open[2]",
                "datasets[0].data[0].pack.cell.volts",
                "datasets[0].data[0].pack.fet.open[0]");
    }

    @Test
    void should_accept_zero_readings_negative_load_current_and_power_factors_down_to_minus_one() {
        ObjectNode request = mutableExample("inverter.request.json");
        ObjectNode item = firstItem(request);
        arr(item.get("pv"), "volts").removeAll().add(0).add(0);
        arr(item.get("pv"), "amps").removeAll().add(0).add(0.0);
        arr(item.get("load"), "amps").removeAll().add(-1.2).add(1.2);
        arr(item.get("grid"), "pf").removeAll().add(-1).add(0).add(1);

        assertThatCode(() -> INVERTER.validate(request)).doesNotThrowAnyException();

        arr(item.get("grid"), "pf").set(2, json("1.01"));
        ((ObjectNode) item.get("battery")).put("volts", -1);
        assertThat(violations(INVERTER, request)).extracting(Violation::target).containsExactlyInAnyOrder(
                "datasets[0].data[0].grid.pf[2]", "datasets[0].data[0].battery.volts");
    }

    @Test
    void should_require_every_attribute() {
        ObjectNode request = mutableExample("inverter.request.json");
        ((ObjectNode) request.get("datasets").get(0)).remove("status");
        firstItem(request).remove("grid");
        ((ObjectNode) firstItem(request).get("battery")).remove("amps");

        assertThat(violations(INVERTER, request)).extracting(Violation::target).containsExactlyInAnyOrder(
                "datasets[0].status", "datasets[0].data[0].grid", "datasets[0].data[0].battery.amps");
    }

    @Test
    void should_accept_empty_datasets_and_data_as_a_no_op() {
        assertThat(TestData.process(Dataset.PMS, utf8("{\"datasets\": []}"), false)).isEmpty();
        assertThat(TestData.process(Dataset.MPPT,
                utf8("{\"datasets\": [{\"mppt_id\": \"M1\", \"status\": {\"code\": \"0001\"}, \"data\": []}]}"),
                false)).isEmpty();
    }

    @Test
    void should_refuse_numbers_too_large_for_a_double() {
        JsonNode request = PMS.parse(utf8(new String(TestData.example("pms.request.json"), java.nio.charset.StandardCharsets.UTF_8)
                .replaceFirst("-1\\.601", "-1e400")), false);

        assertThat(violations(PMS, request)).singleElement()
                .isEqualTo(new Violation("datasets[0].data[0].pack.amps", "must be a finite number"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "{", "{\"datasets\": []} trailing", "{\"datasets\": [], \"datasets\": []}",
            "{\"datasets\": [],}", "\u0000"})
    void should_refuse_bodies_that_are_not_one_json_document(String body) {
        InvalidDatasetException e = catchThrowableOfType(InvalidDatasetException.class,
                () -> PMS.parse(utf8(body), false));

        assertThat(e.violations()).singleElement().satisfies(v -> assertThat(v.target()).isEqualTo("body"));
        assertThat(e.violations().get(0).message()).doesNotContain("Source");
    }

    @Test
    void should_accept_a_utf8_byte_order_mark_before_json() {
        assertThat(PMS.parse(utf8("\uFEFF{\"datasets\": []}"), false)).isEqualTo(json("{\"datasets\": []}"));
    }

    @Test
    void should_refuse_invalid_utf8_and_name_a_non_object_root() {
        assertThat(catchThrowableOfType(InvalidDatasetException.class,
                () -> PMS.parse(new byte[]{'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'}, false))
                .violations()).extracting(Violation::target).containsExactly("body");
        assertThat(violations(PMS, json("[]"))).containsExactly(new Violation("body", "must be an object, not an array"));
        assertThat(violations(PMS, json("{\"datasets\": {}}")))
                .containsExactly(new Violation("datasets", "must be an array, not an object"));
    }

    private static ArrayNode arr(JsonNode parent, String field) {
        return (ArrayNode) parent.get(field);
    }

    private static List<Violation> violations(DatasetPipeline pipeline, JsonNode request) {
        InvalidDatasetException e = catchThrowableOfType(InvalidDatasetException.class,
                () -> pipeline.validate(request));
        assertThat(e).as("expected a violation").isNotNull();
        return e.violations();
    }
}
