package io.upsell.analytics.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.upsell.analytics.fixtures.Events;
import io.upsell.testkit.BulkProducer;
import io.upsell.analytics.kpi.Counters;
import io.upsell.analytics.kpi.Granularity;
import io.upsell.analytics.kpi.Measure;
import io.upsell.analytics.kpi.StoreKeys;
import io.upsell.analytics.stream.AnalyticsSettings;
import io.upsell.analytics.stream.AnalyticsTopology;
import io.upsell.platform.http.ApiException;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topics;
import io.upsell.testkit.TestBroker;
import io.upsell.testkit.WithKafka;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/**
 * Two analytics instances share the partitions of one application on the real broker: a query on either one sums
 * its own partitions and the other's (found through Kafka Streams metadata and {@code application.server}), and a
 * partition whose owner cannot answer gives 503 with Retry-After, never a partial sum.
 */
@WithKafka
class TwoInstanceRoutingTest {

  private static final String SHOP = "route-" + UUID.randomUUID().toString().substring(0, 8);
  private static final Instant DAY = Instant.parse("2024-06-03T10:00:00Z");
  private static final int CUSTOMERS = 24;

  private final String applicationId = "analytics-routing-" + UUID.randomUUID();

  /** One instance: its Streams app, its query side and the internal endpoint it serves to the other. */
  private final class Instance implements AutoCloseable {
    final KafkaStreams streams;
    final StoreRanges ranges;
    final HttpServer http;

    Instance(TestBroker broker) throws Exception {
      http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      Properties props = new Properties();
      props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
      props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
      props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("routing").toString());
      props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, "127.0.0.1:" + http.getAddress().getPort());
      props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
      props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
      streams = new KafkaStreams(AnalyticsTopology.build(EventSerdes.singleObject(),
          AnalyticsSettings.defaults(id -> ZoneOffset.UTC, id -> "GBP")), props);
      ranges = new StoreRanges(streams, new RemoteRanges(), 3, 2);
      serveInternalEndpoint();
    }

    // Stands in for the app's InternalStoreResource (same path and JSON), over this instance's StoreRanges.local.
    private void serveInternalEndpoint() {
      ObjectMapper json = new ObjectMapper();
      http.createContext(RemoteRanges.PATH, exchange -> {
        String store = exchange.getRequestURI().getPath().substring(RemoteRanges.PATH.length());
        Map<String, String> query = new HashMap<>();
        for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
          String[] kv = pair.split("=", 2);
          query.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        Set<Integer> partitions = Arrays.stream(query.get("partitions").split(",")).map(Integer::valueOf)
            .collect(Collectors.toCollection(TreeSet::new));
        byte[] body;
        int status;
        try {
          body = json.writeValueAsBytes(ranges.local(store, partitions, query.get("from"), query.get("to")));
          status = 200;
        } catch (StoreRanges.NotReady e) {
          body = new byte[0];
          status = 503;
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
      });
      http.start();
    }

    long orders() {
      String key = StoreKeys.bucket(SHOP, Granularity.DAY, Granularity.DAY.periodOf(DAY.toEpochMilli(), ZoneOffset.UTC));
      return Counters.get(ranges.range(StoreKeys.BUCKETS, key, key, null).get(key), Measure.ORDERS.ordinal());
    }

    int localPartitions() {
      return streams.metadataForLocalThreads().stream().mapToInt(t -> (int) t.activeTasks().stream()
          .flatMap(task -> task.topicPartitions().stream())
          .filter(tp -> tp.topic().equals(Topics.SHOP_ORDERS.name())).count()).sum();
    }

    @Override
    public void close() {
      streams.close(java.time.Duration.ofSeconds(10));
      http.stop(0);
    }
  }

  @Test
  void eachInstanceAnswersWithTheOtherInstancesPartitionsAndRefusesWhenOneCannotAnswer(TestBroker broker)
      throws Exception {
    try (Instance first = new Instance(broker); Instance second = new Instance(broker)) {
      assertThatThrownBy(first::orders).isInstanceOfSatisfying(ApiException.class,
          e -> assertThat(e.headers()).containsEntry("Retry-After", "2"));

      first.streams.start();
      second.streams.start();
      try (BulkProducer producer = new BulkProducer(broker.bootstrapServers())) {
        for (int c = 0; c < CUSTOMERS; c++) {
          producer.send(Topics.SHOP_ORDERS, Keys.customer(SHOP, "c" + c),
              Events.order(SHOP, "c" + c, "o" + c, DAY, 1_000), DAY.toEpochMilli());
        }
      }
      awaitSplitAndCounted(first, second);

      assertThat(first.localPartitions()).isBetween(1, Topics.CUSTOMER_PARTITIONS - 1);
      assertThat(first.orders()).isEqualTo(CUSTOMERS);
      assertThat(second.orders()).isEqualTo(CUSTOMERS);

      second.http.stop(0);
      assertThatThrownBy(first::orders).isInstanceOfSatisfying(ApiException.class, e -> {
        assertThat(e.status()).isEqualTo(503);
        assertThat(e.headers()).containsKey("Retry-After");
      });
    }
  }

  // Bounded: the group settles and both instances see every order, or the test fails after 90 s.
  private static void awaitSplitAndCounted(Instance first, Instance second) throws InterruptedException {
    long deadline = System.nanoTime() + 90_000_000_000L;
    String last = "";
    while (System.nanoTime() < deadline) {
      try {
        if (first.localPartitions() > 0 && second.localPartitions() > 0
            && first.localPartitions() + second.localPartitions() == Topics.CUSTOMER_PARTITIONS
            && first.orders() == CUSTOMERS && second.orders() == CUSTOMERS) {
          return;
        }
        last = "partitions " + first.localPartitions() + "+" + second.localPartitions();
      } catch (ApiException e) {
        last = e.getMessage() + " " + e.body();
      }
      Thread.sleep(250);
    }
    throw new AssertionError("instances did not settle within 90 s: " + last);
  }
}
