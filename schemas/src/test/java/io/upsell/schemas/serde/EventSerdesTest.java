package io.upsell.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsell.schemas.topics.Topic;
import io.upsell.schemas.topics.Topics;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventSerdesTest {

  private final EventSerdes serdes = EventSerdes.singleObject();

  static Stream<Topic<?>> topics() {
    return Topics.ALL.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("topics")
  <V extends SpecificRecord> void everyRecordRoundTrips(Topic<V> topic) {
    V record = new SampleRecords(topic.name().hashCode()).specific(topic.valueType());
    var serde = serdes.valueSerde(topic);

    byte[] bytes = serde.serializer().serialize(topic.name(), record);
    V read = serde.deserializer().deserialize(topic.name(), bytes);

    assertThat(bytes).startsWith((byte) 0xC3, (byte) 0x01);
    assertThat(read).isEqualTo(record).isNotSameAs(record);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("topics")
  <V extends SpecificRecord> void readsRecordsWrittenWithAnEarlierVersion(Topic<V> topic) {
    Schema current = SchemaHistory.current(topic.valueType());
    Schema earlier = SampleRecords.withoutDefaultedFields(current);
    GenericRecord old = new SampleRecords(7).generic(earlier);
    SchemaStore.Cache store = new SchemaStore.Cache();
    store.addSchema(earlier);
    var reader = new SingleObjectSerde<>(topic.valueType(), store);

    V read = reader.deserialize(topic.name(), encode(old));

    // Every field the earlier writer had arrives unchanged ...
    assertThat(project(serdes.valueSerde(topic).serializer().serialize(topic.name(), read), current, earlier)).isEqualTo(old);
    // ... and every field it lacked takes its default.
    SpecificData model = SpecificData.getForClass(topic.valueType());
    for (Schema.Field field : current.getFields()) {
      if (earlier.getField(field.name()) == null) {
        assertThat(((SpecificRecordBase) read).get(field.name())).as(field.name())
            .isEqualTo(model.getDefaultValue(field));
      }
    }
  }

  @Test
  void nullIsATombstoneBothWays() {
    var serde = serdes.valueSerde(Topics.CRM_CUSTOMERS);
    assertThat(serde.serializer().serialize("t", null)).isNull();
    assertThat(serde.deserializer().deserialize("t", null)).isNull();
  }

  @Test
  void bytesThatAreNotSingleObjectAvroFailWithTheTopicNamed() {
    var serde = serdes.valueSerde(Topics.SHOP_CARTS);
    assertThatThrownBy(() -> serde.deserializer().deserialize("shop.carts", "{\"json\":true}".getBytes()))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("shop.carts");
  }

  @Test
  void anUnknownSchemaFingerprintFails() {
    Schema stranger = Schema.createRecord("Stranger", null, "x", false,
        java.util.List.of(new Schema.Field("a", Schema.create(Schema.Type.INT))));
    GenericRecord record = new GenericData.Record(stranger);
    record.put("a", 1);
    var serde = serdes.valueSerde(Topics.SHOP_CARTS);
    assertThatThrownBy(() -> serde.deserializer().deserialize("shop.carts", encode(record)))
        .isInstanceOf(SerializationException.class);
  }

  @Test
  void registryFormatNeedsAUrl() {
    assertThatThrownBy(() -> EventSerdes.fromConfig(Map.of(EventSerdes.FORMAT, "registry")))
        .hasMessageContaining(EventSerdes.REGISTRY_URL);
    assertThat(EventSerdes.fromConfig(Map.of()).format()).isEqualTo(EventSerdes.Format.SINGLE_OBJECT);
    assertThat(EventSerdes.fromConfig(Map.of(EventSerdes.FORMAT, "registry", EventSerdes.REGISTRY_URL, "http://r:8080"))
        .format()).isEqualTo(EventSerdes.Format.REGISTRY);
  }

  private static byte[] encode(GenericRecord record) {
    try {
      ByteBuffer buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), record.getSchema()).encode(record);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  // Reads single-object bytes written with the current schema back as a generic record of the earlier one.
  private static GenericRecord project(byte[] bytes, Schema current, Schema earlier) {
    var decoder = new BinaryMessageDecoder<GenericRecord>(GenericData.get(), earlier);
    decoder.addSchema(current);
    try {
      return decoder.decode(bytes);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
