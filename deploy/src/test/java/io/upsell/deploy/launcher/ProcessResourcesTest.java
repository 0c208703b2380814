package io.upsell.deploy.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class ProcessResourcesTest {

  @Test
  void readsTheResidentMemoryOfARunningProcessAsTheKernelCountsIt() {
    ProcessResources own = ProcessResources.of(ProcessHandle.current()).orElseThrow();
    long committedHeapKb = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() / 1024;

    // A JVM's resident set holds at least the heap pages it has touched, plus code and metaspace: never less
    // than a few MB, and the peak is never below the current figure.
    assertThat(own.rssKb()).isGreaterThan(10 * 1024);
    assertThat(own.peakRssKb()).isGreaterThanOrEqualTo(own.rssKb());
    assertThat(own.rssKb()).isLessThan(committedHeapKb + 4L * 1024 * 1024);
    assertThat(own.uptime()).isPositive();
    assertThat(own.describe()).matches("\\d+ MB \\(peak \\d+ MB\\), up \\d+[hm] \\d+[ms]");
  }

  @Test
  void hasNoFiguresForAProcessThatHasEnded() throws Exception {
    Process ended = new ProcessBuilder("true").start();
    ProcessHandle handle = ended.toHandle();
    ended.waitFor();
    ended.destroy();

    assertThat(ProcessResources.of(handle)).isEmpty();
  }
}
