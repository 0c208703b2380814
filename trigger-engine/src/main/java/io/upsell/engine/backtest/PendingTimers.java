package io.upsell.engine.backtest;

import io.upsell.engine.policy.Decider;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;

/** Timers still waiting when the replay reached the end of its range (due after the last replayed event). */
final class PendingTimers {

  private PendingTimers() {}

  static long count(KafkaStreams streams) {
    try {
      long count = 0;
      var timers = streams.store(StoreQueryParameters.fromNameAndType(Decider.TIMERS,
          QueryableStoreTypes.<String, Object>keyValueStore()));
      try (var all = timers.all()) {
        while (all.hasNext()) {
          all.next();
          count++;
        }
      }
      return count;
    } catch (InvalidStateStoreException e) {
      return -1;
    }
  }
}
