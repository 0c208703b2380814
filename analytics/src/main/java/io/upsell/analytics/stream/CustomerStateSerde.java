package io.upsell.analytics.stream;

import io.upsell.analytics.stream.CustomerState.DeliveryFact;
import io.upsell.analytics.stream.CustomerState.GroupFact;
import io.upsell.analytics.stream.CustomerState.OrderFact;
import io.upsell.schemas.shop.SalesChannel;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * A customer's history as compact binary (varints, sorted periods as deltas), read and written on every event of
 * the customer, so it must cost little: a format byte, then the fields in a fixed order. Histories written by
 * versions before this format (Smile) are refused: such state needs an application reset (docs/analytics.md).
 */
final class CustomerStateSerde {

  /** 2: with the forgotten-orders flag at the end; 1 (no flag) is still read, as if orders had been forgotten. */
  private static final byte FORMAT = 2;
  private static final byte FORMAT_WITHOUT_FLAG = 1;
  private static final int NO_CHANNEL = -1;

  private CustomerStateSerde() {}

  static Serde<CustomerState> serde() {
    return Serdes.serdeFrom((topic, state) -> state == null ? null : write(state),
        (topic, bytes) -> bytes == null ? null : read(topic, bytes));
  }

  static byte[] write(CustomerState state) {
    BinaryWriter out = BinaryWriter.reset();
    out.writeByte(FORMAT);
    out.writeOptional(state.firstOrderAt);
    for (long[] periods : state.periods) {
      writeSorted(out, periods);
    }
    out.writeVarlong(state.orders.size());
    long previousAt = 0;
    for (OrderFact order : state.orders) {
      out.writeString(order.orderId());
      out.writeVarlong(order.at() - previousAt);
      previousAt = order.at();
      out.writeVarlong(order.totalMinor());
      out.writeString(order.notificationId());
      out.writeByte(order.channel() == null ? NO_CHANNEL : order.channel().ordinal());
      out.writeVarlong(order.refundedMinor());
    }
    out.writeVarlong(state.episodes.size());
    state.episodes.forEach((kind, episodes) -> {
      out.writeString(kind);
      out.writeVarlong(episodes.byStart.size());
      long previous = 0;
      for (Map.Entry<Long, String> episode : episodes.byStart.entrySet()) {
        out.writeVarlong(episode.getKey() - previous);
        previous = episode.getKey();
        out.writeString(episode.getValue());
        out.writeByte(episodes.converted.contains(episode.getValue()) ? 1 : 0);
      }
    });
    out.writeVarlong(state.deliveries.size());
    state.deliveries.forEach((id, d) -> {
      out.writeString(id);
      out.writeString(d.triggerId);
      out.writeString(d.type);
      out.writeString(d.variant);
      out.writeOptional(d.sentAt);
      // One byte for the outcome: 0 sent, 1 failed, 2 unknown (older states hold only 0 and 1).
      out.writeByte(d.failed ? 1 : d.unknown ? 2 : 0);
      out.writeOptional(d.deliveredAt);
      out.writeOptional(d.openedAt);
      out.writeOptional(d.clickedAt);
    });
    out.writeByte(state.group == null ? 0 : 1);
    if (state.group != null) {
      out.writeString(state.group.group());
      out.writeVarlong(state.group.enteredAt());
      out.writeString(state.group.type());
      out.writeString(state.group.variant());
    }
    out.writeString(state.timeZone);
    out.writeByte(state.forgotOrders ? 1 : 0);
    return out.toByteArray();
  }

  static CustomerState read(String topic, byte[] bytes) {
    BinaryReader in = new BinaryReader(bytes);
    int format = in.readByte();
    if (format != FORMAT && format != FORMAT_WITHOUT_FLAG) {
      throw new IllegalArgumentException("unknown customer history format " + bytes[0]);
    }
    CustomerState state = new CustomerState();
    state.firstOrderAt = in.readOptional();
    for (int g = 0; g < state.periods.length; g++) {
      state.periods[g] = readSorted(in);
    }
    long at = 0;
    for (int i = in.readCount(); i > 0; i--) {
      String orderId = in.readString();
      at += in.readVarlong();
      state.orders.add(new OrderFact(orderId, at, in.readVarlong(), in.readString(), channel(in.readByte()),
          in.readVarlong()));
    }
    for (int i = in.readCount(); i > 0; i--) {
      Episodes episodes = state.episodes(in.readString());
      long start = 0;
      for (int j = in.readCount(); j > 0; j--) {
        start += in.readVarlong();
        String id = in.readString();
        episodes.byStart.put(start, id);
        episodes.startOf.put(id, start);
        if (in.readByte() == 1) {
          episodes.converted.add(id);
        }
      }
    }
    for (int i = in.readCount(); i > 0; i--) {
      DeliveryFact d = state.delivery(in.readString());
      d.triggerId = in.readString();
      d.type = in.readString();
      d.variant = in.readString();
      d.sentAt = in.readOptional();
      int outcome = in.readByte();
      d.failed = outcome == 1;
      d.unknown = outcome == 2;
      d.deliveredAt = in.readOptional();
      d.openedAt = in.readOptional();
      d.clickedAt = in.readOptional();
    }
    if (in.readByte() == 1) {
      state.group = new GroupFact(in.readString(), in.readVarlong(), in.readString(), in.readString());
    }
    state.timeZone = in.readString();
    // Without the flag nothing says whether orders were forgotten: assume so, and look them up in the store.
    state.forgotOrders = format == FORMAT_WITHOUT_FLAG || in.readByte() == 1;
    return state;
  }

  private static SalesChannel channel(int ordinal) {
    return ordinal == NO_CHANNEL ? null : SalesChannel.values()[ordinal];
  }

  // Ascending ids as gaps: an hour after the previous order costs two bytes, not eight.
  private static void writeSorted(BinaryWriter out, long[] values) {
    out.writeVarlong(values.length);
    long previous = 0;
    for (long value : values) {
      out.writeVarlong(value - previous);
      previous = value;
    }
  }

  private static long[] readSorted(BinaryReader in) {
    long[] values = new long[in.readCount()];
    long value = 0;
    for (int i = 0; i < values.length; i++) {
      value += in.readVarlong();
      values[i] = value;
    }
    return values;
  }
}
