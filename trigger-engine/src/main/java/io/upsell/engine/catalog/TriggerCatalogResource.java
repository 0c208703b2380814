package io.upsell.engine.catalog;

import io.upsell.schemas.upsell.TriggerType;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The trigger types this engine knows, for shops configuring their rules. */
@Path("/v1/triggers/catalog")
@Produces(MediaType.APPLICATION_JSON)
public class TriggerCatalogResource {

  /** One entry of the catalog. */
  public record TriggerEntry(TriggerType type) {}

  @GET
  @Operation(summary = "Every trigger type the engine can fire")
  public List<TriggerEntry> catalog() {
    return Arrays.stream(TriggerType.values()).map(TriggerEntry::new).toList();
  }
}
