package io.upsell.bench.notifier;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The notifier's email throughput before its rebuild on Kafka Streams (issue #20), as the last report that measured
 * it states it: emails/s to Postfix and that run's raw SMTP ceiling to the same Postfix. The old design cannot run
 * beside the new one here, so the comparison "≥ 90% of the current figure" scales that figure by this run's raw
 * ceiling over that run's: the share of the server's capacity the notifier used then.
 */
record PreviousDesign(double emailsPerSecond, double rawSmtpCeiling, Path report) {

  static final Path REPORT = Path.of(System.getProperty("bench.notifier.previous-report",
      "bench/results/2026-11-23T1933Z.md"));

  private static final Pattern ROW = Pattern.compile(
      "(?m)^\\| emails/s to Postfix[^|]*\\| ([0-9.]+) \\| ([0-9.]+) ");

  /** The figures of {@link #REPORT}; empty, with why on stdout as a warning, when it cannot be read. */
  static Optional<PreviousDesign> read() {
    try {
      Matcher m = ROW.matcher(Files.readString(REPORT));
      if (m.find()) {
        return Optional.of(new PreviousDesign(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), REPORT));
      }
      System.out.println("[bench-warning] no 'emails/s to Postfix' row in " + REPORT + ": no previous-design row");
    } catch (IOException e) {
      System.out.println("[bench-warning] " + REPORT + " unreadable (" + e + "): no previous-design row");
    }
    return Optional.empty();
  }

  /** What the previous design would send with this run's raw ceiling, at the share of it it used then. */
  double scaledTo(double rawSmtpCeilingNow) {
    return emailsPerSecond * rawSmtpCeilingNow / rawSmtpCeiling;
  }
}
