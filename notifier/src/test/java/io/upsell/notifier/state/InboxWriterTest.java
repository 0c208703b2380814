package io.upsell.notifier.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsell.schemas.notify.InAppMessage;
import io.upsell.schemas.notify.InAppStatus;
import io.upsell.schemas.notify.InboxEntry;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.TriggerType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

class InboxWriterTest {

  private static final EventSerdes SERDES = EventSerdes.singleObject();
  private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
  private static final String KEY = Keys.customer("shop-a", "c1");

  @Test
  void keepsOnlyACustomersNewestMessagesAndNoneOlderThanTheMaximumAge() {
    try (var driver = new TopologyTestDriver(topology(2, Duration.ofDays(90)), DriverProps.of("inbox-writer-test"), NOW)) {
      TestInputTopic<String, InAppMessage> inapp = input(driver);
      // Given a message older than the maximum age, and three recent ones, for one customer; one for another
      inapp.pipeInput(KEY, message("c1", "ancient", NOW.minus(Duration.ofDays(91))));
      inapp.pipeInput(KEY, message("c1", "m1", NOW.minusSeconds(30)));
      inapp.pipeInput(KEY, message("c1", "m2", NOW.minusSeconds(20)));
      inapp.pipeInput(KEY, message("c1", "m3", NOW.minusSeconds(10)));
      inapp.pipeInput(Keys.customer("shop-a", "c2"), message("c2", "other", NOW.minusSeconds(40)));

      // Then the customer's inbox holds their two newest messages, and the other customer's is untouched
      KeyValueStore<String, InboxEntry> inbox = driver.getKeyValueStore(StoreNames.INBOX);
      assertThat(ids(inbox, KEY)).containsExactlyInAnyOrder("m2", "m3");
      assertThat(ids(inbox, Keys.customer("shop-a", "c2"))).containsExactly("other");
    }
  }

  @Test
  void setsATimerAtTheFallbackTimeOfAnUnreadPrompt() {
    try (var driver = new TopologyTestDriver(topology(50, Duration.ofDays(90)), DriverProps.of("inbox-writer-test"), NOW)) {
      InAppMessage prompt = message("c1", "m1", NOW);
      prompt.setEmailFallbackAt(NOW.plusSeconds(600));
      input(driver).pipeInput(KEY, prompt);

      KeyValueStore<String, String> timers = driver.getKeyValueStore(StoreNames.FALLBACK_TIMERS);
      assertThat(timers.get(InboxKeys.timer(NOW.plusSeconds(600).toEpochMilli(), InboxKeys.entry(KEY, "m1"))))
          .isEqualTo(InboxKeys.entry(KEY, "m1"));
    }
  }

  private static List<String> ids(KeyValueStore<String, InboxEntry> inbox, String customerKey) {
    List<String> ids = new ArrayList<>();
    try (var found = inbox.prefixScan(InboxKeys.prefix(customerKey), new StringSerializer())) {
      found.forEachRemaining(kv -> ids.add(kv.value.getMessage().getMessageId()));
    }
    return ids;
  }

  private static TestInputTopic<String, InAppMessage> input(TopologyTestDriver driver) {
    return driver.createInputTopic(Topics.NOTIFY_INAPP.name(), Serdes.String().serializer(),
        SERDES.valueSerde(Topics.NOTIFY_INAPP).serializer());
  }

  private static Topology topology(int maxMessages, Duration maxAge) {
    var builder = new StreamsBuilder();
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StoreNames.INBOX),
        Serdes.String(), SERDES.valueSerde(InboxEntry.class)));
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StoreNames.FALLBACK_TIMERS),
        Serdes.String(), Serdes.String()));
    builder.stream(Topics.NOTIFY_INAPP.name(), Consumed.with(Serdes.String(), SERDES.valueSerde(Topics.NOTIFY_INAPP)))
        .process(() -> new InboxWriter(maxMessages, maxAge), StoreNames.INBOX, StoreNames.FALLBACK_TIMERS);
    return builder.build();
  }


  private static InAppMessage message(String customer, String id, Instant createdAt) {
    return InAppMessage.newBuilder().setShopId("shop-a").setCustomerId(customer).setMessageId(id)
        .setTriggerId("t-" + id).setTriggerType(TriggerType.STORAGE_NEAR_FULL).setVariant("A").setLocale("en")
        .setTitle("Storage").setBody("Almost full").setCtaLabel("Upgrade").setCtaUrl("https://shop.example/billing")
        .setProductIds(List.of()).setStatus(InAppStatus.UNREAD).setCreatedAt(createdAt).setUpdatedAt(createdAt)
        .build();
  }
}
