package io.upsell.notifier.inapp;

/** A message snapshot as the widget sees it, with its offset in the customer's partition (the SSE event id). */
public record EntryView(long offset, MessageView message) {

  static EntryView of(Inbox.Entry entry) {
    return new EntryView(entry.offset(), MessageView.of(entry.message()));
  }

  boolean unread() {
    return "UNREAD".equals(message.status());
  }
}
