package io.upsell.engine.triggers;

import static io.upsell.engine.testing.EngineDriver.at;
import static io.upsell.engine.testing.EngineDriver.productOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.upsell.schemas.upsell.TriggerType;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CourseCompletedTriggerTest extends TriggerTestBase {

  @Test
  void firesWithTheNextCourseOfTheCatalog() {
    engine.product(productOf("java-2").setNextCourseOf("java-1").build());

    engine.course("c1", "k1", at(Duration.ZERO), "java-1", 100);

    assertThat(engine.fired()).singleElement().satisfies(t -> {
      assertThat(t.getType()).isEqualTo(TriggerType.COURSE_COMPLETED);
      assertThat(t.getOffer().getCourseId()).isEqualTo("java-2");
    });
  }

  @Test
  void offersAMembershipTrialWhenNoCourseFollows() {
    engine.course("c1", "k1", at(Duration.ZERO), "java-1", 100);

    assertThat(engine.fired()).singleElement()
        .satisfies(t -> assertThat(t.getOffer().getPlan()).isEqualTo("membership-trial"));
  }

  @Test
  void doesNotFireBeforeCompletion() {
    engine.course("c1", "k1", at(Duration.ZERO), "java-1", 60);

    assertThat(engine.fired()).isEmpty();
  }

  @Test
  void firesOncePerCourse() {
    engine.course("c1", "k1", at(Duration.ZERO), "java-1", 100);
    engine.course("c1", "k2", at(Duration.ofDays(3)), "java-1", 100);

    assertThat(engine.fired()).hasSize(1);
  }

  @Test
  void lateProgressAfterCompletionDoesNothing() {
    engine.course("c1", "k2", at(Duration.ofMinutes(5)), "java-1", 100);
    engine.course("c1", "k1", at(Duration.ZERO), "java-1", 40);

    assertThat(engine.fired()).hasSize(1);
  }

  @Test
  void completionIsRememberedAcrossARestart() {
    engine.course("c1", "k1", at(Duration.ZERO), "java-1", 100);
    assertThat(engine.fired()).hasSize(1);

    engine = engine.restart();
    engine.course("c1", "k2", at(Duration.ofDays(1)), "java-1", 100);

    assertThat(engine.fired()).isEmpty();
  }
}
