package io.upsell.engine.policy;

import io.upsell.engine.topology.StateReader;
import io.upsell.engine.topology.StateSerde;
import io.upsell.engine.topology.StateWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the policies know of one customer: consent and zone (profile), unsubscribes and down-votes (engagement),
 * open and angry tickets (support), purchases (orders), and the ledger of decisions already made.
 */
public class CustomerFacts {

  static final int MAX_REMEMBERED = 200;
  static final long WEEK_MILLIS = 7 * 86_400_000L;

  public Boolean consent;
  public String timeZone;
  public boolean unsubscribed;
  public Set<String> openTickets = new LinkedHashSet<>();
  public long negativeAt = Long.MIN_VALUE;
  public Set<String> bought = new LinkedHashSet<>();
  public Set<String> downvoted = new LinkedHashSet<>();
  /** Sends of the last week: channel and time. */
  public List<Send> sends = new ArrayList<>();
  public Map<String, Long> lastFired = new HashMap<>();
  public List<String> decidedTriggerIds = new ArrayList<>();
  /** Trigger type of each recent prompt that offered no products (a plan, a membership), by trigger id. */
  public Map<String, String> promptTypes = new LinkedHashMap<>();
  /** When the customer last down-voted a prompt of each trigger type that offered no products. */
  public Map<String, Long> downvotedTypes = new HashMap<>();

  static final int PROMPTS_REMEMBERED = 20;

  /** Remembers the type of a sent prompt that offered no products, so a down-vote naming its id finds it. */
  public void prompted(String triggerId, String type) {
    promptTypes.put(triggerId, type);
    if (promptTypes.size() > PROMPTS_REMEMBERED) {
      promptTypes.remove(promptTypes.keySet().iterator().next());
    }
  }

  /** One message counted against the caps. */
  public record Send(String channel, long at) {}

  public int sendsSince(String channel, long since) {
    return (int) sends.stream().filter(s -> s.channel().equals(channel) && s.at() >= since).count();
  }

  /** Remembers a decision on a trigger, so a repeat of it is recognised. */
  public void decided(String triggerId) {
    decidedTriggerIds.add(triggerId);
    if (decidedTriggerIds.size() > MAX_REMEMBERED) {
      decidedTriggerIds.remove(0);
    }
  }

  /** Counts a message against the caps and starts the type's cooldown. */
  public void sent(String channel, String type, long at) {
    sends.removeIf(s -> s.at() < at - WEEK_MILLIS);
    sends.add(new Send(channel, at));
    lastFired.merge(type, at, Math::max);
  }

  static <T> void remember(Set<T> set, T value) {
    set.add(value);
    if (set.size() > MAX_REMEMBERED) {
      set.remove(set.iterator().next());
    }
  }

  /** The binary layout of the facts in their store: fields in declaration order. */
  public static final StateSerde.Codec<CustomerFacts> CODEC = new StateSerde.Codec<>() {
    @Override
    public void write(CustomerFacts f, StateWriter out) {
      out.writeByte(f.consent == null ? 0 : f.consent ? 2 : 1);
      out.writeNullableString(f.timeZone);
      out.writeBoolean(f.unsubscribed);
      out.writeStrings(f.openTickets);
      out.writeLong(f.negativeAt);
      out.writeStrings(f.bought);
      out.writeStrings(f.downvoted);
      out.writeVarint(f.sends.size());
      for (Send send : f.sends) {
        out.writeString(send.channel());
        out.writeLong(send.at());
      }
      out.writeVarint(f.lastFired.size());
      for (Map.Entry<String, Long> fired : f.lastFired.entrySet()) {
        out.writeString(fired.getKey());
        out.writeLong(fired.getValue());
      }
      out.writeStrings(f.decidedTriggerIds);
      out.writeVarint(f.promptTypes.size());
      for (Map.Entry<String, String> prompt : f.promptTypes.entrySet()) {
        out.writeString(prompt.getKey());
        out.writeString(prompt.getValue());
      }
      out.writeVarint(f.downvotedTypes.size());
      for (Map.Entry<String, Long> vote : f.downvotedTypes.entrySet()) {
        out.writeString(vote.getKey());
        out.writeLong(vote.getValue());
      }
    }

    @Override
    public CustomerFacts read(StateReader in) {
      CustomerFacts f = new CustomerFacts();
      byte consent = in.readByte();
      f.consent = consent == 0 ? null : consent == 2;
      f.timeZone = in.readNullableString();
      f.unsubscribed = in.readBoolean();
      f.openTickets = in.readStrings(LinkedHashSet::new);
      f.negativeAt = in.readLong();
      f.bought = in.readStrings(LinkedHashSet::new);
      f.downvoted = in.readStrings(LinkedHashSet::new);
      for (int i = in.readVarint(); i > 0; i--) {
        f.sends.add(new Send(in.readString(), in.readLong()));
      }
      for (int i = in.readVarint(); i > 0; i--) {
        f.lastFired.put(in.readString(), in.readLong());
      }
      f.decidedTriggerIds = in.readStrings(ArrayList::new);
      if (in.hasMore()) { // facts written before prompts and their down-votes were kept have neither
        for (int i = in.readVarint(); i > 0; i--) {
          f.promptTypes.put(in.readString(), in.readString());
        }
        for (int i = in.readVarint(); i > 0; i--) {
          f.downvotedTypes.put(in.readString(), in.readLong());
        }
      }
      return f;
    }
  };
}
