package com.sundaya.messaging.kafka;

import java.time.Duration;
import java.util.Properties;

import com.sundaya.messaging.support.Examples;
import com.sundaya.messaging.support.Http;
import com.sundaya.messaging.support.PlatformTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The platform against an external KRaft broker (messaging.kafka.embedded=false) that the test stops and restarts:
 * a device gets 503 + Retry-After within the configured bound while the broker is down, never a hang or a 200 for
 * data nobody acknowledged, and the platform recovers by itself when the broker returns.
 */
class BrokerOutageTest extends PlatformTestSupport {

    private static final long PUBLISH_TIMEOUT_MS = 2000;
    private int brokerPort;
    private int controllerPort;
    private EmbeddedKafkaBroker broker;

    @Override
    protected void beforePlatformStarts() {
        brokerPort = com.sundaya.messaging.support.FreePorts.next();
        controllerPort = com.sundaya.messaging.support.FreePorts.next();
        broker = newBroker();
        broker.start();
    }

    private EmbeddedKafkaBroker newBroker() {
        return new EmbeddedKafkaBroker(dataDir.resolve("external"), "127.0.0.1", brokerPort, controllerPort, 1, -1);
    }

    @Override
    protected void platformProperties(Properties p) {
        p.put("messaging.kafka.embedded", "false");
        p.put("messaging.kafka.bootstrap-servers", "127.0.0.1:" + brokerPort);
        p.put("messaging.publish.timeout-ms", Long.toString(PUBLISH_TIMEOUT_MS));
        p.put("messaging.kafka.producer.request-timeout-ms", "1000");
    }

    @Override
    protected String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    @AfterAll
    void stopBroker() {
        broker.stop();
    }

    @Test
    void should_answer_503_within_the_bound_while_the_broker_is_down_and_recover_after() {
        assertThat(post().status()).isEqualTo(200);
        long acknowledged = kafka().endOffsetSum("monitoring.mppt");
        assertThat(acknowledged).isEqualTo(1);

        broker.stop();
        long started = System.nanoTime();
        Http.Response down = post();
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(down.status()).as(down.body()).isEqualTo(503);
        assertThat(down.header("Retry-After")).isEqualTo("5");
        assertThat(down.json().get("status").asText()).isEqualTo("503");
        assertThat(down.json().at("/details/0/target").asText()).isEqualTo("broker");
        assertThat(elapsedMs).as("answered within the configured bound (plus scheduling slack)")
                .isLessThan(PUBLISH_TIMEOUT_MS + 3000);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(
                () -> assertThat(http.get("/observe/health/ready").status()).isEqualTo(503));

        broker = newBroker();
        broker.start();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> post().status() == 200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(
                () -> assertThat(http.get("/observe/health/ready").status()).isEqualTo(200));
        assertThat(kafka().endOffsetSum("monitoring.mppt")).isGreaterThan(acknowledged);
    }

    private Http.Response post() {
        return postDataset("mppt", Examples.bytes("mppt.request.single.json"), "application/json");
    }
}
