package com.sundaya.messaging.api;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.sundaya.messaging.support.Examples;
import com.sundaya.messaging.support.Http;
import com.sundaya.messaging.support.PlatformTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input gets a clear error in the API's message shape (spec 7.2) and nothing is published: every test checks
 * that the end offsets of all monitoring topics are unchanged afterwards.
 */
class DeviceApiErrorsTest extends PlatformTestSupport {

    private static final List<String> TOPICS = List.of("monitoring.pms", "monitoring.mppt", "monitoring.inverter");
    private Map<String, Long> offsetsBefore;

    @BeforeEach
    void markOffsets() {
        offsetsBefore = kafka().endOffsetSums(TOPICS);
    }

    @AfterEach
    void nothingWasPublished() {
        assertThat(kafka().endOffsetSums(TOPICS)).isEqualTo(offsetsBefore);
    }

    @Test
    void should_name_every_failing_item_and_field_of_an_invalid_body() {
        String body = new String(Examples.bytes("pms.request.json"), StandardCharsets.UTF_8)
                .replaceFirst("\"dock\": 1", "\"dock\": 0")
                .replaceFirst("\"amps\": -1.601, \"temp\": \\[35.0, 33.0, 34.0\\],\\s*\"cell\": \\{ \"open\": \\[1, 6\\]",
                        "\"temp\": [35.0, 33.0, 34.0], \"cell\": { \"open\": [1, 6]");
        Http.Response r = postDataset("pms", body.getBytes(StandardCharsets.UTF_8), "application/json");
        assertError(r, 400, "Bad Request");
        assertThat(targets(r)).contains("datasets[0].data[0].pack.dock");
        assertThat(targets(r)).anyMatch(t -> t.startsWith("datasets[0].data[1].pack"));
    }

    @Test
    void should_reject_unequal_paired_arrays_and_impossible_times() {
        String body = new String(Examples.bytes("mppt.request.single.json"), StandardCharsets.UTF_8)
                .replace("\"amps\": [6.0, 6.0]", "\"amps\": [6.0]")
                .replace("20200209T150006.032+0700", "20200209T250006.032+0700");
        Http.Response r = postDataset("mppt", body.getBytes(StandardCharsets.UTF_8), "application/json");
        assertError(r, 400, "Bad Request");
        assertThat(targets(r)).anyMatch(t -> t.contains("datasets[0].data[0].pv"));
        assertThat(targets(r)).contains("datasets[0].data[0].time_local");
    }

    @Test
    void should_reject_malformed_json() {
        assertError(postDataset("mppt", "{\"datasets\": [".getBytes(), "application/json"), 400, "Bad Request");
    }

    @Test
    void should_reject_malformed_csv() {
        String csv = new String(Examples.bytes("pms.request.csv"), StandardCharsets.UTF_8).replace(",-1.3,", ",minus,");
        Http.Response r = postDataset("pms", csv.getBytes(StandardCharsets.UTF_8), "text/csv");
        assertError(r, 400, "Bad Request");
    }

    @Test
    void should_reject_unsupported_media_types_with_415() {
        assertThat(targets(assertError(postDataset("mppt", Examples.bytes("mppt.request.json"), "text/plain"), 415,
                "Unsupported Media Type"))).containsExactly("Content-Type");
        assertThat(targets(assertError(postDataset("inverter", Examples.bytes("pms.request.csv"), "text/csv"), 415,
                "Unsupported Media Type"))).containsExactly("Content-Type");
        Http.Response accept = http.post("/devices/dataset/pms", Examples.bytes("pms.request.json"), "x-api-key",
                API_KEY, "Content-Type", "application/json", "Accept", "application/vnd.collection+json");
        assertThat(targets(assertError(accept, 415, "Unsupported Media Type"))).containsExactly("Accept");
    }

    @Test
    void should_reject_a_body_over_one_mebibyte_with_413() {
        byte[] big = new byte[1024 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        assertError(postDataset("pms", big, "application/json"), 413, "Payload Too Large");
    }

    @Test
    void should_require_a_registered_api_key() {
        Http.Response none = http.post("/devices/dataset/pms", Examples.bytes("pms.request.json"), "Content-Type",
                "application/json");
        assertThat(targets(assertError(none, 401, "Unauthorized"))).containsExactly("x-api-key");
        Http.Response unknown = http.post("/devices/dataset/pms", Examples.bytes("pms.request.json"), "x-api-key",
                "not-a-key", "Content-Type", "application/json");
        assertError(unknown, 401, "Unauthorized");
    }

    @Test
    void should_answer_an_unknown_dataset_with_404_before_checking_the_key() {
        Http.Response r = http.post("/devices/dataset/PMS", Examples.bytes("pms.request.json"), "Content-Type",
                "application/json");
        assertThat(targets(assertError(r, 404, "Not Found"))).containsExactly("path");
        assertError(http.get("/devices/nothing"), 404, "Not Found");
    }

    @Test
    void should_check_the_key_before_the_media_type() {
        Http.Response r = http.post("/devices/dataset/mppt", "a,b".getBytes(), "Content-Type", "text/plain");
        assertError(r, 401, "Unauthorized");
    }

    @Test
    void should_allow_only_post() {
        Http.Response r = http.get("/devices/dataset/pms", "x-api-key", API_KEY);
        assertError(r, 405, "Method Not Allowed");
        assertThat(r.header("Allow")).isEqualTo("POST");
    }

    private static Http.Response assertError(Http.Response r, int status, String message) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        JsonNode json = r.json();
        assertThat(json.get("status").asText()).isEqualTo(Integer.toString(status));
        assertThat(json.get("message").asText()).isEqualTo(message);
        assertThat(json.get("details")).isNotEmpty();
        json.get("details").forEach(d -> {
            assertThat(d.get("target").asText()).isNotBlank();
            assertThat(d.get("message").asText()).isNotBlank();
        });
        assertThat(r.body()).doesNotContain("\tat ").doesNotContain("Exception");
        return r;
    }

    private static List<String> targets(Http.Response r) {
        return r.json().findValuesAsText("target");
    }
}
