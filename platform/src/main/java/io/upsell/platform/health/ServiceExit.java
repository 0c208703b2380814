package io.upsell.platform.health;

import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * A service whose work stopped exits rather than limps, so whatever supervises it restarts it and it catches up
 * from its committed offsets. An Error (e.g. OutOfMemoryError) halts at once: after it, nothing in the heap can be
 * trusted, not even to run shutdown hooks. An exception leaves the service up for a grace period first, so health
 * checks and scrapers can report why.
 */
public final class ServiceExit {

  /** The exit code of a halt on an Error, as {@code -XX:+ExitOnOutOfMemoryError} would exit (3). */
  public static final int ERROR_EXIT = 3;
  /** The exit code after a worker failed with an exception. */
  public static final int FAILURE_EXIT = 1;

  private static final Logger LOG = Logger.getLogger(ServiceExit.class);

  private ServiceExit() {}

  /** Halts the JVM on an Error thrown in {@code part}; does nothing for other throwables. */
  public static void haltOnError(String part, Throwable failure) {
    if (failure instanceof Error) {
      // Logged first: the log is the only place the reason survives the halt.
      LOG.fatalf(failure, "%s died of %s; halting so the service is restarted", part, failure);
      Runtime.getRuntime().halt(ERROR_EXIT);
    }
  }

  /** Exits the JVM after {@code grace}, on a thread of its own so the failing thread may end first. */
  public static void exitAfter(Duration grace, String reason) {
    Thread exit = new Thread(() -> {
      try {
        Thread.sleep(grace.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      LOG.errorf("exiting: %s", reason);
      System.exit(FAILURE_EXIT);
    }, "service-exit");
    exit.setDaemon(true);
    exit.start();
  }

  /** Any Error escaping any thread, including pools and library threads, halts the JVM. */
  static void installDefaultHandler() {
    Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> {
      haltOnError(thread.getName(), failure);
      if (previous != null) {
        previous.uncaughtException(thread, failure);
      } else {
        LOG.errorf(failure, "uncaught exception in %s", thread.getName());
      }
    });
  }
}
