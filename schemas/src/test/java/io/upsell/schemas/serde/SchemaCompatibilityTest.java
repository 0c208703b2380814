package io.upsell.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsell.schemas.shop.CartEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class SchemaCompatibilityTest {

  private final SchemaHistory history = SchemaHistory.load();

  @Test
  void everyValueSchemaReadsEveryReleasedVersion() {
    List<String> problems = new ArrayList<>();
    for (Class<? extends SpecificRecord> type : SchemaHistory.releasedTypes()) {
      Schema current = SchemaHistory.current(type);
      problems.addAll(BackwardCompatibility.problems(current, history.versionsOf(current.getFullName())));
    }
    assertThat(problems).as("backward-incompatible schema changes").isEmpty();
  }

  @Test
  void everyValueSchemaIsReleased() {
    List<String> unreleased = new ArrayList<>();
    for (Class<? extends SpecificRecord> type : SchemaHistory.releasedTypes()) {
      Schema current = SchemaHistory.current(type);
      List<Schema> released = history.versionsOf(current.getFullName());
      if (released.isEmpty() || !released.get(released.size() - 1).equals(current)) {
        unreleased.add(current.getFullName());
      }
    }
    assertThat(unreleased)
        .as("schemas changed without a released version; run ReleaseSchemas (see its javadoc)")
        .isEmpty();
  }

  @Test
  void refusesAddingAFieldWithoutDefault() {
    Schema released = SchemaHistory.current(CartEvent.class);
    Schema changed = withExtraField(released, new Schema.Field("storeId", Schema.create(Schema.Type.STRING)));

    assertThat(BackwardCompatibility.problems(changed, List.of(released)))
        .singleElement().asString().contains("storeId");
  }

  @Test
  void acceptsAddingAnOptionalField() {
    Schema released = SchemaHistory.current(CartEvent.class);
    Schema optional = Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING));
    Schema changed = withExtraField(released, new Schema.Field("storeId", optional, null, JsonProperties.NULL_VALUE));

    assertThat(BackwardCompatibility.problems(changed, List.of(released))).isEmpty();
  }

  private static Schema withExtraField(Schema schema, Schema.Field extra) {
    List<Schema.Field> fields = new ArrayList<>();
    schema.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
    fields.add(extra);
    return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
  }
}
