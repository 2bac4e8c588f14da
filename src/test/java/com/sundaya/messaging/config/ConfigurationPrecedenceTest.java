package com.sundaya.messaging.config;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.sundaya.messaging.support.Examples;
import com.sundaya.messaging.support.FreePorts;
import com.sundaya.messaging.support.Http;
import com.sundaya.messaging.support.PlatformProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where settings come from, most specific first: the profile's file, then application.properties — each from the
 * working directory before the copy packaged with the platform. The platform runs as a process in a directory of
 * its own holding only the files that override something.
 */
class ConfigurationPrecedenceTest {

    private PlatformProcess platform;

    @AfterEach
    void stop() {
        if (platform != null) {
            platform.process().destroyForcibly();
        }
    }

    @Test
    void should_let_the_working_directory_and_the_profile_override_the_packaged_settings(@TempDir Path dir)
            throws Exception {
        int port = FreePorts.next();
        // the working directory's application.properties overrides the packaged one (which configures no key) ...
        Files.writeString(dir.resolve("application.properties"),
                "messaging.security.api-keys=from-working-dir=S001\nmessaging.data-dir=" + dir.resolve("data") + "\n");
        // ... and the profile's file overrides both
        Files.writeString(dir.resolve("application-edge.properties"), "camel.server.port=" + port + "\n");

        platform = PlatformProcess.start(dir, Map.of(
                "CAMEL_MAIN_PROFILE", "edge",
                "MESSAGING_KAFKA_EMBEDDED_PORT", Integer.toString(FreePorts.next()),
                "MESSAGING_KAFKA_EMBEDDED_CONTROLLER_PORT", Integer.toString(FreePorts.next())),
                port, new File("target/configuration-precedence.log")).awaitReady();

        Http http = new Http(port);
        Http.Response accepted = http.post("/devices/dataset/mppt", Examples.bytes("mppt.request.single.json"),
                "x-api-key", "from-working-dir", "Content-Type", "application/json");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(dir.resolve("data").resolve("api-keys.properties"))
                .as("no key is generated when one is configured").doesNotExist();
    }
}
