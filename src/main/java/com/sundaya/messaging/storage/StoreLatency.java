package com.sundaya.messaging.storage;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.CamelContext;

/**
 * End-to-end latency of the platform: from the moment the API host received a reading ({@code time_processing},
 * taken once per request) to the moment its row is stored. Published as the timer
 * {@code sundaya.ingest.to.store} (Prometheus: {@code sundaya_ingest_to_store_seconds}, with histogram buckets) on
 * {@code /observe/metrics}, so percentiles can be computed over any window by comparing two scrapes.
 */
public final class StoreLatency {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private final Timer timer;

    private StoreLatency(Timer timer) {
        this.timer = timer;
    }

    public static StoreLatency of(CamelContext context) {
        MeterRegistry registry = context.getRegistry().findSingleByType(MeterRegistry.class);
        if (registry == null) {
            return new StoreLatency(null);
        }
        return new StoreLatency(Timer.builder("sundaya.ingest.to.store")
                .description("time from the API receiving a reading to its row being stored")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry));
    }

    /**
     * Records one observation per row of a written batch — a row the repository already had (a duplicate that
     * insert-if-absent skipped) counts too, as it is stored by then; {@code receivedAt} holds each row's
     * time_processing text.
     */
    public void stored(List<String> receivedAt) {
        if (timer == null) {
            return;
        }
        long now = System.currentTimeMillis();
        for (String t : receivedAt) {
            if (t != null && t.length() >= 23) {
                long received = LocalDateTime.parse(t.substring(0, 23), TIME).toInstant(ZoneOffset.UTC).toEpochMilli();
                timer.record(Duration.ofMillis(Math.max(0, now - received)));
            }
        }
    }
}
