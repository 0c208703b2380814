package io.upsell.ingest;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.topics.Topic;
import io.upsell.testkit.TestKafka;
import io.upsell.testkit.TestShops;
import io.upsell.testkit.TopicRecords;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** What the ingest tests share: posting as a shop, reading a topic by key, and the shared test data. */
public final class IngestTestSupport {

  private static TopicRecords records;

  private IngestTestSupport() {}

  /** Topic reader on the test broker; created on first use, after the app under test started the broker. */
  public static synchronized TopicRecords records() {
    if (records == null) {
      records = new TopicRecords(TestKafka.broker(), EventSerdes.singleObject());
    }
    return records;
  }

  /** POSTs {@code body} as shop A with the given content type. */
  public static Response post(String path, String contentType, String body) {
    return given().header("Authorization", TestShops.bearer(TestShops.SHOP_A_KEY)).contentType(contentType)
        .body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)).when().post(path);
  }

  public static Response postJson(String path, String body) {
    return post(path, "application/json", body);
  }

  /** A fresh id, so tests sharing the one broker never see each other's events as duplicates. */
  public static String uniqueId(String prefix) {
    return prefix + "-" + UUID.randomUUID();
  }

  /** The records of {@code topic} whose key is {@code key}, waiting up to 10 s for {@code count} of them. */
  public static <V extends SpecificRecord> List<ConsumerRecord<String, V>> await(Topic<V> topic, String key,
      int count) {
    return records().await(topic, r -> r.key().equals(key), count, Duration.ofSeconds(10));
  }

  /** Every record of {@code topic} with {@code key}, read until the topic is quiet for a second. */
  public static <V extends SpecificRecord> List<ConsumerRecord<String, V>> all(Topic<V> topic, String key) {
    return records().readAll(topic, r -> r.key().equals(key), Duration.ofSeconds(1));
  }

  public static Path shared(String relative) {
    return Path.of(System.getProperty("upsell.shared.dir", "../../shared")).resolve("data").resolve(relative);
  }

  public static String read(String sharedRelative) {
    try {
      return Files.readString(shared(sharedRelative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
