package io.upsell.engine.testing;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.upsell.engine.config.EngineConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;

/** The engine's config as the service reads it (application.properties), with a test's overrides on top. */
public final class TestConfig {

  /** The coupon key of engines under test (the service's %test profile has its own). */
  public static final String TEST_COUPON_SECRET = "engine-test-coupon-secret-0123456789";

  private TestConfig() {}

  public static EngineConfig engine(Map<String, String> overrides) {
    try {
      SmallRyeConfig config = new SmallRyeConfigBuilder()
          .withSources(new PropertiesConfigSource(
              TestConfig.class.getClassLoader().getResource("application.properties"), 100))
          .withSources(new PropertiesConfigSource(Map.of("upsell.engine.coupon-secret", TEST_COUPON_SECRET),
              "test-secrets", 150))
          .withSources(new PropertiesConfigSource(Map.copyOf(overrides), "test-overrides", 200))
          .withConverter(Duration.class, 100, new DurationConverter())
          .withMapping(EngineConfig.class)
          .build();
      return config.getConfigMapping(EngineConfig.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
