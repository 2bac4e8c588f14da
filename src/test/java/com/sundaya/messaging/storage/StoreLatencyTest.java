package com.sundaya.messaging.storage;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StoreLatencyTest {

    @Test
    void should_read_a_row_time_as_utc_epoch_millis() {
        assertThat(StoreLatency.epochMillis("2020-02-10 08:00:06.0320"))
                .isEqualTo(Instant.parse("2020-02-10T08:00:06.032Z").toEpochMilli());
    }

    @Test
    void should_ignore_text_that_is_not_a_row_time() {
        assertThat(StoreLatency.epochMillis(null)).isZero();
        assertThat(StoreLatency.epochMillis("2020-02-10")).isZero();
        assertThat(StoreLatency.epochMillis("2020-02-10 08:xx:06.0320")).isZero();
        assertThat(StoreLatency.epochMillis("2020-13-10 08:00:06.0320")).isZero();
    }
}
