package com.sundaya.messaging.storage;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
            long received = epochMillis(t);
            if (received > 0) {
                timer.record(Math.max(0, now - received), TimeUnit.MILLISECONDS);
            }
        }
    }

    /** {@code yyyy-MM-dd HH:mm:ss.SSS…} (UTC) to epoch milliseconds; 0 when the text is not of that form. */
    static long epochMillis(String t) {
        if (t == null || t.length() < 23) {
            return 0;
        }
        try {
            LocalDateTime time = LocalDateTime.of(digits(t, 0, 4), digits(t, 5, 7), digits(t, 8, 10),
                    digits(t, 11, 13), digits(t, 14, 16), digits(t, 17, 19), digits(t, 20, 23) * 1_000_000);
            return time.toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static int digits(String t, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException(t);
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
