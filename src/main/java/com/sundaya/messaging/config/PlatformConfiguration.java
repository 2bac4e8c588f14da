package com.sundaya.messaging.config;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

import com.sundaya.messaging.api.AnalyticsQueryProcessor;
import com.sundaya.messaging.api.ApiKeyRegistry;
import com.sundaya.messaging.api.ErrorResponder;
import com.sundaya.messaging.api.HttpErrorPages;
import com.sundaya.messaging.api.IngestProcessor;
import com.sundaya.messaging.dataset.AlarmThresholds;
import com.sundaya.messaging.dataset.Dataset;
import com.sundaya.messaging.dataset.DatasetPipeline;
import com.sundaya.messaging.kafka.KafkaPlatform;
import com.sundaya.messaging.storage.AnalyticsStorage;
import com.sundaya.messaging.storage.BitsyRowRepository;
import com.sundaya.messaging.storage.Repositories;
import com.sundaya.messaging.storage.RowCheck;
import com.sundaya.messaging.storage.RowRepository;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Builds the beans the YAML routes refer to, from configuration. Everything that varies by environment is a
 * property (see application.properties and the README's table); this class only wires.
 */
public class PlatformConfiguration implements CamelConfiguration {

    private static final SecureRandom RANDOM = new SecureRandom();

    @PropertyInject("messaging.broker")
    String broker;
    @PropertyInject("messaging.repository")
    String repository;
    @PropertyInject(value = "messaging.node-id", defaultValue = "")
    String nodeId;
    @PropertyInject("messaging.storage.row-attempts")
    int rowAttempts;
    @PropertyInject("messaging.bitsy.tx-log-threshold-bytes")
    long bitsyTxLogThreshold;
    @PropertyInject("messaging.bitsy.reorg-factor")
    double bitsyReorgFactor;
    @PropertyInject("messaging.storage.republish")
    boolean republish;
    @PropertyInject("messaging.storage.republish-suffix")
    String republishSuffix;
    @PropertyInject("messaging.data-dir")
    String dataDir;
    @PropertyInject(value = "messaging.security.api-keys", defaultValue = "")
    String apiKeys;
    @PropertyInject("camel.server.port")
    int httpPort;
    @PropertyInject("messaging.http.max-body-bytes")
    long maxBodyBytes;
    @PropertyInject("messaging.publish.retry-after-seconds")
    long retryAfterSeconds;

    @PropertyInject("messaging.kafka.embedded")
    boolean kafkaEmbedded;
    @PropertyInject("messaging.kafka.embedded.host")
    String kafkaEmbeddedHost;
    @PropertyInject("messaging.kafka.embedded.port")
    int kafkaEmbeddedPort;
    @PropertyInject("messaging.kafka.embedded.controller-port")
    int kafkaEmbeddedControllerPort;
    @PropertyInject("messaging.kafka.embedded.retention-hours")
    long kafkaRetentionHours;
    @PropertyInject("messaging.kafka.embedded.retention-bytes")
    long kafkaRetentionBytes;
    @PropertyInject("messaging.kafka.bootstrap-servers")
    String kafkaBootstrapServers;
    @PropertyInject("messaging.kafka.topics")
    String kafkaTopics;
    @PropertyInject(value = "messaging.kafka.producer.client-id", defaultValue = "")
    String producerClientId;
    @PropertyInject(value = "messaging.kafka.consumer.client-id", defaultValue = "")
    String consumerClientId;

    @PropertyInject("messaging.topic.pms")
    String pmsTopic;
    @PropertyInject("messaging.topic.mppt")
    String mpptTopic;
    @PropertyInject("messaging.topic.inverter")
    String inverterTopic;
    @PropertyInject("messaging.table.pms")
    String pmsTable;
    @PropertyInject("messaging.table.mppt")
    String mpptTable;
    @PropertyInject("messaging.table.inverter")
    String inverterTable;

    @PropertyInject("messaging.alarms.cell-under-volt")
    double cellUnderVolt;
    @PropertyInject("messaging.alarms.cell-over-volt")
    double cellOverVolt;
    @PropertyInject("messaging.alarms.cell-imbalance-mv")
    double cellImbalanceMv;
    @PropertyInject("messaging.alarms.pack-over-temp-warn")
    double packOverTempWarn;
    @PropertyInject("messaging.alarms.pack-over-temp")
    double packOverTemp;
    @PropertyInject("messaging.alarms.fet-over-temp")
    double fetOverTemp;

    @Override
    public void configure(CamelContext context) throws Exception {
        assignNodeIdentities(context.getPropertiesComponent());
        Path data = Path.of(dataDir);

        if (!"kafka".equals(broker)) {
            throw new IllegalArgumentException("messaging.broker=" + broker + " is not supported; available: kafka");
        }
        KafkaPlatform.install(context, new KafkaPlatform.Settings(kafkaEmbedded, data, kafkaEmbeddedHost,
                kafkaEmbeddedPort, kafkaEmbeddedControllerPort, kafkaRetentionHours, kafkaRetentionBytes,
                kafkaBootstrapServers, topicsToReconcile()));

        AlarmThresholds thresholds = new AlarmThresholds(cellUnderVolt, cellOverVolt, cellImbalanceMv,
                packOverTempWarn, packOverTemp, fetOverTemp);
        Map<Dataset, DatasetPipeline> pipelines = new EnumMap<>(Dataset.class);
        for (Dataset d : Dataset.values()) {
            pipelines.put(d, new DatasetPipeline(d, thresholds));
        }
        Map<Dataset, String> topics = new EnumMap<>(Map.of(
                Dataset.PMS, pmsTopic, Dataset.MPPT, mpptTopic, Dataset.INVERTER, inverterTopic));
        ApiKeyRegistry keys = ApiKeyRegistry.configuredOrGenerated(apiKeys, data, httpPort);

        context.getRegistry().bind("ingestProcessor", new IngestProcessor(pipelines, topics, keys, maxBodyBytes));
        context.getRegistry().bind("apiErrorResponder", new ErrorResponder(retryAfterSeconds));

        // a RowRepository bound as "analyticsRepository" beforehand (an embedding application, a test) is used as is
        RowRepository bound = context.getRegistry().lookupByNameAndType("analyticsRepository", RowRepository.class);
        RowRepository rows = bound != null ? bound : Repositories.open(repository, data,
                new BitsyRowRepository.Tuning(bitsyTxLogThreshold, bitsyReorgFactor));
        // added after the broker, so it is closed before the broker stops (services stop in reverse order)
        context.addService(new org.apache.camel.support.service.ServiceSupport() {
            @Override
            protected void doStop() {
                rows.close();
                org.slf4j.LoggerFactory.getLogger(PlatformConfiguration.class).info("Analytics repository closed");
            }
        }, true, true);
        if (bound == null) {
            context.getRegistry().bind("analyticsRepository", rows);
        }
        context.getRegistry().bind("analyticsStorage", new AnalyticsStorage(rows, rowAttempts));
        bindIfAbsent(context, "storageCheck", new RowCheck());
        context.getRegistry().bind("analyticsQuery",
                new AnalyticsQueryProcessor(rows, keys, Set.of(pmsTable, mpptTable, inverterTable)));
        context.addStartupListener(new HttpErrorPages(httpPort));
    }

    /** A bean already bound under this name (by an embedding application or a test) is kept as it is. */
    private static void bindIfAbsent(CamelContext context, String name, Object bean) {
        if (context.getRegistry().lookupByName(name) == null) {
            context.getRegistry().bind(name, bean);
        }
    }

    /** The configured topics, plus the republish topics when republishing is on (the broker creates none itself). */
    private String topicsToReconcile() {
        if (!republish) {
            return kafkaTopics;
        }
        StringBuilder all = new StringBuilder(kafkaTopics);
        for (String topic : new String[] {pmsTopic, mpptTopic, inverterTopic}) {
            all.append(',').append(topic).append(republishSuffix).append(":3:2");
        }
        return all.toString();
    }

    /**
     * The seed's node identities: {@code producer.<4 random digits>} and {@code consumer.<4 random digits>}, new at
     * every start; and a node id that stays the same across restarts (host and HTTP port), so a restarted node takes
     * its partitions back at once through Kafka's static group membership.
     */
    private void assignNodeIdentities(PropertiesComponent properties) throws java.net.UnknownHostException {
        if (nodeId == null || nodeId.isBlank()) {
            properties.addOverrideProperty("messaging.node-id",
                    java.net.InetAddress.getLocalHost().getHostName() + "-" + httpPort);
        }
        if (producerClientId == null || producerClientId.isBlank()) {
            properties.addOverrideProperty("messaging.kafka.producer.client-id", "producer." + fourDigits());
        }
        if (consumerClientId == null || consumerClientId.isBlank()) {
            properties.addOverrideProperty("messaging.kafka.consumer.client-id", "consumer." + fourDigits());
        }
    }

    private static String fourDigits() {
        return String.format("%04d", RANDOM.nextInt(10_000));
    }
}
