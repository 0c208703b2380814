package io.upsell.notifier.template;

import java.util.List;

/** A KPI digest for a shop owner: the period and its figures, already formatted. */
public record ReportModel(String shopName, String period, String from, String to, List<Figure> figures) {

  /** One line of the report. */
  public record Figure(String label, String value) {}
}
