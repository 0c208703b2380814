package io.upsell.bench.ingest;

import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Where the single-event phase's time went, from the client's measurements, the service's histograms (scraped
 * before and after the phase, so only the phase counts) and both sides' collections. Printed as plain lines after
 * the result table. Histogram figures are bucket upper bounds, so they read a little high.
 */
final class SingleEventBreakdown {

  private static final Predicate<String> ANY = key -> true;
  private static final String[][] PUBLISH = {
      {"upsell_ingest_publish_total_seconds", "service: submit until answered (all below)"},
      {"upsell_ingest_publish_queued_seconds", "service: waiting for a lane"},
      {"upsell_ingest_publish_write_seconds", "service: records handed to the producer"},
      {"upsell_ingest_publish_commit_seconds", "service: commitTransaction (acks + EndTxn)"},
      {"upsell_ingest_publish_answer_seconds", "service: answering a committed group"}};

  private SingleEventBreakdown() {}

  static void print(LoadClient.Result client, ServiceMetrics before, ServiceMetrics after, double seconds,
      String clientGc, boolean brokerInProcess) {
    System.out.printf("%nSingle-event phase, where the time went (ms; p50 / p90 / p99 / max):%n");
    line("client: due time until answer", client.latencyMillis(0.5), client.latencyMillis(0.9),
        client.latencyMillis(0.99), client.latencyMillis(1));
    line("client: due time until its send started", client.lateStartMillis(0.5), client.lateStartMillis(0.9),
        client.lateStartMillis(0.99), client.lateStartMillis(1));
    Predicate<String> events = key -> key.contains("uri=\"/v1/events\"");
    histogram("service: HTTP request (Vert.x in until out)", "http_server_requests_seconds", events, before, after);
    for (String[] timer : PUBLISH) {
      histogram(timer[1], timer[0], ANY, before, after);
    }
    double commits = after.total("upsell_ingest_publish_commit_seconds_count", ANY)
        - before.total("upsell_ingest_publish_commit_seconds_count", ANY);
    TreeMap<Double, Double> groups = ServiceMetrics.minus(after.buckets("upsell_ingest_transaction_requests", ANY),
        before.buckets("upsell_ingest_transaction_requests", ANY));
    System.out.printf("  transactions: %.0f (%.0f/s), requests per transaction p50 %.0f, p99 %.0f%n", commits,
        commits / seconds, ServiceMetrics.quantile(groups, 0.5), ServiceMetrics.quantile(groups, 0.99));
    String retried = "kafka_producer_record_retry_total";
    System.out.printf("  producer record retries (the client's own; the broker's 20 ms add-partition retries are not "
        + "counted here): %s%n", after.has(retried)
        ? String.format("%.0f", after.total(retried, ANY) - before.total(retried, ANY)) : "metric not found");
    double pauses = after.total("jvm_gc_pause_seconds_count", ANY) - before.total("jvm_gc_pause_seconds_count", ANY);
    double paused = after.total("jvm_gc_pause_seconds_sum", ANY) - before.total("jvm_gc_pause_seconds_sum", ANY);
    System.out.printf("  service GC: %.0f pauses, %.0f ms in all%n", pauses, paused * 1000);
    System.out.printf("  benchmark JVM GC (load client%s): %s%n",
        brokerInProcess ? " and the in-process broker" : "", clientGc);
  }

  /** "HTTP / submit-to-answer / commit" p99 of the phase in ms, for the result table. */
  static String serviceP99(ServiceMetrics before, ServiceMetrics after) {
    Predicate<String> events = key -> key.contains("uri=\"/v1/events\"");
    return String.format("%.1f / %.1f / %.1f", p99(before, after, "http_server_requests_seconds", events),
        p99(before, after, PUBLISH[0][0], ANY), p99(before, after, "upsell_ingest_publish_commit_seconds", ANY));
  }

  private static double p99(ServiceMetrics before, ServiceMetrics after, String name, Predicate<String> series) {
    return 1000 * ServiceMetrics.quantile(ServiceMetrics.minus(after.buckets(name, series),
        before.buckets(name, series)), 0.99);
  }

  private static void histogram(String label, String name, Predicate<String> series, ServiceMetrics before,
      ServiceMetrics after) {
    TreeMap<Double, Double> phase = ServiceMetrics.minus(after.buckets(name, series), before.buckets(name, series));
    line(label, 1000 * ServiceMetrics.quantile(phase, 0.5), 1000 * ServiceMetrics.quantile(phase, 0.9),
        1000 * ServiceMetrics.quantile(phase, 0.99), 1000 * ServiceMetrics.quantile(phase, 1));
  }

  private static void line(String label, double p50, double p90, double p99, double max) {
    System.out.printf("  %-48s %8.1f %8.1f %8.1f %8.1f%n", label, p50, p90, p99, max);
  }
}
