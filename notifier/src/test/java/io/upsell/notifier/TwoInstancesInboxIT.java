package io.upsell.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.upsell.notifier.tracking.DeliveryRef;
import io.upsell.notifier.support.BulkRecords;
import io.upsell.notifier.support.Fixtures;
import io.upsell.notifier.support.NotifierProcess;
import io.upsell.notifier.support.SseClient;
import io.upsell.schemas.notify.DeliveryChannel;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.ChannelHint;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.schemas.upsell.UpsellTrigger;
import io.upsell.testkit.TestKafka;
import io.upsell.testkit.TestShops;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/**
 * Two packaged notifiers of one Streams application on the real broker, each owning some of the customers'
 * partitions: every customer's inbox, stream and actions work through either instance (the other routes to the
 * owner), and when one is killed the other answers 503 with Retry-After until it has taken the partitions over,
 * then the same inboxes.
 */
class TwoInstancesInboxIT {

  private static final String SHOP = TestShops.SHOP_A;
  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  void everyInboxStreamAndActionWorksThroughEitherInstanceAndSurvivesTheOtherOnesDeath() throws Exception {
    // Given two notifiers sharing the work and a customer on every partition with a prompt in their inbox
    String bootstrap = TestKafka.broker().bootstrapServers();
    var greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    greenMail.start();
    String run = Fixtures.unique("two");
    Path shops = TestShops.writeFile();
    List<String> customers = customersOnEveryPartition(run);
    var startingA = start(bootstrap, shops, greenMail, run, "a");
    var startingB = start(bootstrap, shops, greenMail, run, "b");
    try (var bulk = new BulkRecords(bootstrap);
        var a = startingA.get(3, TimeUnit.MINUTES);
        var b = startingB.get(3, TimeUnit.MINUTES)) {
      Map<String, UpsellTrigger> first = prompt(bulk, customers);
      Map<String, String> tokens = new HashMap<>();
      for (String customer : customers) {
        tokens.put(customer, token(url(a), customer));
      }
      List<String> instances = List.of(url(a), url(b));

      // When each inbox is read through both instances
      for (String customer : customers) {
        for (String instance : instances) {
          JsonNode inbox = awaitInbox(instance, tokens.get(customer), 1);
          // Then both show the customer's own prompt
          assertThat(inbox.path("messages").get(0).path("id").asText()).as(customer + " via " + instance)
              .isEqualTo(messageId(first.get(customer)));
        }
      }
      // And each customer is owned by exactly one instance (a call marked forwarded is answered there or 503),
      // and each instance owns some of them, so each read above went through the other's routing at least once
      Map<String, Integer> owned = new LinkedHashMap<>(Map.of(url(a), 0, url(b), 0));
      for (String customer : customers) {
        List<Integer> statuses = new ArrayList<>();
        for (String instance : instances) {
          var answer = get(instance + "/v1/inapp/messages", tokens.get(customer), true);
          statuses.add(answer.statusCode());
          if (answer.statusCode() == 200) {
            owned.merge(instance, 1, Integer::sum);
          } else {
            assertThat(answer.headers().firstValue("Retry-After")).as("refused forwarded call").isPresent();
          }
        }
        assertThat(statuses).as("owners of " + customer).containsExactlyInAnyOrder(200, 503);
      }
      assertThat(owned.values()).as("customers owned per instance").allMatch(n -> n > 0);
      // And a forged token is refused by the owner too, and another shop's customer named by it is a 403
      for (String instance : instances) {
        assertThat(get(instance + "/v1/inapp/messages", tokens.get(customers.get(0)) + "x", true).statusCode())
            .isEqualTo(401);
        assertThat(get(instance + "/v1/inapp/messages?shopId=" + TestShops.SHOP_B, tokens.get(customers.get(0)),
            false).statusCode()).isEqualTo(403);
      }

      // When a stream per customer is open on each instance and a second prompt is decided
      Map<String, List<SseClient>> streams = new HashMap<>();
      for (String customer : customers) {
        for (String instance : instances) {
          streams.computeIfAbsent(customer, c -> new ArrayList<>()).add(new SseClient(http,
              instance + "/v1/inapp/stream?token=" + tokens.get(customer), null));
        }
      }
      // Then each new stream first replays the unread inbox from the owner
      for (String customer : customers) {
        for (SseClient stream : streams.get(customer)) {
          assertThat(stream.next(e -> e.data().contains(messageId(first.get(customer))), PATIENCE))
              .as("replay of " + customer).isNotNull();
        }
      }
      Map<String, UpsellTrigger> second = prompt(bulk, customers);
      // And gets the new prompt, wherever it was decided
      for (String customer : customers) {
        for (SseClient stream : streams.get(customer)) {
          assertThat(stream.next(e -> e.name().equals("message")
              && e.data().contains(messageId(second.get(customer))), PATIENCE))
              .as("live prompt of " + customer).isNotNull();
          stream.close();
        }
      }

      // When each customer reads the first prompt through one instance, alternating
      for (int i = 0; i < customers.size(); i++) {
        String customer = customers.get(i);
        var answer = post(instances.get(i % 2) + "/v1/inapp/messages/" + messageId(first.get(customer)) + "/read",
            tokens.get(customer));
        assertThat(answer.statusCode()).as("read by " + customer).isEqualTo(200);
        assertThat(JSON.readTree(answer.body()).path("status").asText()).isEqualTo("READ");
        // Then the other instance's inbox shows only the second prompt at once
        JsonNode inbox = JSON.readTree(get(instances.get((i + 1) % 2) + "/v1/inapp/messages",
            tokens.get(customer), false).body());
        assertThat(inbox.path("messages")).hasSize(1);
        assertThat(inbox.path("messages").get(0).path("id").asText()).isEqualTo(messageId(second.get(customer)));
      }

      // When b is killed with SIGKILL
      b.kill();
      // Then a answers every inbox: 503 with Retry-After while it takes b's partitions over, never an error, then
      // the inbox as it was. A taken-over task restores its store as of b's last commit and then works through what
      // b handled after it, so for that moment an answer may be older than the read; it must converge to it.
      int refused = 0;
      int older = 0;
      for (String customer : customers) {
        JsonNode inbox = awaitInbox(url(a), tokens.get(customer), 1);
        refused += inbox.path("refused").asInt();
        while (!onlyMessage(inbox).equals(messageId(second.get(customer)))) {
          older++;
          assertThat(older).as("answers older than the read, " + customer).isLessThan(100);
          Thread.sleep(200);
          inbox = awaitInbox(url(a), tokens.get(customer), 1);
        }
      }
      System.out.printf("[two instances] owned per instance %s; 503s while a took b's partitions: %d; answers older "
          + "than the read before it caught up: %d%n", owned, refused, older);
    } finally {
      greenMail.stop();
    }
  }

  /** A customer per partition of the customer-keyed topics, as the producers' partitioner places their keys. */
  private static List<String> customersOnEveryPartition(String run) {
    int partitions = Topics.UPSELL_TRIGGERS.partitions();
    String[] found = new String[partitions];
    for (int i = 0, left = partitions; left > 0; i++) {
      String customer = run + "-c" + i;
      byte[] key = Keys.customer(SHOP, customer).getBytes(StandardCharsets.UTF_8);
      int partition = Utils.toPositive(Utils.murmur2(key)) % partitions;
      if (found[partition] == null) {
        found[partition] = customer;
        left--;
      }
    }
    return List.of(found);
  }

  private static CompletableFuture<NotifierProcess> start(String bootstrap, Path shops, GreenMail mail, String run,
      String name) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        // One application (same id), two instances, each with its own state directory and advertised address.
        return NotifierProcess.start(bootstrap, shops, mail.getSmtp().getPort(), Map.of(
            "quarkus.kafka-streams.application-id", run,
            "notifier.advertised-host", "127.0.0.1",
            "kafka-streams.state.dir", Path.of("target", run + "-" + name).toAbsolutePath().toString()),
            Path.of("target", "two-instances-" + name + ".log"));
      } catch (Exception e) {
        throw new IllegalStateException("notifier " + name + " did not start", e);
      }
    });
  }

  private static Map<String, UpsellTrigger> prompt(BulkRecords bulk, List<String> customers) throws Exception {
    Map<String, UpsellTrigger> triggers = new HashMap<>();
    for (String customer : customers) {
      UpsellTrigger trigger = Fixtures.trigger(SHOP, customer, TriggerType.STORAGE_NEAR_FULL, List.of(),
          ChannelHint.IN_APP);
      triggers.put(customer, trigger);
      bulk.send(Topics.UPSELL_TRIGGERS, Keys.customer(SHOP, customer), trigger).get();
    }
    return triggers;
  }

  private static String messageId(UpsellTrigger trigger) {
    return DeliveryRef.idOf(trigger.getTriggerId(), DeliveryChannel.IN_APP);
  }

  private static String url(NotifierProcess notifier) {
    return "http://127.0.0.1:" + notifier.port();
  }

  private String token(String instance, String customer) throws Exception {
    var request = HttpRequest.newBuilder(URI.create(instance + "/v1/inapp/tokens"))
        .header("Authorization", TestShops.bearer(TestShops.SHOP_A_KEY)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"customerId\":\"" + customer + "\"}")).build();
    var answer = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(200);
    return JSON.readTree(answer.body()).path("token").asText();
  }

  /**
   * The inbox once it holds {@code count} unread messages, with how many 503s came first (as {@code refused});
   * every answer on the way is 200 or 503 with Retry-After.
   */
  private static String onlyMessage(JsonNode inbox) {
    return inbox.path("messages").size() == 1 ? inbox.path("messages").get(0).path("id").asText() : "";
  }

  private JsonNode awaitInbox(String instance, String token, int count) throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    int refused = 0;
    while (true) {
      var answer = get(instance + "/v1/inapp/messages", token, false);
      if (answer.statusCode() == 503) {
        assertThat(answer.headers().firstValue("Retry-After")).as("503 without Retry-After").isPresent();
        refused++;
      } else {
        assertThat(answer.statusCode()).as("inbox answer: " + answer.body()).isEqualTo(200);
        var inbox = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(answer.body());
        if (inbox.path("messages").size() >= count) {
          return inbox.put("refused", refused);
        }
      }
      assertThat(System.nanoTime()).as("inbox of " + count + " via " + instance).isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  private HttpResponse<String> get(String url, String token, boolean markedForwarded) throws Exception {
    var request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token);
    if (markedForwarded) {
      request.header("X-Notifier-Forwarded", "1");
    }
    return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String url, String token) throws Exception {
    var request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
