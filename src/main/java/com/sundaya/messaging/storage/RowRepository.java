package com.sundaya.messaging.storage;

import java.util.List;

/**
 * The analytics repository SPI. Every adapter (Bitsy, Redis, BigQuery, GCS, Bigtable, Datastore) passes the same
 * contract suite ({@code RowRepositoryContract} in the tests).
 *
 * <p>Row keys are scoped to their table: the same key in two tables names two rows.
 */
public interface RowRepository extends AutoCloseable {

    /**
     * Stores each row whose (table, row key) is not stored yet, the whole batch in one transaction or round-trip
     * where the store allows. A row whose key exists is left exactly as it was (rows are append-only), so a
     * redelivered batch is harmless. Duplicate keys inside the batch are stored once, the first one winning.
     *
     * @return how many rows were newly inserted
     * @throws RepositoryUnavailableException for a transient failure (store closed or down): retry later
     * @throws IllegalArgumentException       and any other exception: permanent, retrying will not help
     */
    int insertIfAbsent(List<StoredRow> rows);

    /**
     * The newest {@code limit} rows of one device in one table, ordered by {@code time_event} descending (ties by
     * row key descending), as the stored JSON texts.
     */
    List<String> newest(String table, String deviceId, int limit);

    /** Number of rows stored in a table (for tests and ops; may scan). */
    long count(String table);

    /** Releases the store. Idempotent; afterwards every call throws {@link RepositoryUnavailableException}. */
    @Override
    void close();
}
