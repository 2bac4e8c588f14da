package com.sundaya.messaging.storage;

import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Storage role: writes a checked batch into the analytics repository, insert-if-absent, in one call. When the
 * repository is unavailable the exception goes back to the route, whose error handler retries with backoff: the
 * flow pauses and nothing is dropped or committed. Any other failure is specific to some row, so the batch is
 * written row by row and only rows that keep failing are dead-lettered.
 */
public class AnalyticsStorage {

    private static final Logger LOG = LoggerFactory.getLogger(AnalyticsStorage.class);

    private final RowRepository repository;
    private final int rowAttempts;
    private volatile StoreLatency latency;

    public AnalyticsStorage(RowRepository repository, int rowAttempts) {
        this.repository = repository;
        this.rowAttempts = rowAttempts;
    }

    public RowRepository repository() {
        return repository;
    }

    @SuppressWarnings("unchecked")
    public void write(Exchange exchange) {
        List<StoredRow> rows = exchange.getMessage().getBody(List.class);
        if (rows == null || rows.isEmpty()) {
            return;
        }
        try {
            int inserted = repository.insertIfAbsent(rows);
            LOG.debug("Stored {} new of {} rows", inserted, rows.size());
            latency(exchange).stored(exchange.getProperty(RowCheck.RECEIVED_AT, List.class));
        } catch (RepositoryUnavailableException e) {
            throw e;
        } catch (RuntimeException batchFailure) {
            LOG.warn("Batch of {} rows failed ({}); writing row by row", rows.size(), batchFailure.toString());
            List<Message> accepted = exchange.getProperty(RowCheck.ACCEPTED, List.class);
            for (int i = 0; i < rows.size(); i++) {
                writeOne(exchange, rows.get(i), accepted.get(i));
            }
        }
    }

    private StoreLatency latency(Exchange exchange) {
        StoreLatency l = latency;
        if (l == null) {
            l = StoreLatency.of(exchange.getContext());
            latency = l;
        }
        return l;
    }

    private void writeOne(Exchange exchange, StoredRow row, Message original) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= rowAttempts; attempt++) {
            try {
                repository.insertIfAbsent(List.of(row));
                return;
            } catch (RepositoryUnavailableException e) {
                throw e;
            } catch (RuntimeException e) {
                last = e;
            }
        }
        DeadLetters.add(exchange, original, "repository rejected the row: " + last, rowAttempts);
    }
}
