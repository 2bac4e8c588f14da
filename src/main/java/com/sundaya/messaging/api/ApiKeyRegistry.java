package com.sundaya.messaging.api;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps API keys to {@code sender} ids (spec §2.2, decision D10: unknown keys are rejected, a key's characters never
 * become a sender). Keys come from configuration ({@code key=sender,…}); when none is configured a key for sender
 * {@code LOCAL} is generated at first start and kept in the data directory, so a fresh install is usable at once
 * without shipping a default secret.
 */
public final class ApiKeyRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ApiKeyRegistry.class);
    static final String GENERATED_FILE = "api-keys.properties";
    static final String LOCAL_SENDER = "LOCAL";

    private final Map<String, String> senderByKey;

    private ApiKeyRegistry(Map<String, String> senderByKey) {
        this.senderByKey = Map.copyOf(senderByKey);
    }

    public static ApiKeyRegistry parse(String configured) {
        Map<String, String> keys = new LinkedHashMap<>();
        if (configured != null) {
            for (String entry : configured.split(",")) {
                String trimmed = entry.trim();
                if (trimmed.isEmpty()) {
                    continue;
                }
                int eq = trimmed.lastIndexOf('=');
                if (eq <= 0 || eq == trimmed.length() - 1) {
                    throw new IllegalArgumentException(
                            "messaging.security.api-keys entries must be key=sender; one entry is malformed");
                }
                keys.put(trimmed.substring(0, eq).trim(), trimmed.substring(eq + 1).trim());
            }
        }
        return new ApiKeyRegistry(keys);
    }

    /** The configured keys, or, when there are none, the key generated once into {@code dataDir}. */
    public static ApiKeyRegistry configuredOrGenerated(String configured, Path dataDir, int httpPort) throws IOException {
        ApiKeyRegistry registry = parse(configured);
        if (!registry.senderByKey.isEmpty()) {
            return registry;
        }
        Path file = dataDir.resolve(GENERATED_FILE);
        Properties stored = new Properties();
        if (Files.exists(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                stored.load(r);
            }
        } else {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            stored.setProperty(HexFormat.of().formatHex(random), LOCAL_SENDER);
            Files.createDirectories(dataDir);
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                stored.store(w, "API key generated at first start (sender LOCAL); "
                        + "configure messaging.security.api-keys to use your own");
            }
        }
        Map<String, String> keys = new LinkedHashMap<>();
        stored.stringPropertyNames().forEach(k -> keys.put(k, stored.getProperty(k)));
        String key = keys.keySet().iterator().next();
        LOG.info("No API key configured: using the generated key in {}. Try:{}  curl -H 'x-api-key: {}' "
                + "-H 'Content-Type: application/json' --data @src/test/resources/examples/pms.request.json "
                + "http://localhost:{}/devices/dataset/pms", file, System.lineSeparator(), key, httpPort);
        return new ApiKeyRegistry(keys);
    }

    public Optional<String> senderFor(String apiKey) {
        return apiKey == null ? Optional.empty() : Optional.ofNullable(senderByKey.get(apiKey));
    }
}
