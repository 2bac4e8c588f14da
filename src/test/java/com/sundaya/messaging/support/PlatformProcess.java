package com.sundaya.messaging.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The platform as a separate process, started the way an operator starts it ({@code com.sundaya.messaging.Application}
 * with environment variables), on this test JVM's class path.
 */
public final class PlatformProcess {

    private final Process process;
    private final Http http;

    private PlatformProcess(Process process, int httpPort) {
        this.process = process;
        this.http = new Http(httpPort);
    }

    /** Starts in {@code workingDir} with {@code environment}; output goes to {@code log}. */
    public static PlatformProcess start(Path workingDir, Map<String, String> environment, int httpPort, File log) {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "com.sundaya.messaging.Application");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log));
        builder.environment().putAll(environment);
        try {
            return new PlatformProcess(builder.start(), httpPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public PlatformProcess awaitReady() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
            assertThat(process.isAlive()).as("platform process exited; see its log in target/").isTrue();
            try {
                return http.get("/observe/health/ready").status() == 200;
            } catch (UncheckedIOException notYet) {
                return false;
            }
        });
        return this;
    }

    public Process process() {
        return process;
    }
}
