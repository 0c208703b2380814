package io.upsell.engine.backtest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.upsell.schemas.serde.AvroJson;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.topics.Topic;
import io.upsell.schemas.topics.Topics;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The events that fired the report's samples, found by their ids in the replayed range after the replay (a second,
 * read-only pass: which events a sample will name is known only once it fired, and keeping every event on the way
 * would hold the range in memory).
 */
public final class SourceEvents {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SourceEvents() {}

  /**
   * One event as a sample shows it.
   *
   * @param topic the topic it was read from
   * @param at its record time
   * @param type its record type (the event's schema name)
   * @param event the event in Avro's JSON encoding
   */
  public record SourceEvent(String topic, String at, String type, JsonNode event) {}

  /** Each of {@code ids} found among {@code history}'s records, by id; ids not found are left out. */
  static Map<String, SourceEvent> find(MergedHistory history, EventSerdes serdes, Set<String> ids) {
    Map<String, SourceEvent> found = new TreeMap<>();
    for (var r = history.next(); r != null && found.size() < ids.size(); r = history.next()) {
      Optional<SpecificRecord> value = decode(serdes, r);
      if (value.isEmpty()) {
        continue;
      }
      String id = value.get() instanceof GenericRecord event ? eventId(event, 2) : null;
      if (id != null && ids.contains(id)) {
        found.put(id, new SourceEvent(r.topic(), Instant.ofEpochMilli(r.timestamp()).toString(),
            value.get().getSchema().getName(), json(value.get())));
      }
    }
    return found;
  }

  private static Optional<SpecificRecord> decode(EventSerdes serdes, ConsumerRecord<byte[], byte[]> r) {
    Optional<Topic<?>> topic = Topics.byName(r.topic());
    if (topic.isEmpty() || r.value() == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(serdes.valueSerde(topic.get()).deserializer().deserialize(r.topic(), r.value()));
    } catch (RuntimeException e) {
      return Optional.empty(); // the replay skipped it too (log and continue)
    }
  }

  // The event's own id: a field of the record, or of the event a wrapper record (OrderEvent) holds.
  private static String eventId(GenericRecord record, int depth) {
    if (record.getSchema().getField("eventId") != null) {
      Object id = record.get("eventId");
      return id == null ? null : id.toString();
    }
    if (depth > 0) {
      for (var field : record.getSchema().getFields()) {
        if (record.get(field.pos()) instanceof GenericRecord inner) {
          String id = eventId(inner, depth - 1);
          if (id != null) {
            return id;
          }
        }
      }
    }
    return null;
  }

  private static JsonNode json(SpecificRecord record) {
    try {
      return JSON.readTree(AvroJson.encode(record));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an event's Avro JSON is not JSON", e);
    }
  }
}
