package com.sundaya.messaging.dataset;

import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class NumbersTest {

    @ParameterizedTest(name = "round4({0}) = {1}")
    @CsvSource({
            "288.0, 288", "57.599999999999994, 57.6", "-87.84687, -87.8469", "0.00005, 0.0001", "-0.00005, -0.0001",
            // 2.00005 is 2.0000499999… in binary, so toFixed(4) gives 2.0000 where decimal rounding would give 2.0001
            "2.00005, 2.0", "0.00015, 0.0001", "1.00005, 1.0001", "-0.00001, 0", "-0.0, 0", "1e20, 1e20"})
    void should_round_to_four_decimals_from_the_binary_value(double x, double expected) {
        assertThat(Numbers.round4(x)).isEqualTo(expected);
        assertThat(Double.doubleToRawLongBits(Numbers.round4(x))).isNotEqualTo(Double.doubleToRawLongBits(-0.0));
    }

    @Test
    void should_match_big_decimal_rounding_on_random_values_of_every_magnitude() {
        SplittableRandom random = new SplittableRandom(20_000);
        for (int i = 0; i < 200_000; i++) {
            double magnitude = Math.pow(10, random.nextInt(-6, 12));
            double x = (random.nextDouble() - 0.5) * magnitude;
            if (i % 4 == 0) {
                // products of readings with few decimals, as the rows compute them, land near ties often
                x = Math.round(random.nextDouble(0, 100) * 1000) / 1000d * (Math.round(random.nextDouble(-50, 50) * 100) / 100d);
            }
            double expected = new BigDecimal(x).setScale(4, RoundingMode.HALF_UP).doubleValue();
            assertThat(Numbers.round4(x)).as("round4(%s)", x).isEqualTo(expected == 0 ? 0d : expected);
        }
    }

    @ParameterizedTest(name = "mV({0} - {1}) = {2}")
    @CsvSource({"3.92, 3.91, 10", "3.92, 3.92, 0", "3.793, 3.779, 14", "3.796, 3.779, 17", "3.78, 3.779, 1",
            "3.7795, 3.779, 1", "3.7794, 3.779, 0", "4.2, 2.5, 1700"})
    void should_compute_whole_millivolts_half_up(double v, double low, long expected) {
        assertThat(Numbers.millivoltsAbove(v, low)).isEqualTo(expected);
    }

    @Test
    void should_emit_integral_values_without_a_fraction_and_pass_readings_through() {
        assertThat(Numbers.node(288.0)).isEqualTo(IntNode.valueOf(288));
        assertThat(Numbers.node(-0.0)).isEqualTo(IntNode.valueOf(0));
        assertThat(Numbers.node(57.6)).isEqualTo(DoubleNode.valueOf(57.6));
        assertThat(Numbers.node(1e12)).isEqualTo(DoubleNode.valueOf(1e12));
        assertThat(Numbers.asSent(DoubleNode.valueOf(-0.0))).isEqualTo(IntNode.valueOf(0));
        assertThat(Numbers.asSent(DoubleNode.valueOf(48.0))).isEqualTo(DoubleNode.valueOf(48.0));
        assertThat(Numbers.asSent(TextNode.valueOf("x"))).isEqualTo(TextNode.valueOf("x"));
    }
}
