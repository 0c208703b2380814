package io.upsell.schemas.serde;

import io.upsell.schemas.topics.StateValues;
import io.upsell.schemas.topics.Topics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Every released version of each topic's value schema, committed under {@code src/main/resources/avro-history}
 * and listed oldest first in its {@code index.txt}. Readers resolve records written by any of them.
 */
public final class SchemaHistory {

  static final String ROOT = "avro-history/";
  static final String INDEX = ROOT + "index.txt";

  private final Map<String, List<Schema>> versions;

  private SchemaHistory(Map<String, List<Schema>> versions) {
    this.versions = versions;
  }

  /** The committed history, read from the class path. */
  public static SchemaHistory load() {
    Map<String, List<Schema>> versions = new LinkedHashMap<>();
    for (String path : indexLines()) {
      Schema schema = new Schema.Parser().parse(read(ROOT + path));
      versions.computeIfAbsent(schema.getFullName(), k -> new ArrayList<>()).add(schema);
    }
    return new SchemaHistory(versions);
  }

  /** Released versions of the record named {@code fullName}, oldest first; empty when never released. */
  public List<Schema> versionsOf(String fullName) {
    return versions.getOrDefault(fullName, List.of());
  }

  /** The schema the code compiled now uses for {@code type}. */
  public static Schema current(Class<? extends SpecificRecord> type) {
    return SpecificData.getForClass(type).getSchema(type);
  }

  /** Every value type whose versions are released: each topic's value, then each state store's own. */
  public static List<Class<? extends SpecificRecord>> releasedTypes() {
    List<Class<? extends SpecificRecord>> types = new ArrayList<>();
    Topics.ALL.forEach(topic -> types.add(topic.valueType()));
    types.addAll(StateValues.ALL);
    return types;
  }

  /** A store that resolves every released version and every current value schema by fingerprint. */
  public SchemaStore store() {
    SchemaStore.Cache cache = new SchemaStore.Cache();
    versions.values().forEach(list -> list.forEach(cache::addSchema));
    releasedTypes().forEach(type -> cache.addSchema(current(type)));
    return cache;
  }

  private static List<String> indexLines() {
    List<String> lines = new ArrayList<>();
    for (String line : read(INDEX).split("\n")) {
      String trimmed = line.strip();
      if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
        lines.add(trimmed);
      }
    }
    return lines;
  }

  private static String read(String resource) {
    try (InputStream in = SchemaHistory.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing schema history resource " + resource);
      }
      try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        return String.join("\n", reader.lines().toList());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
