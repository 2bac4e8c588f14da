package com.sundaya.messaging.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures, never asserts, insert throughput of 500-row batches of ≈1 KB rows: timings on a shared 2-core
 * machine are too noisy for a gate. The figures land in target/surefire-reports/*BitsyThroughputTest-output.txt.
 */
class BitsyThroughputTest {

    private static final int BATCH = 500;
    private static final int BATCHES = 40;

    @TempDir
    Path dir;

    @Test
    void logsInsertThroughputOf500RowBatches() {
        try (RowRepository repo = new BitsyRowRepository(dir)) {
            int rowBytes = TestRows.pmsBatch(0, 1, 1).get(0).json().length();
            long firstNanos = 0;
            long start = System.nanoTime();
            for (int b = 0; b < BATCHES; b++) {
                long t = System.nanoTime();
                assertThat(repo.insertIfAbsent(TestRows.pmsBatch(b * BATCH, BATCH, 50))).isEqualTo(BATCH);
                if (b == 0) {
                    firstNanos = System.nanoTime() - t;
                }
            }
            long allNanos = System.nanoTime() - start;

            List<StoredRow> redelivered = TestRows.pmsBatch(0, BATCH, 50);
            long t = System.nanoTime();
            assertThat(repo.insertIfAbsent(redelivered)).isZero();
            long duplicateNanos = System.nanoTime() - t;

            System.out.printf("Bitsy insertIfAbsent, %d-byte rows: first batch of %d in %.1f ms; %d batches: %.0f rows/s;"
                            + " a fully duplicate batch in %.1f ms%n",
                    rowBytes, BATCH, firstNanos / 1e6, BATCHES, BATCH * BATCHES / (allNanos / 1e9),
                    duplicateNanos / 1e6);
        }
    }
}
