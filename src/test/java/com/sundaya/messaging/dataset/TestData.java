package com.sundaya.messaging.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.sundaya.messaging.support.Examples;
import com.sundaya.messaging.support.JsonAssertions;

/** Fixtures and by-value JSON comparison shared by the dataset tests. */
final class TestData {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final Instant RECEIVED = Instant.parse("2020-02-23T03:30:02.976123Z");

    private TestData() {
    }

    /** A file from {@code src/test/resources/examples/}, byte for byte as the spec ships it. */
    static byte[] example(String name) {
        return Examples.bytes(name);
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

    /** Equal by value: see {@link JsonAssertions#assertSameValue}. */
    static void assertSameValue(JsonNode expected, JsonNode actual, Set<String> ignored) {
        JsonAssertions.assertSameValue(expected, actual, ignored);
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


    static ArrayNode array(JsonNode node) {
        return (ArrayNode) node;
    }
}
