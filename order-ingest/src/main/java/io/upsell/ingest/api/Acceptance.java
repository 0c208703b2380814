package io.upsell.ingest.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The 202 answer: events now in Kafka, events skipped as already seen, and (Segment) calls we do not map. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "Sent only after Kafka acknowledged every accepted event.")
public record Acceptance(
    @Schema(description = "events published by this call", example = "2") int accepted,
    @Schema(description = "events whose eventId (or webhook id) was accepted before, not published again",
        example = "0") int duplicates,
    @Schema(description = "Segment calls with no mapping; counted, not errors", example = "1") Integer ignored,
    @Schema(description = "names of the ignored Segment events") List<String> ignoredEvents) {

  public static Acceptance of(int accepted, int duplicates) {
    return new Acceptance(accepted, duplicates, null, null);
  }
}
