package io.upsell.engine.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CouponCodesTest {

  private static final String SECRET = "a-secret-of-enough-length";

  @Test
  void theSameTriggerAlwaysGetsTheSameCode() {
    assertThat(CouponCodes.code(SECRET, "UP", 8, "shop-a", "t-1")).isEqualTo(CouponCodes.code(SECRET, "UP", 8,
        "shop-a", "t-1"));
  }

  @Test
  void anotherTriggerShopOrSecretGetsAnotherCode() {
    String code = CouponCodes.code(SECRET, "UP", 8, "shop-a", "t-1");
    assertThat(CouponCodes.code(SECRET, "UP", 8, "shop-a", "t-2")).isNotEqualTo(code);
    assertThat(CouponCodes.code(SECRET, "UP", 8, "shop-b", "t-1")).isNotEqualTo(code);
    assertThat(CouponCodes.code(SECRET + "x", "UP", 8, "shop-a", "t-1")).isNotEqualTo(code);
  }

  @Test
  void codesHaveThePrefixAndLengthAndNoLookAlikes() {
    assertThat(CouponCodes.code(SECRET, "SAVE", 12, "shop-a", "t-1")).matches("SAVE-[2-9A-HJ-NP-Z]{12}");
    assertThat(CouponCodes.code(SECRET, "", 6, "shop-a", "t-1")).matches("[2-9A-HJ-NP-Z]{6}");
  }

  @Test
  void codesUseTheWholeAlphabet() {
    StringBuilder all = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      all.append(CouponCodes.code(SECRET, "", 16, "shop-a", "t-" + i));
    }
    assertThat(all.chars().distinct().count()).isEqualTo(CouponCodes.ALPHABET.length());
  }

  @Test
  void refusesAShortSecretWithoutShowingIt() {
    assertThatThrownBy(() -> CouponCodes.requireStrong("short-secret"))
        .hasMessageContaining("at least 16").hasMessageNotContaining("short-secret");
  }
}
