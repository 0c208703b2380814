package io.upsell.deploy.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the local stack keeps its state: {@code .upsell/} under the repository root (kept across stop/start). */
public record StackHome(Path repo, Path dir) {

  /** The stack of the repository at {@code repo}, kept in {@code repo/.upsell}. */
  public static StackHome of(Path repo) {
    return new StackHome(repo.toAbsolutePath().normalize(), repo.toAbsolutePath().normalize().resolve(".upsell"));
  }

  public Path kafkaDir() {
    return ensure(dir.resolve("kafka"));
  }

  public Path logs() {
    return ensure(dir.resolve("logs"));
  }

  public Path run() {
    return ensure(dir.resolve("run"));
  }

  public Path state(String service) {
    return ensure(dir.resolve("state").resolve(service));
  }

  public Path shopsFile() {
    return dir.resolve("shops.properties");
  }

  public Path demoShopEnv() {
    return dir.resolve("demo-shop.env");
  }

  public Path log(String role) {
    return logs().resolve(role + ".log");
  }

  public Path pidFile(String role) {
    return run().resolve(role + ".pid");
  }

  /**
   * A secret of this stack (e.g. the notifier's token key), made once from a secure random source and kept in
   * {@code .upsell/secrets/}, so links in mail already sent stay valid across restarts.
   */
  public String secret(String name) {
    Path file = ensure(dir.resolve("secrets")).resolve(name);
    try {
      if (!Files.exists(file)) {
        byte[] random = new byte[32];
        new java.security.SecureRandom().nextBytes(random);
        Files.writeString(file, java.util.HexFormat.of().formatHex(random));
        try {
          Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
          // Not a POSIX file system: the file keeps the default permissions.
        }
      }
      return Files.readString(file).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A built artifact of the repository, e.g. {@code notifier/target/quarkus-app/quarkus-run.jar}. */
  public Path artifact(String relative) {
    return repo.resolve(relative);
  }

  private static Path ensure(Path path) {
    try {
      return Files.createDirectories(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
