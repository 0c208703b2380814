package io.upsell.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class KeysTest {

  @Test
  void anOrdinaryIdHasNoProblem() {
    assertThat(Keys.idProblem("c-42:eu/7 émile")).isEmpty();
    assertThat(Keys.idProblem("x".repeat(Keys.MAX_ID_LENGTH))).isEmpty();
  }

  @Test
  void refusesBlankTooLongAndControlCharacterIdsWithTheReason() {
    assertThat(Keys.idProblem(" ")).contains("must not be blank");
    assertThat(Keys.idProblem(null)).contains("must not be blank");
    assertThat(Keys.idProblem("x".repeat(Keys.MAX_ID_LENGTH + 1))).contains("must be at most 200 characters");
    assertThat(Keys.idProblem("c\r\nBcc: x")).contains("must not contain control characters");
    assertThat(Keys.idProblem("c\u0000")).contains("must not contain control characters");
  }

  @Test
  void partitionOfIsWhereKafkasProducerPutsTheKey() {
    for (String key : new String[] {"shop-a:c1", "shop-b:ñandú", "shop-a", "s:" + "x".repeat(200)}) {
      int kafkas = BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8),
          Topics.UPSELL_TRIGGERS.partitions());
      assertThat(Topics.UPSELL_TRIGGERS.partitionOf(key)).as(key).isEqualTo(kafkas);
    }
  }
}
