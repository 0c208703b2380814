package io.upsell.ingest.api;

import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/** Adds the refusals every ingest operation shares to each /v1 operation of the OpenAPI document, with examples. */
public class CommonResponses implements OASFilter {

  private static final Map<String, String> REFUSALS = Map.of(
      "400", "invalid input; fields lists every problem, e.g. "
          + "{\"status\":400,\"error\":\"invalid batch: nothing was published\",\"fields\":[{\"field\":"
          + "\"[3].lines[0].quantity\",\"reason\":\"must not be negative\"}]}",
      "401", "missing or unknown API key / bad webhook signature",
      "403", "the body names another shop than the API key's",
      "413", "body over 5 MB (or one event over 900 KB)",
      "415", "wrong Content-Type",
      "429", "the shop's rate limit is exceeded; see Retry-After",
      "503", "not accepted now: Kafka unavailable, not ready, or it did not confirm in time (then the events may or "
          + "may not be in Kafka; the reason says which); retry after Retry-After seconds with the same eventIds, "
          + "repeats are de-duplicated");

  @Override
  public Operation filterOperation(Operation operation) {
    if (operation.getResponses() == null) {
      return operation;
    }
    REFUSALS.forEach((code, description) -> {
      if (operation.getResponses().getAPIResponse(code) == null) {
        APIResponse response = OASFactory.createAPIResponse().description(description);
        operation.getResponses().addAPIResponse(code, response);
      }
    });
    return operation;
  }
}
