package io.upsell.deploy.backtest;

import io.upsell.deploy.launcher.ProgressGauge;
import java.io.PrintStream;

/**
 * One line on stderr, redrawn in place: {@code [#########.....................]  45%  1234/2881 records}. The engine
 * counts the range's records before it replays them; until then the line says so, and the bar, once drawn, keeps
 * the total it started with.
 */
final class ProgressBar {

  private final PrintStream out;

  ProgressBar(PrintStream out) {
    this.out = out;
  }

  void show(double progress, long done, long total) {
    if (total <= 0) {
      out.print("\rcounting the records of the range...");
    } else {
      out.printf("\r%s  %d/%d records", ProgressGauge.of(progress), done, total);
    }
    out.flush();
  }

  void finish() {
    out.println();
  }
}
