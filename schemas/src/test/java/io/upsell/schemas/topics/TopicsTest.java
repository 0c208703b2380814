package io.upsell.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TopicsTest {

  @Test
  void everyTopicNameIsUnique() {
    assertThat(Topics.ALL.stream().map(Topic::name).collect(Collectors.toSet())).hasSize(Topics.ALL.size());
  }

  @Test
  void customerScopedTopicsShareOnePartitionCountSoStreamsJoinWithoutRepartitioning() {
    assertThat(Topics.ALL.stream().filter(t -> t.key() == Topic.KeyKind.CUSTOMER).map(Topic::partitions))
        .containsOnly(Topics.CUSTOMER_PARTITIONS);
  }

  @Test
  void historyTopicsAreKeptForeverAndStateTopicsCompacted() {
    assertThat(Topics.SHOP_ORDERS.configs()).containsEntry("retention.ms", "-1");
    assertThat(Topics.CRM_CUSTOMERS.configs()).containsEntry("cleanup.policy", "compact");
    assertThat(Topics.NOTIFY_DLQ.configs().get("retention.ms")).isEqualTo(Long.toString(30L * 24 * 3600 * 1000));
  }

  @Test
  void findsATopicByName() {
    assertThat(Topics.byName("shop.carts")).contains(Topics.SHOP_CARTS);
    assertThat(Topics.byName("nope")).isEmpty();
  }

  @Test
  void customerKeysSplitBackIntoShopAndCustomer() {
    String key = Keys.customer("shop-1", "c:42");
    assertThat(key).isEqualTo("shop-1:c:42");
    assertThat(Keys.shopOf(key)).isEqualTo("shop-1");
    assertThat(Keys.entityOf(key)).isEqualTo("c:42");
    assertThatThrownBy(() -> Keys.customer("a:b", "c")).isInstanceOf(IllegalArgumentException.class);
  }
}
