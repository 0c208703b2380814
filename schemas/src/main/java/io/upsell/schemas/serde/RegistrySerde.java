package io.upsell.schemas.serde;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** The opt-in registry-backed value serde (Apicurio; its Confluent-compatible API serves other clients too). */
final class RegistrySerde {

  private RegistrySerde() {}

  static <V extends SpecificRecord> Serde<V> create(Map<String, Object> config) {
    AvroKafkaSerializer<V> serializer = new AvroKafkaSerializer<>();
    AvroKafkaDeserializer<V> deserializer = new AvroKafkaDeserializer<>();
    serializer.configure(config, false);
    deserializer.configure(config, false);
    return Serdes.serdeFrom(serializer, deserializer);
  }
}
