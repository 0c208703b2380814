package io.upsell.engine.topology;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/** Drops records outside the scope, reading the record time the DSL filter cannot see. */
final class ScopeFilter<V> implements FixedKeyProcessor<String, V, V> {

  private final Scope scope;
  private FixedKeyProcessorContext<String, V> context;

  private ScopeFilter(Scope scope) {
    this.scope = scope;
  }

  static <V> FixedKeyProcessorSupplier<String, V, V> supplier(Scope scope) {
    return () -> new ScopeFilter<>(scope);
  }

  @Override
  public void init(FixedKeyProcessorContext<String, V> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, V> record) {
    if (scope.admits(record.key(), record.timestamp())) {
      context.forward(record);
    }
  }
}
