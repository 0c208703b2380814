package io.upsell.notifier.state;

import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/** Streams properties for a TopologyTestDriver (no broker is contacted). */
final class DriverProps {

  private DriverProps() {}

  static Properties of(String applicationId) {
    var props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    return props;
  }
}
