package com.sundaya.messaging.kafka;

import java.nio.file.Path;

import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs what the Kafka broker choice needs around the routes: the embedded broker (when configured), topic
 * reconciliation and the readiness check. Services added to the context stop after the routes, in reverse order,
 * so the embedded broker is the last thing to go (design.md §3 shutdown order).
 */
public final class KafkaPlatform {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaPlatform.class);

    private KafkaPlatform() {
    }

    public record Settings(boolean embedded, Path dataDir, String embeddedHost, int embeddedPort,
                           int embeddedControllerPort, long retentionHours, long retentionBytes,
                           String bootstrapServers, String topics) {
    }

    public static void install(CamelContext context, Settings settings) throws Exception {
        if (settings.embedded()) {
            EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(settings.dataDir(), settings.embeddedHost(),
                    settings.embeddedPort(), settings.embeddedControllerPort(), settings.retentionHours(),
                    settings.retentionBytes());
            // started here, before any route, so consumers and producers find it up
            broker.start();
            context.addService(broker, true, true);
            if (!broker.bootstrapServers().equals(settings.bootstrapServers())) {
                LOG.warn("messaging.kafka.bootstrap-servers={} does not point at the embedded broker {}",
                        settings.bootstrapServers(), broker.bootstrapServers());
            }
        }
        TopicReconciler reconciler = new TopicReconciler(settings.bootstrapServers(),
                TopicSpec.parseList(settings.topics()));
        reconciler.start();
        context.addService(reconciler, true, true);
        context.getRegistry().bind("topicReconciler", reconciler);

        BrokerHealthCheck health = new BrokerHealthCheck(settings.bootstrapServers(), reconciler);
        health.setCamelContext(context);
        HealthCheckRegistry registry = HealthCheckRegistry.get(context);
        if (registry != null) {
            registry.register(health);
        }
        context.addService(new org.apache.camel.support.service.ServiceSupport() {
            @Override
            protected void doStop() {
                health.close();
            }
        }, true, true);
    }
}
