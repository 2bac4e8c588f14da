package com.sundaya.messaging.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml is checked against the official Compose Specification schema (a copy in
 * src/test/resources/compose), since no Docker engine runs where the tests do.
 */
class ComposeFileTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void the_compose_file_follows_the_compose_specification() throws Exception {
        Object yaml = new Load(LoadSettings.builder().build()).loadFromString(
                Files.readString(Path.of("docker-compose.yml")));
        JsonNode compose = MAPPER.valueToTree(yaml);
        Set<ValidationMessage> problems = composeSpecification().validate(compose);
        assertThat(problems).as("docker-compose.yml against the Compose Specification").isEmpty();
        assertThat(compose.at("/services/platform/environment/MESSAGING_KAFKA_EMBEDDED").asText()).isEqualTo("false");
    }

    @Test
    void the_check_reports_a_broken_file() throws Exception {
        JsonNode broken = MAPPER.readTree("{\"services\":{\"platform\":{\"ports\":{\"not\":\"a list\"},\"bogus\":1}}}");
        assertThat(composeSpecification().validate(broken)).isNotEmpty();
    }

    /** Loaded by location: the schema's relative {@code $id} resolves against it. */
    private static JsonSchema composeSpecification() {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                .getSchema(SchemaLocation.of("classpath:compose/compose-spec.json"));
    }
}
