package io.upsell.deploy.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * Two reports of the same records side by side (A: the rules tried or the shop's own, B: --against), each row with
 * its difference B - A: fired per trigger type, refused per reason.
 */
final class ReportComparison {

  private ReportComparison() {}

  static void print(JsonNode job, ReportPrinter.Labels labels, PrintStream out) {
    JsonNode a = job.path("report");
    JsonNode b = job.path("against");
    out.println();
    out.printf("Compared on the same records: A = %s, B = %s%n%n", labels.rules(), labels.against());
    table("would have fired", a.path("firedByType"), b.path("firedByType"), out);
    out.println();
    table("suppressed because", a.path("suppressedByReason"), b.path("suppressedByReason"), out);
    out.println();
    table("still pending at the end", pendingCounts(a), pendingCounts(b), out);
  }

  private static void table(String title, JsonNode a, JsonNode b, PrintStream out) {
    out.printf("| %s | A | B | B - A |%n", title);
    out.println("| --- | ---: | ---: | ---: |");
    Set<String> rows = new TreeSet<>();
    a.fieldNames().forEachRemaining(rows::add);
    b.fieldNames().forEachRemaining(rows::add);
    if (rows.isEmpty()) {
      out.println("| (none) | 0 | 0 | 0 |");
    }
    for (String row : rows) {
      long left = a.path(row).asLong();
      long right = b.path(row).asLong();
      out.printf("| %s | %d | %d | %+d |%n", row, left, right, right - left);
    }
  }

  private static JsonNode pendingCounts(JsonNode report) {
    var counts = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    for (Iterator<String> types = report.path("pendingByType").fieldNames(); types.hasNext();) {
      String type = types.next();
      counts.put(type, report.path("pendingByType").path(type).path("count").asLong());
    }
    return counts;
  }
}
