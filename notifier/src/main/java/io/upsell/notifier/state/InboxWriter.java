package io.upsell.notifier.state;

import io.upsell.schemas.notify.InAppMessage;
import io.upsell.schemas.notify.InAppStatus;
import io.upsell.schemas.notify.InboxEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A customer's inbox keeps the latest snapshot of each message, and only their newest {@code maxMessages} messages
 * none older than {@code maxAge}: what a long history of prompts leaves behind is dropped as new ones arrive. An
 * unread snapshot with an email fallback also sets a timer at its due time.
 */
final class InboxWriter implements Processor<String, InAppMessage, Void, Void> {

  private final int maxMessages;
  private final Duration maxAge;
  private ProcessorContext<Void, Void> context;
  private KeyValueStore<String, InboxEntry> inbox;
  private KeyValueStore<String, String> timers;

  InboxWriter(int maxMessages, Duration maxAge) {
    this.maxMessages = maxMessages;
    this.maxAge = maxAge;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.context = context;
    inbox = context.getStateStore(StoreNames.INBOX);
    timers = context.getStateStore(StoreNames.FALLBACK_TIMERS);
  }

  @Override
  public void process(Record<String, InAppMessage> record) {
    InAppMessage message = record.value();
    if (record.key() == null || message == null) {
      return;
    }
    long offset = context.recordMetadata().map(RecordMetadata::offset).orElse(-1L);
    String key = InboxKeys.entry(record.key(), message.getMessageId());
    InboxEntry known = inbox.get(key);
    if (known != null && known.getOffset() >= offset) {
      return;
    }
    inbox.put(key, new InboxEntry(message, offset));
    if (message.getStatus() == InAppStatus.UNREAD && message.getEmailFallbackAt() != null
        && !message.getEmailFallbackDone()) {
      timers.put(InboxKeys.timer(message.getEmailFallbackAt().toEpochMilli(), key), key);
    }
    bound(record.key());
  }

  private void bound(String customerKey) {
    long oldest = context.currentSystemTimeMs() - maxAge.toMillis();
    List<KeyValue<String, InboxEntry>> kept = new ArrayList<>();
    List<String> dropped = new ArrayList<>();
    try (var entries = inbox.prefixScan(InboxKeys.prefix(customerKey), new StringSerializer())) {
      entries.forEachRemaining(kv -> {
        if (kv.value.getMessage().getCreatedAt().toEpochMilli() < oldest) {
          dropped.add(kv.key);
        } else {
          kept.add(kv);
        }
      });
    }
    if (kept.size() > maxMessages) {
      kept.sort(Comparator.comparing(kv -> kv.value.getMessage().getCreatedAt()));
      kept.subList(0, kept.size() - maxMessages).forEach(kv -> dropped.add(kv.key));
    }
    dropped.forEach(inbox::delete);
  }
}
