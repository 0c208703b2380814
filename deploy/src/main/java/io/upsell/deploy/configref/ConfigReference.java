package io.upsell.deploy.configref;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@code docs/config.md}: every setting of every service, its default and its meaning, read from the
 * properties files the services themselves load (the comment above a key is its meaning). {@code
 * ConfigReferenceTest} fails when the committed page differs, so it cannot drift. Regenerate:
 * {@code java -cp "deploy/target/deploy.jar:$(cat deploy/target/classpath.txt)" io.upsell.deploy.configref.ConfigReference .}
 */
public final class ConfigReference {

  static final Path PAGE = Path.of("docs", "config.md");
  static final List<String> SOURCES = List.of(
      "platform/src/main/resources/META-INF/microprofile-config.properties",
      "order-ingest/src/main/resources/application.properties",
      "trigger-engine/src/main/resources/application.properties",
      "notifier/src/main/resources/application.properties",
      "analytics/src/main/resources/application.properties");

  /** One documented setting. */
  record Setting(String key, String value, String meaning) {}

  private ConfigReference() {}

  public static void main(String[] args) throws IOException {
    Path repo = Path.of(args.length > 0 ? args[0] : ".");
    Files.createDirectories(repo.resolve(PAGE).getParent());
    Files.writeString(repo.resolve(PAGE), page(repo));
  }

  static String page(Path repo) throws IOException {
    StringBuilder page = new StringBuilder("""
        # Configuration reference

        Generated from the properties files the services load (`io.upsell.deploy.configref.ConfigReference`); do not edit.
        Every key can be overridden by its environment variable: upper case, `.` and `-` as `_`
        (`kafka.bootstrap.servers` → `KAFKA_BOOTSTRAP_SERVERS`). Profile-specific keys (`%test.`, `%dev.`) apply
        only in that profile.
        """);
    for (String source : SOURCES) {
      Path file = repo.resolve(source);
      if (!Files.exists(file)) {
        continue;
      }
      String title = source.startsWith("platform") ? "Shared by all services" : source.substring(0, source.indexOf('/'));
      page.append("\n## ").append(title).append("\n\n`").append(source).append("`\n\n")
          .append("| key | default | meaning |\n| --- | --- | --- |\n");
      for (Setting setting : settings(Files.readAllLines(file))) {
        page.append("| `").append(setting.key()).append("` | `").append(cell(setting.value())).append("` | ")
            .append(cell(setting.meaning())).append(" |\n");
      }
    }
    return page.toString();
  }

  /** Each key of a properties file with the comment lines above it (a comment covers the keys right below it). */
  static List<Setting> settings(List<String> lines) {
    List<Setting> settings = new ArrayList<>();
    List<String> comment = new ArrayList<>();
    boolean afterKey = false;
    for (String raw : lines) {
      String line = raw.strip();
      if (line.isEmpty()) {
        comment.clear();
      } else if (line.startsWith("#")) {
        if (afterKey) {
          comment.clear();
        }
        comment.add(line.replaceFirst("^#+\\s?", ""));
      } else if (line.contains("=")) {
        int at = line.indexOf('=');
        settings.add(new Setting(line.substring(0, at).strip(), line.substring(at + 1).strip(), String.join(" ", comment)));
      }
      afterKey = !line.isEmpty() && !line.startsWith("#");
    }
    return settings;
  }

  private static String cell(String text) {
    return text.replace("|", "\\|");
  }
}
