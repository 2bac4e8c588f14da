package com.sundaya.messaging.kafka;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Readiness: the broker cluster answers and the configured topics exist. Liveness is not affected, so an
 * orchestrator stops sending traffic during a broker outage instead of restarting the platform.
 */
public class BrokerHealthCheck extends AbstractHealthCheck {

    private final TopicReconciler reconciler;
    private final Admin admin;

    public BrokerHealthCheck(String bootstrapServers, TopicReconciler reconciler) {
        super("messaging", "broker");
        this.reconciler = reconciler;
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "2000");
        this.admin = Admin.create(props);
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try {
            int nodes = admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).size();
            builder.detail("brokers", nodes);
            builder.detail("topics.reconciled", reconciler.isReconciled());
            if (nodes > 0 && reconciler.isReconciled()) {
                builder.up();
            } else {
                builder.down();
            }
        } catch (Exception e) {
            builder.message("broker unreachable: " + e.getMessage());
            builder.down();
        }
    }

    public void close() {
        admin.close();
    }
}
