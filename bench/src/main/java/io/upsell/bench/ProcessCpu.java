package io.upsell.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU seconds (user + system) a process has used, all its threads counted, from {@code /proc/<pid>/stat}: native
 * threads too (RocksDB's compaction and flush threads are not Java threads, so a sum over the JVM's own threads
 * misses them), and the JIT's and the collector's.
 */
public final class ProcessCpu {

  /** Linux reports utime and stime in USER_HZ clock ticks, 100 a second on every platform it supports today. */
  private static final double TICKS_PER_SECOND = 100;

  private ProcessCpu() {}

  /** This JVM: every thread of it, so with an in-process broker the broker's work is counted too. */
  public static double ofThisProcess() {
    return of(ProcessHandle.current().pid());
  }

  public static double of(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // The command name (2nd field) may hold spaces; fields after its closing parenthesis start at the 3rd, state.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND; // 14th utime, 15th stime
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the CPU time of process " + pid, e);
    }
  }
}
