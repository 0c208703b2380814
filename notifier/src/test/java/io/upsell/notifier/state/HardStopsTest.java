package io.upsell.notifier.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsell.schemas.notify.DeliveryChannel;
import io.upsell.schemas.notify.Engagement;
import io.upsell.schemas.notify.EngagementType;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topics;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

class HardStopsTest {

  private static final EventSerdes SERDES = EventSerdes.singleObject();
  private static final String KEY = Keys.customer("shop-a", "c1");

  @Test
  void keepsTheFirstStopOfACustomerAndPassesOverOtherEngagement() {
    try (var driver = new TopologyTestDriver(topology(), DriverProps.of("hard-stops-test"))) {
      TestInputTopic<String, Engagement> events = driver.createInputTopic(Topics.ENGAGEMENT_EVENTS.name(),
          Serdes.String().serializer(), SERDES.valueSerde(Topics.ENGAGEMENT_EVENTS).serializer());
      KeyValueStore<String, Engagement> stops = driver.getKeyValueStore(StoreNames.HARD_STOPS);

      // Given a customer who only clicked and opened
      events.pipeInput(KEY, engagement(EngagementType.CLICKED));
      events.pipeInput(KEY, engagement(EngagementType.OPENED));
      assertThat(stops.get(KEY)).isNull();

      // When their address bounces and they later unsubscribe
      events.pipeInput(KEY, engagement(EngagementType.BOUNCED));
      events.pipeInput(KEY, engagement(EngagementType.UNSUBSCRIBED));

      // Then the first stop is what is kept, and nothing else of their engagement
      assertThat(stops.get(KEY).getType()).isEqualTo(EngagementType.BOUNCED);
      assertThat(stops.approximateNumEntries()).isEqualTo(1);
    }
  }

  private static org.apache.kafka.streams.Topology topology() {
    var builder = new StreamsBuilder();
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StoreNames.HARD_STOPS),
        Serdes.String(), SERDES.valueSerde(Topics.ENGAGEMENT_EVENTS)));
    builder.stream(Topics.ENGAGEMENT_EVENTS.name(),
            Consumed.with(Serdes.String(), SERDES.valueSerde(Topics.ENGAGEMENT_EVENTS)))
        .process(HardStops::new, StoreNames.HARD_STOPS);
    return builder.build();
  }


  private static Engagement engagement(EngagementType type) {
    return new Engagement("shop-a", "c1", type + "-1", "d-1", "t-1", List.of(), type, DeliveryChannel.EMAIL,
        Instant.EPOCH);
  }
}
