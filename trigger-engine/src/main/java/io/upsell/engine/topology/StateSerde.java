package io.upsell.engine.topology;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.function.Supplier;
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

    void write(T value, DataOutput out) throws IOException;

    T read(DataInput in) throws IOException;
  }

  /** A serde writing {@code codec}'s layout and reading it, or the JSON of {@code type} from earlier releases. */
  public static <T> Serde<T> of(Class<T> type, Codec<T> codec) {
    Deserializer<T> json = JsonSerde.of(type).deserializer();
    Serializer<T> serializer = (topic, value) -> value == null ? null : write(codec, value);
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
        return codec.read(new DataInputStream(new ByteArrayInputStream(bytes, 1, bytes.length - 1)));
      } catch (IOException e) {
        throw new SerializationException("corrupt " + type.getSimpleName() + " in " + topic, e);
      }
    };
    return Serdes.serdeFrom(serializer, deserializer);
  }

  private static <T> byte[] write(Codec<T> codec, T value) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(V1);
      codec.write(value, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Writes a string that may be null. */
  public static void writeString(DataOutput out, String value) throws IOException {
    out.writeBoolean(value != null);
    if (value != null) {
      out.writeUTF(value);
    }
  }

  public static String readString(DataInput in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }

  /** Writes the size and then each string (none null) of {@code values}. */
  public static void writeStrings(DataOutput out, Collection<String> values) throws IOException {
    out.writeInt(values.size());
    for (String value : values) {
      out.writeUTF(value);
    }
  }

  /** Reads what {@link #writeStrings} wrote into a fresh collection from {@code fresh}. */
  public static <C extends Collection<String>> C readStrings(DataInput in, Supplier<C> fresh) throws IOException {
    int size = in.readInt();
    C values = fresh.get();
    for (int i = 0; i < size; i++) {
      values.add(in.readUTF());
    }
    return values;
  }
}
