package io.upsell.deploy.importer;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Streams a file as native events, one NDJSON line each: NDJSON passes through, an Online Retail CSV becomes one
 * order event per invoice. Nothing is held but the current invoice, so files of any size import in little memory.
 */
final class EventLines implements Iterator<String>, Closeable {

  private final BufferedReader reader;
  private final MappingIterator<List<String>> rows;
  private final RetailOrders orders;
  private final CountingStream counted;
  private final List<List<String>> invoice = new ArrayList<>();
  private long linesRead;
  private long skipped;
  private String next;
  private boolean done;

  private EventLines(Path file, RetailOrders orders) throws IOException {
    this.counted = new CountingStream(Files.newInputStream(file));
    this.reader = new BufferedReader(new InputStreamReader(counted, StandardCharsets.UTF_8), 1 << 16);
    this.orders = orders;
    if (orders != null) {
      String header = reader.readLine();
      if (header == null || !header.startsWith("InvoiceNo,StockCode")) {
        throw new IOException(file + " is not an Online Retail CSV (InvoiceNo,StockCode,Description,Quantity,...)");
      }
      this.rows = CsvRows.of(reader);
    } else {
      this.rows = null;
    }
  }

  /** A CSV file ({@code .csv}) becomes orders; anything else is read as NDJSON of native events. */
  static EventLines open(Path file, RetailOrders orders) throws IOException {
    return new EventLines(file, file.getFileName().toString().toLowerCase().endsWith(".csv") ? orders : null);
  }

  @Override
  public boolean hasNext() {
    try {
      while (next == null && !done) {
        next = orders == null ? nextNdjson() : nextInvoice();
      }
      return next != null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    String line = next;
    next = null;
    return line;
  }

  private String nextNdjson() throws IOException {
    String line = reader.readLine();
    if (line == null) {
      done = true;
      return null;
    }
    linesRead++;
    return line.isBlank() ? null : line.strip();
  }

  // An invoice ends where the next one's first line begins; that line starts the next invoice.
  private String nextInvoice() throws IOException {
    while (rows.hasNextValue()) {
      List<String> fields = rows.nextValue();
      linesRead++;
      if (fields.size() == 1 && fields.get(0).isBlank()) {
        continue;
      }
      boolean newInvoice = !invoice.isEmpty() && !invoice.get(0).get(0).equals(fields.get(0));
      if (newInvoice) {
        String event = flush();
        invoice.add(fields);
        if (event != null) {
          return event;
        }
      } else {
        invoice.add(fields);
      }
    }
    done = true;
    return invoice.isEmpty() ? null : flush();
  }

  private String flush() {
    Optional<ObjectNode> event;
    try {
      event = orders.invoice(invoice);
    } catch (RuntimeException e) {
      // A malformed line (missing column, non-numeric quantity or price) costs its invoice, not the import.
      event = Optional.empty();
    }
    if (event.isEmpty()) {
      skipped++;
    }
    invoice.clear();
    return event.map(ObjectNode::toString).orElse(null);
  }

  long linesRead() {
    return linesRead;
  }

  long bytesRead() {
    return counted.count();
  }

  /** Invoices with no usable line (only zero-price adjustments, or malformed). */
  long skipped() {
    return skipped;
  }

  @Override
  public void close() throws IOException {
    if (rows != null) {
      rows.close();
    }
    reader.close();
  }
}
