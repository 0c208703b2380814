package io.upsell.engine.catalog;

import io.upsell.engine.config.EngineConfig;
import io.upsell.engine.topology.EngineTopology;
import io.upsell.engine.triggers.Trigger;
import io.upsell.schemas.upsell.TriggerType;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The trigger types this engine knows, each with its default timing and settings, for shops configuring rules. */
@Path("/v1/triggers/catalog")
@Produces(MediaType.APPLICATION_JSON)
public class TriggerCatalogResource {

  private final EngineConfig config;

  public TriggerCatalogResource(EngineConfig config) {
    this.config = config;
  }

  /**
   * One entry of the catalog.
   *
   * @param settings default per-trigger settings; a shop overrides one with {@code settings["TYPE.key"]}
   */
  public record TriggerEntry(TriggerType type, boolean servicePrompt, boolean checksRelevance,
      Map<String, String> settings) {}

  @GET
  @Operation(summary = "Every trigger type the engine can fire, with its default settings")
  public List<TriggerEntry> catalog() {
    return EngineTopology.catalog().stream().map(this::entry).toList();
  }

  private TriggerEntry entry(Trigger trigger) {
    Map<String, String> settings = new TreeMap<>(config.trigger().getOrDefault(trigger.type().name(), Map.of()));
    return new TriggerEntry(trigger.type(), trigger.servicePrompt(), trigger.offersProducts(), settings);
  }
}
