package com.sundaya.messaging.storage;

import com.lambdazen.bitsy.BitsyException;
import com.lambdazen.bitsy.BitsyGraph;
import com.lambdazen.bitsy.BitsyRetryException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.apache.tinkerpop.gremlin.structure.T;
import org.apache.tinkerpop.gremlin.structure.Vertex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embedded, durable repository on a Bitsy graph (design §4): a vertex per (table, device) labelled {@code device},
 * a vertex per row labelled with its table, and a {@code reading} edge from device to row.
 *
 * <p>Thread-safety: reads run concurrently; writes are serialised on this instance. Bitsy has no unique
 * constraint, so two concurrent transactions could both find a key absent and both insert it; one writer at a
 * time is what makes insert-if-absent exact. A batch is one Bitsy transaction (one fsync), which is where the
 * throughput comes from, so serialising batches costs little.
 *
 * <p>Bitsy keeps the whole graph in heap and replays its files at open: size the heap for the data kept.
 */
public final class BitsyRowRepository implements RowRepository {

    private static final Logger LOG = LoggerFactory.getLogger(BitsyRowRepository.class);

    static final String DEVICE_LABEL = "device";
    static final String READING_LABEL = "reading";
    static final String ROW_KEY = "rowKey";
    static final String DEVICE_ID = "deviceId";
    static final String TIME_EVENT = "timeEvent";
    static final String JSON = "json";
    static final String TABLE = "table";
    // Only device vertices carry it, so finding a device is one index hit rather than a walk over every row
    // that shares its deviceId.
    static final String DEVICE_KEY = "deviceKey";
    private static final List<String> INDEXED_KEYS = List.of(ROW_KEY, DEVICE_ID, DEVICE_KEY);

    // Conflicts can only come from writers outside this instance's monitor, so a few attempts are plenty.
    private static final int MAX_ATTEMPTS = 5;
    private static final String LOCK_FILE = "repository.lock";

    private static final Comparator<RowView> OLDEST_FIRST =
            Comparator.comparing(RowView::timeEvent).thenComparing(RowView::rowKey);

    private final Path directory;
    private final FileChannel lockChannel;
    private final FileLock fileLock;
    private final BitsyGraph graph;
    // Fair, so close() is not starved by a steady stream of calls and waits only for those in flight.
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock(true);
    private final Object writeMonitor = new Object();
    private boolean closed; // guarded by lifecycle

    /**
     * Opens the graph stored in {@code directory}, creating the directory and the indexes when missing.
     *
     * @throws RepositoryUnavailableException when the directory cannot be used or is open elsewhere
     */
    public BitsyRowRepository(Path directory) {
        this(directory, Tuning.BITSY_DEFAULTS);
    }

    /**
     * Bitsy's background work: a transaction log is moved into the vertex/edge files once it exceeds
     * {@code txLogThresholdBytes}, and those files are compacted once they grew by {@code reorgFactor} times their
     * size. Both re-read every record, so larger values trade disk for throughput on a busy node.
     */
    public record Tuning(long txLogThresholdBytes, double reorgFactor) {
        public static final Tuning BITSY_DEFAULTS =
                new Tuning(BitsyGraph.DEFAULT_TX_LOG_THRESHOLD, BitsyGraph.DEFAULT_REORG_FACTOR);
    }

    public BitsyRowRepository(Path directory, Tuning tuning) {
        Objects.requireNonNull(tuning, "tuning");
        this.directory = Objects.requireNonNull(directory, "directory").toAbsolutePath().normalize();
        FileChannel channel = null;
        FileLock lock = null;
        BitsyGraph opened = null;
        try {
            Files.createDirectories(this.directory);
            channel = FileChannel.open(this.directory.resolve(LOCK_FILE),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            // Bitsy only guards against a second open inside one JVM (by JMX name); two processes on one
            // directory would interleave their logs and corrupt it.
            lock = channel.tryLock();
            if (lock == null) {
                throw new RepositoryUnavailableException("Bitsy directory " + this.directory
                        + " is in use by another process");
            }
            opened = new BitsyGraph(this.directory, true, tuning.txLogThresholdBytes(), tuning.reorgFactor(), true);
            ensureIndexes(opened);
        } catch (IOException | OverlappingFileLockException | BitsyException e) {
            abandon(opened, lock, channel);
            throw new RepositoryUnavailableException("cannot open Bitsy repository at " + this.directory, e);
        } catch (RuntimeException e) {
            abandon(opened, lock, channel);
            throw e;
        }
        this.graph = opened;
        this.lockChannel = channel;
        this.fileLock = lock;
        LOG.info("Bitsy repository open at {}", this.directory);
    }

    @Override
    public int insertIfAbsent(List<StoredRow> rows) {
        Objects.requireNonNull(rows, "rows");
        rows.forEach(row -> requireTable(Objects.requireNonNull(row, "row").table()));
        return guarded(() -> {
            if (rows.isEmpty()) {
                return 0;
            }
            synchronized (writeMonitor) {
                return insertWithRetry(rows);
            }
        });
    }

    @Override
    public List<String> newest(String table, String deviceId, int limit) {
        requireTable(table);
        Objects.requireNonNull(deviceId, "deviceId");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0: " + limit);
        }
        return guarded(() -> readOnly(() -> {
            // Min-heap of the newest `limit` seen so far: O(n log limit) over the device's rows.
            PriorityQueue<RowView> newest = new PriorityQueue<>(OLDEST_FIRST);
            Iterator<? extends Vertex> it = graph.verticesByIndex(DEVICE_ID, deviceId);
            while (it.hasNext() && limit > 0) {
                Vertex v = it.next();
                if (!table.equals(v.label())) {
                    continue; // the device vertex, or a row of the same id in another table
                }
                newest.offer(new RowView(v.value(TIME_EVENT), v.value(ROW_KEY), v));
                if (newest.size() > limit) {
                    newest.poll();
                }
            }
            List<RowView> ordered = new ArrayList<>(newest);
            ordered.sort(OLDEST_FIRST.reversed());
            List<String> json = new ArrayList<>(ordered.size());
            ordered.forEach(r -> json.add(r.vertex().value(JSON)));
            return json;
        }));
    }

    @Override
    public long count(String table) {
        requireTable(table);
        return guarded(() -> readOnly(() -> {
            // Bitsy indexes properties, not labels, so this is a full scan; fine for tests and ops.
            long n = 0;
            Iterator<Vertex> it = graph.vertices();
            while (it.hasNext()) {
                if (table.equals(it.next().label())) {
                    n++;
                }
            }
            return n;
        }));
    }

    @Override
    public void close() {
        Lock lock = lifecycle.writeLock();
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            try {
                graph.shutdown();
            } catch (RuntimeException e) {
                LOG.warn("Bitsy shutdown at {} failed; committed batches are already on disk", directory, e);
            } finally {
                releaseQuietly(fileLock, lockChannel);
            }
            LOG.info("Bitsy repository closed at {}", directory);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "BitsyRowRepository[" + directory + "]";
    }

    private int insertWithRetry(List<StoredRow> rows) {
        for (int attempt = 1; ; attempt++) {
            try {
                return insertBatch(rows);
            } catch (BitsyRetryException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw new RepositoryUnavailableException("Bitsy kept reporting concurrent modification after "
                            + attempt + " attempts", e);
                }
                LOG.warn("Bitsy concurrent modification, retrying batch of {} rows (attempt {})", rows.size(),
                        attempt, e);
            }
        }
    }

    private int insertBatch(List<StoredRow> rows) {
        boolean committed = false;
        try {
            // Look everything up before adding anything: Bitsy answers an index lookup by also scanning the
            // transaction's own uncommitted vertices, which would make a batch quadratic.
            Map<String, StoredRow> fresh = new LinkedHashMap<>();
            for (StoredRow row : rows) {
                String scopedKey = row.table() + '|' + row.rowKey();
                if (!fresh.containsKey(scopedKey) && !rowExists(row.table(), row.rowKey())) {
                    fresh.put(scopedKey, row);
                }
            }
            Map<String, Vertex> devices = new HashMap<>();
            for (StoredRow row : fresh.values()) {
                devices.computeIfAbsent(deviceKey(row.table(), row.deviceId()), this::findDevice);
            }
            for (StoredRow row : fresh.values()) {
                String key = deviceKey(row.table(), row.deviceId());
                Vertex device = devices.get(key);
                if (device == null) {
                    device = graph.addVertex(T.label, DEVICE_LABEL, DEVICE_KEY, key,
                            DEVICE_ID, row.deviceId(), TABLE, row.table());
                    devices.put(key, device);
                }
                Vertex reading = graph.addVertex(T.label, row.table(), ROW_KEY, row.rowKey(),
                        DEVICE_ID, row.deviceId(), TIME_EVENT, row.timeEvent(), JSON, row.json());
                device.addEdge(READING_LABEL, reading);
            }
            graph.tx().commit();
            committed = true;
            return fresh.size();
        } finally {
            if (!committed) {
                rollbackQuietly();
            }
        }
    }

    private boolean rowExists(String table, String rowKey) {
        Iterator<? extends Vertex> it = graph.verticesByIndex(ROW_KEY, rowKey);
        while (it.hasNext()) {
            if (table.equals(it.next().label())) {
                return true;
            }
        }
        return false;
    }

    private Vertex findDevice(String deviceKey) {
        Iterator<? extends Vertex> it = graph.verticesByIndex(DEVICE_KEY, deviceKey);
        return it.hasNext() ? it.next() : null; // null: created with the first row, not stored in the map
    }

    private static String deviceKey(String table, String deviceId) {
        return table + '|' + deviceId; // unambiguous: a table name never contains '|'
    }

    // Runs one call unless closed; close() waits for calls in flight so Bitsy never shuts down under them.
    private <R> R guarded(Supplier<R> call) {
        Lock lock = lifecycle.readLock();
        lock.lock();
        try {
            if (closed) {
                throw new RepositoryUnavailableException(this + " is closed");
            }
            return call.get();
        } catch (BitsyException e) {
            // Input was validated before reaching Bitsy, so what it reports is the store's failure (I/O,
            // flush): transient from the caller's point of view.
            throw new RepositoryUnavailableException("Bitsy failed at " + directory + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    // Bitsy opens a transaction per thread on first access; ending it keeps pooled threads from holding one.
    private <R> R readOnly(Supplier<R> query) {
        try {
            return query.get();
        } finally {
            rollbackQuietly();
        }
    }

    private void rollbackQuietly() {
        try {
            graph.tx().rollback();
        } catch (RuntimeException e) {
            LOG.debug("rollback after failure failed", e);
        }
    }

    private static void ensureIndexes(BitsyGraph graph) {
        Set<String> existing = graph.getIndexedKeys(Vertex.class);
        for (String key : INDEXED_KEYS) {
            if (!existing.contains(key)) {
                graph.createKeyIndex(key, Vertex.class);
            }
        }
    }

    private static void requireTable(String table) {
        StoredRow.requireTableName(table);
        if (DEVICE_LABEL.equals(table)) {
            throw new IllegalArgumentException("'" + DEVICE_LABEL + "' is reserved for device vertices");
        }
    }

    // A half-opened graph stays registered under its path in JMX and would block the next open in this JVM.
    private static void abandon(BitsyGraph graph, FileLock lock, FileChannel channel) {
        try {
            if (graph != null) {
                graph.shutdown();
            }
        } catch (RuntimeException e) {
            LOG.debug("shutting down a half-opened graph failed", e);
        } finally {
            releaseQuietly(lock, channel);
        }
    }

    private static void releaseQuietly(FileLock lock, FileChannel channel) {
        try {
            if (lock != null && lock.isValid()) {
                lock.release();
            }
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            LOG.debug("releasing the directory lock failed", e);
        }
    }

    private record RowView(String timeEvent, String rowKey, Vertex vertex) {
    }
}
