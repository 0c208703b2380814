package io.upsell.schemas.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Avro single-object encoding: a 10-byte header (marker plus the writer schema's fingerprint) before the binary
 * body, so a reader resolves any earlier schema version from the {@link SchemaStore} without a registry.
 */
final class SingleObjectSerde<V extends SpecificRecord> {

  private final Class<V> type;
  private final BinaryMessageEncoder<V> encoder;
  private final BinaryMessageDecoder<V> decoder;

  SingleObjectSerde(Class<V> type, SchemaStore history) {
    this.type = type;
    SpecificData model = model(type);
    var schema = SpecificData.getForClass(type).getSchema(type);
    this.encoder = new BinaryMessageEncoder<>(model, schema);
    this.decoder = new BinaryMessageDecoder<>(model, schema, history);
  }

  /**
   * The record class's own loader: under Quarkus the generated classes live in a child loader, and a model built on
   * another loader would instantiate a second copy of each class. The generated class's own model carries the
   * logical-type conversions (Instant, LocalDate); they are copied.
   */
  static SpecificData model(Class<?> type) {
    SpecificData model = new SpecificData(type.getClassLoader());
    SpecificData.getForClass(type).getConversions().forEach(model::addLogicalTypeConversion);
    return model;
  }

  /** This codec as a Kafka serde. */
  Serde<V> serde() {
    return Serdes.serdeFrom((Serializer<V>) this::serialize, (Deserializer<V>) this::deserialize);
  }

  byte[] serialize(String topic, V data) {
    if (data == null) {
      return null;
    }
    try {
      ByteBuffer buffer = encoder.encode(data);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("cannot encode " + type.getSimpleName() + " for topic " + topic, e);
    }
  }

  V deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    try {
      return decoder.decode(data);
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "cannot decode " + type.getSimpleName() + " from topic " + topic + ": " + e.getMessage(), e);
    }
  }
}
