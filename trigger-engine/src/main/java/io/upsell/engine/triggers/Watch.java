package io.upsell.engine.triggers;

import io.upsell.engine.topology.StateReader;
import io.upsell.engine.topology.StateSerde;
import io.upsell.engine.topology.StateWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * What a trigger remembers about one customer (or one customer and product): the latest event it acted on, when,
 * and when the exit event (an order, a renewal) last happened. A due timer holds only while its source event is
 * still the latest one and no exit came after it.
 */
public class Watch {

  public String eventId;
  public long at = Long.MIN_VALUE;
  public long exitAt = Long.MIN_VALUE;
  public List<String> items = new ArrayList<>();
  public int level;
  public String plan;
  /** When the pending first-step timer of a trigger that keeps one timer per watch is due ({@link Long#MIN_VALUE}:
   * none to carry forward, the latest event asks for no reminder). */
  public long armedUntil = Long.MIN_VALUE;
  /** Value and currency of the latest event, for a reminder built later from the watch alone. */
  public long valueMinor;
  public String currency;
  /** The lines of the latest cart as its events described them (name, price, link), for an offer built later. */
  public List<Line> lines = new ArrayList<>();
  /** The checkout or cart page the latest event named, where the reminder leads. */
  public String url;

  /** One product line as the event described it; price in the watch's currency. */
  public record Line(String productId, String name, long priceMinor, int quantity, String imageUrl, String url) {}

  /** Whether an event at {@code time} is older than what this watch already saw (late, out of order). */
  public boolean isStale(long time) {
    return time < at;
  }

  /** Whether {@code sourceEventId} is still the latest event and no exit followed it. */
  public boolean stillOpen(String sourceEventId) {
    return sourceEventId.equals(eventId) && exitAt < at;
  }

  /** Whether newer activity replaced {@code sourceEventId}, no exit followed it, and it asks for a reminder. */
  public boolean movedOnFrom(String sourceEventId) {
    return !sourceEventId.equals(eventId) && exitAt < at && armedUntil != Long.MIN_VALUE;
  }

  public Watch seen(String id, long time) {
    eventId = id;
    at = time;
    return this;
  }

  /** The binary layout of a watch in its store: fields in declaration order, the later ones appended. */
  public static final StateSerde.Codec<Watch> CODEC = new StateSerde.Codec<>() {
    @Override
    public void write(Watch w, StateWriter out) {
      out.writeNullableString(w.eventId);
      out.writeLong(w.at);
      out.writeLong(w.exitAt);
      out.writeStrings(w.items);
      out.writeInt(w.level);
      out.writeNullableString(w.plan);
      out.writeLong(w.armedUntil);
      out.writeLong(w.valueMinor);
      out.writeNullableString(w.currency);
      out.writeVarint(w.lines.size());
      for (Line line : w.lines) {
        out.writeString(line.productId());
        out.writeNullableString(line.name());
        out.writeLong(line.priceMinor());
        out.writeInt(line.quantity());
        out.writeNullableString(line.imageUrl());
        out.writeNullableString(line.url());
      }
      out.writeNullableString(w.url);
    }

    @Override
    public Watch read(StateReader in) {
      Watch w = new Watch();
      w.eventId = in.readNullableString();
      w.at = in.readLong();
      w.exitAt = in.readLong();
      w.items = in.readStrings(ArrayList::new);
      w.level = in.readInt();
      w.plan = in.readNullableString();
      if (in.hasMore()) { // watches written before the three fields were appended have none
        w.armedUntil = in.readLong();
        w.valueMinor = in.readLong();
        w.currency = in.readNullableString();
      }
      if (in.hasMore()) { // watches written before lines and url were appended have neither
        for (int i = in.readVarint(); i > 0; i--) {
          w.lines.add(new Line(in.readString(), in.readNullableString(), in.readLong(), in.readInt(),
              in.readNullableString(), in.readNullableString()));
        }
        w.url = in.readNullableString();
      }
      return w;
    }
  };
}
