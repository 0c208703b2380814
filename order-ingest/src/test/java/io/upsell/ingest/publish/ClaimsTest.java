package io.upsell.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Claims of open transactions: one owner per id, a waiter resumes when the owner ends, given-back ids are free. */
class ClaimsTest {

  private final Claims claims = new Claims();

  @Test
  void anIdHasOneOwnerUntilItsTransactionEnds() {
    Claims.Holder first = new Claims.Holder();
    Claims.Holder second = new Claims.Holder();
    assertThat(claims.claim("shop-a:e-1", first)).isNull();
    assertThat(claims.claim("shop-a:e-1", first)).as("a repeat in the same transaction").isSameAs(first);
    assertThat(claims.claim("shop-a:e-1", second)).isSameAs(first);

    claims.release(first);

    assertThat(claims.claim("shop-a:e-1", second)).as("free again, e.g. after an abort").isNull();
    assertThat(second.ids()).containsExactly("shop-a:e-1");
  }

  @Test
  void aWaiterGoesOnOnlyWhenTheOwnerEnds() {
    Claims.Holder owner = new Claims.Holder();
    claims.claim("shop-a:e-1", owner);
    AtomicInteger resumed = new AtomicInteger();
    owner.whenEnded(resumed::incrementAndGet);
    assertThat(resumed).hasValue(0);

    claims.release(owner);

    assertThat(resumed).hasValue(1);
    owner.whenEnded(resumed::incrementAndGet);
    assertThat(resumed).as("an owner that already ended lets a late waiter go at once").hasValue(2);
  }

  @Test
  void givenBackIdsAreFreeAndTheEarlierClaimsStay() {
    Claims.Holder holder = new Claims.Holder();
    claims.claim("shop-a:e-1", holder);
    claims.claim("shop-a:e-2", holder);
    claims.claim("shop-a:e-3", holder);

    claims.giveBack(holder, 2);

    Claims.Holder other = new Claims.Holder();
    assertThat(claims.claim("shop-a:e-2", other)).isNull();
    assertThat(claims.claim("shop-a:e-3", other)).isNull();
    assertThat(claims.claim("shop-a:e-1", other)).isSameAs(holder);
    assertThat(holder.ids()).containsExactly("shop-a:e-1");
  }
}
