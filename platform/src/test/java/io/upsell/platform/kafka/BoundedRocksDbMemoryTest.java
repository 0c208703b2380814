package io.upsell.platform.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.Options;
import org.rocksdb.PerfLevel;
import org.rocksdb.RocksDB;

class BoundedRocksDbMemoryTest {

  static {
    RocksDB.loadLibrary();
  }

  private static final Map<String, Object> CONFIGS = Map.of(BoundedRocksDbMemory.TOTAL_BYTES_CONFIG, "67108864");

  @Test
  void everyStoreSharesOneBlockCacheAndSmallMemtables() throws Exception {
    BoundedRocksDbMemory setter = new BoundedRocksDbMemory();
    try (Options carts = withTable(); Options orders = withTable()) {
      setter.setConfig("cart-abandoned", carts, CONFIGS);
      setter.setConfig("bought-together", orders, CONFIGS);

      assertSame(blockCache(carts), blockCache(orders), "one cache for all stores, not one each");
      assertTrue(((BlockBasedTableConfig) carts.tableFormatConfig()).cacheIndexAndFilterBlocks(),
          "index and filter blocks count against the bound");
      assertEquals(BoundedRocksDbMemory.MEMTABLE_BYTES, carts.writeBufferSize());
      assertEquals(2, carts.maxWriteBufferNumber());
    }
  }

  @Test
  void aKeyNoMemtableHoldsIsAnsweredByTheMemtablesBloomFilter(@TempDir Path dir) throws Exception {
    try (Options options = withTable()) {
      options.setCreateIfMissing(true);
      new BoundedRocksDbMemory().setConfig("bought-together", options, CONFIGS);
      try (RocksDB db = RocksDB.open(options, dir.toString())) {
        for (int i = 0; i < 1_000; i++) {
          db.put(("shop|p" + i + "|p" + (i + 1)).getBytes(StandardCharsets.UTF_8), new byte[8]);
        }
        db.setPerfLevel(PerfLevel.ENABLE_COUNT);
        db.getPerfContext().reset();
        for (int i = 0; i < 1_000; i++) {
          assertNull(db.get(("shop|q" + i + "|q" + (i + 1)).getBytes(StandardCharsets.UTF_8)));
        }
        // Each of those gets was refused by the filter, not by a search of the memtable (a few false positives aside).
        assertTrue(db.getPerfContext().getBloomMemtableMissCount() > 950,
            "memtable Bloom misses: " + db.getPerfContext().getBloomMemtableMissCount());
      }
    }
  }

  @Test
  void refusesAMissingBound() {
    IllegalStateException refused = assertThrows(IllegalStateException.class,
        () -> BoundedRocksDbMemory.totalBytes(Map.of()));
    assertTrue(refused.getMessage().contains(BoundedRocksDbMemory.TOTAL_BYTES_CONFIG), refused.getMessage());
  }

  @Test
  void refusesABoundTooSmallForTheMemtables() {
    IllegalStateException refused = assertThrows(IllegalStateException.class,
        () -> BoundedRocksDbMemory.totalBytes(Map.of(BoundedRocksDbMemory.TOTAL_BYTES_CONFIG, "1048576")));
    assertTrue(refused.getMessage().contains("at least"), refused.getMessage());
  }

  private static Options withTable() {
    Options options = new Options();
    options.setTableFormatConfig(new BlockBasedTableConfig());
    return options;
  }

  // BlockBasedTableConfig keeps the cache it was given but has no getter for it.
  private static Cache blockCache(Options options) throws ReflectiveOperationException {
    Field cache = BlockBasedTableConfig.class.getDeclaredField("blockCache");
    cache.setAccessible(true);
    return (Cache) cache.get(options.tableFormatConfig());
  }
}
