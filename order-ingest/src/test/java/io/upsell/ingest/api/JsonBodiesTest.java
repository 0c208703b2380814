package io.upsell.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.upsell.platform.http.ApiException;
import io.upsell.platform.http.FieldError;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** NDJSON bodies: one value per line with LF or CRLF, blank lines skipped, each malformed line named by index. */
class JsonBodiesTest {

  @Test
  void valuesAreReadFromLfAndCrlfLinesSkippingBlankOnes() {
    String body = "{\"n\":1}\r\n\r\n  \t\n{\"n\":2,\"title\":\"Crème brûlée ☕\"}\n{\"n\":3}";

    List<JsonNode> items = JsonBodies.ndjson(body.getBytes(StandardCharsets.UTF_8));

    assertThat(items).extracting(n -> n.get("n").asInt()).containsExactly(1, 2, 3);
    assertThat(items.get(1).get("title").asText()).isEqualTo("Crème brûlée ☕");
  }

  @Test
  void everyMalformedLineIsNamedByItsIndexAmongTheValues() {
    String body = "{\"n\":1}\n{\"n\":\n\n{\"n\":3}\n[1,2] 3\n";

    assertThatThrownBy(() -> JsonBodies.ndjson(body.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.body().fields()).extracting(FieldError::field)
            .containsExactly("[1]", "[3]"));
  }

  @Test
  void aFieldNamedTwiceIsRefusedWithItsReason() {
    byte[] body = "{\"eventId\":\"e-1\",\"eventId\":\"e-2\"}".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> JsonBodies.one(body)).isInstanceOfSatisfying(ApiException.class, e -> assertThat(
        e.body().fields()).extracting(FieldError::reason).anySatisfy(r -> assertThat(r).contains("Duplicate field")));
  }

  @Test
  void anEmptyBodyHasNoValues() {
    assertThat(JsonBodies.ndjson(new byte[0])).isEmpty();
    assertThat(JsonBodies.ndjson(null)).isEmpty();
  }
}
