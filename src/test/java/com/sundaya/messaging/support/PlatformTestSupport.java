package com.sundaya.messaging.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.TestInstance;

/**
 * Runs the whole platform as `java -jar` would (application.properties, routes/, kamelets/) on free ports and a
 * fresh data directory, with its embedded single-node KRaft Kafka: a real broker, not a mock. One platform per test
 * class. Subclasses add or change properties in {@link #platformProperties(Properties)}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class PlatformTestSupport extends CamelMainTestSupport {

    public static final String API_KEY = "test-key-0001";
    public static final String STAGE_KEY = "stage-key-0001";

    // CamelTestSupport asks for properties from its constructor, before field initialisers run: hence no
    // initialisers here (they would reset the values) and lazy creation in env()
    private TestEnvironment env;
    protected int httpPort;
    protected int kafkaPort;
    protected int kafkaControllerPort;
    protected Path dataDir;
    protected Http http;

    private TestEnvironment env() {
        if (env == null) {
            env = new TestEnvironment();
            httpPort = FreePorts.next();
            kafkaPort = FreePorts.next();
            kafkaControllerPort = FreePorts.next();
            dataDir = tempDir();
            http = new Http(httpPort);
            beforePlatformStarts();
        }
        return env;
    }

    private static final class TestEnvironment {
    }

    @Override
    protected void configure(MainConfigurationProperties configuration) {
        configuration.withRoutesIncludePattern("file:routes/*.camel.yaml");
        // runs before the platform's own configuration class, so beans bound here replace the platform's
        configuration.addConfiguration(new org.apache.camel.CamelConfiguration() {
            @Override
            public void configure(org.apache.camel.CamelContext context) {
                bindBeforePlatform(context.getRegistry());
            }
        });
    }

    /** Beans the platform should use instead of its own (e.g. a test double named analyticsRepository). */
    protected void bindBeforePlatform(org.apache.camel.spi.Registry registry) {
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        env();
        Properties p = new Properties();
        p.put("camel.server.port", Integer.toString(httpPort));
        p.put("messaging.kafka.embedded.port", Integer.toString(kafkaPort));
        p.put("messaging.kafka.embedded.controller-port", Integer.toString(kafkaControllerPort));
        p.put("messaging.data-dir", dataDir.toString());
        p.put("messaging.security.api-keys", API_KEY + "=S000," + STAGE_KEY + "=STAGE001");
        platformProperties(p);
        return p;
    }

    protected void platformProperties(Properties p) {
    }

    /** Runs once, before the platform starts: e.g. to start an external broker the platform should use. */
    protected void beforePlatformStarts() {
    }

    protected String bootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    protected KafkaProbe kafka() {
        return new KafkaProbe(bootstrapServers());
    }

    protected Http.Response postDataset(String dataset, byte[] body, String contentType) {
        return http.post("/devices/dataset/" + dataset, body, "x-api-key", API_KEY, "Content-Type", contentType);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("sundaya-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
