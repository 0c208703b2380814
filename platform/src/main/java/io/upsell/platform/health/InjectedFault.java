package io.upsell.platform.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test-only: lets a fault test make one named worker fail as a real fault would. Armed only by the JVM system
 * property {@code upsell.test.fault-file} (deliberately not a config property: no environment variable or
 * properties file of a deployment can set it), naming a file the test writes {@code "<worker> oom"} or
 * {@code "<worker> exception"} into. The file is deleted when the fault fires, so the restarted service runs clean.
 */
public final class InjectedFault {

  private static final String FILE = System.getProperty("upsell.test.fault-file");

  private InjectedFault() {}

  /** Throws the requested fault if one is armed for {@code worker}; free when not armed. */
  public static void check(String worker) {
    if (FILE == null) {
      return;
    }
    Path file = Path.of(FILE);
    String request;
    try {
      request = Files.exists(file) ? Files.readString(file).strip() : "";
      if (!request.startsWith(worker + " ")) {
        return;
      }
      Files.deleteIfExists(file);
    } catch (IOException e) {
      return;
    }
    if (request.endsWith(" oom")) {
      throw new OutOfMemoryError("injected by a fault test into " + worker);
    }
    throw new IllegalStateException("injected by a fault test into " + worker);
  }
}
