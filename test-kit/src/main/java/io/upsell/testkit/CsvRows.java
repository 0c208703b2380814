package io.upsell.testkit;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The data rows of a CSV file with a header line, each as its fields (RFC 4180 quoting, via Jackson's CSV reader). */
public final class CsvRows {

  private static final ObjectReader ROWS =
      CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).enable(CsvParser.Feature.SKIP_EMPTY_LINES)
          .build().readerForListOf(String.class);

  private CsvRows() {}

  public static List<List<String>> read(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        MappingIterator<List<String>> rows = ROWS.readValues(reader)) {
      List<List<String>> all = rows.readAll();
      return all.isEmpty() ? all : all.subList(1, all.size());
    } catch (IOException e) {
      throw new UncheckedIOException(file + " is not readable as CSV", e);
    }
  }
}
