package com.sundaya.messaging.kamelets;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/** Keeps every kamelet in kamelets/ to the catalogue's rules (see {@link KameletLinter}); one test per file. */
class KameletLintTest {

    private static final Path KAMELETS = Path.of("kamelets");

    @TestFactory
    Stream<DynamicTest> every_kamelet_follows_the_catalogue_rules() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(KAMELETS)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".kamelet.yaml")).sorted().toList();
        }
        // an empty factory passes silently, which would hide a moved or renamed directory
        assertThat(files).as("kamelets in %s", KAMELETS.toAbsolutePath()).isNotEmpty();
        // no test source URI: Surefire's -Dtest filter drops dynamic tests whose source is a file
        return files.stream().map(file -> dynamicTest(file.getFileName().toString(), () -> {
            List<String> problems = KameletLinter.check(file.getFileName().toString(),
                    Files.readString(file, StandardCharsets.UTF_8));
            assertThat(problems).withFailMessage(() -> String.join("\n", problems)).isEmpty();
        }));
    }

    @Test
    void a_kamelet_that_follows_every_rule_has_no_problems() {
        assertThat(KameletLinter.check("demo-source.kamelet.yaml", """
                apiVersion: camel.apache.org/v1
                kind: Kamelet
                metadata:
                  name: demo-source
                  labels:
                    camel.apache.org/kamelet.type: source
                spec:
                  definition:
                    title: Demo Source
                    description: Emits a greeting.
                    required: [greeting]
                    properties:
                      greeting: {title: Greeting, description: What to say., type: string}
                      period: {title: Period, description: Milliseconds between greetings., type: integer, default: 1000}
                      apiToken: {title: API Token, description: Sent as a header., type: string, format: password}
                  dependencies: ["camel:timer", "camel:kamelet"]
                  template:
                    from:
                      uri: "timer:{{messaging.topic.pms}}?period={{period}}"
                      steps:
                        - setHeader: {name: token, constant: "{{?apiToken}}"}
                        - setBody: {constant: "{{greeting}} from {{env:HOSTNAME}}"}
                        - to: "kamelet:sink"
                """)).isEmpty();
    }

    @Test
    void a_broken_kamelet_has_every_rule_it_breaks_reported() {
        assertThat(KameletLinter.check("broken.kamelet.yaml", """
                metadata:
                  name: demo-sink
                  labels:
                    camel.apache.org/kamelet.type: source
                spec:
                  definition:
                    title: Demo Source
                    required: [topic, brokers]
                    properties:
                      topic: {title: Topic, type: string}
                      unused: {title: Unused, description: Never referenced., type: string, default: x}
                      key: {title: Key, description: Optional and without a default., type: string}
                      secretKey: {title: Secret Key, description: Must be masked., type: string}
                      note: {description: Has neither title nor type.}
                  dependencies: ["camel:log"]
                  template:
                    from:
                      uri: "kamelet:source"
                      steps:
                        - to: "log:{{topic}}?key={{key}}&pass={{?secretKey}}&note={{?note}}&x={{undeclared}}"
                """)).containsExactly(
                "broken.kamelet.yaml: metadata.name \"demo-sink\" does not match the file name;"
                        + " the file must be called demo-sink.kamelet.yaml",
                "broken.kamelet.yaml: metadata.labels.camel.apache.org/kamelet.type is \"source\""
                        + " but the name ends with -sink",
                "broken.kamelet.yaml: spec.definition.title \"Demo Source\" does not end with \"Sink\"",
                "broken.kamelet.yaml: spec.definition.description is missing",
                "broken.kamelet.yaml: property \"topic\" has no description",
                "broken.kamelet.yaml: property \"secretKey\" looks secret (its name or title says password, secret"
                        + " or token) but has no format: password",
                "broken.kamelet.yaml: property \"note\" has no title",
                "broken.kamelet.yaml: property \"note\" has no type",
                "broken.kamelet.yaml: spec.definition.required lists \"brokers\", which is not a declared property",
                "broken.kamelet.yaml: property \"unused\" is declared but never used in spec.template",
                "broken.kamelet.yaml: property \"key\" is neither required nor has a default, so spec.template must"
                        + " use it as {{?key}} only, not {{key}}",
                "broken.kamelet.yaml: spec.template uses {{undeclared}}, which is not a declared property",
                "broken.kamelet.yaml: spec.dependencies does not list \"camel:kamelet\"");
    }

    @Test
    void a_name_without_a_type_suffix_an_empty_file_and_unreadable_yaml_are_reported() {
        assertThat(KameletLinter.check("demo.kamelet.yaml", "metadata: {name: demo}\n"))
                .contains("demo.kamelet.yaml: metadata.name \"demo\" does not end with -source, -sink or -action");
        assertThat(KameletLinter.check("empty.kamelet.yaml", ""))
                .containsExactly("empty.kamelet.yaml: does not hold a kamelet (a YAML mapping)");
        assertThat(KameletLinter.check("bad.kamelet.yaml", "spec: [unclosed\n"))
                .singleElement().asString().startsWith("bad.kamelet.yaml: is not valid YAML: ");
    }
}
