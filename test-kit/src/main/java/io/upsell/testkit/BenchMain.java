package io.upsell.testkit;

/**
 * The body of every benchmark's {@code main}, run in a plain JVM: the in-process broker's non-daemon threads
 * would keep that JVM waiting after the benchmark, and a failure would then hang silently. So the JVM always ends:
 * 0 when the benchmark returns, 1 after the stack trace when it throws anything (an {@code Error} too).
 */
public final class BenchMain {

  /** A benchmark's work. */
  @FunctionalInterface
  public interface Body {
    void run() throws Exception;
  }

  private BenchMain() {}

  /** Applies the services' log levels, runs {@code body} and exits the JVM with its outcome. */
  public static void run(Body body) {
    ServiceLogLevels.apply();
    int code = 0;
    try {
      body.run();
    } catch (Throwable e) {
      e.printStackTrace();
      code = 1;
    }
    System.exit(code);
  }
}
