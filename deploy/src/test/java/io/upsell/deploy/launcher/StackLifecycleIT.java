package io.upsell.deploy.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ./upsell start} brings up every part healthy, and {@code ./upsell stop} leaves no process behind. */
class StackLifecycleIT {

  @Test
  void startsEveryPartHealthyAndStopLeavesNoProcess() throws Exception {
    TestStack test = TestStack.create().start();

    Map<String, String> status = test.stack.status();
    assertThat(status).containsOnlyKeys(Stack.roles()).allSatisfy((role, state) -> assertThat(state).isEqualTo("healthy"));
    List<Long> pids = Stack.roles().stream()
        .map(role -> ChildProcess.running(test.home, role).orElseThrow().pid()).toList();

    assertThat(test.stack.stop()).containsExactlyInAnyOrderElementsOf(Stack.roles());

    assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty());
    assertThat(test.stack.status()).allSatisfy((role, state) -> assertThat(state).isEqualTo("stopped"));
  }
}
