package io.upsell.platform.http;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * A JSON object that names a field twice is refused (400, "Duplicate field"), never read. Two readers may keep
 * different copies of a repeated field, so accepting it invites a request that means one thing to a check and
 * another to its use; and Jackson cannot bind a repeated record field at all (it raised a definition error that
 * Quarkus answered with 500 — found by the hostile-input suite).
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

  @Override
  public void customize(ObjectMapper mapper) {
    strict(mapper);
  }

  /** The same rule for a mapper a service builds itself (ingest parses raw bodies into trees). */
  public static ObjectMapper strict(ObjectMapper mapper) {
    return mapper.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
  }
}
