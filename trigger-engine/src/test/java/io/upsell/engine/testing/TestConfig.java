package io.upsell.engine.testing;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.upsell.engine.config.EngineConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
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
          .withSources(new PropertiesConfigSource(serviceProperties(), 100))
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

  /**
   * The engine's own application.properties, from where its classes are: on a class path holding several services
   * (the benchmarks'), a plain resource lookup finds whichever service's file comes first.
   */
  private static URL serviceProperties() throws IOException {
    URL classes = EngineConfig.class.getProtectionDomain().getCodeSource().getLocation();
    try (URLClassLoader engineOnly = new URLClassLoader(new URL[] {classes}, null)) {
      URL found = engineOnly.findResource("application.properties");
      if (found == null) {
        throw new IllegalStateException("no application.properties in " + classes);
      }
      return found;
    }
  }
}
