package com.sundaya.messaging.storage;

import static com.sundaya.messaging.storage.TestRows.MPPT;
import static com.sundaya.messaging.storage.TestRows.PMS;
import static com.sundaya.messaging.storage.TestRows.pms;
import static com.sundaya.messaging.storage.TestRows.pmsBatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link RowRepository} adapter promises (Watermill's universal-test idea): an adapter's test extends
 * this class, says how to open the repository, and switches off what its store cannot promise.
 */
public abstract class RowRepositoryContract {

    @TempDir
    Path dir;

    private final List<RowRepository> opened = new ArrayList<>();

    /** Opens the adapter on a fresh directory; adapters that keep no files may ignore it. */
    protected abstract RowRepository openRepository(Path dir);

    /** Whether a repository reopened on the same directory after close sees what was stored. */
    protected boolean survivesReopen() {
        return true;
    }

    private RowRepository open() {
        RowRepository repository = openRepository(dir);
        opened.add(repository);
        return repository;
    }

    @AfterEach
    void closeRepositories() {
        opened.forEach(RowRepository::close);
    }

    @Test
    void newestReturnsRowsNewestFirstAndHonoursLimit() {
        RowRepository repo = open();
        // Out of order and over two batches: order must come from time_event, not from insertion.
        repo.insertIfAbsent(List.of(pms("PMS-1", "0241", 3), pms("PMS-1", "0241", 1)));
        repo.insertIfAbsent(List.of(pms("PMS-1", "0241", 5), pms("PMS-1", "0241", 2), pms("PMS-1", "0241", 4)));

        assertThat(repo.newest(PMS, "PMS-1", 3)).containsExactly(
                pms("PMS-1", "0241", 5).json(), pms("PMS-1", "0241", 4).json(), pms("PMS-1", "0241", 3).json());
        assertThat(repo.newest(PMS, "PMS-1", 10)).hasSize(5).first().isEqualTo(pms("PMS-1", "0241", 5).json());
        assertThat(repo.newest(PMS, "PMS-1", 0)).isEmpty();
    }

    @Test
    void packsOfOneSampleAreSeparateRows() {
        RowRepository repo = open();

        int inserted = repo.insertIfAbsent(List.of(pms("PMS-1", "0241", 1), pms("PMS-1", "0242", 1)));

        assertThat(inserted).isEqualTo(2);
        assertThat(repo.newest(PMS, "PMS-1", 5))
                .containsExactlyInAnyOrder(pms("PMS-1", "0241", 1).json(), pms("PMS-1", "0242", 1).json());
    }

    @Test
    void newestReturnsOnlyTheAskedDeviceAndTable() {
        RowRepository repo = open();
        StoredRow mine = pms("DEV-1", "0241", 1);
        StoredRow otherDevice = pms("DEV-2", "0241", 2);
        StoredRow sameIdOtherTable = TestRows.mppt("DEV-1", 3);
        repo.insertIfAbsent(List.of(mine, otherDevice, sameIdOtherTable));

        assertThat(repo.newest(PMS, "DEV-1", 10)).containsExactly(mine.json());
        assertThat(repo.newest(MPPT, "DEV-1", 10)).containsExactly(sameIdOtherTable.json());
        assertThat(repo.newest(PMS, "DEV-404", 10)).isEmpty();
        assertThat(repo.count(PMS)).isEqualTo(2);
        assertThat(repo.count(MPPT)).isEqualTo(1);
        assertThat(repo.count(TestRows.INVERTER)).isZero();
    }

    @Test
    void existingKeyIsLeftExactlyAsFirstStored() {
        RowRepository repo = open();
        assertThat(repo.insertIfAbsent(List.of(pms("PMS-1", "0241", 1, "first")))).isEqualTo(1);

        int inserted = repo.insertIfAbsent(List.of(pms("PMS-1", "0241", 1, "second")));

        assertThat(inserted).isZero();
        assertThat(repo.newest(PMS, "PMS-1", 10)).containsExactly(pms("PMS-1", "0241", 1, "first").json());
        assertThat(repo.count(PMS)).isEqualTo(1);
    }

    @Test
    void duplicateKeysInsideOneBatchAreStoredOnceFirstWins() {
        RowRepository repo = open();
        StoredRow first = pms("PMS-1", "0241", 1, "first");

        int inserted = repo.insertIfAbsent(List.of(first, pms("PMS-1", "0241", 1, "second"), first));

        assertThat(inserted).isEqualTo(1);
        assertThat(repo.newest(PMS, "PMS-1", 10)).containsExactly(first.json());
    }

    @Test
    void rowKeysAreScopedToTheirTable() {
        RowRepository repo = open();
        StoredRow inPms = pms("DEV-1", "", 1);
        StoredRow inMppt = TestRows.mppt("DEV-1", 1);
        assertThat(inPms.rowKey()).isEqualTo(inMppt.rowKey());

        assertThat(repo.insertIfAbsent(List.of(inPms, inMppt))).isEqualTo(2);
    }

    @Test
    void emptyBatchInsertsNothing() {
        RowRepository repo = open();

        assertThat(repo.insertIfAbsent(List.of())).isZero();
        assertThat(repo.count(PMS)).isZero();
    }

    @Test
    void largeBatchIsStoredWhole() {
        RowRepository repo = open();
        List<StoredRow> batch = pmsBatch(0, 2_000, 20);

        assertThat(repo.insertIfAbsent(batch)).isEqualTo(2_000);
        assertThat(repo.count(PMS)).isEqualTo(2_000);
        assertThat(repo.insertIfAbsent(batch)).as("redelivery of the same batch").isZero();
        assertThat(repo.count(PMS)).isEqualTo(2_000);
    }

    @Test
    void concurrentOverlappingBatchesStoreEachKeyOnce() throws Exception {
        RowRepository repo = open();
        int threads = 4;
        // Thread t covers rows [t*50, t*50+600) in batches of 100, so at any moment the threads are inserting
        // mostly the same keys: the overlap is what a redelivered or rebalanced Kafka batch looks like.
        List<List<StoredRow>> work = new ArrayList<>();
        Set<String> distinctKeys = new HashSet<>();
        for (int t = 0; t < threads; t++) {
            List<StoredRow> rows = pmsBatch(t * 50, 600, 5);
            rows.forEach(r -> distinctKeys.add(r.rowKey()));
            work.add(rows);
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (List<StoredRow> rows : work) {
                Callable<Integer> insertInBatches = () -> {
                    start.await();
                    int inserted = 0;
                    for (int from = 0; from < rows.size(); from += 100) {
                        inserted += repo.insertIfAbsent(rows.subList(from, from + 100));
                    }
                    return inserted;
                };
                results.add(pool.submit(insertInBatches));
            }
            start.countDown();
            int insertedTotal = 0;
            for (Future<Integer> result : results) {
                insertedTotal += result.get(60, TimeUnit.SECONDS);
            }

            assertThat(insertedTotal).isEqualTo(distinctKeys.size());
            assertThat(repo.count(PMS)).isEqualTo(distinctKeys.size());
            for (int d = 0; d < 5; d++) {
                List<String> rows = repo.newest(PMS, "PMS-" + d, Integer.MAX_VALUE);
                assertThat(rows).doesNotHaveDuplicates();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void reopenedRepositorySeesStoredRows() {
        assumeTrue(survivesReopen(), "this adapter does not keep rows across reopen");
        RowRepository first = open();
        List<StoredRow> batch = pmsBatch(0, 50, 3);
        first.insertIfAbsent(batch);
        List<String> newestBefore = first.newest(PMS, "PMS-1", 5);
        first.close();

        RowRepository reopened = open();

        assertThat(reopened.count(PMS)).isEqualTo(50);
        assertThat(reopened.newest(PMS, "PMS-1", 5)).isEqualTo(newestBefore);
        assertThat(reopened.insertIfAbsent(batch)).as("keys stay known after reopen").isZero();
        assertThat(reopened.insertIfAbsent(List.of(pms("PMS-1", "0241", 999)))).isEqualTo(1);
    }

    @Test
    void callsAfterCloseAreUnavailable() {
        RowRepository repo = open();
        repo.insertIfAbsent(List.of(pms("PMS-1", "0241", 1)));
        repo.close();

        assertThatThrownBy(() -> repo.insertIfAbsent(List.of(pms("PMS-1", "0241", 2))))
                .isInstanceOf(RepositoryUnavailableException.class);
        assertThatThrownBy(() -> repo.insertIfAbsent(List.of()))
                .isInstanceOf(RepositoryUnavailableException.class);
        assertThatThrownBy(() -> repo.newest(PMS, "PMS-1", 1)).isInstanceOf(RepositoryUnavailableException.class);
        assertThatThrownBy(() -> repo.count(PMS)).isInstanceOf(RepositoryUnavailableException.class);
        repo.close(); // idempotent
    }

    @Test
    void negativeLimitIsRejectedAsPermanent() {
        RowRepository repo = open();

        assertThatThrownBy(() -> repo.newest(PMS, "PMS-1", -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
