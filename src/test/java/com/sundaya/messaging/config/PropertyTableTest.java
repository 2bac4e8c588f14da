package com.sundaya.messaging.config;

import com.sundaya.messaging.config.PropertyTable.Row;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/** Keeps the README's property table and application.properties, where every default lives, in step. */
class PropertyTableTest {

    @Test
    void the_readme_table_lists_every_property_with_its_default_and_environment_variable() throws IOException {
        Properties defaults = new Properties();
        // Latin-1, as Camel reads it unless camel.component.properties.encoding says otherwise
        try (InputStream in = Files.newInputStream(Path.of("application.properties"))) {
            defaults.load(in);
        }
        List<Row> rows = PropertyTable.parse(Files.readString(Path.of("README.md"), StandardCharsets.UTF_8));

        Map<String, Long> counts = rows.stream().collect(Collectors.groupingBy(Row::property, Collectors.counting()));
        Set<String> keys = defaults.stringPropertyNames();
        // soft: one run shows every kind of drift, not just the first
        assertSoftly(soft -> {
            soft.assertThat(counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).sorted())
                    .as("listed more than once in the README table").isEmpty();
            soft.assertThat(difference(keys, counts.keySet()))
                    .as("in application.properties, missing from the README table").isEmpty();
            soft.assertThat(difference(counts.keySet(), keys))
                    .as("in the README table, not in application.properties").isEmpty();
            // rows for unknown properties count as matching here: they are reported as extra above
            soft.assertThat(mismatches(rows, Row::defaultValue, row -> defaults.getProperty(row.property(), row.defaultValue())))
                    .as("README default vs application.properties").isEmpty();
            soft.assertThat(mismatches(rows, Row::environmentVariable, row -> PropertyTable.environmentVariable(row.property())))
                    .as("README environment variable vs upper snake case of the property").isEmpty();
        });
    }

    @Test
    void the_table_format_is_read_as_documented() {
        List<Row> rows = PropertyTable.parse("""
                # Configuration

                | Property | Default | Environment variable | Meaning |
                |----------|---------|----------------------|---------|
                | `messaging.data-dir` | `./data` | `MESSAGING_DATA_DIR` | where embedded services keep data |
                | `messaging.security.api-keys` | *empty* | `MESSAGING_SECURITY_API_KEYS` | key=sender pairs \\| or none |

                Text after the table.
                """);

        assertThat(rows).containsExactly(
                new Row("messaging.data-dir", "./data", "MESSAGING_DATA_DIR", "where embedded services keep data"),
                new Row("messaging.security.api-keys", "", "MESSAGING_SECURITY_API_KEYS", "key=sender pairs | or none"));
        assertThat(PropertyTable.environmentVariable("camel.kamelet.kafka-sink.lingerMs"))
                .isEqualTo("CAMEL_KAMELET_KAFKA_SINK_LINGERMS");
        assertThatThrownBy(() -> PropertyTable.parse("| Property | Default |\n|---|---|\n"))
                .hasMessageContaining("no table with the header row");
        assertThatThrownBy(() -> PropertyTable.parse(PropertyTable.HEADER + "\n|---|---|---|---|\n| `a` | `` | `A` | x |"))
                .hasMessageContaining("line 3").hasMessageContaining("*empty*");
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }

    /** "property: README `x`, expected `y`" for each row whose cell differs from the expected value. */
    private static List<String> mismatches(List<Row> rows, Function<Row, String> cell, Function<Row, String> expected) {
        return rows.stream()
                .filter(row -> !cell.apply(row).equals(expected.apply(row)))
                .map(row -> row.property() + ": README " + shown(cell.apply(row)) + ", expected " + shown(expected.apply(row)))
                .toList();
    }

    private static String shown(String value) {
        return value.isEmpty() ? PropertyTable.EMPTY : "`" + value + "`";
    }
}
