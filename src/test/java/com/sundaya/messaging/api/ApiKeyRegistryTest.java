package com.sundaya.messaging.api;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiKeyRegistryTest {

    @Test
    void should_map_configured_keys_to_senders_and_reject_others() {
        ApiKeyRegistry keys = ApiKeyRegistry.parse("k-one=S000, k-two=V001");
        assertThat(keys.senderFor("k-one")).contains("S000");
        assertThat(keys.senderFor("k-two")).contains("V001");
        assertThat(keys.senderFor("k-three")).as("never the key's tail (D10)").isEmpty();
        assertThat(keys.senderFor(null)).isEmpty();
    }

    @Test
    void should_refuse_a_malformed_entry() {
        assertThatThrownBy(() -> ApiKeyRegistry.parse("just-a-key")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("just-a-key");
    }

    @Test
    void should_generate_one_local_key_at_first_start_and_keep_it(@TempDir Path data) throws Exception {
        ApiKeyRegistry first = ApiKeyRegistry.configuredOrGenerated("", data, 8080);
        Path file = data.resolve(ApiKeyRegistry.GENERATED_FILE);
        assertThat(file).exists();
        String key = Files.readAllLines(file).stream().filter(l -> !l.startsWith("#")).findFirst().orElseThrow()
                .split("=")[0];
        assertThat(key).hasSizeGreaterThanOrEqualTo(32);
        assertThat(first.senderFor(key)).contains("LOCAL");

        ApiKeyRegistry second = ApiKeyRegistry.configuredOrGenerated("", data, 8080);
        assertThat(second.senderFor(key)).as("the same key after a restart").contains("LOCAL");
    }

    @Test
    void should_ignore_the_generated_key_once_keys_are_configured(@TempDir Path data) throws Exception {
        ApiKeyRegistry.configuredOrGenerated("", data, 8080);
        ApiKeyRegistry configured = ApiKeyRegistry.configuredOrGenerated("mine=S001", data, 8080);
        assertThat(configured.senderFor("mine")).contains("S001");
        String generated = Files.readAllLines(data.resolve(ApiKeyRegistry.GENERATED_FILE)).stream()
                .filter(l -> !l.startsWith("#")).findFirst().orElseThrow().split("=")[0];
        assertThat(configured.senderFor(generated)).isEmpty();
    }
}
