package io.upsell.deploy.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A JVM the stack runs in the background: its output goes to a log file, its PID to a pid file. It carries
 * {@code -Dupsell.role=<role>} on its command line so a reused PID is never mistaken for it.
 */
public final class ChildProcess {

  private static final Path SETSID = Path.of("/usr/bin/setsid");

  private ChildProcess() {}

  /** Starts {@code java <jvmArgs> <main...>} for {@code role} in its own session, so it outlives the launcher. */
  public static ProcessHandle start(StackHome home, String role, List<String> jvmArgs, List<String> main,
      Map<String, String> env) {
    Process process = launch(home, role, jvmArgs, main, env);
    try {
      Files.writeString(home.pidFile(role), Long.toString(process.pid()));
    } catch (IOException e) {
      process.destroyForcibly();
      throw new UncheckedIOException("cannot write the pid file of " + role, e);
    }
    return process.toHandle();
  }

  /** Runs a JVM to completion (e.g. formatting Kafka's storage); its exit code, or -1 after {@code timeout}. */
  static int run(StackHome home, String role, List<String> jvmArgs, List<String> main, Duration timeout)
      throws InterruptedException {
    Process process = launch(home, role, jvmArgs, main, Map.of());
    if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      return -1;
    }
    return process.exitValue();
  }

  private static Process launch(StackHome home, String role, List<String> jvmArgs, List<String> main,
      Map<String, String> env) {
    List<String> command = new ArrayList<>();
    if (Files.isExecutable(SETSID)) {
      command.add(SETSID.toString());
    }
    command.add(javaBinary());
    command.add("-Dupsell.role=" + role);
    // Out of memory, a JVM exits (and is restarted) rather than limps on with threads that died of it.
    command.add("-XX:+ExitOnOutOfMemoryError");
    command.addAll(jvmArgs);
    command.addAll(main);
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(home.repo().toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(home.log(role).toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
    builder.environment().putAll(env);
    try {
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + role, e);
    }
  }

  /** The running process of {@code role}, if its pid file names a live process started for that role. */
  static Optional<ProcessHandle> running(StackHome home, String role) {
    Path pidFile = home.pidFile(role);
    if (!Files.exists(pidFile)) {
      return Optional.empty();
    }
    try {
      long pid = Long.parseLong(Files.readString(pidFile).strip());
      return ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .filter(h -> h.info().commandLine().map(c -> c.contains("-Dupsell.role=" + role)).orElse(true));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Stops {@code role}: SIGTERM, then SIGKILL after {@code grace}. Returns whether anything was running. */
  static boolean stop(StackHome home, String role, Duration grace) {
    Optional<ProcessHandle> handle = running(home, role);
    handle.ifPresent(h -> {
      h.destroy();
      try {
        h.onExit().get(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        h.descendants().forEach(ProcessHandle::destroyForcibly);
        h.destroyForcibly();
      }
    });
    deletePidFile(home, role);
    return handle.isPresent();
  }

  static String javaBinary() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  /** The launcher's own class path: the broker and the CLI tools run from the same jars. */
  public static String classPath() {
    return System.getProperty("java.class.path");
  }

  private static void deletePidFile(StackHome home, String role) {
    try {
      Files.deleteIfExists(home.pidFile(role));
    } catch (IOException e) {
      // A stale pid file is harmless: running() checks the process behind it.
    }
  }

  private static java.io.File nullDevice() {
    return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }
}
