package io.upsell.engine.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.junit.jupiter.api.Test;

class TeardownTest {

  private final Teardown teardown = new Teardown();
  private final List<String> ran = new ArrayList<>();

  @Test
  void everyStepRunsAfterOneFailed() {
    teardown.step("topics", () -> {
      ran.add("topics");
      throw new ExecutionException(new IllegalStateException("broker away"));
    });
    teardown.step("group", () -> ran.add("group"));

    assertThat(ran).containsExactly("topics", "group");
    assertThatThrownBy(teardown::throwIfFailed).hasMessageContaining("topics failed").hasMessageContaining("broker away");
  }

  @Test
  void somethingAlreadyGoneCountsAsRemoved() throws Exception {
    boolean done = teardown.step("group", () -> {
      throw new ExecutionException(new GroupIdNotFoundException("no such group"));
    }, Set.of(GroupIdNotFoundException.class));

    assertThat(done).isTrue();
    teardown.throwIfFailed();
  }

  @Test
  void failuresRideOnTheErrorThatStoppedTheReplay() {
    RuntimeException stopped = new RuntimeException("replay stopped: ERROR");
    teardown.step("close", () -> {
      throw new java.util.concurrent.TimeoutException("threads still running");
    });
    teardown.step("group", () -> {
      throw new ExecutionException(new GroupNotEmptyException("members left"));
    }, Set.of(GroupIdNotFoundException.class));

    teardown.attachTo(stopped);

    assertThat(stopped).hasMessage("replay stopped: ERROR");
    assertThat(stopped.getSuppressed()).extracting(Throwable::getMessage)
        .containsExactly("close failed: java.util.concurrent.TimeoutException: threads still running",
            "group failed: org.apache.kafka.common.errors.GroupNotEmptyException: members left");
  }

  @Test
  void laterFailuresAreAttachedToTheFirst() {
    teardown.step("close", () -> {
      throw new IllegalStateException("one");
    });
    teardown.step("group", () -> {
      throw new IllegalStateException("two");
    });

    assertThatThrownBy(teardown::throwIfFailed).hasMessageContaining("one")
        .satisfies(e -> assertThat(e.getSuppressed()).singleElement()
            .satisfies(s -> assertThat(s).hasMessageContaining("two")));
  }

  @Test
  void aFailureMadeMootByALaterStepIsForgotten() throws Exception {
    int mark = teardown.mark();
    teardown.step("remove members", () -> {
      throw new IllegalArgumentException("no members");
    });
    teardown.forgetSince(mark);

    teardown.throwIfFailed();
  }
}
