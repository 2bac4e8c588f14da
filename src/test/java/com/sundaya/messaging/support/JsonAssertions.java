package com.sundaya.messaging.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** JSON comparisons for rows: by value, as spec 9.1 asks (48 and 48.0 are the same number). */
public final class JsonAssertions {

    private JsonAssertions() {
    }

    /**
     * Asserts two JSON trees are equal by value: numbers numerically ({@code 48} = {@code 48.0}), objects with
     * the same keys in the same order. Keys in {@code ignored} are skipped at any depth.
     */
    public static void assertSameValue(JsonNode expected, JsonNode actual, Set<String> ignored) {
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

    private static List<String> keys(JsonNode object, Set<String> ignored) {
        List<String> keys = new ArrayList<>();
        object.fieldNames().forEachRemaining(k -> {
            if (!ignored.contains(k)) {
                keys.add(k);
            }
        });
        return keys;
    }
}
