package io.upsell.ingest.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

  private static final byte[] BODY = "{\"id\":1}".getBytes(StandardCharsets.UTF_8);

  @Test
  void onlyTheHmacOfTheBodyWithTheShopsSecretIsGenuine() {
    String header = WebhookSignature.header("secret-a", BODY);
    assertThat(WebhookSignature.verify("secret-a", BODY, header)).isTrue();
    assertThat(WebhookSignature.verify("secret-a", "{\"id\":2}".getBytes(StandardCharsets.UTF_8), header)).isFalse();
    assertThat(WebhookSignature.verify("secret-b", BODY, header)).isFalse();
    assertThat(WebhookSignature.verify("secret-a", BODY, null)).isFalse();
    assertThat(WebhookSignature.verify("secret-a", BODY, "not base64 !")).isFalse();
  }

  @Test
  void anUnknownShopIsCheckedWithOneHmacOfTheBodyLikeAKnownOneAndRefused() {
    List<String> signedWith = new ArrayList<>();
    WebhookSignature.Signer counting = (secret, body) -> {
      signedWith.add(secret);
      return WebhookSignature.header(secret, body).getBytes(StandardCharsets.UTF_8);
    };
    String header = WebhookSignature.header("secret-a", BODY);

    WebhookSignature.verify("secret-a", BODY, header, counting);
    WebhookSignature.verify(null, BODY, header, counting);
    WebhookSignature.verify("", BODY, header, counting);
    WebhookSignature.verify(null, BODY, null, counting);

    assertThat(signedWith).hasSize(4).doesNotContainNull().doesNotContain("");
    assertThat(signedWith.subList(1, 4)).as("one dummy secret for every unknown shop").containsOnly(signedWith.get(1));
  }

  @Test
  void anUnknownShopIsRefusedWhateverTheHeader() {
    // Even a signer that would call every header a match: a shop without a secret is never genuine.
    WebhookSignature.Signer matchesAnything = (secret, body) -> new byte[] {1, 2, 3};
    assertThat(WebhookSignature.verify(null, BODY, "AQID", matchesAnything)).isFalse();
    assertThat(WebhookSignature.verify("s", BODY, "AQID", matchesAnything)).isTrue();
  }
}
