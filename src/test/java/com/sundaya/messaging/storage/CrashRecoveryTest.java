package com.sundaya.messaging.storage;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.sundaya.messaging.support.FreePorts;
import com.sundaya.messaging.support.Http;
import com.sundaya.messaging.support.PlatformProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kills the platform with SIGKILL while devices are posting, restarts it on the same data directory and checks
 * that every reading answered with 200 was stored, exactly once. The platform runs as a separate process, as in
 * production, with its embedded broker and Bitsy inside it.
 */
class CrashRecoveryTest {

    private static final String KEY = "crash-test-key";
    private static final int DEVICES = 4;
    private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS");

    private final int httpPort = FreePorts.next();
    private final int kafkaPort = FreePorts.next();
    private final int controllerPort = FreePorts.next();
    private final Path dataDir = tempDir();
    private final Http http = new Http(httpPort);
    private final List<Process> processes = new ArrayList<>();
    private final Path projectRoot = Path.of("").toAbsolutePath();

    @AfterEach
    void stopPlatform() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void should_keep_every_acknowledged_reading_exactly_once_across_a_sigkill() throws Exception {
        Process first = startPlatform("first");

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger sent = new AtomicInteger();
        ExecutorService devices = Executors.newFixedThreadPool(DEVICES);
        for (int d = 0; d < DEVICES; d++) {
            String device = "CRASH-" + d;
            devices.submit(() -> postUntilRefused(device, sent, acknowledged));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 300);
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        devices.shutdown();
        assertThat(devices.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(sent.get()).as("some requests were cut off by the kill").isGreaterThanOrEqualTo(acknowledged.size());

        long restartedAt = System.nanoTime();
        Process second = startPlatform("second");
        assertThat(post("CRASH-AFTER", 0).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> storedTimes("CRASH-AFTER").size() == 1);
        long consumingAfterMs = (System.nanoTime() - restartedAt) / 1_000_000;
        assertThat(consumingAfterMs).as("restarted node consumes again within 15 s").isLessThan(15_000);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Set<String> stored = new HashSet<>();
            for (int d = 0; d < DEVICES; d++) {
                String device = "CRASH-" + d;
                List<String> times = storedTimes(device);
                assertThat(times).as("no duplicates for " + device).doesNotHaveDuplicates();
                times.forEach(t -> stored.add(device + "|" + t));
            }
            assertThat(stored).containsAll(acknowledgedTimeEvents(acknowledged));
        });

        second.destroy();
        assertThat(second.waitFor(30, TimeUnit.SECONDS)).as("SIGTERM stops the platform").isTrue();
        List<String> log = Files.readAllLines(Path.of("target/crash-recovery-second.log"));
        assertThat(indexOf(log, "Stopped device-dataset-ingest")).as("the API stops before the subscribers")
                .isLessThan(indexOf(log, "Stopped mppt-monitoring-storage"));
        assertThat(indexOf(log, "Routes stopped")).as("shutdown order: routes, then repository, then broker")
                .isLessThan(indexOf(log, "Analytics repository closed"));
        assertThat(indexOf(log, "Analytics repository closed")).isLessThan(indexOf(log, "Embedded Kafka stopped"));
    }

    private static int indexOf(List<String> log, String text) {
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("log has no line with: " + text);
    }

    private void postUntilRefused(String device, AtomicInteger sent, Set<String> acknowledged) {
        for (int i = 0; i < 100_000; i++) {
            sent.incrementAndGet();
            try {
                if (post(device, i).status() == 200) {
                    acknowledged.add(device + "|" + i);
                }
            } catch (UncheckedIOException refused) {
                return;
            }
        }
    }

    private Http.Response post(String device, int i) {
        String body = StorageFlowTest.mpptReading(device, timeLocal(i));
        return http.post("/devices/dataset/mppt", body.getBytes(StandardCharsets.UTF_8), "x-api-key", KEY,
                "Content-Type", "application/json");
    }

    /** Reading i of a device is taken i seconds after a fixed local instant (+07:00). */
    private static String timeLocal(int i) {
        return LocalDateTime.of(2021, 1, 1, 7, 0).plusSeconds(i).format(COMPACT) + "+0700";
    }

    private static Set<String> acknowledgedTimeEvents(Set<String> acknowledged) {
        Set<String> expected = new HashSet<>();
        for (String ack : acknowledged) {
            String[] parts = ack.split("\\|");
            LocalDateTime utc = LocalDateTime.of(2021, 1, 1, 0, 0).plusSeconds(Integer.parseInt(parts[1]));
            expected.add(parts[0] + "|" + utc.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")) + "0");
        }
        return expected;
    }

    private List<String> storedTimes(String device) {
        Http.Response r = http.get("/analytics/mppt_monitoring?id=" + device + "&limit=1000", "x-api-key", KEY);
        List<String> times = new ArrayList<>();
        if (r.status() == 200) {
            for (JsonNode row : r.json()) {
                times.add(row.get("time_event").asText());
            }
        }
        return times;
    }

    /** Configured the way an operator would: environment variables in upper snake case. Waits until ready. */
    private Process startPlatform(String name) {
        PlatformProcess platform = PlatformProcess.start(projectRoot, Map.of(
                "CAMEL_SERVER_PORT", Integer.toString(httpPort),
                "MESSAGING_KAFKA_EMBEDDED_PORT", Integer.toString(kafkaPort),
                "MESSAGING_KAFKA_EMBEDDED_CONTROLLER_PORT", Integer.toString(controllerPort),
                "MESSAGING_DATA_DIR", dataDir.toString(),
                "MESSAGING_SECURITY_API_KEYS", KEY + "=S000"), httpPort,
                new File("target/crash-recovery-" + name + ".log"));
        processes.add(platform.process());
        return platform.awaitReady().process();
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("sundaya-crash-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
