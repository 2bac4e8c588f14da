package com.sundaya.messaging.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class TimeLocalTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "20200210T150006.032+0700, 2020-02-10 08:00:06.0320, +07:00",
            "20200210T150006.032+07:00, 2020-02-10 08:00:06.0320, +07:00",
            "20200210T150006+0700, 2020-02-10 08:00:06.0000, +07:00",
            "20200210T150006.5+0700, 2020-02-10 08:00:06.5000, +07:00",
            "20200210T150006.123999-0330, 2020-02-10 18:30:06.1230, -03:30",
            "20200101T010000.000+0200, 2019-12-31 23:00:00.0000, +02:00",
            "20190820T115900.000+0700, 2019-08-20 04:59:00.0000, +07:00",
            "20200210T150006-0000, 2020-02-10 15:00:06.0000, -00:00"})
    void should_convert_local_time_to_utc_keeping_the_written_offset(String local, String event, String zone) {
        TimeLocal t = TimeLocal.parse(local);

        assertThat(t.timeEvent()).isEqualTo(event);
        assertThat(t.zone()).isEqualTo(zone);
    }

    @Test
    void should_format_processing_time_in_the_row_format_truncating_below_milliseconds() {
        assertThat(TimeLocal.format(Instant.parse("2020-02-23T03:30:02.976999Z"))).isEqualTo("2020-02-23 03:30:02.9760");
        assertThat(TimeLocal.format(Instant.parse("0999-01-02T03:04:05Z"))).isEqualTo("0999-01-02 03:04:05.0000");
    }

    /** The JDK's {@code $} also matches before a final line break, which the parser (rightly) refuses. */
    @Test
    void should_accept_exactly_what_the_schema_pattern_accepts_apart_from_a_final_line_break() {
        Pattern pattern = Pattern.compile(TimeLocal.PATTERN);
        List<String> samples = List.of("20200210T150006.032+0700", "20200210T150006+07:00", "20200210T150006.1-0000",
                "20200210T150006.032", "20200210T150006Z", "20200210T150006.+0700", "20200210T150006.032+07:0",
                "20200210T150006.032+070", "20200210T150006.032+07000", "20200210t150006+0700", "2020021T150006+0700",
                "20200210T15006+0700", "20200210T150006+07-00", "x20200210T150006+0700",
                "٢٠٢٠0210T150006+0700", "");
        for (String s : samples) {
            boolean syntaxOk;
            try {
                TimeLocal.parse(s);
                syntaxOk = true;
            } catch (TimeLocal.Invalid e) {
                syntaxOk = !e.syntax();
            }
            assertThat(syntaxOk).as(s).isEqualTo(pattern.matcher(s).find());
        }
    }

    @Test
    void should_share_the_pattern_with_every_schema() {
        for (Dataset d : Dataset.values()) {
            JsonNode schema = TestData.json(readResource(d.schemaResource()));
            assertThat(schema.at("/$defs/timeLocal/pattern").textValue()).as(d.pathName()).isEqualTo(TimeLocal.PATTERN);
        }
    }

    @Test
    void should_tell_calendar_errors_from_syntax_errors() {
        assertThat(catchThrowableOfType(TimeLocal.Invalid.class, () -> TimeLocal.parse("20200210T250006+0700"))
                .syntax()).isFalse();
        assertThat(catchThrowableOfType(TimeLocal.Invalid.class, () -> TimeLocal.parse("20200210T150006Z"))
                .syntax()).isTrue();
    }

    private static String readResource(String name) {
        try (var in = TimeLocalTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
