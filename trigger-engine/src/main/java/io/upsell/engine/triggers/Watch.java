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

  /** Whether an event at {@code time} is older than what this watch already saw (late, out of order). */
  public boolean isStale(long time) {
    return time < at;
  }

  /** Whether {@code sourceEventId} is still the latest event and no exit followed it. */
  public boolean stillOpen(String sourceEventId) {
    return sourceEventId.equals(eventId) && exitAt < at;
  }

  public Watch seen(String id, long time) {
    eventId = id;
    at = time;
    return this;
  }

  /** The binary layout of a watch in its store: fields in declaration order. */
  public static final StateSerde.Codec<Watch> CODEC = new StateSerde.Codec<>() {
    @Override
    public void write(Watch w, StateWriter out) {
      out.writeNullableString(w.eventId);
      out.writeLong(w.at);
      out.writeLong(w.exitAt);
      out.writeStrings(w.items);
      out.writeInt(w.level);
      out.writeNullableString(w.plan);
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
      return w;
    }
  };
}
