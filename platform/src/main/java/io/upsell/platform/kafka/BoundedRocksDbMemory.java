package io.upsell.platform.kafka;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * All RocksDB stores of one JVM together use at most {@value #TOTAL_BYTES_CONFIG} bytes off the heap for their block
 * cache, index and filter blocks and memtables, instead of Streams' per-store defaults (a 50 MB block cache and
 * three 16 MB memtables for each store of each task: a service with 15 stores over 6 partitions could take
 * gigabytes under a backlog, and a container limit kills it). A service opts in with
 * {@code kafka-streams.rocksdb.config.setter} and the bound; it is per JVM, so a backtest's stores share it with the
 * live ones.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

  /** Streams config key (set as {@code kafka-streams.upsell.rocksdb.memory.bytes}): off-heap bytes for all stores. */
  public static final String TOTAL_BYTES_CONFIG = "upsell.rocksdb.memory.bytes";
  /** Of those, the share memtables may hold before RocksDB flushes them; the rest caches blocks. */
  static final double MEMTABLE_SHARE = 0.5;
  /** Index and filter blocks are cached with high priority, in this share of the cache, so reads never thrash them. */
  static final double HIGH_PRIORITY_SHARE = 0.1;
  /** Memtable size per store: small, since many stores share the bound and a backlog flushes often anyway. */
  static final long MEMTABLE_BYTES = 4L << 20;
  /** Share of each memtable given to its Bloom filter: 10%, some 400 KB, many bits for each of the tens of thousands of
   * entries a 4 MB memtable holds (in the test, at least 95% of misses are answered by the filter). */
  static final double MEMTABLE_BLOOM_SHARE = 0.1;

  private static Shared shared;

  /** One cache and one write-buffer manager per JVM, sized by the first store's config; never closed. */
  private record Shared(Cache cache, WriteBufferManager writeBuffers) {}

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    Shared memory = shared(totalBytes(configs));
    BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
    table.setBlockCache(memory.cache());
    table.setCacheIndexAndFilterBlocks(true);
    table.setCacheIndexAndFilterBlocksWithHighPriority(true);
    table.setPinTopLevelIndexAndFilter(true);
    options.setTableFormatConfig(table);
    options.setWriteBufferManager(memory.writeBuffers());
    options.setWriteBufferSize(MEMTABLE_BYTES);
    options.setMaxWriteBufferNumber(2);
    // Most reads are of keys no memtable holds (a pair of products never bought together before, a new customer's
    // watch): a whole-key Bloom filter over each memtable answers those without searching its skip list.
    options.setMemtablePrefixBloomSizeRatio(MEMTABLE_BLOOM_SHARE);
    options.setMemtableWholeKeyFiltering(true);
  }

  @Override
  public void close(String storeName, Options options) {
    // The cache and the write-buffer manager are shared by every store of the JVM: closing them here would pull them
    // from under the stores still open.
  }

  static long totalBytes(Map<String, Object> configs) {
    Object value = configs.get(TOTAL_BYTES_CONFIG);
    if (value == null) {
      throw new IllegalStateException(TOTAL_BYTES_CONFIG + " is not set (kafka-streams." + TOTAL_BYTES_CONFIG + ")");
    }
    long bytes = Long.parseLong(value.toString().trim());
    if (bytes < MEMTABLE_BYTES * 4) {
      throw new IllegalStateException(TOTAL_BYTES_CONFIG + " must be at least " + MEMTABLE_BYTES * 4 + ", was " + bytes);
    }
    return bytes;
  }

  private static synchronized Shared shared(long totalBytes) {
    if (shared == null) {
      Cache cache = new LRUCache(totalBytes, -1, false, HIGH_PRIORITY_SHARE);
      shared = new Shared(cache, new WriteBufferManager((long) (totalBytes * MEMTABLE_SHARE), cache));
    }
    return shared;
  }
}
