package io.upsell.bench.ingest;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Every collection of this JVM (the load client's, and the broker's when it runs in-process) while recording, so a
 * benchmark can tell its own pauses from the service's: a client that stops stops its clock-driven sends too.
 */
final class GcPauses {

  private final List<Long> millis = new ArrayList<>();
  private volatile boolean recording;

  GcPauses() {
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) collector).addNotificationListener((notification, handback) -> {
        if (recording && notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
          var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
          synchronized (millis) {
            millis.add(info.getGcInfo().getDuration());
          }
        }
      }, null, null);
    }
  }

  void start() {
    synchronized (millis) {
      millis.clear();
    }
    recording = true;
  }

  /** "n pauses, total t ms, max m ms, k ≥ 10 ms" since {@link #start}. */
  String stop() {
    recording = false;
    synchronized (millis) {
      long total = millis.stream().mapToLong(Long::longValue).sum();
      long max = millis.stream().mapToLong(Long::longValue).max().orElse(0);
      long long10 = millis.stream().filter(m -> m >= 10).count();
      return String.format("%d collections, %d ms in all, longest %d ms, %d of 10 ms or more", millis.size(), total,
          max, long10);
    }
  }
}
