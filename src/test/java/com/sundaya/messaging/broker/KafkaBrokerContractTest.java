package com.sundaya.messaging.broker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import com.sundaya.messaging.kafka.EmbeddedKafkaBroker;
import com.sundaya.messaging.support.FreePorts;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The broker contract on a real single-node KRaft Kafka, through kamelets/kafka-sink and kamelets/kafka-source. */
class KafkaBrokerContractTest extends BrokerContract {

    private EmbeddedKafkaBroker kafka;

    @BeforeAll
    void startKafka() throws Exception {
        kafka = new EmbeddedKafkaBroker(Files.createTempDirectory("contract-kafka"), "127.0.0.1", FreePorts.next(),
                FreePorts.next(), 1, -1);
        kafka.start();
    }

    @AfterAll
    void stopKafka() {
        kafka.stop();
    }

    @Override
    protected String broker() {
        return "kafka";
    }

    @Override
    protected Properties kameletProperties() {
        Properties p = new Properties();
        p.put("camel.kamelet.kafka-sink.bootstrapServers", kafka.bootstrapServers());
        p.put("camel.kamelet.kafka-sink.topic", "contract.default");
        p.put("camel.kamelet.kafka-sink.clientId", "producer.contract");
        p.put("camel.kamelet.kafka-source.bootstrapServers", kafka.bootstrapServers());
        p.put("camel.kamelet.kafka-source.clientId", "consumer.contract");
        return p;
    }

    @Override
    protected void createTopic(String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                (Object) kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(10, TimeUnit.SECONDS);
        }
    }

    @Override
    protected String sourceParameters(String topic, String group, String member) {
        return "topic=" + topic + "&groupId=" + group + "&groupInstanceId=" + member;
    }
}
