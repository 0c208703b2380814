package io.upsell.engine.backtest;

import io.upsell.engine.config.EngineConfig;
import io.upsell.engine.config.OfferSetting;
import io.upsell.engine.rules.RulesBody;
import io.upsell.engine.rules.RulesCheck;
import io.upsell.engine.topology.Replay;
import io.upsell.platform.http.ApiException;
import io.upsell.platform.http.FieldError;
import io.upsell.platform.http.ShopAuth;
import io.upsell.platform.shops.Shop;
import io.upsell.schemas.upsell.ShopRules;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import io.upsell.platform.shops.ShopDirectory;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A shop replays its own history through the engine to see what would have fired, and what would have been refused;
 * only its own (403 for another shop's, 400 for a shop that does not exist).
 */
@Path("/v1/backtests")
@Produces(MediaType.APPLICATION_JSON)
public class BacktestResource {

  /** The longest range a backtest replays: its replay reads the range's records once, on one thread. */
  static final Period LONGEST = Period.ofYears(3);

  private final ShopAuth auth;
  private final ShopDirectory shops;
  private final Backtests backtests;
  private final EngineConfig defaults;
  private final BacktestSettings settings;

  public BacktestResource(ShopAuth auth, ShopDirectory shops, Backtests backtests, EngineConfig defaults,
      BacktestSettings settings) {
    this.auth = auth;
    this.shops = shops;
    this.backtests = backtests;
    this.defaults = defaults;
    this.settings = settings;
  }

  /**
   * A backtest request.
   *
   * @param from inclusive: a date (start of day in the shop's zone) or an ISO instant
   * @param to exclusive, same forms
   * @param rules rules to try instead of the shop's stored ones (optional)
   * @param assumeConsent count customers the history holds no profile for as consenting (optional, default false):
   *     for history imported without CRM profiles; a stated refusal and an unsubscribe still refuse
   * @param against rules to compare with (optional): the same records are replayed again under them, and the job
   *     carries both reports ({@code rules}, or the shop's stored rules when absent, against these)
   */
  public record BacktestRequest(String shopId, String from, String to, RulesBody rules, Boolean assumeConsent,
      RulesBody against) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Start a replay of the shop's history; poll the returned job for progress and report")
  public Response start(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, BacktestRequest request) {
    if (request == null) {
      throw ApiException.badRequest("body", "a JSON object with from and to is required");
    }
    if (request.shopId() != null && shops.find(request.shopId()).isEmpty()) {
      throw ApiException.badRequest("shopId", "no such shop '" + request.shopId() + "'");
    }
    Shop shop = auth.shop(authorization, request.shopId());
    Instant from = instant("from", request.from(), shop.timeZone());
    Instant to = instant("to", request.to(), shop.timeZone());
    if (!to.isAfter(from)) {
      throw ApiException.badRequest("to", "must be after from (" + request.from() + ")");
    }
    if (to.isAfter(from.atZone(shop.timeZone()).plus(LONGEST).toInstant())) {
      throw ApiException.badRequest("to", "a backtest covers at most " + LONGEST.getYears() + " years from "
          + request.from());
    }
    boolean assumeConsent = Boolean.TRUE.equals(request.assumeConsent());
    Replay tried = new Replay(request.rules() == null ? null : rules(shop, request.rules()), assumeConsent,
        to.toEpochMilli());
    Replay against = request.against() == null ? null
        : new Replay(rules(shop, request.against()), assumeConsent, to.toEpochMilli());
    // Asked once, before the replay, with the caller's own key (the engine keeps none): the job's JSON prices its
    // sends as the CLI prints them.
    MeasuredLift lift = MeasuredLift.ask(URI.create(settings.analyticsUrl()), shop.id(), shop.currency(),
        authorization, settings.liftTimeout());
    BacktestJob job = backtests.start(shop.id(), from, to, warmUpDays(request.rules()), shop.timeZone(), tried,
        against, lift);
    return Response.accepted(job.view()).location(URI.create("/v1/backtests/" + job.id())).build();
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "A backtest's progress, and its report once done")
  public BacktestJob.View get(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    Shop shop = auth.shop(authorization);
    return backtests.find(id).filter(job -> job.shopId().equals(shop.id())).map(BacktestJob::view)
        .orElseThrow(() -> new ApiException(404, "not found", List.of(new FieldError("id", "no such backtest")),
            Map.of()));
  }

  // The rules tried name the warm-up, else its declared default (the stored rules live in the engine's global table).
  private static int warmUpDays(RulesBody rules) {
    String days = rules == null || rules.settings() == null ? null
        : rules.settings().get(OfferSetting.BACKTEST_WARM_UP_DAYS.key());
    return Integer.parseInt((days == null ? OfferSetting.BACKTEST_WARM_UP_DAYS.defaultValue() : days).strip());
  }

  // Trial rules get the same checks as PUT /rules.
  private ShopRules rules(Shop shop, RulesBody body) {
    RulesCheck.check(defaults, body);
    return body.toRecord(shop.id(), Instant.now());
  }

  private static Instant instant(String field, String value, ZoneId zone) {
    if (value == null || value.isBlank()) {
      throw ApiException.badRequest(field, "is required: a date like 2010-12-01 or an ISO instant");
    }
    try {
      return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(zone).toInstant() : Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(field, "must be a date like 2010-12-01 or an ISO instant");
    }
  }
}
