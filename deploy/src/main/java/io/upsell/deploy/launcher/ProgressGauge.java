package io.upsell.deploy.launcher;

/** The bar both long-running commands (import, backtest) draw on stderr: {@code [#########.....................]  30%}. */
public final class ProgressGauge {

  private static final int WIDTH = 30;

  private ProgressGauge() {}

  /** The bar and the percentage for {@code share} (0..1, clamped). */
  public static String of(double share) {
    double clamped = Math.max(0, Math.min(1, share));
    int filled = (int) Math.round(clamped * WIDTH);
    return String.format("[%s%s] %3d%%", "#".repeat(filled), ".".repeat(WIDTH - filled), Math.round(clamped * 100));
  }
}
