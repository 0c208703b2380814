package io.upsell.analytics.api;

import java.util.List;
import java.util.Map;

/**
 * A {@link Table} as CSV, money in minor units as the JSON has it; text that a spreadsheet would run as a formula is
 * quoted with a leading apostrophe.
 */
public final class Csv {

  private Csv() {}

  public static String of(Table table) {
    StringBuilder out = new StringBuilder();
    out.append(String.join(",", table.columns().stream().map(Table.Column::name).toList())).append("\r\n");
    for (Map<String, Object> row : table.rows()) {
      List<String> cells = table.columns().stream().map(c -> cell(row.get(c.name()))).toList();
      out.append(String.join(",", cells)).append("\r\n");
    }
    return out.toString();
  }

  private static String cell(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    String text = value.toString();
    if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
      text = "'" + text;
    }
    if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
      text = '"' + text.replace("\"", "\"\"") + '"';
    }
    return text;
  }
}
