package io.upsell.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

/** Records of any schema with every field filled from a seeded random source, for round-trip tests. */
final class SampleRecords {

  private final Random random;

  SampleRecords(long seed) {
    this.random = new Random(seed);
  }

  /** A generic record of {@code schema}; unions pick a non-null branch so every field carries data. */
  GenericRecord generic(Schema schema) {
    return (GenericRecord) value(schema);
  }

  /** A specific record of {@code type}, built through the generic writer so no field is left unset. */
  <V extends SpecificRecord> V specific(Class<V> type) {
    Schema schema = SchemaHistory.current(type);
    byte[] bytes = write(generic(schema));
    SpecificData model = SpecificData.getForClass(type);
    var reader = new SpecificDatumReader<V>(schema, schema, model);
    try {
      return reader.read(null, DecoderFactory.get().binaryDecoder(bytes, null));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] write(GenericRecord record) {
    var out = new ByteArrayOutputStream();
    var encoder = EncoderFactory.get().binaryEncoder(out, null);
    try {
      new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private Object value(Schema schema) {
    return switch (schema.getType()) {
      case RECORD -> record(schema);
      case ENUM -> new GenericData.EnumSymbol(schema, pick(schema.getEnumSymbols()));
      case ARRAY -> List.of(value(schema.getElementType()), value(schema.getElementType()));
      case MAP -> Map.of("k" + random.nextInt(1000), value(schema.getValueType()));
      case UNION -> value(nonNullBranch(schema));
      case STRING -> "s-" + Integer.toHexString(random.nextInt());
      case INT -> random.nextInt(20_000);
      case LONG -> 1_700_000_000_000L + random.nextInt(1_000_000_000);
      case BOOLEAN -> random.nextBoolean();
      case DOUBLE -> random.nextDouble();
      case FLOAT -> random.nextFloat();
      case BYTES -> ByteBuffer.wrap(new byte[] {(byte) random.nextInt()});
      case FIXED -> new GenericData.Fixed(schema, new byte[schema.getFixedSize()]);
      case NULL -> null;
    };
  }

  private GenericRecord record(Schema schema) {
    GenericData.Record record = new GenericData.Record(schema);
    for (Schema.Field field : schema.getFields()) {
      record.put(field.pos(), value(field.schema()));
    }
    return record;
  }

  private Schema nonNullBranch(Schema union) {
    List<Schema> branches = new ArrayList<>(union.getTypes());
    branches.removeIf(s -> s.getType() == Schema.Type.NULL);
    return branches.isEmpty() ? union.getTypes().get(0) : pick(branches);
  }

  private <T> T pick(List<T> list) {
    return list.get(random.nextInt(list.size()));
  }

  /** An earlier shape of {@code schema}: the same record without the top-level fields that have defaults. */
  static Schema withoutDefaultedFields(Schema schema) {
    List<Schema.Field> kept = new ArrayList<>();
    for (Schema.Field field : schema.getFields()) {
      if (!field.hasDefaultValue()) {
        kept.add(new Schema.Field(field, field.schema()));
      }
    }
    return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, kept);
  }

  static Map<String, Object> byName(GenericRecord record) {
    Map<String, Object> values = new HashMap<>();
    record.getSchema().getFields().forEach(f -> values.put(f.name(), record.get(f.name())));
    return values;
  }
}
