package com.sundaya.messaging.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.camel.support.service.ServiceSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the configured topics (and each one's dead-letter topic) at startup, or grows their partition count to the
 * configured one. Replicas are capped at the number of brokers, with a warning, so the seed's {@code :2} works on a
 * one-node development broker. An unreachable cluster does not stop the platform: reconciliation is retried in the
 * background and readiness reports DOWN until it has succeeded.
 */
public class TopicReconciler extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(TopicReconciler.class);
    private static final long RETRY_SECONDS = 5;

    private final String bootstrapServers;
    private final List<TopicSpec> topics;
    private volatile boolean reconciled;
    private ScheduledExecutorService retries;

    public TopicReconciler(String bootstrapServers, List<TopicSpec> configured) {
        this.bootstrapServers = bootstrapServers;
        this.topics = new ArrayList<>();
        for (TopicSpec spec : configured) {
            topics.add(spec);
            topics.add(spec.deadLetter());
        }
    }

    public boolean isReconciled() {
        return reconciled;
    }

    public List<TopicSpec> topics() {
        return List.copyOf(topics);
    }

    @Override
    protected void doStart() {
        if (!tryReconcile()) {
            retries = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "topic-reconciler");
                t.setDaemon(true);
                return t;
            });
            retries.scheduleWithFixedDelay(() -> {
                if (tryReconcile()) {
                    retries.shutdown();
                }
            }, RETRY_SECONDS, RETRY_SECONDS, TimeUnit.SECONDS);
        }
    }

    @Override
    protected void doStop() {
        if (retries != null) {
            retries.shutdownNow();
        }
    }

    private boolean tryReconcile() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "8000");
        try (Admin admin = Admin.create(props)) {
            reconcile(admin);
            reconciled = true;
            return true;
        } catch (Exception e) {
            LOG.warn("Topics not reconciled with {} yet ({}); retrying in {} s", bootstrapServers, e.getMessage(),
                    RETRY_SECONDS);
            return false;
        }
    }

    void reconcile(Admin admin) throws Exception {
        int brokers = admin.describeCluster().nodes().get(8, TimeUnit.SECONDS).size();
        Set<String> existing = admin.listTopics().names().get(8, TimeUnit.SECONDS);
        List<NewTopic> toCreate = new ArrayList<>();
        List<String> toDescribe = new ArrayList<>();
        for (TopicSpec spec : topics) {
            if (existing.contains(spec.name())) {
                toDescribe.add(spec.name());
                continue;
            }
            short replicas = spec.replicas();
            if (replicas > brokers) {
                LOG.warn("Topic {} asks for {} replicas but the cluster has {} broker(s): using {}", spec.name(),
                        replicas, brokers, brokers);
                replicas = (short) brokers;
            }
            toCreate.add(new NewTopic(spec.name(), spec.partitions(), replicas));
        }
        if (!toCreate.isEmpty()) {
            createAll(admin, toCreate);
        }
        if (!toDescribe.isEmpty()) {
            growPartitions(admin, toDescribe);
        }
    }

    private static void createAll(Admin admin, Collection<NewTopic> toCreate) throws Exception {
        for (var result : admin.createTopics(toCreate).values().entrySet()) {
            try {
                result.getValue().get(10, TimeUnit.SECONDS);
                LOG.info("Created topic {}", result.getKey());
            } catch (java.util.concurrent.ExecutionException e) {
                // another node created it first: that is the outcome we wanted
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    private void growPartitions(Admin admin, List<String> names) throws Exception {
        Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames().get(8, TimeUnit.SECONDS);
        for (TopicSpec spec : topics) {
            TopicDescription d = descriptions.get(spec.name());
            if (d == null) {
                continue;
            }
            int current = d.partitions().size();
            if (current < spec.partitions()) {
                admin.createPartitions(Map.of(spec.name(), NewPartitions.increaseTo(spec.partitions())))
                        .all().get(10, TimeUnit.SECONDS);
                LOG.info("Topic {}: partitions {} -> {}", spec.name(), current, spec.partitions());
            } else if (current > spec.partitions()) {
                LOG.warn("Topic {} has {} partitions, more than the configured {}; Kafka cannot shrink a topic",
                        spec.name(), current, spec.partitions());
            }
        }
    }
}
