package io.upsell.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonEncoder;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * A record in Avro's own JSON encoding (unions as {@code {"string": "x"}}), for values that cross an HTTP API whole:
 * the backtest's sample triggers, which the notifier's preview reads back exactly.
 */
public final class AvroJson {

  private AvroJson() {}

  public static String encode(SpecificRecord record) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      JsonEncoder json = EncoderFactory.get().jsonEncoder(record.getSchema(), bytes);
      new SpecificDatumWriter<SpecificRecord>(record.getSchema(), SingleObjectSerde.model(record.getClass()))
          .write(record, json);
      json.flush();
      return bytes.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @throws IOException when the text is not a valid {@code schema} record; its message names what is wrong */
  public static <T extends SpecificRecord> T decode(Class<T> type, Schema schema, String text) throws IOException {
    return new SpecificDatumReader<T>(schema, schema, SingleObjectSerde.model(type))
        .read(null, DecoderFactory.get().jsonDecoder(schema, text));
  }
}
