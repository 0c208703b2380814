package io.upsell.analytics.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers as CSV for spreadsheets: one row per record, nested maps become extra columns ({@code revenueByChannelMinor}
 * + {@code email} → {@code revenueByChannelMinorEmail}); text that a spreadsheet would run as a formula is quoted
 * with a leading apostrophe.
 */
public final class Csv {

  private Csv() {}

  public static String of(List<?> records) {
    List<Map<String, Object>> rows = records.stream().map(Csv::flatten).toList();
    StringBuilder out = new StringBuilder();
    List<String> columns = rows.isEmpty() ? List.of() : new ArrayList<>(rows.get(0).keySet());
    out.append(String.join(",", columns)).append("\r\n");
    for (Map<String, Object> row : rows) {
      List<String> cells = new ArrayList<>();
      columns.forEach(c -> cells.add(cell(row.get(c))));
      out.append(String.join(",", cells)).append("\r\n");
    }
    return out.toString();
  }

  static Map<String, Object> flatten(Object record) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (var component : record.getClass().getRecordComponents()) {
      try {
        Object value = component.getAccessor().invoke(record);
        if (value instanceof Map<?, ?> nested) {
          nested.forEach((k, v) -> row.put(component.getName() + capitalized(k.toString()), v));
        } else {
          row.put(component.getName(), value);
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + component.getName(), e);
      }
    }
    return row;
  }

  private static String capitalized(String key) {
    String lower = key.toLowerCase(java.util.Locale.ROOT);
    StringBuilder out = new StringBuilder();
    for (String part : lower.split("_")) {
      if (!part.isEmpty()) {
        out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
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
