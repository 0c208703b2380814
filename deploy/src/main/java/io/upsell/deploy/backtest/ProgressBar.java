package io.upsell.deploy.backtest;

import java.io.PrintStream;

/** One line on stderr, redrawn in place: {@code [#########-----------]  45%  1234/2881 records}. */
final class ProgressBar {

  private static final int WIDTH = 30;
  private final PrintStream out;

  ProgressBar(PrintStream out) {
    this.out = out;
  }

  void show(double progress, long done, long total) {
    int filled = (int) Math.round(Math.max(0, Math.min(1, progress)) * WIDTH);
    out.printf("\r[%s%s] %3d%%  %d/%d records", "#".repeat(filled), "-".repeat(WIDTH - filled),
        Math.round(progress * 100), done, total);
    out.flush();
  }

  void finish() {
    out.println();
  }
}
