package io.upsell.deploy.backtest;

import io.upsell.deploy.launcher.ProgressGauge;
import java.io.PrintStream;

/** One line on stderr, redrawn in place: {@code [#########.....................]  45%  1234/2881 records}. */
final class ProgressBar {

  private final PrintStream out;

  ProgressBar(PrintStream out) {
    this.out = out;
  }

  void show(double progress, long done, long total) {
    out.printf("\r%s  %d/%d records", ProgressGauge.of(progress), done, total);
    out.flush();
  }

  void finish() {
    out.println();
  }
}
