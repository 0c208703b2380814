package io.upsell.analytics.system;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

/** Where the dashboard's system panel finds each service; the launcher passes the ports it really uses. */
@ConfigMapping(prefix = "analytics.system")
public interface SystemSettings {

  /** Each service as {@code name=base URL}; default and meaning in application.properties. */
  List<String> services();

  /** How long the panel waits for one service's answer; default and meaning in application.properties. */
  @DurationMin(millis = 100)
  @DurationMax(seconds = 30)
  Duration timeout();
}
