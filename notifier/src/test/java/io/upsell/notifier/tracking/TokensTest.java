package io.upsell.notifier.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsell.notifier.tracking.TokenClaim.Kind;
import java.lang.reflect.Proxy;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokensTest {

  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  private final Tokens tokens = new Tokens(config("secret-one"));

  private static io.upsell.notifier.NotifierConfig config(String secret) {
    return (io.upsell.notifier.NotifierConfig) Proxy.newProxyInstance(TokensTest.class.getClassLoader(),
        new Class<?>[] {io.upsell.notifier.NotifierConfig.class}, (proxy, method, args) -> {
          if (method.getName().equals("tokenSecret")) {
            return secret;
          }
          throw new UnsupportedOperationException(method.getName());
        });
  }

  private static TokenClaim click(long expires) {
    return new TokenClaim(Kind.CLICK, "shop-a", "c-1", "d-1", "t-1", "EMAIL", "en", "https://shop.example/p", expires);
  }

  @Test
  void acceptsItsOwnUnexpiredTokenOfTheRightKind() {
    String token = tokens.sign(click(NOW.getEpochSecond() + 60));
    assertThat(tokens.verify(token, Kind.CLICK, NOW)).hasValueSatisfying(c -> {
      assertThat(c.url()).isEqualTo("https://shop.example/p");
      assertThat(c.customerId()).isEqualTo("c-1");
    });
  }

  @Test
  void refusesExpiredWrongKindTamperedOrForeignTokens() {
    String token = tokens.sign(click(NOW.getEpochSecond() + 60));
    assertThat(tokens.verify(tokens.sign(click(NOW.getEpochSecond() - 1)), Kind.CLICK, NOW)).isEmpty();
    assertThat(tokens.verify(token, Kind.OPEN, NOW)).isEmpty();
    String otherUrl = tokens.sign(new TokenClaim(Kind.CLICK, "shop-a", "c-1", "d-1", "t-1", "EMAIL", "en",
        "https://evil.example", NOW.getEpochSecond() + 60));
    String spliced = otherUrl.substring(0, otherUrl.indexOf('.')) + token.substring(token.indexOf('.'));
    assertThat(tokens.verify(spliced, Kind.CLICK, NOW)).isEmpty();
    assertThat(new Tokens(config("secret-two")).verify(token, Kind.CLICK, NOW)).isEmpty();
    assertThat(tokens.verify("garbage", Kind.CLICK, NOW)).isEmpty();
    assertThat(tokens.verify(null, Kind.CLICK, NOW)).isEmpty();
  }
}
