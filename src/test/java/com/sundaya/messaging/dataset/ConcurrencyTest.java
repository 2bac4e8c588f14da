package com.sundaya.messaging.dataset;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** One pipeline instance serves every request, so concurrent calls must not interfere. */
class ConcurrencyTest {

    @Test
    void should_give_identical_rows_when_one_pipeline_serves_many_threads() throws Exception {
        DatasetPipeline pipeline = new DatasetPipeline(Dataset.PMS, AlarmThresholds.defaults());
        byte[] json = TestData.example("pms.request.json");
        byte[] csv = TestData.example("pms.request.csv");
        List<Row> expectedJson = pipeline.process(json, false, "S000", TestData.RECEIVED);
        List<Row> expectedCsv = pipeline.process(csv, true, "S000", TestData.RECEIVED);

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> tasks = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                boolean useCsv = i % 2 == 0;
                tasks.add(() -> pipeline.process(useCsv ? csv : json, useCsv, "S000", TestData.RECEIVED)
                        .equals(useCsv ? expectedCsv : expectedJson));
            }
            for (Future<Boolean> f : pool.invokeAll(tasks)) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
