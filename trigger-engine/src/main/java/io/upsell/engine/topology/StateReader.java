package io.upsell.engine.topology;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.function.Supplier;

/**
 * Reads back what a {@link StateWriter} wrote, in the same order; reading past the end, or stopping short of it, is a
 * corrupt value.
 */
public final class StateReader {

  private final byte[] bytes;
  private int at;

  StateReader(byte[] bytes, int from) {
    this.bytes = bytes;
    this.at = from;
  }

  public byte readByte() {
    need(1);
    return bytes[at++];
  }

  public boolean readBoolean() {
    return readByte() != 0;
  }

  public int readInt() {
    return (int) readFixed(4);
  }

  public long readLong() {
    return readFixed(8);
  }

  // Big-endian, as StateWriter writes it.
  private long readFixed(int width) {
    need(width);
    long value = 0;
    for (int i = 0; i < width; i++) {
      value = (value << 8) | (bytes[at++] & 0xFF);
    }
    return value;
  }

  public String readString() {
    int length = readVarint();
    need(length);
    String value = new String(bytes, at, length, StandardCharsets.UTF_8);
    at += length;
    return value;
  }

  public String readNullableString() {
    return readBoolean() ? readString() : null;
  }

  /** Reads what {@link StateWriter#writeStrings} wrote into a fresh collection from {@code fresh}. */
  public <C extends Collection<String>> C readStrings(Supplier<C> fresh) {
    C values = fresh.get();
    for (int i = readVarint(); i > 0; i--) {
      values.add(readString());
    }
    return values;
  }

  public int readVarint() {
    int value = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      byte b = readByte();
      value |= (b & 0x7F) << shift;
      if (b >= 0) {
        return value;
      }
    }
    throw new IllegalStateException("varint longer than 5 bytes");
  }

  /** Whether fields follow: a field appended to a layout later is absent from values written before it. */
  public boolean hasMore() {
    return at < bytes.length;
  }

  /** A value is all its bytes: anything left after its last field means the value is not what the codec wrote. */
  void expectEnd() {
    if (at != bytes.length) {
      throw new IllegalStateException((bytes.length - at) + " bytes left after the value");
    }
  }

  private void need(int count) {
    if (count < 0 || at + count > bytes.length) {
      throw new IllegalStateException("value ends early");
    }
  }
}
