package com.sundaya.messaging.storage;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test double: a real repository behind switches — one makes it unavailable (a store that goes down and comes
 * back), one makes it refuse the rows of one device (a row-specific, permanent failure).
 */
public final class OutageSwitchRepository implements RowRepository {

    private final RowRepository delegate;
    private volatile boolean down;
    private volatile String rejectedDevice;
    private final AtomicInteger failedInserts = new AtomicInteger();

    public OutageSwitchRepository(RowRepository delegate) {
        this.delegate = delegate;
    }

    public void goDown() {
        failedInserts.set(0);
        down = true;
    }

    public void comeBack() {
        down = false;
    }

    public void reject(String deviceId) {
        rejectedDevice = deviceId;
    }

    public void acceptAll() {
        rejectedDevice = null;
    }

    /** Insert attempts refused since the last {@link #goDown()}: shows the platform retrying. */
    public int failedInserts() {
        return failedInserts.get();
    }

    @Override
    public int insertIfAbsent(List<StoredRow> rows) {
        if (down) {
            failedInserts.incrementAndGet();
            throw new RepositoryUnavailableException("simulated outage");
        }
        String rejected = rejectedDevice;
        if (rejected != null && rows.stream().anyMatch(r -> r.deviceId().equals(rejected))) {
            throw new IllegalStateException("constraint violated by device " + rejected);
        }
        return delegate.insertIfAbsent(rows);
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
