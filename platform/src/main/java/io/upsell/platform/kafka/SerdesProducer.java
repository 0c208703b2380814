package io.upsell.platform.kafka;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.upsell.schemas.serde.EventSerdes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The one {@link EventSerdes} of a service, chosen by config. */
public class SerdesProducer {

  /** Wire format of event values. */
  @ConfigMapping(prefix = "upsell.serde")
  public interface SerdeConfig {

    /** {@code single-object} (no registry; default) or {@code registry}. */
    @WithDefault("single-object")
    String format();

    /** Schema registry URL, required with format=registry. */
    Optional<String> registryUrl();
  }

  @Produces
  @Singleton
  EventSerdes eventSerdes(SerdeConfig config) {
    Map<String, Object> settings = new HashMap<>();
    settings.put(EventSerdes.FORMAT, config.format());
    config.registryUrl().ifPresent(url -> settings.put(EventSerdes.REGISTRY_URL, url));
    return EventSerdes.fromConfig(settings);
  }
}
