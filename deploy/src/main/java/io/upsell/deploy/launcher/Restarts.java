package io.upsell.deploy.launcher;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/** How often the supervisor restarted each service since the stack started: written by it, shown by status. */
final class Restarts {

  private final Path file;

  Restarts(StackHome home) {
    this.file = home.run().resolve("restarts.properties");
  }

  int of(String service) {
    return Integer.parseInt(read().getProperty(service, "0"));
  }

  void increment(String service) {
    Properties counts = read();
    counts.setProperty(service, Integer.toString(of(service) + 1));
    Path next = file.resolveSibling(file.getFileName() + ".next");
    try (Writer out = Files.newBufferedWriter(next)) {
      counts.store(out, "restarts per service since ./upsell start");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      // Renamed into place: a status reading meanwhile sees the old counts or the new, never half a file.
      Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void reset() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Properties read() {
    Properties counts = new Properties();
    if (Files.exists(file)) {
      try (Reader in = Files.newBufferedReader(file)) {
        counts.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return counts;
  }
}
