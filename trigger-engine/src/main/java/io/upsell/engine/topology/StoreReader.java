package io.upsell.engine.topology;

import org.apache.kafka.streams.processor.StateStore;

/** Looks up a connected state store by name, so a trigger's re-check reads its own state from the decider. */
@FunctionalInterface
public interface StoreReader {

  <S extends StateStore> S store(String name);
}
