package com.sundaya.messaging.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Fixtures and by-value JSON comparison shared by the dataset tests. */
final class TestData {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final Instant RECEIVED = Instant.parse("2020-02-23T03:30:02.976123Z");

    private TestData() {
    }

    /** A file from {@code src/test/resources/examples/}, byte for byte as the spec ships it. */
    static byte[] example(String name) {
        try (InputStream in = TestData.class.getResourceAsStream("/examples/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing example " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode exampleJson(String name) {
        return json(new String(example(name), StandardCharsets.UTF_8));
    }

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static ObjectNode mutableExample(String name) {
        return (ObjectNode) exampleJson(name).deepCopy();
    }

    /** The first data item of the first dataset, for tests that break one attribute. */
    static ObjectNode firstItem(ObjectNode request) {
        return (ObjectNode) request.get("datasets").get(0).get("data").get(0);
    }

    static List<Row> process(Dataset dataset, byte[] body, boolean csv) {
        return new DatasetPipeline(dataset, AlarmThresholds.defaults()).process(body, csv, "S000", RECEIVED);
    }

    /**
     * Asserts two JSON trees are equal by value: numbers numerically ({@code 48} = {@code 48.0}), objects with
     * the same keys in the same order. Keys in {@code ignored} are skipped at any depth.
     */
    static void assertSameValue(JsonNode expected, JsonNode actual, Set<String> ignored) {
        compare("$", expected, actual, ignored);
    }

    private static void compare(String path, JsonNode expected, JsonNode actual, Set<String> ignored) {
        if (expected.isNumber()) {
            assertThat(actual.isNumber()).as(path + " is a number").isTrue();
            assertThat(actual.decimalValue()).as(path).isEqualByComparingTo(expected.decimalValue());
        } else if (expected.isObject()) {
            assertThat(actual.isObject()).as(path + " is an object").isTrue();
            assertThat(keys(actual, ignored)).as(path + " keys").containsExactlyElementsOf(keys(expected, ignored));
            for (String k : keys(expected, ignored)) {
                compare(path + "." + k, expected.get(k), actual.get(k), ignored);
            }
        } else if (expected.isArray()) {
            assertThat(actual.isArray()).as(path + " is an array").isTrue();
            assertThat(actual.size()).as(path + " size").isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                compare(path + "[" + i + "]", expected.get(i), actual.get(i), ignored);
            }
        } else {
            assertThat(actual).as(path).isEqualTo(expected);
        }
    }

    /** Field names of an object tree, recursively, as paths; arrays contribute their first element's fields. */
    static List<String> fieldPaths(JsonNode node) {
        List<String> out = new ArrayList<>();
        collect("", node, out);
        return out;
    }

    private static void collect(String prefix, JsonNode node, List<String> out) {
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(k -> {
                out.add(prefix + k);
                collect(prefix + k + ".", node.get(k), out);
            });
        } else if (node.isArray() && node.size() > 0) {
            collect(prefix.substring(0, prefix.length() - 1) + "[].", node.get(0), out);
        }
    }

    private static List<String> keys(JsonNode object, Set<String> ignored) {
        List<String> keys = new ArrayList<>();
        object.fieldNames().forEachRemaining(k -> {
            if (!ignored.contains(k)) {
                keys.add(k);
            }
        });
        return keys;
    }

    static ArrayNode array(JsonNode node) {
        return (ArrayNode) node;
    }
}
