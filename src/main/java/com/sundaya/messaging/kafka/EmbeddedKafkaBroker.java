package com.sundaya.messaging.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft Kafka (broker and controller in one process) running inside the platform's JVM, so the
 * platform starts with one command and no external service. Its log directory lives under the data directory and
 * is formatted once, so data survives restarts. Kafka 4 has no ZooKeeper; neither does this: the node is its own
 * controller quorum.
 */
public class EmbeddedKafkaBroker extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private final Path logDir;
    private final String host;
    private final int port;
    private final int controllerPort;
    private final long retentionHours;
    private final long retentionBytes;
    private KafkaRaftServer server;

    public EmbeddedKafkaBroker(Path dataDir, String host, int port, int controllerPort, long retentionHours,
                               long retentionBytes) {
        this.logDir = dataDir.resolve("kafka").toAbsolutePath();
        this.host = host;
        this.port = port;
        this.controllerPort = controllerPort;
        this.retentionHours = retentionHours;
        this.retentionBytes = retentionBytes;
    }

    public String bootstrapServers() {
        return host + ":" + port;
    }

    Properties serverProperties() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@" + host + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        // one node: internal topics cannot have more replicas than that
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "3");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("num.partitions", "3");
        // a restarted consumer should rejoin at once instead of waiting for a rebalance delay
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        // after a crash the controller waits out the dead incarnation's session before the broker may register
        // again; one node has nobody to fail over to, so keep that wait short
        p.put("broker.session.timeout.ms", "3000");
        p.put("broker.heartbeat.interval.ms", "500");
        p.put("log.retention.hours", Long.toString(retentionHours));
        p.put("log.retention.bytes", Long.toString(retentionBytes));
        p.put("log.segment.bytes", Integer.toString(64 * 1024 * 1024));
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        return p;
    }

    @Override
    protected void doStart() throws Exception {
        Files.createDirectories(logDir);
        Properties props = serverProperties();
        formatOnce(props);
        KafkaConfig config = KafkaConfig.fromProps(props, false);
        server = new KafkaRaftServer(config, Time.SYSTEM);
        long started = System.nanoTime();
        server.startup();
        LOG.info("Embedded Kafka (KRaft, single node) listening on {} with data in {} ({} ms)", bootstrapServers(),
                logDir, (System.nanoTime() - started) / 1_000_000);
    }

    /** Formats the log directory the first time only; later starts reuse the existing cluster id and data. */
    private void formatOnce(Properties props) throws IOException {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        Path config = Files.createTempFile("embedded-kafka", ".properties");
        try {
            try (Writer w = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
                props.store(w, "embedded kafka");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int rc = StorageTool.execute(new String[] {
                    "format", "-t", Uuid.randomUuid().toString(), "-c", config.toString(), "--ignore-formatted" },
                    new PrintStream(out, true, StandardCharsets.UTF_8));
            if (rc != 0) {
                throw new IllegalStateException("Formatting the Kafka log directory failed: " + out);
            }
            LOG.info("Formatted new Kafka log directory {}", logDir);
        } finally {
            Files.deleteIfExists(config);
        }
    }

    @Override
    protected void doStop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
            LOG.info("Embedded Kafka stopped");
        }
    }
}
