package io.upsell.testkit;

/** A running Kafka broker that tests produce to and consume from. */
public interface TestBroker {

  /** {@code host:port} list for clients. */
  String bootstrapServers();
}
