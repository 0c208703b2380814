package io.upsell.deploy.importer;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.Reader;
import java.util.List;

/** CSV rows streamed as lists of their fields, RFC 4180 quoting ("" for a quote inside a quoted field). */
public final class CsvRows {

  private static final ObjectReader ROWS =
      CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build().readerForListOf(String.class);

  private CsvRows() {}

  /** Every row still to come from {@code reader}, header included if not yet read; a blank line is one empty field. */
  public static MappingIterator<List<String>> of(Reader reader) throws IOException {
    return ROWS.readValues(reader);
  }
}
