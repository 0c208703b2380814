package io.upsell.engine.backtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * A backtest's teardown runs every step even when one fails, so a failed step never leaks what later steps remove;
 * a step that finds its thing already gone has succeeded; the failures are kept for whoever reports the outcome.
 */
final class Teardown {

  /** One step of the teardown. */
  interface Step {
    void run() throws Exception;
  }

  private final List<Exception> failures = new ArrayList<>();

  /**
   * Runs {@code step}; an error whose cause is one of {@code alreadyGone} counts as done, any other is kept.
   * Returns whether the step succeeded.
   */
  boolean step(String what, Step step, Set<Class<? extends Exception>> alreadyGone) {
    try {
      step.run();
      return true;
    } catch (Exception e) {
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      if (alreadyGone.stream().anyMatch(gone -> gone.isInstance(cause))) {
        return true;
      }
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt(); // the caller learns of it from the kept failure and the flag
      }
      failures.add(new IllegalStateException(what + " failed: " + cause, e));
      return false;
    }
  }

  boolean step(String what, Step step) {
    return step(what, step, Set.of());
  }

  /** Forgets the failures kept since {@code mark} (a later step made them moot). */
  void forgetSince(int mark) {
    failures.subList(mark, failures.size()).clear();
  }

  int mark() {
    return failures.size();
  }

  /** Attaches every kept failure to {@code original}, the error that made the backtest stop. */
  void attachTo(Throwable original) {
    failures.forEach(original::addSuppressed);
  }

  /** Throws the first kept failure, with the others attached, if any step failed. */
  void throwIfFailed() throws Exception {
    if (!failures.isEmpty()) {
      Exception first = failures.get(0);
      failures.subList(1, failures.size()).forEach(first::addSuppressed);
      throw first;
    }
  }
}
