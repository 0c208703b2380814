package io.upsell.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class StrictJsonTest {

  record TokenRequest(String customerId) {}

  private final ObjectMapper mapper = new ObjectMapper();

  {
    new StrictJson().customize(mapper);
  }

  @Test
  void refusesAFieldNamedTwiceAsMalformedJson() {
    assertThatThrownBy(() -> mapper.readValue("{\"customerId\":\"a\",\"customerId\":\"b\"}", TokenRequest.class))
        .isInstanceOf(JsonProcessingException.class).hasMessageContaining("Duplicate field 'customerId'");
  }

  @Test
  void readsEachFieldOnceAsBefore() throws Exception {
    assertThat(mapper.readValue("{\"customerId\":\"a\"}", TokenRequest.class).customerId()).isEqualTo("a");
  }
}
