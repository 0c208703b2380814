package io.upsell.schemas.serde;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/** The rule every schema change must keep: the new schema reads data written with every released version. */
final class BackwardCompatibility {

  private BackwardCompatibility() {}

  /** Why {@code current} cannot read data of each incompatible released version; empty when it can read all. */
  static List<String> problems(Schema current, List<Schema> released) {
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < released.size(); i++) {
      int version = i + 1;
      var result = SchemaCompatibility.checkReaderWriterCompatibility(current, released.get(i));
      if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
        result.getResult().getIncompatibilities().forEach(incompatibility -> problems.add(current.getFullName()
            + " cannot read version " + version + ": " + incompatibility.getType()
            + " at " + incompatibility.getLocation() + " (" + incompatibility.getMessage() + ")"));
      }
    }
    return problems;
  }
}
