package com.sundaya.messaging.broker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kamelet.KameletComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The contract every broker adapter must keep (Watermill's universal pub/sub tests): the project's
 * {@code <broker>-sink} and {@code <broker>-source} kamelets, on a real broker, honouring the batch contract of
 * {@link BrokerHeaders}. A new broker is an adapter (its kamelets) plus a subclass that starts the broker and says
 * how to address it; capability flags switch off what a broker cannot promise.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BrokerContract {

    /** One message as a subscriber saw it. */
    protected record Received(String member, String key, String body) {
    }

    private CamelContext camel;
    private ProducerTemplate producer;
    private final Queue<Received> received = new ConcurrentLinkedQueue<>();

    /** Kamelet name prefix, e.g. {@code kafka} for kafka-sink / kafka-source. */
    protected abstract String broker();

    /** Global kamelet settings ({@code camel.kamelet.<name>.<property>}) that reach the running broker. */
    protected abstract Properties kameletProperties();

    /** Makes a topic the broker can be published to and consumed from. */
    protected abstract void createTopic(String topic, int partitions) throws Exception;

    /** Source URI parameters (after the '?') for a subscriber of {@code group} called {@code member}. */
    protected abstract String sourceParameters(String topic, String group, String member);

    /** Capability: messages of one key arrive in the order they were published. */
    protected boolean preservesOrderPerKey() {
        return true;
    }

    @BeforeEach
    void startNode() throws Exception {
        received.clear();
        startCamel();
    }

    private void startCamel() throws Exception {
        camel = new DefaultCamelContext();
        camel.getPropertiesComponent().setInitialProperties(kameletProperties());
        KameletComponent kamelets = camel.getComponent("kamelet", KameletComponent.class);
        kamelets.setLocation("file:kamelets");
        kamelets.setNoErrorHandler(true);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:publish").routeId("contract-publish").to("kamelet:" + broker() + "-sink");
            }
        });
        camel.start();
        producer = camel.createProducerTemplate();
    }

    @AfterEach
    void stopCamel() {
        camel.stop();
    }

    @Test
    void should_deliver_every_published_message_once_with_its_key() throws Exception {
        String topic = newTopic(3);
        subscribe(topic, "group-a", "member-1", exchange -> { });
        publish(topic, messages(200, 10));

        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 200);
        assertThat(received).hasSize(200);
        assertThat(received).extracting(Received::body).doesNotHaveDuplicates();
        received.forEach(r -> assertThat(r.body()).startsWith(r.key() + ":"));
    }

    @Test
    void should_keep_the_order_of_each_key() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(preservesOrderPerKey(), broker() + " does not promise order");
        String topic = newTopic(3);
        subscribe(topic, "group-a", "member-1", exchange -> { });
        for (int round = 0; round < 5; round++) {
            publish(topic, messages(20, 4, round * 20));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 100);
        for (int k = 0; k < 4; k++) {
            String key = "key-" + k;
            List<Integer> sequence = received.stream().filter(r -> r.key().equals(key))
                    .map(r -> Integer.parseInt(r.body().substring(r.body().indexOf(':') + 1))).toList();
            assertThat(sequence).as(key).isSorted();
        }
    }

    @Test
    void should_share_a_topic_between_the_members_of_one_group() throws Exception {
        String topic = newTopic(3);
        subscribe(topic, "group-a", "member-1", exchange -> { });
        subscribe(topic, "group-a", "member-2", exchange -> { });
        publish(topic, messages(300, 30));

        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 300);
        assertThat(received).extracting(Received::body).doesNotHaveDuplicates().hasSize(300);
    }

    @Test
    void should_give_every_group_its_own_copy() throws Exception {
        String topic = newTopic(1);
        subscribe(topic, "group-a", "member-a", exchange -> { });
        subscribe(topic, "group-b", "member-b", exchange -> { });
        publish(topic, messages(50, 5));

        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 100);
        assertThat(received.stream().filter(r -> r.member().equals("member-a"))).hasSize(50);
        assertThat(received.stream().filter(r -> r.member().equals("member-b"))).hasSize(50);
    }

    @Test
    void should_deliver_again_a_batch_the_subscriber_did_not_finish() throws Exception {
        String topic = newTopic(3);
        AtomicBoolean failOnce = new AtomicBoolean(true);
        subscribe(topic, "group-a", "member-1", exchange -> {
            if (failOnce.getAndSet(false)) {
                throw new IllegalStateException("subscriber failed on its first batch");
            }
        });
        publish(topic, messages(30, 6));
        publish(topic, messages(30, 6, 30));

        // later batches go through, yet the failed one is not skipped
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                received.stream().map(Received::body).distinct()).hasSize(60));
        assertThat(failOnce).isFalse();
    }

    @Test
    void should_redeliver_after_a_restart_what_the_subscriber_did_not_finish() throws Exception {
        String topic = newTopic(1);
        AtomicBoolean failOnce = new AtomicBoolean(true);
        AtomicBoolean stopped = new AtomicBoolean();
        subscribe(topic, "group-a", "member-1", exchange -> {
            if (failOnce.getAndSet(false)) {
                // the node goes down while the batch is in hand: nothing after this point runs
                stopped.set(true);
                throw new IllegalStateException("node went down before finishing the batch");
            }
        });
        publish(topic, messages(10, 2));
        await().atMost(Duration.ofSeconds(30)).until(() -> !failOnce.get());

        // a batch that was not finished was not acknowledged: when the node restarts, it is delivered again
        assertThat(stopped).isTrue();
        camel.stop();
        startCamel();
        subscribe(topic, "group-a", "member-1", exchange -> { });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                received.stream().map(Received::body).distinct()).hasSize(10));
    }

    private String newTopic(int partitions) throws Exception {
        String topic = "contract." + UUID.randomUUID().toString().substring(0, 8);
        createTopic(topic, partitions);
        return topic;
    }

    /** Starts a subscriber route that records what it receives after {@code handler} accepted the batch. */
    private void subscribe(String topic, String group, String member, org.apache.camel.Processor handler)
            throws Exception {
        String routeId = "contract-" + member + "-" + topic;
        // groups and members are per topic, so no test meets a static member another test left behind
        String groupOfTopic = group + "." + topic;
        String memberOfTopic = member + "." + topic;
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("kamelet:" + broker() + "-source?" + sourceParameters(topic, groupOfTopic, memberOfTopic))
                        .routeId(routeId)
                        .process(handler)
                        .process(exchange -> record(member, exchange));
            }
        });
    }

    @SuppressWarnings("unchecked")
    private void record(String member, Exchange exchange) {
        for (Message m : (List<Message>) exchange.getMessage().getBody(List.class)) {
            received.add(new Received(member, m.getHeader(BrokerHeaders.KEY, String.class), m.getBody(String.class)));
        }
    }

    private void publish(String topic, List<Message> batch) {
        producer.sendBodyAndHeaders("direct:publish", batch, Map.of(BrokerHeaders.TOPIC, topic));
    }

    private List<Message> messages(int count, int keys) {
        return messages(count, keys, 0);
    }

    /** {@code count} messages over {@code keys} keys; body {@code <key>:<sequence>}. */
    private List<Message> messages(int count, int keys, int firstSequence) {
        List<Message> batch = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String key = "key-" + (i % keys);
            Message m = new DefaultMessage(camel);
            m.setHeader(BrokerHeaders.KEY, key);
            m.setBody(key + ":" + (firstSequence + i));
            batch.add(m);
        }
        return batch;
    }
}
