package io.upsell.analytics.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Answers as CSV for spreadsheets: one row per record, nested maps and records become extra columns
 * ({@code revenueByChannelMinor} + {@code email} → {@code revenueByChannelMinorEmail}; {@code otherCurrencies} +
 * {@code USD} + {@code orders} → {@code otherCurrenciesUsdOrders}); the columns are those of every row (a row without
 * one leaves it empty); text that a spreadsheet would run as a formula is quoted with a leading apostrophe.
 */
public final class Csv {

  private Csv() {}

  public static String of(List<?> records) {
    List<Map<String, Object>> rows = records.stream().map(Csv::flatten).toList();
    StringBuilder out = new StringBuilder();
    Set<String> union = new LinkedHashSet<>();
    rows.forEach(row -> union.addAll(row.keySet()));
    List<String> columns = new ArrayList<>(union);
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
        put(row, component.getName(), component.getAccessor().invoke(record));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + component.getName(), e);
      }
    }
    return row;
  }

  private static void put(Map<String, Object> row, String name, Object value) {
    if (value instanceof Map<?, ?> nested) {
      nested.forEach((k, v) -> put(row, name + capitalized(k.toString()), v));
    } else if (value instanceof Record nested) {
      flatten(nested).forEach((k, v) -> row.put(name + capitalized(k), v));
    } else {
      row.put(name, value);
    }
  }

  private static String capitalized(String key) {
    // An upper-case key (a channel, a currency code) is lowered first; a camel-case one (a record's component) kept.
    String lower = key.equals(key.toUpperCase(java.util.Locale.ROOT)) ? key.toLowerCase(java.util.Locale.ROOT) : key;
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
