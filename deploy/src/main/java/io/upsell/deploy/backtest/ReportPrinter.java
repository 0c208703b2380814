package io.upsell.deploy.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.Iterator;
import java.util.Map;

/** Prints a backtest report as plain Markdown tables: fired per type and day, refusals per reason. */
final class ReportPrinter {

  private ReportPrinter() {}

  /** What the two reports of a comparison were judged by, as the user named them. */
  record Labels(String rules, String against) {}

  static void print(JsonNode job, PrintStream out) {
    JsonNode report = job.path("report");
    out.printf("Backtest of %s from %s to %s (days in %s), %d records replayed%n%n", job.path("shopId").asText(),
        job.path("from").asText(), job.path("to").asText(), report.path("timeZone").asText(),
        job.path("replayed").asLong());
    if (job.has("warmUpDays")) {
      out.printf("State built from the events of the %d days before (from %s, setting backtest.warmUpDays); a decision"
          + " counts when it falls due in [from, to).%n%n", job.path("warmUpDays").asInt(),
          job.path("warmUpFrom").asText());
    }
    if (job.path("assumeConsent").asBoolean()) {
      out.printf("Customers without a profile counted as consenting (--assume-consent).%n%n");
    }
    out.println("| would have fired | total |");
    out.println("| --- | ---: |");
    rows(report.path("firedByType"), out);
    out.println();
    out.println("| type | day | fired |");
    out.println("| --- | --- | ---: |");
    for (Iterator<Map.Entry<String, JsonNode>> types = report.path("firedByTypeAndDay").fields(); types.hasNext();) {
      Map.Entry<String, JsonNode> type = types.next();
      type.getValue().fields().forEachRemaining(day ->
          out.printf("| %s | %s | %d |%n", type.getKey(), day.getKey(), day.getValue().asLong()));
    }
    out.println();
    pending(report, job.path("to").asText(), out);
    out.println();
    out.println("| suppressed because | count |");
    out.println("| --- | ---: |");
    rows(report.path("suppressedByReason"), out);
  }

  // Due at or after the end of the range: never judged, so never counted as fired.
  private static void pending(JsonNode report, String end, PrintStream out) {
    out.printf("Timers still pending at the end of the range: %d (due on or after %s, not judged)%n%n",
        report.path("pendingTimers").asLong(), end);
    out.println("| still pending | count | first due | last due |");
    out.println("| --- | ---: | --- | --- |");
    if (report.path("pendingByType").isEmpty()) {
      out.println("| (none) | 0 | | |");
    }
    report.path("pendingByType").fields().forEachRemaining(e -> out.printf("| %s | %d | %s | %s |%n", e.getKey(),
        e.getValue().path("count").asLong(), e.getValue().path("firstDue").asText(),
        e.getValue().path("lastDue").asText()));
  }

  private static void rows(JsonNode counts, PrintStream out) {
    if (counts.isEmpty()) {
      out.println("| (none) | 0 |");
    }
    counts.fields().forEachRemaining(e -> out.printf("| %s | %d |%n", e.getKey(), e.getValue().asLong()));
  }
}
