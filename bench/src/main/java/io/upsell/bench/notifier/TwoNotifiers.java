package io.upsell.bench.notifier;

import io.upsell.notifier.inapp.OwnerForwarding;
import io.upsell.notifier.support.NotifierProcess;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.utils.Utils;

/**
 * Two packaged notifiers of one Streams application (same application id, each its own state directory and
 * advertised address), started together so that Streams spreads the customers' partitions over both, as
 * {@code TwoInstancesInboxIT} starts them. Says which instance owns which partition: the owner answers an inbox call
 * marked as forwarded with 200, the other one with 503.
 */
final class TwoNotifiers implements AutoCloseable {

  private final NotifierProcess a;
  private final NotifierProcess b;

  private TwoNotifiers(NotifierProcess a, NotifierProcess b) {
    this.a = a;
    this.b = b;
  }

  static TwoNotifiers start(String bootstrap, Path shops, int smtpPort, String applicationId) throws Exception {
    var startingA = start(bootstrap, shops, smtpPort, applicationId, "a");
    var startingB = start(bootstrap, shops, smtpPort, applicationId, "b");
    try {
      return new TwoNotifiers(startingA.get(4, TimeUnit.MINUTES), startingB.get(4, TimeUnit.MINUTES));
    } catch (Exception e) {
      // The one that did start must not outlive the benchmark.
      for (var starting : List.of(startingA, startingB)) {
        starting.thenAccept(TwoNotifiers::stop);
      }
      throw e;
    }
  }

  private static void stop(NotifierProcess notifier) {
    try {
      notifier.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static CompletableFuture<NotifierProcess> start(String bootstrap, Path shops, int smtpPort,
      String applicationId, String name) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return NotifierProcess.start(bootstrap, shops, smtpPort, Map.of(
            "quarkus.kafka-streams.application-id", applicationId,
            "notifier.advertised-host", "127.0.0.1",
            "kafka-streams.state.dir", Files.createTempDirectory("notifier-bench-" + name).toString()),
            Files.createTempFile("notifier-bench-" + name, ".log"));
      } catch (Exception e) {
        throw new IllegalStateException("notifier " + name + " did not start", e);
      }
    });
  }

  List<String> urls() {
    return List.of(url(a), url(b));
  }

  /**
   * For each customer, the instance that does not own their partition (base URL), once every partition has an
   * owner; customers of a partition without one after {@code patience} are left out, with a warning.
   */
  Map<String, String> otherInstanceOf(HttpClient http, List<String> customers, Duration patience) throws Exception {
    int partitions = Topics.UPSELL_TRIGGERS.partitions();
    Map<Integer, String> ownerOf = new LinkedHashMap<>();
    long deadline = System.nanoTime() + patience.toNanos();
    for (String customer : customers) {
      int partition = partitionOf(customer, partitions);
      while (!ownerOf.containsKey(partition) && System.nanoTime() < deadline) {
        String token = SseLatency.token(http, url(a), customer);
        for (String instance : urls()) {
          if (answersItself(http, instance, token)) {
            ownerOf.put(partition, instance);
            break;
          }
        }
        if (!ownerOf.containsKey(partition)) {
          Thread.sleep(1000);
        }
      }
    }
    Map<String, String> other = new LinkedHashMap<>();
    for (String customer : customers) {
      String owner = ownerOf.get(partitionOf(customer, partitions));
      if (owner != null) {
        other.put(customer, owner.equals(url(a)) ? url(b) : url(a));
      }
    }
    long ownedByA = ownerOf.values().stream().filter(url(a)::equals).count();
    System.err.printf("[bench] two notifiers: %d of %d partitions owned by the first, %d by the second%n", ownedByA,
        partitions, ownerOf.size() - ownedByA);
    if (ownerOf.size() < partitions || ownedByA == 0 || ownedByA == ownerOf.size()) {
      System.out.printf("[bench-warning] two notifiers: partitions owned by the first %d, by the second %d, of %d:"
          + " not both instances' partitions measured%n", ownedByA, ownerOf.size() - ownedByA, partitions);
    }
    return other;
  }

  private static boolean answersItself(HttpClient http, String instance, String token) throws Exception {
    var request = HttpRequest.newBuilder(URI.create(instance + "/v1/inapp/messages")).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token).header(OwnerForwarding.HEADER, "1").GET().build();
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
  }

  /** The partition of the customer-keyed topics the producers' partitioner puts the customer's key in. */
  private static int partitionOf(String customer, int partitions) {
    byte[] key = Keys.customer(SseLatency.SHOP, customer).getBytes(StandardCharsets.UTF_8);
    return Utils.toPositive(Utils.murmur2(key)) % partitions;
  }

  private static String url(NotifierProcess notifier) {
    return "http://127.0.0.1:" + notifier.port();
  }

  @Override
  public void close() throws InterruptedException {
    try {
      a.close();
    } finally {
      b.close();
    }
  }
}
