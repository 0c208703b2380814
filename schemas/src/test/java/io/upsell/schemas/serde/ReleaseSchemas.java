package io.upsell.schemas.serde;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashSet;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * Records the current value schemas as new released versions in {@code src/main/resources/avro-history} where
 * they differ from the newest released one. Run after a (compatible) schema change:
 * {@code ./mvnw -q -pl schemas test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.upsell.schemas.serde.ReleaseSchemas -Dexec.args=schemas/src/main/resources/avro-history} from the root
 */
public final class ReleaseSchemas {

  private ReleaseSchemas() {}

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args.length > 0 ? args[0] : "src/main/resources/avro-history");
    SchemaHistory history = SchemaHistory.load();
    var types = new LinkedHashSet<Class<?>>();
    for (Class<? extends SpecificRecord> type : SchemaHistory.releasedTypes()) {
      if (!types.add(type)) {
        continue;
      }
      Schema current = SchemaHistory.current(type);
      List<Schema> released = history.versionsOf(current.getFullName());
      if (!released.isEmpty() && released.get(released.size() - 1).equals(current)) {
        continue;
      }
      String file = current.getFullName() + "/v" + (released.size() + 1) + ".avsc";
      Files.createDirectories(root.resolve(current.getFullName()));
      Files.writeString(root.resolve(file), current.toString(true) + "\n");
      Files.writeString(root.resolve("index.txt"), file + "\n", StandardOpenOption.APPEND, StandardOpenOption.CREATE);
      System.out.println("released " + file);
    }
  }
}
