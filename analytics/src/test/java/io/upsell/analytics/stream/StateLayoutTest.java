package io.upsell.analytics.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsell.analytics.kpi.Counters;
import io.upsell.analytics.kpi.StoreKeys;
import io.upsell.platform.http.ApiException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * Store-level: a task's empty stores get the layout marker and pass; stores holding data without the marker (an
 * older version's, not reset) stop the task with a message naming the reset, and the queries then answer 503 with
 * that reason instead of figures read in the wrong layout.
 */
class StateLayoutTest {

  private final MockProcessorContext<Void, Void> context = new MockProcessorContext<>();
  private final KeyValueStore<String, long[]> buckets = store(StoreKeys.BUCKETS);
  private final KeyValueStore<String, long[]> customers = store(StoreKeys.CUSTOMERS);
  private final StateLayout layout = new StateLayout();

  @Test
  void emptyStoresNeedTheMarkerAndOnceMarkedPassTheNextStartWithData() {
    assertThat(layout.check(buckets, customers)).isTrue();
    StateLayout.mark(buckets);
    buckets.put("shop-a|D|" + StoreKeys.period(0), new long[] {1});

    assertThat(layout.check(buckets, customers)).isFalse();
    assertThat(layout.problem()).isEmpty();
  }

  @Test
  void dayBucketsWithoutTheMarkerStopTheTaskAndQueriesAnswer503NamingTheReset() {
    buckets.put("shop-a|D|000001291161600", new long[] {5_000, 0, 1});

    assertThatThrownBy(() -> layout.check(buckets, customers)).isInstanceOf(StateLayout.StaleState.class)
        .hasMessageContaining("docs/analytics.md").hasMessageContaining("reset");
    assertThatThrownBy(() -> layout.requireCurrent(2)).isInstanceOfSatisfying(ApiException.class, e -> {
      assertThat(e.status()).isEqualTo(503);
      assertThat(e.headers()).containsKey("Retry-After");
      assertThat(e.body().fields().get(0).reason())
          .contains("State written by older versions needs an application reset");
    });
    assertThat(buckets.get(StateLayout.MARKER)).isNull();
  }

  @Test
  void customerHistoriesWithoutTheMarkerAreOldStateToo() {
    customers.put("shop-a:c1", new long[] {1});

    assertThatThrownBy(() -> layout.check(buckets, customers)).isInstanceOf(StateLayout.StaleState.class);
    assertThat(layout.problem()).isPresent();
  }

  @Test
  void aMarkerOfAnotherVersionIsOldState() {
    buckets.put(StateLayout.MARKER, new long[] {StateLayout.VERSION - 1});

    assertThatThrownBy(() -> layout.check(buckets, customers))
        .hasMessageContaining("found version " + (StateLayout.VERSION - 1));
  }

  private KeyValueStore<String, long[]> store(String name) {
    KeyValueStore<String, long[]> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name),
        Serdes.String(), Counters.serde()).withLoggingDisabled().build();
    store.init(context.getStateStoreContext(), store);
    return store;
  }
}
