package io.upsell.analytics.api;

import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An answer's rows flattened for spreadsheets, the one shape both CSV and XLSX are written from: one row per record,
 * nested maps and records become extra columns ({@code revenueByChannelMinor} + {@code email} →
 * {@code revenueByChannelMinorEmail}; {@code otherCurrencies} + {@code USD} + {@code orders} →
 * {@code otherCurrenciesUsdOrders}); the columns are those of every row (a row without one leaves it empty). A column
 * named {@code ...Minor}, or nested under one, is money in minor units of the shop's currency, or of the ISO code it
 * is nested under.
 */
public record Table(List<Column> columns, List<Map<String, Object>> rows) {

  /** A column; {@code currency} is set for money columns only. */
  public record Column(String name, String currency) {

    public boolean money() {
      return currency != null;
    }
  }

  public static Table of(List<?> records, String shopCurrency) {
    Map<String, String> currencies = new LinkedHashMap<>();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Object record : records) {
      Map<String, Object> row = new LinkedHashMap<>();
      flatten(row, currencies, "", record, shopCurrency);
      rows.add(row);
    }
    Set<String> union = new LinkedHashSet<>();
    rows.forEach(row -> union.addAll(row.keySet()));
    List<Column> columns = union.stream().map(name -> new Column(name, currencies.get(name))).toList();
    return new Table(columns, rows);
  }

  private static void flatten(Map<String, Object> row, Map<String, String> currencies, String prefix, Object record,
      String currency) {
    for (var component : record.getClass().getRecordComponents()) {
      try {
        put(row, currencies, name(prefix, component.getName()), component.getAccessor().invoke(record), currency);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + component.getName(), e);
      }
    }
  }

  private static void put(Map<String, Object> row, Map<String, String> currencies, String name, Object value,
      String currency) {
    if (value instanceof Map<?, ?> nested) {
      nested.forEach((k, v) -> put(row, currencies, name(name, k.toString()), v,
          isoCode(k.toString()) ? k.toString() : currency));
    } else if (value instanceof Record nested) {
      flatten(row, currencies, name, nested, currency);
    } else {
      row.put(name, value);
      if (name.matches(".*Minor([A-Z].*)?") && currency != null) {
        currencies.putIfAbsent(name, currency);
      }
    }
  }

  // A map key that names a currency (otherCurrencies' keys): the money nested under it is in that currency.
  private static boolean isoCode(String key) {
    if (key.length() != 3 || !key.equals(key.toUpperCase(Locale.ROOT))) {
      return false;
    }
    try {
      Currency.getInstance(key);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String name(String prefix, String key) {
    return prefix.isEmpty() ? key : prefix + capitalized(key);
  }

  private static String capitalized(String key) {
    // An upper-case key (a channel, a currency code) is lowered first; a camel-case one (a record's component) kept.
    String lower = key.equals(key.toUpperCase(Locale.ROOT)) ? key.toLowerCase(Locale.ROOT) : key;
    StringBuilder out = new StringBuilder();
    for (String part : lower.split("_")) {
      if (!part.isEmpty()) {
        out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    return out.toString();
  }

  /** Digits after the point in a currency's major unit: 1250 GBP is 12.50, 500 JPY is 500. */
  public static int fractionDigits(String currency) {
    try {
      return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
    } catch (IllegalArgumentException | NullPointerException e) {
      return 2; // an unknown or missing currency: cents, as most have
    }
  }
}
