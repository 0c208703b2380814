package io.upsell.engine.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.upsell.engine.learned.BoughtTogether;
import io.upsell.engine.learned.TopCompanions;
import io.upsell.engine.policy.CustomerFacts;
import io.upsell.engine.triggers.Watch;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/** State values survive the binary layout field for field, and values an earlier release wrote as JSON still read. */
class StateSerdeTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void customerFactsRoundTripEveryFieldAndReadTheirOldJson() throws Exception {
    CustomerFacts facts = new CustomerFacts();
    facts.consent = false;
    facts.timeZone = "Europe/Berlin";
    facts.unsubscribed = true;
    facts.openTickets.add("t-1");
    facts.negativeAt = 1_700_000_000_000L;
    facts.bought.addAll(List.of("p-2", "p-1", "p-ü"));
    facts.downvoted.add("p-9");
    facts.sent("EMAIL", "WIN_BACK", 1_700_000_100_000L);
    facts.decided("trigger-1");
    assertSameFieldsBothWays(facts, StateSerde.of(CustomerFacts.class, CustomerFacts.CODEC), CustomerFacts.class);

    CustomerFacts fresh = new CustomerFacts();
    assertThat(fresh.consent).isNull();
    assertSameFieldsBothWays(fresh, StateSerde.of(CustomerFacts.class, CustomerFacts.CODEC), CustomerFacts.class);
  }

  @Test
  void setsFromOldJsonKeepTheirOrder() {
    // 20 ids in an order no hash set keeps: the first of a remembered set is the oldest, evicted first.
    List<String> ids = IntStream.range(0, 20).mapToObj(i -> "p-" + ((i * 7) % 20)).toList();
    String json = "{\"bought\":" + ids.stream().map(id -> '"' + id + '"').collect(Collectors.joining(",", "[", "]"))
        + ",\"openTickets\":[\"t-9\",\"t-1\",\"t-5\"],\"downvoted\":[\"z\",\"a\"]}";

    CustomerFacts facts = StateSerde.of(CustomerFacts.class, CustomerFacts.CODEC).deserializer()
        .deserialize("t", json.getBytes(StandardCharsets.UTF_8));

    assertThat(facts.bought).isInstanceOf(LinkedHashSet.class).containsExactlyElementsOf(ids);
    assertThat(facts.openTickets).containsExactly("t-9", "t-1", "t-5");
    assertThat(facts.downvoted).containsExactly("z", "a");
  }

  @Test
  void watchRoundTripsWithAndWithoutOptionalFields() throws Exception {
    Watch watch = new Watch().seen("e-1", 42L);
    watch.exitAt = 7L;
    watch.items = List.of("a", "b");
    watch.level = 2;
    watch.plan = "pro";
    watch.armedUntil = 99L;
    watch.valueMinor = 1250L;
    watch.currency = "GBP";
    assertSameFieldsBothWays(watch, StateSerde.of(Watch.class, Watch.CODEC), Watch.class);
    assertSameFieldsBothWays(new Watch(), StateSerde.of(Watch.class, Watch.CODEC), Watch.class);
  }

  @Test
  void watchWrittenBeforeTheAppendedFieldsReadsWithTheirDefaults() {
    StateWriter before = new StateWriter(); // the layout up to plan, as stored by earlier releases
    before.writeByte(StateSerde.V1);
    before.writeNullableString("e-1");
    before.writeLong(42L);
    before.writeLong(7L);
    before.writeStrings(List.of("a"));
    before.writeInt(2);
    before.writeNullableString("pro");

    Watch read = StateSerde.of(Watch.class, Watch.CODEC).deserializer().deserialize("t", before.toByteArray());

    assertThat(read.eventId).isEqualTo("e-1");
    assertThat(read.plan).isEqualTo("pro");
    assertThat(read.armedUntil).isEqualTo(Long.MIN_VALUE);
    assertThat(read.currency).isNull();
  }

  @Test
  void topCompanionsRoundTrip() throws Exception {
    TopCompanions top = new TopCompanions();
    top.best.add(new BoughtTogether.Companion("p-1", 9));
    top.best.add(new BoughtTogether.Companion("p-2", 3));
    assertSameFieldsBothWays(top, StateSerde.of(TopCompanions.class, TopCompanions.CODEC), TopCompanions.class);
  }

  @Test
  void binaryIsSmallerThanTheJsonItReplaces() {
    CustomerFacts facts = new CustomerFacts();
    facts.bought.addAll(List.of("85123A", "71053", "84406B", "84029G"));
    byte[] binary = StateSerde.of(CustomerFacts.class, CustomerFacts.CODEC).serializer().serialize("t", facts);
    byte[] json = JsonSerde.of(CustomerFacts.class).serializer().serialize("t", facts);
    assertThat(binary[0]).isEqualTo(StateSerde.V1);
    assertThat(binary.length).isLessThan(json.length / 2);
  }

  @Test
  void unknownLayoutIsRefusedNamingTheTopic() {
    Serde<Watch> serde = StateSerde.of(Watch.class, Watch.CODEC);
    assertThatThrownBy(() -> serde.deserializer().deserialize("some-changelog", new byte[] {9, 0}))
        .isInstanceOf(SerializationException.class).hasMessageContaining("some-changelog").hasMessageContaining("Watch");
    byte[] whole = serde.serializer().serialize("t", new Watch().seen("e-1", 1L));
    byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 3);
    assertThatThrownBy(() -> serde.deserializer().deserialize("some-changelog", cut))
        .isInstanceOf(SerializationException.class).hasMessageContaining("corrupt Watch");
  }

  @Test
  void bytesLeftAfterTheValueAreRefused() {
    Serde<Watch> serde = StateSerde.of(Watch.class, Watch.CODEC);
    byte[] whole = serde.serializer().serialize("t", new Watch().seen("e-1", 1L));
    byte[] longer = java.util.Arrays.copyOf(whole, whole.length + 2);

    assertThatThrownBy(() -> serde.deserializer().deserialize("some-changelog", longer))
        .isInstanceOf(SerializationException.class).hasMessageContaining("corrupt Watch")
        .hasRootCauseMessage("2 bytes left after the value");
  }

  // Compared as JSON trees: the value classes have no equals, and JSON shows every public field.
  private static <T> void assertSameFieldsBothWays(T value, Serde<T> serde, Class<T> type) throws Exception {
    String expected = JSON.writeValueAsString(value);
    T fromBinary = serde.deserializer().deserialize("t", serde.serializer().serialize("t", value));
    assertThat(JSON.readTree(JSON.writeValueAsString(fromBinary))).isEqualTo(JSON.readTree(expected));
    byte[] oldJson = JsonSerde.of(type).serializer().serialize("t", value);
    T fromJson = serde.deserializer().deserialize("t", oldJson);
    assertThat(JSON.readTree(JSON.writeValueAsString(fromJson))).isEqualTo(JSON.readTree(expected));
  }
}
