package io.upsell.platform.health.streams;

import io.upsell.platform.health.HealthSettings;
import io.upsell.platform.health.ServiceExit;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.jboss.logging.Logger;

/**
 * A stream thread that dies stops the service: an Error halts it at once; an exception shuts the client down (its
 * liveness turns DOWN with the reason) and the service exits after the grace period, to be restarted and resume
 * from its committed offsets and changelogs. Replacing the thread in place would hide a failure that repeats.
 */
@ApplicationScoped
public class StreamThreadFailure implements StreamsUncaughtExceptionHandler {

  private static final Logger LOG = Logger.getLogger(StreamThreadFailure.class);

  private final KafkaStreamsLiveness liveness;
  private final HealthSettings settings;

  public StreamThreadFailure(KafkaStreamsLiveness liveness, HealthSettings settings) {
    this.liveness = liveness;
    this.settings = settings;
  }

  @Override
  public StreamThreadExceptionResponse handle(Throwable exception) {
    Throwable cause = exception.getCause() instanceof Error error ? error : exception;
    ServiceExit.haltOnError("stream thread", cause);
    String reason = reason(exception);
    LOG.errorf(exception, "stream thread died: %s", reason);
    liveness.failed(reason);
    ServiceExit.exitAfter(settings.exitAfterFailure(), "stream thread died: " + reason);
    return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
  }

  /**
   * What went wrong, then where: Streams wraps a processor's exception in one that names only the task and offset,
   * so the root cause comes first and the wrapper's message after it.
   */
  static String reason(Throwable exception) {
    Throwable root = exception;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String what = root.getClass().getName() + ": " + root.getMessage();
    return root == exception ? what : what + " (" + exception.getMessage() + ")";
  }
}
