package io.upsell.deploy.importer;

import io.upsell.deploy.launcher.ProgressGauge;
import java.io.PrintStream;
import java.time.Duration;

/** One self-overwriting stderr line: share of the file done, lines and events so far, lines/s and time left. */
final class ProgressBar {

  private static final long REDRAW_NANOS = 200_000_000L;

  private final PrintStream out;
  private final long totalBytes;
  private final long started = System.nanoTime();
  private long drawnAt;

  ProgressBar(PrintStream out, long totalBytes) {
    this.out = out;
    this.totalBytes = Math.max(1, totalBytes);
  }

  /** Redraws at most five times a second, unless {@code force}. */
  void show(long bytes, long lines, long events, boolean force) {
    long now = System.nanoTime();
    if (!force && now - drawnAt < REDRAW_NANOS) {
      return;
    }
    drawnAt = now;
    out.print("\r" + line(bytes, lines, events, now - started));
    out.flush();
  }

  void finish(long bytes, long lines, long events) {
    show(bytes, lines, events, true);
    out.println();
  }

  static String line(long bytes, long lines, long events, long elapsedNanos, long totalBytes) {
    double share = Math.min(1.0, (double) bytes / Math.max(1, totalBytes));
    double seconds = Math.max(elapsedNanos / 1e9, 1e-3);
    long perSecond = Math.round(lines / seconds);
    String eta = share <= 0 ? "--:--" : clock(Duration.ofSeconds(Math.round(seconds / share - seconds)));
    return String.format("%s %,d lines %,d events %,d lines/s ETA %s ", ProgressGauge.of(share), lines, events,
        perSecond, eta);
  }

  private String line(long bytes, long lines, long events, long elapsedNanos) {
    return line(bytes, lines, events, elapsedNanos, totalBytes);
  }

  private static String clock(Duration left) {
    long s = left.getSeconds();
    return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format("%d:%02d", s / 60, s % 60);
  }
}
