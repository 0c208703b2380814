package io.upsell.notifier.state;

import io.upsell.schemas.notify.Engagement;
import io.upsell.schemas.notify.EngagementType;
import java.util.EnumSet;
import java.util.Set;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Once a customer unsubscribed or their address bounced, no more email goes to them: the first such engagement
 * event is kept per customer; every other engagement event is passed over, so the store holds one small
 * entry per stopped customer however long the engagement history grows.
 */
final class HardStops implements Processor<String, Engagement, Void, Void> {

  static final Set<EngagementType> STOPS =
      EnumSet.of(EngagementType.UNSUBSCRIBED, EngagementType.BOUNCED);

  private KeyValueStore<String, Engagement> stops;

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    stops = context.getStateStore(StoreNames.HARD_STOPS);
  }

  @Override
  public void process(Record<String, Engagement> record) {
    if (record.key() == null || record.value() == null || !STOPS.contains(record.value().getType())) {
      return;
    }
    if (stops.get(record.key()) == null) {
      stops.put(record.key(), record.value());
    }
  }
}
