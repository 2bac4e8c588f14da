package com.sundaya.messaging.kamelets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The catalogue rules of apache/camel-kamelets' {@code script/validator/validator.go} that matter here, for one
 * kamelet file. Every problem names the file and the property it is about, so a failing build says what to fix.
 * <p>
 * The YAML is read with snakeyaml-engine, the parser Camel's YAML DSL loads kamelets with, and then walked as a
 * Jackson tree. jackson-dataformat-yaml cannot be used: it needs SnakeYAML 2, and Bitsy's gremlin-core puts
 * SnakeYAML 1.27 on the class path, where it fails with {@code NoSuchMethodError}.
 */
final class KameletLinter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TYPES = List.of("source", "sink", "action");
    private static final String TYPE_LABEL = "camel.apache.org/kamelet.type";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\?)?([^{}]+)}}");
    private static final Pattern SECRET = Pattern.compile("password|secret|token", Pattern.CASE_INSENSITIVE);

    private final String file;
    private final List<String> problems = new ArrayList<>();

    private KameletLinter(String file) {
        this.file = file;
    }

    /** Every rule broken by the kamelet in {@code yaml}, read from a file called {@code fileName}; empty if none. */
    static List<String> check(String fileName, String yaml) {
        KameletLinter linter = new KameletLinter(fileName);
        JsonNode kamelet;
        try {
            kamelet = JSON.valueToTree(new Load(LoadSettings.builder().setLabel(fileName).build()).loadFromString(yaml));
        } catch (YamlEngineException e) {
            linter.problem("is not valid YAML: " + e.getMessage());
            return linter.problems;
        }
        if (kamelet == null || !kamelet.isObject()) {
            linter.problem("does not hold a kamelet (a YAML mapping)");
            return linter.problems;
        }
        linter.lint(kamelet);
        return linter.problems;
    }

    private void lint(JsonNode kamelet) {
        String name = kamelet.path("metadata").path("name").asText("");
        if (!file.equals(name + ".kamelet.yaml")) {
            problem("metadata.name \"" + name + "\" does not match the file name; the file must be called "
                    + name + ".kamelet.yaml");
        }
        String type = TYPES.stream().filter(t -> name.endsWith("-" + t)).findFirst().orElse(null);
        String label = kamelet.path("metadata").path("labels").path(TYPE_LABEL).asText("");
        if (type == null) {
            problem("metadata.name \"" + name + "\" does not end with -source, -sink or -action");
        } else if (!type.equals(label)) {
            problem("metadata.labels." + TYPE_LABEL + " is \"" + label + "\" but the name ends with -" + type);
        }

        JsonNode definition = kamelet.path("spec").path("definition");
        String title = definition.path("title").asText("");
        if (type != null) {
            String suffix = Character.toUpperCase(type.charAt(0)) + type.substring(1);
            if (!title.endsWith(suffix)) {
                problem("spec.definition.title \"" + title + "\" does not end with \"" + suffix + "\"");
            }
        }
        if (blank(definition.path("description"))) {
            problem("spec.definition.description is missing");
        }

        Map<String, JsonNode> properties = new LinkedHashMap<>();
        definition.path("properties").properties().forEach(e -> properties.put(e.getKey(), e.getValue()));
        Set<String> required = new LinkedHashSet<>();
        definition.path("required").forEach(r -> required.add(r.asText()));
        properties.forEach(this::describedProperty);
        required.stream().filter(r -> !properties.containsKey(r)).forEach(r ->
                problem("spec.definition.required lists \"" + r + "\", which is not a declared property"));

        Map<String, Set<Boolean>> used = placeholders(kamelet.path("spec").path("template"));
        properties.forEach((property, schema) -> {
            Set<Boolean> optionalUses = used.get(property);
            if (optionalUses == null) {
                problem("property \"" + property + "\" is declared but never used in spec.template");
            } else if (!required.contains(property) && !schema.has("default") && optionalUses.contains(false)) {
                problem("property \"" + property + "\" is neither required nor has a default, so spec.template must"
                        + " use it as {{?" + property + "}} only, not {{" + property + "}}");
            }
        });
        new TreeSet<>(used.keySet()).stream().filter(p -> !properties.containsKey(p)).forEach(p ->
                problem("spec.template uses {{" + p + "}}, which is not a declared property"));

        Set<String> dependencies = new HashSet<>();
        kamelet.path("spec").path("dependencies").forEach(d -> dependencies.add(d.asText()));
        if (!dependencies.contains("camel:kamelet")) {
            problem("spec.dependencies does not list \"camel:kamelet\"");
        }
    }

    private void describedProperty(String property, JsonNode schema) {
        for (String field : List.of("title", "description", "type")) {
            if (blank(schema.path(field))) {
                problem("property \"" + property + "\" has no " + field);
            }
        }
        boolean secret = SECRET.matcher(property).find() || SECRET.matcher(schema.path("title").asText("")).find();
        if (secret && !"password".equals(schema.path("format").asText())) {
            problem("property \"" + property + "\" looks secret (its name or title says password, secret or token)"
                    + " but has no format: password");
        }
    }

    /**
     * Property names used in the template, each with whether it is used optionally ({@code {{?name}}}), plainly
     * ({@code {{name}}}) or both. A name with a dot or a colon is skipped: kamelet properties are plain identifiers,
     * whereas {@code {{messaging.topic.pms}}} is a global application property and {@code {{env:HOME}}} or
     * {@code {{name:default}}} is a property function or an inline default, none of which the kamelet declares.
     */
    private static Map<String, Set<Boolean>> placeholders(JsonNode template) {
        Map<String, Set<Boolean>> used = new LinkedHashMap<>();
        collect(template, used);
        return used;
    }

    private static void collect(JsonNode node, Map<String, Set<Boolean>> used) {
        if (node.isTextual()) {
            scan(node.textValue(), used);
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                scan(e.getKey(), used);
                collect(e.getValue(), used);
            }
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, used));
        }
    }

    private static void scan(String text, Map<String, Set<Boolean>> used) {
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            String name = m.group(2).trim();
            if (!name.contains(".") && !name.contains(":")) {
                used.computeIfAbsent(name, n -> new HashSet<>()).add(m.group(1) != null);
            }
        }
    }

    private static boolean blank(JsonNode node) {
        return !node.isValueNode() || node.asText().isBlank();
    }

    private void problem(String message) {
        problems.add(file + ": " + message);
    }
}
