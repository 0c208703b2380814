package io.upsell.deploy.launcher;

import io.upsell.deploy.demo.DemoShop;
import io.upsell.schemas.notify.InAppMessage;
import io.upsell.schemas.serde.SchemaHistory;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topics;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.message.SchemaStore;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A rolling upgrade of the notifier, the one service whose schema has changed so far: {@code InAppMessage} v1
 * (released) became v2 (the trigger behind a message added, optional). Both sides meet on notify.inapp while old
 * and new instances run together.
 *
 * <p>Old writer, new reader — what the backward rule promises: a v1 snapshot written as an old instance writes it
 * is shown by the running (new) notifier. New writer, old reader — what the rule promises only when the reader
 * can learn the writer's schema: a v1 reader given the v2 schema (what a schema registry hands it) reads every
 * snapshot the new notifier wrote; a v1 reader without it (the default single-object mode, schemas compiled in)
 * refuses each one with an unknown-fingerprint error instead of misreading it. That is why readers upgrade first.
 */
final class RollingSchemaChange {

  /** What each direction managed. */
  record Result(int oldWritten, int oldShownByNew, int newWritten, int newReadByOldWithWriterSchema,
      int newRefusedByOldWithoutIt) {}

  private static final Schema V1 = SchemaHistory.load().versionsOf(InAppMessage.getClassSchema().getFullName()).get(0);

  private static final org.apache.kafka.common.serialization.Deserializer<InAppMessage> CURRENT =
      io.upsell.schemas.serde.EventSerdes.singleObject().valueSerde(Topics.NOTIFY_INAPP).deserializer();

  private final TestStack stack;
  private final ShopClient shop;

  RollingSchemaChange(TestStack stack) {
    this.stack = stack;
    this.shop = new ShopClient(stack.apiKey());
  }

  Result run(String prefix, int customers) throws Exception {
    int shown = oldWriterNewReader(prefix + "-old", customers);
    List<byte[]> written = newWriterSnapshots(prefix + "-new", customers);
    int withSchema = 0;
    int refused = 0;
    SchemaStore givenWriterSchema = storeOf(V1, InAppMessage.getClassSchema());
    SchemaStore v1Only = storeOf(V1);
    for (byte[] snapshot : written) {
      withSchema += readsAsV1(snapshot, givenWriterSchema) ? 1 : 0;
      refused += refusedAsUnknown(snapshot, v1Only) ? 1 : 0;
    }
    return new Result(customers, shown, written.size(), withSchema, refused);
  }

  /** Writes one v1 snapshot per customer as an old instance would, then asks the running notifier for them. */
  private int oldWriterNewReader(String prefix, int customers) throws Exception {
    BinaryMessageEncoder<GenericRecord> v1Writer = new BinaryMessageEncoder<>(GenericData.get(), V1);
    try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", KafkaNode.bootstrap(stack.ports)),
        new StringSerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < customers; i++) {
        String customer = prefix + "-c" + i;
        ByteBuffer bytes = v1Writer.encode(v1Snapshot(customer, prefix + "-m" + i));
        producer.send(new ProducerRecord<>(Topics.NOTIFY_INAPP.name(), Keys.customer(DemoShop.ID, customer),
            toArray(bytes))).get(30, TimeUnit.SECONDS);
      }
    }
    int shown = 0;
    for (int i = 0; i < customers; i++) {
      shown += awaitShown(prefix + "-c" + i, prefix + "-m" + i, Duration.ofSeconds(30)) ? 1 : 0;
    }
    return shown;
  }

  private static GenericRecord v1Snapshot(String customer, String messageId) {
    long now = System.currentTimeMillis();
    GenericRecord message = new GenericData.Record(V1);
    message.put("shopId", DemoShop.ID);
    message.put("customerId", customer);
    message.put("messageId", messageId);
    message.put("triggerId", "t-" + messageId);
    message.put("triggerType", new GenericData.EnumSymbol(V1.getField("triggerType").schema(), "STORAGE_NEAR_FULL"));
    message.put("variant", "A");
    message.put("locale", "en");
    message.put("title", "Written by the previous version " + messageId);
    message.put("body", "Your storage is almost full.");
    message.put("ctaLabel", "Upgrade");
    message.put("productIds", List.of());
    message.put("status", new GenericData.EnumSymbol(V1.getField("status").schema(), "UNREAD"));
    message.put("createdAt", now);
    message.put("updatedAt", now);
    message.put("emailFallbackDone", false);
    return message;
  }

  private boolean awaitShown(String customer, String messageId, Duration timeout) throws Exception {
    var token = shop.post(stack.url("notifier") + "/v1/inapp/tokens", Map.of("customerId", customer));
    ShopClient app = new ShopClient(token.json().path("token").asText());
    long deadline = System.nanoTime() + timeout.toNanos();
    do {
      var answer = app.get(stack.url("notifier") + "/v1/inapp/messages");
      if (answer.status() == 200 && answer.json().path("messages").findValuesAsText("id").contains(messageId)) {
        return true;
      }
      Thread.sleep(300);
    } while (System.nanoTime() < deadline);
    return false;
  }

  /** Lets the running notifier write one v2 snapshot per customer (a storage prompt) and returns their bytes. */
  private List<byte[]> newWriterSnapshots(String prefix, int customers) throws Exception {
    for (int i = 0; i < customers; i++) {
      var answer = shop.post(stack.url("order-ingest") + "/v1/events",
          ShopClient.usage(prefix + "-u" + i, prefix + "-c" + i, 90, 100));
      if (answer.status() != 202) {
        throw new AssertionError("usage report refused: " + answer.body());
      }
    }
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    Map<String, byte[]> latest = Map.of();
    while (latest.size() < customers && System.nanoTime() < deadline) {
      latest = snapshotsOfCustomersStartingWith(Keys.customer(DemoShop.ID, prefix + "-c"));
    }
    return new ArrayList<>(latest.values());
  }

  private Map<String, byte[]> snapshotsOfCustomersStartingWith(String keyPrefix) {
    Map<String, byte[]> byKey = new HashMap<>();
    try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", KafkaNode.bootstrap(stack.ports)),
        new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(Topics.NOTIFY_INAPP.name()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          if (r.key() != null && r.key().startsWith(keyPrefix) && r.value() != null) {
            byKey.put(r.key(), r.value());
          }
        }
      }
    }
    return byKey;
  }

  /** Whether a v1 reader sees the same message the new notifier wrote, minus the fields v1 does not know. */
  private static boolean readsAsV1(byte[] snapshot, SchemaStore store) {
    InAppMessage written = CURRENT.deserialize(Topics.NOTIFY_INAPP.name(), snapshot);
    try {
      GenericRecord asV1 = new BinaryMessageDecoder<GenericRecord>(GenericData.get(), V1, store).decode(snapshot);
      return written.getMessageId().equals(String.valueOf(asV1.get("messageId")))
          && written.getTitle().equals(String.valueOf(asV1.get("title")))
          && written.getCreatedAt().toEpochMilli() == (Long) asV1.get("createdAt");
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean refusedAsUnknown(byte[] snapshot, SchemaStore store) {
    try {
      new BinaryMessageDecoder<GenericRecord>(GenericData.get(), V1, store).decode(snapshot);
      return false;
    } catch (MissingSchemaException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static SchemaStore storeOf(Schema... schemas) {
    SchemaStore.Cache store = new SchemaStore.Cache();
    for (Schema schema : schemas) {
      store.addSchema(schema);
    }
    return store;
  }

  private static byte[] toArray(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }
}
