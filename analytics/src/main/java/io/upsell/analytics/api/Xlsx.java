package io.upsell.analytics.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * A {@link Table} as an Excel workbook of one sheet: money in major units as numbers with the currency in the header
 * ({@code grossRevenueMinor} of a GBP shop → {@code grossRevenue (GBP)}, 1250 → 12.50), dates and times as date
 * cells (instants in UTC), everything else as the JSON has it.
 */
public final class Xlsx {

  private Xlsx() {}

  public static byte[] of(Table table, String sheet) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      Workbook workbook = new Workbook(out, "Upsell analytics", "1.0");
      Worksheet ws = workbook.newWorksheet(sheet);
      List<Table.Column> columns = table.columns();
      for (int c = 0; c < columns.size(); c++) {
        ws.value(0, c, header(columns.get(c)));
        ws.style(0, c).bold().set();
      }
      ws.freezePane(0, 1);
      int r = 1;
      for (Map<String, Object> row : table.rows()) {
        for (int c = 0; c < columns.size(); c++) {
          write(ws, r, c, columns.get(c), row.get(columns.get(c).name()));
        }
        r++;
      }
      workbook.finish();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The header a column gets in a workbook: money columns lose "Minor" and name their currency. */
  public static String header(Table.Column column) {
    if (!column.money()) {
      return column.name();
    }
    return column.name().replaceFirst("Minor([A-Z]|$)", "$1") + " (" + column.currency() + ")";
  }

  private static void write(Worksheet ws, int r, int c, Table.Column column, Object value) {
    if (value == null) {
      return;
    }
    if (column.money() && value instanceof Number minor) {
      int digits = Table.fractionDigits(column.currency());
      ws.value(r, c, BigDecimal.valueOf(minor.longValue(), digits));
      ws.style(r, c).format(digits == 0 ? "#,##0" : "#,##0." + "0".repeat(digits)).set();
    } else if (value instanceof Number number) {
      ws.value(r, c, number);
    } else if (value instanceof Boolean flag) {
      ws.value(r, c, flag);
    } else if (dated(column.name()) && value instanceof String text && writeDate(ws, r, c, text)) {
      return;
    } else {
      ws.value(r, c, value.toString());
    }
  }

  // Columns whose text is a date or an instant: a period's start, and the ...At / ..._at / ..._gmt times.
  private static boolean dated(String name) {
    return name.equals("start") || name.endsWith("Start") || name.endsWith("At") || name.endsWith("_at")
        || name.endsWith("_gmt");
  }

  private static boolean writeDate(Worksheet ws, int r, int c, String text) {
    try {
      if (text.length() == 10) {
        ws.value(r, c, LocalDate.parse(text));
        ws.style(r, c).format("yyyy-mm-dd").set();
      } else {
        ws.value(r, c, text.endsWith("Z") ? LocalDateTime.ofInstant(Instant.parse(text), ZoneOffset.UTC)
            : LocalDateTime.parse(text));
        ws.style(r, c).format("yyyy-mm-dd hh:mm").set();
      }
      return true;
    } catch (DateTimeParseException e) {
      return false; // not a date after all: written as text
    }
  }
}
