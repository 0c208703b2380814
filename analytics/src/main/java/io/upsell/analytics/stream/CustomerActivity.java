package io.upsell.analytics.stream;

import io.upsell.analytics.kpi.Granularity;
import io.upsell.analytics.kpi.Measure;
import io.upsell.analytics.kpi.StoreKeys;
import io.upsell.schemas.crm.CustomerProfile;
import io.upsell.schemas.notify.Delivery;
import io.upsell.schemas.notify.Engagement;
import io.upsell.schemas.shop.CartEvent;
import io.upsell.schemas.shop.CartEventType;
import io.upsell.schemas.shop.OrderCancelled;
import io.upsell.schemas.shop.OrderEvent;
import io.upsell.schemas.shop.OrderPlaced;
import io.upsell.schemas.shop.OrderRefunded;
import io.upsell.schemas.shop.ProductViewed;
import io.upsell.schemas.shop.SessionStarted;
import io.upsell.schemas.shop.ViewEvent;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.upsell.SuppressedTrigger;
import io.upsell.schemas.upsell.UpsellTrigger;
import java.time.ZoneId;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

/**
 * Every customer-scoped event, in order per customer, updates that customer's history and adds its deltas to the
 * shop's aggregates of the customer's partition. A customer lives in one partition, so the partitions' partial
 * aggregates (distinct customers included) sum to the shop's figures without a repartition.
 */
final class CustomerActivity implements Processor<String, SpecificRecord, Void, Void> {

  private static final Logger LOG = Logger.getLogger(CustomerActivity.class);
  static final String SESSION = "SESSION";
  static final String CART = "CART";
  static final String CHECKOUT = "CHECKOUT";

  private final AnalyticsSettings settings;
  private final UpsellOutcomes outcomes;
  // Histories are decoded from the store on every event, not kept decoded between a customer's events: by the time a
  // customer comes back, their objects are scattered and cold in memory, and reading them cost more (profiled) than
  // decoding one contiguous byte array.
  private KeyValueStore<String, CustomerState> customers;
  private CountedOrders counted;
  private CounterStores counters;
  private long refused;
  private KeyValueStore<String, long[]> buckets;
  private boolean unmarked;

  CustomerActivity(AnalyticsSettings settings) {
    this.settings = settings;
    this.outcomes = new UpsellOutcomes(settings);
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.customers = context.getStateStore(StoreKeys.CUSTOMERS);
    this.buckets = context.getStateStore(StoreKeys.BUCKETS);
    this.counted = new CountedOrders(context.getStateStore(StoreKeys.COUNTED_ORDERS));
    this.unmarked = settings.layout().check(buckets, customers);
    this.counters = new CounterStores(context, AnalyticsTopology.COUNTER_STORES);
  }

  @Override
  public void process(Record<String, SpecificRecord> record) {
    if (unmarked) {
      StateLayout.mark(buckets);
      unmarked = false;
    }
    if (record.key() == null || record.value() == null) {
      return;
    }
    Object event = unwrap(record.value());
    String shop = Keys.shopOf(record.key());
    ZoneId zone = settings.zone(shop);
    String currency = settings.currency(shop);
    CustomerState state = customers.get(record.key());
    if (state == null) {
      state = new CustomerState();
    }
    if (counted.already(record.key(), event, state)) {
      return;
    }
    counted.forgotten(record.key(), state.prune(), record.timestamp());
    boolean shopping = event instanceof CartEvent || event instanceof SessionStarted || event instanceof ProductViewed;
    boolean upsell = !shopping && (state.hasUpsell()
        || event instanceof UpsellTrigger || event instanceof SuppressedTrigger
        || event instanceof Delivery || event instanceof Engagement);
    Contributions before = upsell ? outcomes.of(shop, zone, state) : null;
    Contributions out = new Contributions();
    try {
      handle(event, zone, currency, state, out);
      if (upsell) {
        out.addAll(outcomes.of(shop, zone, state), 1);
        out.addAll(before, -1);
      }
    } catch (StoreKeys.PeriodOutOfRange e) {
      // Nothing of the event is written (the history read above is a fresh copy): refused, not merged elsewhere.
      refused++;
      LOG.warnf("refused a %s event of shop %s dated outside the periods stored (%s); %d refused by this task",
          event.getClass().getSimpleName(), shop, e.getMessage(), refused);
      return;
    }
    out.writeTo(counters);
    customers.put(record.key(), state);
    counted.counted(record.key(), event, record.timestamp());
  }

  private void handle(Object event, ZoneId zone, String currency, CustomerState state, Contributions out) {
    if (event instanceof OrderPlaced placed) {
      OrderAccounting.placed(placed, zone, currency, state, out);
      long at = placed.getOccurredAt().toEpochMilli();
      for (String kind : List.of(SESSION, CART, CHECKOUT)) {
        Episodes episodes = state.episodes.get(kind);
        if (episodes != null) {
          episodeChanges(placed.getShopId(), kind, zone, episodes.ordered(at, state.orderTimes(), window(kind)), out);
        }
      }
    } else if (event instanceof OrderCancelled cancelled) {
      OrderAccounting.cancelled(cancelled, zone, currency, state, out);
    } else if (event instanceof OrderRefunded refunded) {
      OrderAccounting.refunded(refunded, zone, currency, state, out);
    } else if (event instanceof CartEvent cart) {
      long at = cart.getOccurredAt().toEpochMilli();
      seen(cart.getShopId(), CART, cart.getCartId(), at, zone, state, out);
      if (cart.getType() == CartEventType.CHECKOUT_STARTED) {
        seen(cart.getShopId(), CHECKOUT, cart.getCartId(), at, zone, state, out);
      }
    } else if (event instanceof SessionStarted session) {
      seen(session.getShopId(), SESSION, session.getSessionId(), session.getOccurredAt().toEpochMilli(), zone,
          state, out);
    } else if (event instanceof ProductViewed view && view.getSessionId() != null) {
      seen(view.getShopId(), SESSION, view.getSessionId(), view.getOccurredAt().toEpochMilli(), zone, state, out);
    } else if (event instanceof UpsellTrigger trigger) {
      outcomes.decided(trigger, zone, state, out);
    } else if (event instanceof SuppressedTrigger suppressed) {
      outcomes.suppressed(suppressed, zone, state, out);
    } else if (event instanceof Delivery delivery) {
      outcomes.delivered(delivery, state);
    } else if (event instanceof Engagement engagement) {
      outcomes.engaged(engagement, zone, state, out);
    } else if (event instanceof CustomerProfile profile) {
      state.timeZone = validZone(profile.getTimeZone());
    }
  }

  private void seen(String shop, String kind, String id, long at, ZoneId zone, CustomerState state,
      Contributions out) {
    episodeChanges(shop, kind, zone, state.episodes(kind).seen(id, at, state.orderTimes(), window(kind)), out);
  }

  private void episodeChanges(String shop, String kind, ZoneId zone, List<Episodes.Change> changes,
      Contributions out) {
    Measure count = kind.equals(SESSION) ? Measure.SESSIONS : kind.equals(CART) ? Measure.CARTS : Measure.CHECKOUTS;
    Measure converted = Measure.values()[count.ordinal() + 1];
    for (Episodes.Change change : changes) {
      for (String key : StoreKeys.buckets(shop, Granularity.periodsOf(change.start(), zone))) {
        OrderAccounting.add(out, key, count, change.countDelta());
        OrderAccounting.add(out, key, converted, change.convertedDelta());
      }
    }
  }

  private long window(String kind) {
    return (kind.equals(SESSION) ? settings.sessionWindow() : settings.cartWindow()).toMillis();
  }

  private static Object unwrap(SpecificRecord value) {
    if (value instanceof OrderEvent order) {
      return order.getEvent();
    }
    if (value instanceof ViewEvent view) {
      return view.getEvent();
    }
    return value;
  }

  private static String validZone(String zone) {
    try {
      return zone == null ? null : ZoneId.of(zone).getId();
    } catch (java.time.DateTimeException e) {
      return null;
    }
  }
}
