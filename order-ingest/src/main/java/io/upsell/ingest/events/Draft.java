package io.upsell.ingest.events;

import io.upsell.ingest.publish.Outgoing;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topic;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;

/**
 * One event read from a request and not yet encoded: the record key follows the topic's key kind (customer,
 * product, shop) and the record time is the event's {@code occurredAt}.
 *
 * @param entityId the customerId or productId the key is built from; ignored for shop-keyed topics
 */
public record Draft<V extends SpecificRecord>(
    Topic<V> topic, String shopId, String entityId, V value, Instant occurredAt, String eventId) {

  /** The record as bytes, ready for the producer. Only called for drafts read without errors. */
  public Outgoing encode(EventSerdes serdes) {
    byte[] bytes = serdes.valueSerde(topic).serializer().serialize(topic.name(), value);
    return new Outgoing(topic.name(), key(), bytes, occurredAt.toEpochMilli(), eventId);
  }

  public String key() {
    return switch (topic.key()) {
      case CUSTOMER -> Keys.customer(shopId, entityId);
      // A shop setting's key has the product key's shape, shopId:name (the ingest APIs publish none today).
      case PRODUCT, SHOP_SETTING -> Keys.product(shopId, entityId);
      case SHOP -> shopId;
    };
  }
}
