package io.upsell.engine.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.upsell.engine.learned.TopCompanions;
import io.upsell.engine.policy.CustomerFacts;
import io.upsell.engine.triggers.Watch;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every public field of every binary state class survives the layout with a value that is not its default: a field
 * added to a class but not to its codec fails here, without anyone remembering to extend a hand-written test.
 */
class StateFieldsTest {

  static Stream<Arguments> stateClasses() {
    return Stream.of(
        Arguments.of(CustomerFacts.class, StateSerde.of(CustomerFacts.class, CustomerFacts.CODEC)),
        Arguments.of(Watch.class, StateSerde.of(Watch.class, Watch.CODEC)),
        Arguments.of(TopCompanions.class, StateSerde.of(TopCompanions.class, TopCompanions.CODEC)));
  }

  @ParameterizedTest
  @MethodSource("stateClasses")
  <T> void everyPublicFieldSurvivesWithANonDefaultValue(Class<T> type, Serde<T> serde) throws Exception {
    T defaults = type.getDeclaredConstructor().newInstance();
    T value = type.getDeclaredConstructor().newInstance();
    List<Field> fields = stateFields(type);
    assertThat(fields).as("public fields of %s", type.getSimpleName()).isNotEmpty();
    for (Field field : fields) {
      Object sample = sample(field.getGenericType(), field.getName());
      assertThat(sample).as("sample of %s differs from its default", field.getName()).isNotEqualTo(field.get(defaults));
      field.set(value, sample);
    }

    T back = serde.deserializer().deserialize("t", serde.serializer().serialize("t", value));

    for (Field field : fields) {
      assertThat(field.get(back)).as("%s.%s", type.getSimpleName(), field.getName()).isEqualTo(field.get(value));
    }
  }

  private static List<Field> stateFields(Class<?> type) {
    return Arrays.stream(type.getDeclaredFields())
        .filter(f -> Modifier.isPublic(f.getModifiers()) && !Modifier.isStatic(f.getModifiers())).toList();
  }

  // A value of the field's type that no constructor gives: two elements per collection, distinct per field name.
  private static Object sample(Type type, String seed) throws Exception {
    if (type instanceof ParameterizedType generic) {
      Type[] args = generic.getActualTypeArguments();
      Class<?> raw = (Class<?>) generic.getRawType();
      if (raw == Set.class) {
        return new LinkedHashSet<>(List.of(sample(args[0], seed + "-2"), sample(args[0], seed + "-1")));
      }
      if (raw == List.class) {
        return new ArrayList<>(List.of(sample(args[0], seed + "-2"), sample(args[0], seed + "-1")));
      }
      if (raw == Map.class) {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put(sample(args[0], seed + "-k2"), sample(args[1], seed + "-v2"));
        map.put(sample(args[0], seed + "-k1"), sample(args[1], seed + "-v1"));
        return map;
      }
    } else if (type instanceof Class<?> c) {
      if (c == String.class) {
        return seed + "-ü";
      }
      if (c == long.class || c == Long.class) {
        return 1_700_000_000_000L + seed.hashCode();
      }
      if (c == int.class || c == Integer.class) {
        return 7 + seed.length();
      }
      if (c == boolean.class || c == Boolean.class) {
        return true;
      }
      if (c.isRecord()) {
        RecordComponent[] parts = c.getRecordComponents();
        Object[] values = new Object[parts.length];
        for (int i = 0; i < parts.length; i++) {
          values[i] = sample(parts[i].getGenericType(), seed + "." + parts[i].getName());
        }
        var constructor = c.getDeclaredConstructor(Arrays.stream(parts).map(RecordComponent::getType).toArray(Class[]::new));
        constructor.setAccessible(true);
        return constructor.newInstance(values);
      }
    }
    return fail("no sample for a field of type " + type + ": teach StateFieldsTest the type");
  }
}
