package io.upsell.engine.topology;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Engine-internal state values are one version byte and then their fields in a fixed order: compact and cheap, as
 * they are read and written whole on every touch. Values written as JSON by earlier releases (first byte
 * <code>{</code>) are still read, so existing changelogs restore without an application reset.
 */
public final class StateSerde {

  /** The current binary layout; a layout change gets a new number and keeps reading the old ones. */
  public static final byte V1 = 1;
  private static final byte JSON = '{';

  private StateSerde() {}

  /** How one value class is written and read, field by field. */
  public interface Codec<T> {

    void write(T value, StateWriter out);

    T read(StateReader in);
  }

  /** A serde writing {@code codec}'s layout and reading it, or the JSON of {@code type} from earlier releases. */
  public static <T> Serde<T> of(Class<T> type, Codec<T> codec) {
    Deserializer<T> json = JsonSerde.of(type).deserializer();
    Serializer<T> serializer = (topic, value) -> {
      if (value == null) {
        return null;
      }
      StateWriter out = new StateWriter();
      out.writeByte(V1);
      codec.write(value, out);
      return out.toByteArray();
    };
    Deserializer<T> deserializer = (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      if (bytes.length > 0 && bytes[0] == JSON) {
        return json.deserialize(topic, bytes);
      }
      if (bytes.length == 0 || bytes[0] != V1) {
        throw new SerializationException("unknown state layout " + (bytes.length == 0 ? "(empty)" : bytes[0])
            + " of " + type.getSimpleName() + " in " + topic);
      }
      try {
        StateReader in = new StateReader(bytes, 1);
        T value = codec.read(in);
        in.expectEnd();
        return value;
      } catch (RuntimeException e) {
        throw new SerializationException("corrupt " + type.getSimpleName() + " in " + topic, e);
      }
    };
    return Serdes.serdeFrom(serializer, deserializer);
  }
}
