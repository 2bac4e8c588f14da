package com.sundaya.messaging.storage;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test double for retry and dead-letter paths: the first {@code failures} inserts throw
 * {@link RepositoryUnavailableException} (a store that is down), later ones reach the delegate.
 */
public final class FailingRowRepository implements RowRepository {

    private final RowRepository delegate;
    private final AtomicInteger failuresLeft;
    private final AtomicInteger insertCalls = new AtomicInteger();

    public FailingRowRepository(RowRepository delegate, int failures) {
        this.delegate = delegate;
        this.failuresLeft = new AtomicInteger(failures);
    }

    /** A repository that is down for good, e.g. to drive a batch to the dead-letter topic. */
    public static FailingRowRepository alwaysDown() {
        return new FailingRowRepository(new InMemoryRowRepository(), Integer.MAX_VALUE);
    }

    @Override
    public int insertIfAbsent(List<StoredRow> rows) {
        insertCalls.incrementAndGet();
        if (failuresLeft.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            throw new RepositoryUnavailableException("simulated outage");
        }
        return delegate.insertIfAbsent(rows);
    }

    /** Every insert attempt, failed or not: what a retry test asserts on. */
    public int insertCalls() {
        return insertCalls.get();
    }

    @Override
    public List<String> newest(String table, String deviceId, int limit) {
        return delegate.newest(table, deviceId, limit);
    }

    @Override
    public long count(String table) {
        return delegate.count(table);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
