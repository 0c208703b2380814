package io.upsell.engine.policy;

import io.upsell.engine.topology.EngineContext;
import io.upsell.engine.topology.StateSerde;
import io.upsell.engine.topology.StateStores;
import io.upsell.schemas.common.LineItem;
import io.upsell.schemas.crm.CustomerProfile;
import io.upsell.schemas.crm.Sentiment;
import io.upsell.schemas.crm.SupportTicket;
import io.upsell.schemas.crm.TicketStatus;
import io.upsell.schemas.notify.Engagement;
import io.upsell.schemas.notify.EngagementType;
import io.upsell.schemas.shop.OrderEvent;
import io.upsell.schemas.shop.OrderPlaced;
import io.upsell.schemas.topics.Topics;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Keeps each customer's facts current from profiles, support tickets, engagement and orders. */
public final class FactsKeeper implements Processor<String, SpecificRecord, Void, Void> {

  /** Store of {@link CustomerFacts}, key shopId:customerId. */
  public static final String STORE = "customer-facts";

  private KeyValueStore<String, CustomerFacts> facts;

  /** Adds the store and wires the keeper onto its four sources. */
  public static void addTo(EngineContext engine) {
    StateStores.add(engine.sources(), STORE, StateSerde.of(CustomerFacts.class, CustomerFacts.CODEC));
    engine.sources().merged(Topics.CRM_CUSTOMERS, Topics.CRM_SUPPORT, Topics.ENGAGEMENT_EVENTS, Topics.SHOP_ORDERS)
        .process(FactsKeeper::new, STORE);
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    facts = context.getStateStore(STORE);
  }

  @Override
  public void process(Record<String, SpecificRecord> record) {
    CustomerFacts known = Optional.ofNullable(facts.get(record.key())).orElseGet(CustomerFacts::new);
    SpecificRecord value = record.value();
    if (value instanceof CustomerProfile profile) {
      known.consent = profile.getMarketingConsent();
      known.timeZone = profile.getTimeZone();
    } else if (value instanceof SupportTicket ticket) {
      ticket(known, ticket, record.timestamp());
    } else if (value instanceof Engagement engagement) {
      if (engagement.getType() == EngagementType.UNSUBSCRIBED) {
        known.unsubscribed = true;
      } else if (engagement.getType() == EngagementType.DOWNVOTED) {
        engagement.getProductIds().forEach(p -> CustomerFacts.remember(known.downvoted, p));
        // A prompt without products (a plan, a membership) is held back by its type instead.
        String type = engagement.getTriggerId() == null ? null : known.promptTypes.get(engagement.getTriggerId());
        if (type != null) {
          known.downvotedTypes.merge(type, record.timestamp(), Math::max);
        }
      }
    } else if (value instanceof OrderEvent order && order.getEvent() instanceof OrderPlaced placed) {
      for (LineItem line : placed.getLines()) {
        CustomerFacts.remember(known.bought, line.getProductId());
      }
    } else {
      return;
    }
    facts.put(record.key(), known);
  }

  private static void ticket(CustomerFacts known, SupportTicket ticket, long at) {
    if (ticket.getStatus() == TicketStatus.OPEN) {
      CustomerFacts.remember(known.openTickets, ticket.getTicketId());
    } else {
      known.openTickets.remove(ticket.getTicketId());
    }
    if (ticket.getSentiment() == Sentiment.NEGATIVE) {
      known.negativeAt = Math.max(known.negativeAt, at);
    }
  }
}
