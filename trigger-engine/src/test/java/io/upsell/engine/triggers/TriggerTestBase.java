package io.upsell.engine.triggers;

import io.upsell.engine.testing.EngineDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh engine per test with one consenting customer, c1, in UTC. */
abstract class TriggerTestBase {

  protected EngineDriver engine;

  @BeforeEach
  void start() {
    engine = new EngineDriver();
    engine.customer("c1");
  }

  @AfterEach
  void stop() {
    engine.close();
  }
}
