package io.upsell.engine.triggers;

import io.upsell.schemas.shop.OrderEvent;
import io.upsell.schemas.shop.OrderPlaced;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** A placed order is the exit event of the cart and checkout watches: it closes what came before it. */
final class OrderExit {

  private OrderExit() {}

  /** The customer's watch, with a placed order recorded as its exit time (and stored). */
  static Watch apply(KeyValueStore<String, Watch> watches, Record<String, SpecificRecord> record) {
    Watch watch = watches.get(record.key());
    if (watch == null) {
      watch = new Watch();
    }
    if (record.value() instanceof OrderEvent order && order.getEvent() instanceof OrderPlaced) {
      watch.exitAt = Math.max(watch.exitAt, record.timestamp());
      watches.put(record.key(), watch);
    }
    return watch;
  }
}
