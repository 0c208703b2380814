package io.upsell.bench.notifier;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A child JVM's memory as the operating system and the JVM itself see it: live heap right after a forced full GC
 * (the total of {@code jcmd <pid> GC.class_histogram}), the heap committed ({@code GC.heap_info}), and resident memory now and at its peak ({@code VmRSS},
 * {@code VmHWM} in /proc). jcmd is the one of the JDK running this benchmark, attaching as the same user.
 */
final class ProcessMemory {

  /**
   * Live heap after GC, the heap the JVM holds from the OS (committed: part of the RSS however little of it is
   * live), RSS now and peak RSS, in MB.
   */
  record Figures(double heapAfterGcMb, double heapCommittedMb, double rssMb, double peakRssMb) {}

  // Serial and Parallel print "def new generation / tenured generation   total 1234K, used 567K"; G1 "garbage-first
  // heap   total ..., used ...". Only those summary lines, not their eden/from/to "space" lines.
  private static final Pattern HEAP_SIZES =
      Pattern.compile("(?m)^\\s*[A-Za-z -]*(?:generation|heap)\\s+total (\\d+)K, used (\\d+)K");

  // The histogram's last line: "Total   <instances>   <bytes>".
  private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$");

  private ProcessMemory() {}

  static Figures measure(long pid) throws IOException, InterruptedException {
    // First a collection that lets finalization and reference processing free what they hold; then the histogram's
    // own full collection, whose total is the live heap at that instant. (GC.heap_info's "used", read a jcmd later,
    // would add whatever a working process allocated in between.)
    jcmd(pid, "GC.run");
    Matcher total = HISTOGRAM_TOTAL.matcher(jcmd(pid, "GC.class_histogram"));
    if (!total.find()) {
      throw new IllegalStateException("no total in jcmd " + pid + " GC.class_histogram");
    }
    long liveBytes = Long.parseLong(total.group(1));
    String heapInfo = jcmd(pid, "GC.heap_info");
    Matcher sizes = HEAP_SIZES.matcher(heapInfo);
    long committedKb = 0;
    boolean found = false;
    while (sizes.find()) {
      committedKb += Long.parseLong(sizes.group(1));
      found = true;
    }
    if (!found) {
      throw new IllegalStateException("no heap figures in jcmd " + pid + " GC.heap_info:\n" + heapInfo);
    }
    return new Figures(liveBytes / (1024.0 * 1024.0), committedKb / 1024.0, statusKb(pid, "VmRSS") / 1024.0,
        statusKb(pid, "VmHWM") / 1024.0);
  }

  /** The top of {@code jcmd <pid> GC.class_histogram}: what holds the heap. */
  static List<String> classHistogram(long pid, int lines) throws IOException, InterruptedException {
    return jcmd(pid, "GC.class_histogram").lines().limit(lines).toList();
  }

  private static long statusKb(long pid, String field) throws IOException {
    return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
        .filter(l -> l.startsWith(field + ":")).map(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst()
        .orElseThrow(() -> new IllegalStateException("no " + field + " in /proc/" + pid + "/status"));
  }

  private static String jcmd(long pid, String command) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true)
        .start();
    String out = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("jcmd " + pid + " " + command + " failed:\n" + out);
    }
    return out;
  }
}
