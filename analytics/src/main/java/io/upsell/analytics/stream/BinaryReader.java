package io.upsell.analytics.stream;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.ByteUtils;

/** Reads what {@link BinaryWriter} wrote, in the same order. */
final class BinaryReader {

  private final ByteBuffer buffer;

  BinaryReader(byte[] bytes) {
    this.buffer = ByteBuffer.wrap(bytes);
  }

  int readByte() {
    return buffer.get();
  }

  long readVarlong() {
    return ByteUtils.readVarlong(buffer);
  }

  int readCount() {
    return (int) readVarlong();
  }

  Long readOptional() {
    return readByte() == 0 ? null : readVarlong();
  }

  String readString() {
    int length = (int) readVarlong() - 1;
    if (length < 0) {
      return null;
    }
    String value = new String(buffer.array(), buffer.position(), length, StandardCharsets.UTF_8);
    buffer.position(buffer.position() + length);
    return value;
  }
}
