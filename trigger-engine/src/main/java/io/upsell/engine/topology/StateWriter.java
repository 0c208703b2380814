package io.upsell.engine.topology;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;

/**
 * Writes a state value's fields into one growing array: fixed-width numbers, strings as a varint length and UTF-8.
 * (java.io's data streams synchronise on every byte read and write, which showed in the profile.)
 */
public final class StateWriter {

  private byte[] bytes = new byte[128];
  private int size;

  public void writeByte(int value) {
    room(1);
    bytes[size++] = (byte) value;
  }

  public void writeBoolean(boolean value) {
    writeByte(value ? 1 : 0);
  }

  public void writeInt(int value) {
    writeFixed(value, 4);
  }

  public void writeLong(long value) {
    writeFixed(value, 8);
  }

  // Big-endian, the width's low bytes of the value.
  private void writeFixed(long value, int width) {
    room(width);
    for (int shift = 8 * (width - 1); shift >= 0; shift -= 8) {
      bytes[size++] = (byte) (value >>> shift);
    }
  }

  /** A string that is never null. */
  public void writeString(String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    writeVarint(utf8.length);
    room(utf8.length);
    System.arraycopy(utf8, 0, bytes, size, utf8.length);
    size += utf8.length;
  }

  /** A string that may be null. */
  public void writeNullableString(String value) {
    writeBoolean(value != null);
    if (value != null) {
      writeString(value);
    }
  }

  /** The size, then each string (none null). */
  public void writeStrings(Collection<String> values) {
    writeVarint(values.size());
    for (String value : values) {
      writeString(value);
    }
  }

  public void writeVarint(int value) {
    room(5);
    while ((value & ~0x7F) != 0) {
      bytes[size++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    bytes[size++] = (byte) value;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  private void room(int more) {
    if (size + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
  }
}
