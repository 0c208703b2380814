package io.upsell.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsell.schemas.app.UsageReported;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topic;
import io.upsell.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

@WithKafka
class TestBrokerTest {

  @Test
  void recordSentToACatalogTopicIsReadBackWithItsKeyAndTime(TopicRecords records) {
    String customer = "c-" + UUID.randomUUID();
    String key = Keys.customer("shop-1", customer);
    Instant at = Instant.parse("2025-11-22T10:15:30Z");
    UsageReported usage = UsageReported.newBuilder()
        .setShopId("shop-1").setCustomerId(customer).setEventId("u-1").setOccurredAt(at)
        .setResource("storage").setUsedUnits(86).setQuotaUnits(100).setPlan("basic")
        .build();

    records.send(Topics.APP_USAGE, key, usage, at.toEpochMilli());
    var read = records.await(Topics.APP_USAGE, r -> r.key().equals(key), 1, Duration.ofSeconds(30));

    assertThat(read).singleElement().satisfies(r -> {
      assertThat(r.value()).isEqualTo(usage);
      assertThat(r.timestamp()).isEqualTo(at.toEpochMilli());
    });
  }

  @Test
  void everyCatalogTopicExistsWithItsPartitionsAndCleanupPolicy(TestBroker broker) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      List<String> names = Topics.ALL.stream().map(Topic::name).toList();
      Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get();
      for (Topic<?> topic : Topics.ALL) {
        assertThat(described.get(topic.name()).partitions()).as(topic.name()).hasSize(topic.partitions());
      }
      var resource = new ConfigResource(ConfigResource.Type.TOPIC, Topics.CRM_CUSTOMERS.name());
      var config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
      assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
    }
  }

  @Test
  void testcontainersModeWithoutDockerIsSkippedNotFailed() {
    String before = System.getProperty(TestKafka.MODE_PROPERTY);
    System.setProperty(TestKafka.MODE_PROPERTY, "testcontainers");
    try {
      boolean docker = ContainerBroker.dockerAvailable();
      assertThat(TestKafka.unavailableReason().isPresent()).isEqualTo(!docker);
      TestKafka.unavailableReason().ifPresent(reason -> assertThat(reason).contains("no Docker engine"));
    } finally {
      if (before == null) {
        System.clearProperty(TestKafka.MODE_PROPERTY);
      } else {
        System.setProperty(TestKafka.MODE_PROPERTY, before);
      }
    }
  }
}
