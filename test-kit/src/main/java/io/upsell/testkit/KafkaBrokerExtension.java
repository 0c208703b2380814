package io.upsell.testkit;

import io.upsell.schemas.serde.EventSerdes;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Skips tests that cannot have a broker, and resolves {@link TestBroker} and {@link TopicRecords} parameters. */
public final class KafkaBrokerExtension implements ExecutionCondition, ParameterResolver {

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    return TestKafka.unavailableReason()
        .map(ConditionEvaluationResult::disabled)
        .orElseGet(() -> ConditionEvaluationResult.enabled("a " + TestKafka.mode() + " broker can run"));
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == TestBroker.class || type == TopicRecords.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    TestBroker broker = TestKafka.broker();
    if (parameter.getParameter().getType() == TestBroker.class) {
      return broker;
    }
    return new TopicRecords(broker, EventSerdes.singleObject());
  }
}
