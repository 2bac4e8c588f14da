package com.sundaya.messaging.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The 400 rules for one dataset: its JSON Schema, then what a schema cannot say (paired array lengths, a real
 * calendar time, finite numbers). Thread-safe: the compiled schema is immutable.
 */
final class RequestValidator {

    private final JsonSchema schema;
    private final RowShape shape;

    RequestValidator(Dataset dataset, RowShape shape, ObjectMapper mapper) {
        this.shape = shape;
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_PATH)
                // messages become API responses: keep them independent of the host's default locale
                .locale(Locale.ENGLISH)
                // lets the schema word its own message for the regex patterns, which read badly as regex
                .errorMessageKeyword("message")
                .build();
        try (InputStream in = Dataset.class.getResourceAsStream(dataset.schemaResource())) {
            if (in == null) {
                throw new IllegalStateException("schema not on the classpath: " + dataset.schemaResource());
            }
            JsonNode schemaNode = mapper.readTree(in);
            this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaNode, config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dataset.schemaResource(), e);
        }
        // compile every $ref now, so a broken schema fails at start-up rather than on the first request
        schema.initializeValidators();
    }

    List<Violation> violations(JsonNode request) {
        List<Violation> out = new ArrayList<>();
        Set<String> schemaTargets = new HashSet<>();
        for (ValidationMessage m : schema.validate(request)) {
            Violation v = toViolation(m);
            out.add(v);
            schemaTargets.add(v.target());
        }
        crossField(request, schemaTargets, out);
        new FiniteNumbers(out).check(request);
        return out;
    }

    private void crossField(JsonNode request, Set<String> schemaTargets, List<Violation> out) {
        JsonNode datasets = request.path("datasets");
        for (int i = 0; i < datasets.size(); i++) {
            JsonNode code = datasets.get(i).path("status").path("code");
            String codePath = "datasets[" + i + "].status.code";
            // same reason as for time_local: "0001\n" passes the pattern under the JDK engine
            if (code.isTextual() && !StatusBits.isCode(code.textValue()) && !schemaTargets.contains(codePath)) {
                out.add(new Violation(codePath, "must be exactly 4 hexadecimal digits"));
            }
            JsonNode data = datasets.get(i).path("data");
            if (!data.isArray()) {
                continue;
            }
            for (int j = 0; j < data.size(); j++) {
                JsonNode item = data.get(j);
                if (!item.isObject()) {
                    continue;
                }
                String itemPath = "datasets[" + i + "].data[" + j + "]";
                checkTime(item.get("time_local"), itemPath + ".time_local", schemaTargets, out);
                shape.checkItem(item, itemPath, out);
            }
        }
    }

    private static void checkTime(JsonNode time, String path, Set<String> schemaTargets, List<Violation> out) {
        if (time == null || !time.isTextual()) {
            return;
        }
        try {
            TimeLocal.parse(time.textValue());
        } catch (TimeLocal.Invalid e) {
            // The parser, not the pattern, has the last word: under the JDK regex engine '$' also matches before
            // a final line break. Only a syntax error the pattern already reported is left out, to avoid saying it twice.
            if (!e.syntax() || !schemaTargets.contains(path)) {
                out.add(new Violation(path, e.getMessage()));
            }
        }
    }

    private Violation toViolation(ValidationMessage m) {
        String target = path(m.getInstanceLocation());
        String type = m.getType();
        if ("required".equals(type)) {
            return new Violation(join(target, m.getProperty()), "is required");
        }
        if ("additionalProperties".equals(type)) {
            return new Violation(join(target, m.getProperty()), "is not an allowed attribute");
        }
        if ("type".equals(type)) {
            return new Violation(target.isEmpty() ? "body" : target, typeMessage(m));
        }
        return new Violation(target.isEmpty() ? "body" : target, stripLocation(m));
    }

    /** networknt renders {@code $.datasets[0].data[0].pack.dock}; the API's targets carry no {@code $.}. */
    static String path(JsonNodePath location) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Integer index) {
                sb.append('[').append(index).append(']');
            } else {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(element);
            }
        }
        return sb.toString();
    }

    private static String join(String parent, String property) {
        if (property == null) {
            return parent.isEmpty() ? "body" : parent;
        }
        return parent.isEmpty() ? property : parent + "." + property;
    }

    private static String typeMessage(ValidationMessage m) {
        Object[] args = m.getArguments();
        if (args != null && args.length >= 2) {
            return "must be " + article(String.valueOf(args[1])) + ", not " + article(String.valueOf(args[0]));
        }
        return stripLocation(m);
    }

    private static String article(String jsonType) {
        return switch (jsonType) {
            case "integer", "array", "object" -> "an " + jsonType;
            case "null" -> "null";
            default -> "a " + jsonType;
        };
    }

    private static String stripLocation(ValidationMessage m) {
        String message = m.getMessage();
        String prefix = m.getInstanceLocation() + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    /**
     * Jackson reads {@code 1e400} as infinity and a schema's {@code minimum} lets it through, but no row can
     * be computed from it.
     */
    private static final class FiniteNumbers {
        private final List<Violation> out;
        private final StringBuilder path = new StringBuilder();

        FiniteNumbers(List<Violation> out) {
            this.out = out;
        }

        void check(JsonNode node) {
            if (node.isNumber()) {
                if (!Double.isFinite(node.doubleValue())) {
                    out.add(new Violation(path.length() == 0 ? "body" : path.toString(), "must be a finite number"));
                }
            } else if (node.isArray()) {
                int mark = path.length();
                for (int i = 0; i < node.size(); i++) {
                    path.append('[').append(i).append(']');
                    check(node.get(i));
                    path.setLength(mark);
                }
            } else if (node.isObject()) {
                int mark = path.length();
                for (Map.Entry<String, JsonNode> e : node.properties()) {
                    path.append(mark == 0 ? "" : ".").append(e.getKey());
                    check(e.getValue());
                    path.setLength(mark);
                }
            }
        }
    }
}
