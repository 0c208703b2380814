package io.upsell.deploy.launcher;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * The ports of the local stack. Each defaults to a fixed port and is overridden by an environment variable
 * ({@code UPSELL_KAFKA_PORT}, {@code UPSELL_INGEST_PORT}, ...); the ports a running stack uses are remembered in
 * {@code .upsell/run/ports.properties} so stop, status and mail find it.
 */
public record StackPorts(Map<String, Integer> byRole) {

  /** Role → default port. */
  static final Map<String, Integer> DEFAULTS = defaults();

  private static Map<String, Integer> defaults() {
    Map<String, Integer> ports = new LinkedHashMap<>();
    ports.put("kafka", 9092);
    ports.put("controller", 9093);
    ports.put("smtp", 2525);
    ports.put("mail-api", 8025);
    ports.put("order-ingest", 8081);
    ports.put("trigger-engine", 8082);
    ports.put("notifier", 8083);
    ports.put("analytics", 8084);
    ports.put("demo", 8080);
    return Map.copyOf(ports);
  }

  /** Defaults, overridden by {@code UPSELL_<ROLE>_PORT} variables from {@code env}. */
  public static StackPorts fromEnv(Function<String, String> env) {
    Map<String, Integer> ports = new LinkedHashMap<>();
    DEFAULTS.forEach((role, port) -> {
      String name = "UPSELL_" + role.toUpperCase().replace('-', '_') + "_PORT";
      String value = env.apply(name);
      ports.put(role, value == null || value.isBlank() ? port : parse(name, value));
    });
    return new StackPorts(ports);
  }

  public int of(String role) {
    Integer port = byRole.get(role);
    if (port == null) {
      throw new IllegalArgumentException("no port for " + role);
    }
    return port;
  }

  /** The first role whose port another process holds, as a message naming the variable to change. */
  public java.util.Optional<String> firstTaken() {
    for (var entry : byRole.entrySet()) {
      try (ServerSocket socket = new ServerSocket(entry.getValue(), 1, InetAddress.getLoopbackAddress())) {
        socket.setReuseAddress(true);
      } catch (IOException e) {
        String variable = "UPSELL_" + entry.getKey().toUpperCase().replace('-', '_') + "_PORT";
        return java.util.Optional.of("port " + entry.getValue() + " (" + entry.getKey() + ") is already in use; "
            + "free it or choose another with " + variable + "=<port>");
      }
    }
    return java.util.Optional.empty();
  }

  void save(Path file) {
    Properties properties = new Properties();
    byRole.forEach((role, port) -> properties.setProperty(role, Integer.toString(port)));
    try (Writer writer = Files.newBufferedWriter(file)) {
      properties.store(writer, "ports of the running local stack");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static StackPorts load(Path file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Integer> ports = new LinkedHashMap<>();
    DEFAULTS.forEach((role, port) -> ports.put(role,
        Integer.parseInt(properties.getProperty(role, Integer.toString(port)))));
    return new StackPorts(ports);
  }

  private static int parse(String name, String value) {
    try {
      int port = Integer.parseInt(value.strip());
      if (port < 1 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a port number 1-65535, was '" + value + "'");
    }
  }
}
