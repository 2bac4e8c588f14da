package com.sundaya.messaging.storage;

import java.time.Duration;
import java.util.Properties;

import com.sundaya.messaging.support.Examples;
import com.sundaya.messaging.support.PlatformTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** With republishing on, each stored row is also published to {@code <topic>.dataset}, keyed by device. */
class RepublishTest extends PlatformTestSupport {

    @Override
    protected void platformProperties(Properties p) {
        p.put("messaging.storage.republish", "true");
    }

    @Test
    void should_republish_stored_rows_to_the_dataset_topic() {
        assertThat(postDataset("mppt", Examples.bytes("mppt.request.json"), "application/json").status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(
                () -> assertThat(kafka().readAll("monitoring.mppt.dataset")).hasSize(4));
        var records = kafka().readAll("monitoring.mppt.dataset");
        assertThat(records).extracting(r -> r.key()).containsOnly("IT6415AD-01-001", "IT6415AD-01-002");
        records.forEach(r -> assertThat(r.value()).contains("\"mppt_id\":\"" + r.key() + "\""));
        assertThat(kafka().readAll("monitoring.pms.dataset")).isEmpty();
    }
}
