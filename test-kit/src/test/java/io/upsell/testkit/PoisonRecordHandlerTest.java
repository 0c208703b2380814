package io.upsell.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsell.platform.kafka.PoisonRecordHandler;
import io.upsell.schemas.app.UsageReported;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.junit.jupiter.api.Test;

@WithKafka
class PoisonRecordHandlerTest {

  private final EventSerdes serdes = EventSerdes.singleObject();

  @Test
  void unreadableRecordIsDeadLetteredAndTheNextRecordStillProcessed(TestBroker broker, TopicRecords records)
      throws Exception {
    String key = Keys.customer("shop-a", "poison-" + UUID.randomUUID());
    List<String> processed = new CopyOnWriteArrayList<>();
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(Topics.APP_USAGE.name(), Consumed.with(serdes.keySerde(), serdes.valueSerde(Topics.APP_USAGE)))
        .filter((k, v) -> key.equals(k))
        .foreach((k, v) -> processed.add(v.getEventId()));

    try (KafkaStreams streams = new KafkaStreams(builder.build(), streamsConfig(broker))) {
      streams.start();
      sendRaw(broker, key, "not avro at all".getBytes(StandardCharsets.UTF_8));
      records.send(Topics.APP_USAGE, key, usage(key), System.currentTimeMillis());

      var letters = records.await(Topics.DEAD_LETTERS, r -> key.equals(r.key()), 1, Duration.ofSeconds(60));
      assertThat(letters).singleElement().satisfies(r -> {
        assertThat(r.value().getSourceTopic()).isEqualTo(Topics.APP_USAGE.name());
        assertThat(r.value().getError()).contains("app.usage");
        assertThat(StandardCharsets.UTF_8.decode(r.value().getValue()).toString()).isEqualTo("not avro at all");
      });
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (processed.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(processed).containsExactly("good-" + key);
      assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
    }
  }

  private static UsageReported usage(String key) {
    return UsageReported.newBuilder().setShopId("shop-a").setCustomerId(Keys.entityOf(key)).setEventId("good-" + key)
        .setOccurredAt(Instant.now()).setResource("storage").setUsedUnits(1).setQuotaUnits(10).build();
  }

  private static void sendRaw(TestBroker broker, String key, byte[] value) throws Exception {
    Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    try (var producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(Topics.APP_USAGE.name(), key.getBytes(StandardCharsets.UTF_8), value))
          .get(30, TimeUnit.SECONDS);
    }
  }

  private static Properties streamsConfig(TestBroker broker) throws Exception {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "poison-test-" + UUID.randomUUID());
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("poison-state").toString());
    props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, PoisonRecordHandler.class.getName());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put("auto.offset.reset", "earliest");
    return props;
  }
}
