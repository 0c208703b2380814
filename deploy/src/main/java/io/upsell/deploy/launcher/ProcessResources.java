package io.upsell.deploy.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a running part of the stack costs the machine, as the kernel counts it ({@code /proc/<pid>/status}): resident
 * memory now and at its peak (off-heap included, which a JVM's own heap figures leave out), and how long it has run.
 */
public record ProcessResources(long rssKb, long peakRssKb, Duration uptime) {

  /** The figures of {@code process}, or empty where the kernel does not give them (not Linux, or it has ended). */
  public static Optional<ProcessResources> of(ProcessHandle process) {
    Path status = Path.of("/proc", Long.toString(process.pid()), "status");
    try {
      long rss = -1;
      long peak = -1;
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmRSS:")) {
          rss = kilobytes(line);
        } else if (line.startsWith("VmHWM:")) {
          peak = kilobytes(line);
        }
      }
      Duration uptime = process.info().startInstant().map(start -> Duration.between(start, Instant.now()))
          .orElse(Duration.ZERO);
      return rss < 0 ? Optional.empty() : Optional.of(new ProcessResources(rss, peak, uptime));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  // "VmRSS:	  123456 kB"
  private static long kilobytes(String line) {
    return Long.parseLong(line.substring(line.indexOf(':') + 1).replace("kB", "").strip());
  }

  /** {@code 312 MB (peak 340 MB), up 2h 05m}. */
  public String describe() {
    long minutes = uptime.toMinutes();
    String up = minutes >= 60 ? "%dh %02dm".formatted(minutes / 60, minutes % 60)
        : "%dm %02ds".formatted(minutes, uptime.toSecondsPart());
    return "%d MB (peak %d MB), up %s".formatted(rssKb / 1024, peakRssKb / 1024, up);
  }
}
