package com.sundaya.messaging.storage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Heap-only test double: fast, keeps nothing across instances. It passes the contract suite, so route tests can
 * use it in place of a real adapter without relying on behaviour the real ones do not have.
 */
public final class InMemoryRowRepository implements RowRepository {

    private static final Comparator<StoredRow> NEWEST_FIRST =
            Comparator.comparing(StoredRow::timeEvent).thenComparing(StoredRow::rowKey).reversed();

    private final Map<String, Map<String, StoredRow>> tables = new HashMap<>();
    private boolean closed;

    @Override
    public synchronized int insertIfAbsent(List<StoredRow> rows) {
        Objects.requireNonNull(rows, "rows");
        requireOpen();
        int inserted = 0;
        for (StoredRow row : rows) {
            if (tables.computeIfAbsent(row.table(), t -> new HashMap<>()).putIfAbsent(row.rowKey(), row) == null) {
                inserted++;
            }
        }
        return inserted;
    }

    @Override
    public synchronized List<String> newest(String table, String deviceId, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0: " + limit);
        }
        requireOpen();
        List<StoredRow> rows = new ArrayList<>();
        tables.getOrDefault(table, Map.of()).values().forEach(row -> {
            if (row.deviceId().equals(deviceId)) {
                rows.add(row);
            }
        });
        return rows.stream().sorted(NEWEST_FIRST).limit(limit).map(StoredRow::json).toList();
    }

    @Override
    public synchronized long count(String table) {
        requireOpen();
        return tables.getOrDefault(table, Map.of()).size();
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    private void requireOpen() {
        if (closed) {
            throw new RepositoryUnavailableException("in-memory repository is closed");
        }
    }
}
