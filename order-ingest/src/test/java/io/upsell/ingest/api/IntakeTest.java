package io.upsell.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.SmallRyeConfigBuilder;
import io.upsell.ingest.IngestConfig;
import io.upsell.ingest.events.Draft;
import io.upsell.ingest.publish.Publisher;
import io.upsell.ingest.publish.PublisherSettings;
import io.upsell.ingest.publish.SeenIds;
import io.upsell.platform.http.ApiException;
import io.upsell.platform.shops.Shop;
import io.upsell.schemas.app.UsageReported;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.topics.Topics;
import io.upsell.testkit.TestBroker;
import io.upsell.testkit.WithKafka;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What a client sees when Kafka is down: 503 with Retry-After, never a hang and never a 202. */
@WithKafka
class IntakeTest {

  private static final EventSerdes SERDES = EventSerdes.singleObject();
  private static final Shop SHOP = new Shop("shop-a", "A", ZoneId.of("UTC"), "GBP", new byte[32], Optional.empty());

  @Test
  void aDeadBrokerIsAnswered503WithRetryAfterWellBeforeTheRequestTimeout(TestBroker broker) throws Exception {
    IngestConfig config = new SmallRyeConfigBuilder().withMapping(IngestConfig.class).build()
        .getConfigMapping(IngestConfig.class);
    try (var seen = new SeenIds(broker.bootstrapServers(), Duration.ofDays(7)).start();
        var publisher = new Publisher(new PublisherSettings(deadAddress(), "t-" + UUID.randomUUID(),
            Duration.ofSeconds(1), Duration.ofSeconds(2), 10, 100, Duration.ofSeconds(2), 1, Duration.ofMillis(3),
            config.kafka().requestTimeout()), seen, SERDES)) {
      long readBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (!seen.ready() && System.nanoTime() < readBy) {
        Thread.sleep(20);
      }
      assertThat(seen.ready()).as("idempotency log read within 20 s").isTrue();
      Intake intake = new Intake(publisher, seen, SERDES, config);

      long start = System.nanoTime();
      var answer = intake.publish(SHOP, List.of(usage()), null).toCompletableFuture();

      assertThatThrownBy(() -> answer.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
          .cause().isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(503);
            assertThat(e.headers()).containsEntry("Retry-After", "2");
          });
      // Fails fast: the producer's 1 s max.block ends it, not the 5 s request timeout.
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
      assertThat(config.kafka().requestTimeout()).isEqualTo(Duration.ofSeconds(5));
    }
  }

  private static Draft<UsageReported> usage() {
    UsageReported usage = UsageReported.newBuilder().setShopId("shop-a").setCustomerId("c").setEventId("e")
        .setOccurredAt(Instant.EPOCH).setResource("storage").setUsedUnits(1).setQuotaUnits(2).build();
    return new Draft<>(Topics.APP_USAGE, "shop-a", "c", usage, Instant.EPOCH, "e-" + UUID.randomUUID());
  }

  private static String deadAddress() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return "127.0.0.1:" + socket.getLocalPort();
    }
  }
}
