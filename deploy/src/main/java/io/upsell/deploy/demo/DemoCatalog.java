package io.upsell.deploy.demo;

import com.fasterxml.jackson.databind.MappingIterator;
import io.upsell.deploy.importer.CsvRows;
import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo shop's products: the best sellers of the real UK gift shop in {@code ../shared/data/online-retail},
 * with their real names and prices; without that file, a small built-in list. And the plans of its SaaS app.
 */
record DemoCatalog(List<Item> items) {

  /** A product the demo sells; price in pence. */
  record Item(String productId, String name, String category, long priceMinor) {}

  /** A plan of the demo SaaS app: its storage quota in GB, its monthly price in pence, the plan below it. */
  record Plan(String planId, String name, int tier, long storageGb, long priceMinor, String upgradeOf) {}

  /** The SaaS app's ladder; its customers start on the first. */
  static final List<Plan> PLANS = List.of(
      new Plan("basic", "Basic", 1, 100, 499, null),
      new Plan("pro", "Pro", 2, 1000, 999, "basic"),
      new Plan("business", "Business", 3, 5000, 2499, "pro"));

  static DemoCatalog load(Path onlineRetailCsv, int size) {
    if (!Files.isReadable(onlineRetailCsv)) {
      return builtIn();
    }
    Map<String, Item> items = new HashMap<>();
    Map<String, Integer> sold = new HashMap<>();
    try (BufferedReader reader = Files.newBufferedReader(onlineRetailCsv, StandardCharsets.UTF_8);
        MappingIterator<List<String>> rows = CsvRows.of(reader)) {
      rows.nextValue();
      while (rows.hasNextValue()) {
        List<String> cols = rows.nextValue();
        if (cols.size() < 8 || cols.get(0).startsWith("C") || cols.get(2).isBlank()) {
          continue;
        }
        long price = new BigDecimal(cols.get(5)).movePointRight(2).longValue();
        if (price <= 0) {
          continue;
        }
        items.putIfAbsent(cols.get(1), new Item(cols.get(1), title(cols.get(2)), category(cols.get(2)), price));
        sold.merge(cols.get(1), 1, Integer::sum);
      }
    } catch (IOException | RuntimeException e) {
      return builtIn();
    }
    List<Item> best = new ArrayList<>(items.values());
    best.sort(Comparator.comparing((Item i) -> -sold.get(i.productId())).thenComparing(Item::productId));
    return new DemoCatalog(List.copyOf(best.subList(0, Math.min(size, best.size()))));
  }

  static DemoCatalog builtIn() {
    return new DemoCatalog(List.of(
        new Item("85123A", "White Hanging Heart T-Light Holder", "candles", 255),
        new Item("71053", "White Metal Lantern", "lanterns", 339),
        new Item("84406B", "Cream Cupid Hearts Coat Hanger", "home", 275),
        new Item("22423", "Regency Cakestand 3 Tier", "kitchen", 1275),
        new Item("47566", "Party Bunting", "party", 495),
        new Item("85099B", "Jumbo Bag Red Retrospot", "bags", 195)));
  }

  private static String title(String description) {
    StringBuilder title = new StringBuilder();
    for (String word : description.strip().toLowerCase().split("\\s+")) {
      if (!word.isEmpty()) {
        title.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1)).append(' ');
      }
    }
    return title.toString().strip();
  }

  // The data has no categories; the last word of a description ("HOLDER", "LANTERN", "BAG") is a fair stand-in.
  private static String category(String description) {
    String[] words = description.strip().toLowerCase().split("\\s+");
    return words[words.length - 1];
  }
}
