package com.sundaya.messaging.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import static com.sundaya.messaging.dataset.TestData.assertSameValue;
import static com.sundaya.messaging.dataset.TestData.json;
import static com.sundaya.messaging.dataset.TestData.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The CSV variant of spec §4.3. */
class PmsCsvTest {

    private static final DatasetPipeline PMS = new DatasetPipeline(Dataset.PMS, AlarmThresholds.defaults());
    private static final String EXAMPLE = new String(TestData.example("pms.request.csv"), StandardCharsets.UTF_8);
    private static final String HEADER = EXAMPLE.lines().findFirst().orElseThrow();
    private static final String ROW1 = EXAMPLE.lines().skip(1).findFirst().orElseThrow();
    private static final String ROW2 = EXAMPLE.lines().skip(2).findFirst().orElseThrow();

    @Test
    void should_convert_the_example_into_the_json_request_tree() {
        JsonNode tree = PMS.parse(TestData.example("pms.request.csv"), true);

        assertSameValue(json("""
                {"datasets": [{"pms_id": "25", "status": {"code": "0001", "temp": 48.3}, "data": [
                  {"time_local": "20190820T115900.000+0700", "pack": {"id": "269", "dock": 6, "amps": -1.3,
                    "temp": [33, 32, 31],
                    "cell": {"open": [], "volts": [3.793, 3.796, 3.78, 3.788, 3.797, 3.795, 3.792, 3.796, 3.788,
                                                   3.779, 3.795, 3.795, 3.788, 3.793]},
                    "fet": {"open": [1, 2], "temp": [30, 29]}}},
                  {"time_local": "20190820T120000.000+0700", "pack": {"id": "269", "dock": 6, "amps": -1.3,
                    "temp": [41, 39, 34],
                    "cell": {"open": [], "volts": [3.793, 3.796, 3.78, 3.788, 3.793, 3.795, 3.792, 3.796, 3.788,
                                                   3.779, 3.791, 3.795, 3.785, 3.793]},
                    "fet": {"open": [1], "temp": [43, 39]}}}]}]}"""), tree, Set.of());
        assertThat(tree.get("datasets").get(0).get("status").get("code").isTextual()).isTrue();
    }

    @Test
    void should_tolerate_a_bom_crlf_blank_lines_and_surrounding_whitespace() {
        String body = "\uFEFF\r\n" + HEADER + "\r\n\r\n  \r\n" + ROW1 + "\r\n\r\n" + ROW2 + "\r\n\n  \n";

        assertThat(rows(body)).isEqualTo(rows(EXAMPLE));
    }

    @Test
    void should_match_columns_by_name_in_any_order() {
        String body = reverseColumns(HEADER) + "\n" + reverseColumns(ROW1) + "\n" + reverseColumns(ROW2);

        assertThat(rows(body)).isEqualTo(rows(EXAMPLE));
    }

    @Test
    void should_group_runs_of_one_pms_id_and_take_status_from_the_first_row_of_each_run() {
        String run2 = ROW2.replaceFirst("^25,0001,48.3", "25,0000,not-a-number");
        String other = ROW1.replaceFirst("^25,0001,48.3", " 26 ,0000,40");
        String back = ROW2.replaceFirst("^25,0001,48.3", "25,0001,41");
        JsonNode tree = PMS.parse(utf8(String.join("\n", HEADER, ROW1, run2, other, back)), true);

        JsonNode datasets = tree.get("datasets");
        assertThat(datasets).extracting(d -> d.get("pms_id").textValue()).containsExactly("25", "26", "25");
        assertThat(datasets).extracting(d -> d.get("data").size()).containsExactly(2, 1, 1);
        assertThat(datasets).extracting(d -> d.get("status").get("code").textValue())
                .containsExactly("0001", "0000", "0001");
        assertThat(datasets).extracting(d -> d.get("status").get("temp").doubleValue())
                .containsExactly(48.3, 40.0, 41.0);
    }

    @Test
    void should_read_open_columns_as_per_position_flags() {
        List<String> header = Arrays.asList(HEADER.split(",", -1));
        String[] row = ROW2.split(",", -1);
        row[header.indexOf("cell.open.3")] = "6";
        row[header.indexOf("cell.open.14")] = "1";
        row[header.indexOf("cell.open.7")] = "0";
        row[header.indexOf("fet.open.1")] = "";
        row[header.indexOf("fet.open.2")] = "1";

        JsonNode pack = PMS.parse(utf8(HEADER + "\n" + String.join(",", row)), true)
                .get("datasets").get(0).get("data").get(0).get("pack");

        assertThat(pack.get("cell").get("open")).isEqualTo(json("[3, 14]"));
        assertThat(pack.get("fet").get("open")).isEqualTo(json("[2]"));
    }

    @Test
    void should_keep_ids_and_status_codes_as_text_and_allow_quoted_fields() {
        String row = ROW1.replaceFirst("^25,0001,48.3,20190820T115900.000\\+0700,269",
                "\"PMS \"\"A\"\", 25\",0001,48.3,20190820T115900.000+0700,0241");

        JsonNode dataset = PMS.parse(utf8(HEADER + "\n" + row), true).get("datasets").get(0);

        assertThat(dataset.get("pms_id").textValue()).isEqualTo("PMS \"A\", 25");
        assertThat(dataset.get("status").get("code").textValue()).isEqualTo("0001");
        assertThat(dataset.get("data").get(0).get("pack").get("id").textValue()).isEqualTo("0241");
    }

    @Test
    void should_accept_a_header_without_rows_as_a_no_op() {
        assertThat(rows(HEADER + "\n")).isEmpty();
    }

    @Test
    void should_name_every_missing_unknown_or_duplicate_column() {
        String header = HEADER.replace("pack.amps", "pack.current").replace("fet.open.2", "fet.open.1");

        assertThat(violations(header + "\n" + ROW1)).containsExactly(
                new Violation("csv.header", "duplicate column fet.open.1"),
                new Violation("csv.header", "missing column pack.amps"),
                new Violation("csv.header", "missing column fet.open.2"),
                new Violation("csv.header", "unknown column pack.current"));
    }

    @Test
    void should_name_line_and_column_of_unparseable_values() {
        List<String> header = Arrays.asList(HEADER.split(",", -1));
        String[] row = ROW2.split(",", -1);
        row[header.indexOf("pack.amps")] = "-1;3";
        row[header.indexOf("pack.dock")] = "6.5";
        row[header.indexOf("cell.volts.2")] = "";
        row[header.indexOf("fet.temp.1")] = "NaN";
        row[header.indexOf("cell.open.2")] = "yes";

        assertThat(violations(HEADER + "\n" + ROW1 + "\n\n" + String.join(",", row))).containsExactlyInAnyOrder(
                new Violation("csv.line[4].pack.amps", "\"-1;3\" is not a decimal number"),
                new Violation("csv.line[4].pack.dock", "\"6.5\" is not an integer"),
                new Violation("csv.line[4].cell.volts.2", "is empty; a number is required"),
                new Violation("csv.line[4].fet.temp.1", "\"NaN\" is not a decimal number"),
                new Violation("csv.line[4].cell.open.2", "\"yes\" is not a flag: 1 means open, 0 or empty means closed"));
    }

    @Test
    void should_name_lines_with_the_wrong_number_of_fields() {
        String shortRow = ROW1.substring(0, ROW1.lastIndexOf(','));

        assertThat(violations(HEADER + "\n" + shortRow + "\n" + ROW2 + ",1"))
                .containsExactly(new Violation("csv.line[2]", "has 41 fields, the header has 42"),
                        new Violation("csv.line[3]", "has 43 fields, the header has 42"));
    }

    @Test
    void should_number_physical_lines_across_crlf_cr_leading_blank_lines_and_quoted_line_breaks() {
        List<String> header = Arrays.asList(HEADER.split(",", -1));
        String[] bad = ROW2.split(",", -1);
        bad[header.indexOf("pack.amps")] = "x";
        // lines: 1 CRLF, 2 blank LF, 3 header, 4-5 a row whose quoted pms_id holds a line break, 6 empty CR, 7 bad
        String body = "\r\n  \n" + HEADER + "\r\n\"25\r\n\"" + ROW1.substring(2) + "\r\r" + String.join(",", bad)
                + "\n" + ROW2 + ",1";

        assertThat(violations(body)).containsExactly(
                new Violation("csv.line[7].pack.amps", "\"x\" is not a decimal number"),
                new Violation("csv.line[8]", "has 43 fields, the header has 42"));
    }

    @Test
    void should_report_what_was_found_before_a_syntax_error() {
        String badRow = ROW1.replaceFirst(",-1.3,", ",?,");

        assertThat(violations(HEADER + "\n" + badRow + "\n\n\"25,0001")).extracting(Violation::target)
                .containsExactly("csv.line[2].pack.amps", "csv.line[4]");
    }

    @Test
    void should_refuse_empty_bodies_broken_quotes_and_invalid_utf8() {
        assertThat(violations("\uFEFF \n\n")).containsExactly(new Violation("csv.header", "a header row is required"));
        assertThat(violations(HEADER + "\n\"25,0001")).extracting(Violation::target).containsExactly("csv.line[2]");
        assertThat(violations(HEADER + "\n\"25\"x,0001")).extracting(Violation::target).containsExactly("csv.line[2]");
        assertThat(catchThrowableOfType(InvalidDatasetException.class,
                () -> PMS.parse(new byte[]{'a', (byte) 0xFF}, true)).violations())
                .containsExactly(new Violation("body", "is not valid UTF-8"));
    }

    @Test
    void should_apply_the_json_rules_after_conversion() {
        String row = ROW1.replaceFirst(",269,6,", ",269,0,").replaceFirst("\\+0700", "Z");
        JsonNode tree = PMS.parse(utf8(HEADER + "\n" + row), true);

        InvalidDatasetException e = catchThrowableOfType(InvalidDatasetException.class, () -> PMS.validate(tree));

        assertThat(e.violations()).extracting(Violation::target)
                .containsExactlyInAnyOrder("datasets[0].data[0].pack.dock", "datasets[0].data[0].time_local");
    }

    private static List<Row> rows(String csv) {
        return TestData.process(Dataset.PMS, utf8(csv), true);
    }

    private static List<Violation> violations(String csv) {
        return catchThrowableOfType(InvalidDatasetException.class, () -> PMS.parse(utf8(csv), true)).violations();
    }

    private static String reverseColumns(String line) {
        List<String> fields = new ArrayList<>(Arrays.asList(line.split(",", -1)));
        Collections.reverse(fields);
        return String.join(",", fields);
    }
}
