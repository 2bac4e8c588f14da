package com.sundaya.messaging.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The MPPT bitmap of spec §5.2, including the hex examples taken from running the original. */
class StatusBitsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # code | bus  | input            | chgfet | chgfet_antirev | fet_antirev | input_current | load           | pv_input | charging     | system | standby
            0001   | true | normal           | ok     | ok             | ok          | ok            | ok             | ok       | not-charging | ok     | standby
            0801   | true | normal           | ok     | ok             | ok          | ok            | ok             | ok       | float        | ok     | standby
            FFFF   | true | input-volt-error | short  | short          | short       | overcurrent   | not-applicable | short    | equalisation | fault  | running
            ffff   | true | input-volt-error | short  | short          | short       | overcurrent   | not-applicable | short    | equalisation | fault  | running
            0000   | false| normal           | ok     | ok             | ok          | ok            | ok             | ok       | not-charging | ok     | standby
            0002   | false| high-volt-input  | ok     | ok             | ok          | ok            | ok             | ok       | not-charging | ok     | standby
            0004   | false| no-power         | ok     | ok             | ok          | ok            | ok             | ok       | not-charging | ok     | standby
            0006   | false| input-volt-error | ok     | ok             | ok          | ok            | ok             | ok       | not-charging | ok     | standby
            0008   | false| normal           | short  | ok             | ok          | ok            | ok             | ok       | not-charging | ok     | standby
            0010   | false| normal           | ok     | short          | ok          | ok            | ok             | ok       | not-charging | ok     | standby
            0020   | false| normal           | ok     | ok             | short       | ok            | ok             | ok       | not-charging | ok     | standby
            0040   | false| normal           | ok     | ok             | ok          | overcurrent   | ok             | ok       | not-charging | ok     | standby
            0080   | false| normal           | ok     | ok             | ok          | ok            | short          | ok       | not-charging | ok     | standby
            0100   | false| normal           | ok     | ok             | ok          | ok            | overcurrent    | ok       | not-charging | ok     | standby
            0180   | false| normal           | ok     | ok             | ok          | ok            | not-applicable | ok       | not-charging | ok     | standby
            0200   | false| normal           | ok     | ok             | ok          | ok            | ok             | short    | not-charging | ok     | standby
            0400   | false| normal           | ok     | ok             | ok          | ok            | ok             | ok       | boost        | ok     | standby
            0800   | false| normal           | ok     | ok             | ok          | ok            | ok             | ok       | float        | ok     | standby
            0C00   | false| normal           | ok     | ok             | ok          | ok            | ok             | ok       | equalisation | ok     | standby
            1000   | false| normal           | ok     | ok             | ok          | ok            | ok             | ok       | not-charging | fault  | standby
            2000   | false| normal           | ok     | ok             | ok          | ok            | ok             | ok       | not-charging | ok     | running
            C000   | false| normal           | ok     | ok             | ok          | ok            | ok             | ok       | not-charging | ok     | standby
            """)
    void should_decode_the_mppt_bitmap_from_the_spec_table(String code, boolean bus, String input, String chgfet,
            String chgfetAntirev, String fetAntirev, String inputCurrent, String load, String pvInput,
            String charging, String system, String standby) {
        ObjectNode status = JsonNodeFactory.instance.objectNode();
        StatusBits.decode(StatusBits.Kind.MPPT, code).writeTo(status);

        ObjectNode expected = JsonNodeFactory.instance.objectNode();
        expected.put("bus_connect", bus);
        expected.put("input", input);
        expected.put("chgfet", chgfet);
        expected.put("chgfet_antirev", chgfetAntirev);
        expected.put("fet_antirev", fetAntirev);
        expected.put("input_current", inputCurrent);
        expected.put("load", load);
        expected.put("pv_input", pvInput);
        expected.put("charging", charging);
        expected.put("system", system);
        expected.put("standby", standby);
        assertThat(status).isEqualTo(expected);
        assertThat(TestData.fieldPaths(status)).containsExactlyElementsOf(TestData.fieldPaths(expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"0001, true", "FFFF, true", "0000, false", "FFFE, false"})
    void should_decode_only_bus_connect_for_pms_and_inverter(String code, boolean bus) {
        ObjectNode status = JsonNodeFactory.instance.objectNode();
        StatusBits.decode(StatusBits.Kind.BUS_ONLY, code).writeTo(status);

        assertThat(status.size()).isEqualTo(1);
        JsonNode value = status.get("bus_connect");
        assertThat(value.booleanValue()).isEqualTo(bus);
    }
}
