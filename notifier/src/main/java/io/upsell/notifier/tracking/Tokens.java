package io.upsell.notifier.tracking;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.upsell.notifier.NotifierConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks the tokens in links and in-app calls: {@code base64url(json claim).base64url(HMAC-SHA256)}. A token
 * is accepted only with a matching MAC (compared in constant time), the expected kind and an expiry in the future.
 */
@ApplicationScoped
public class Tokens {

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final SecretKeySpec key;
  private final ObjectMapper json = new ObjectMapper();
  private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

  public Tokens(NotifierConfig config) {
    this.key = new SecretKeySpec(config.tokenSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  /** A signed token for the claim. */
  public String sign(TokenClaim claim) {
    try {
      String payload = ENCODER.encodeToString(json.writeValueAsBytes(claim));
      return payload + "." + ENCODER.encodeToString(mac(payload));
    } catch (IOException e) {
      throw new IllegalStateException("a claim is always serialisable", e);
    }
  }

  /** The claim of a valid, unexpired token of {@code kind}; empty for anything else. */
  public Optional<TokenClaim> verify(String token, TokenClaim.Kind kind, Instant now) {
    if (token == null) {
      return Optional.empty();
    }
    int dot = token.indexOf('.');
    if (dot <= 0 || dot == token.length() - 1) {
      return Optional.empty();
    }
    String payload = token.substring(0, dot);
    try {
      byte[] presented = DECODER.decode(token.substring(dot + 1));
      if (!MessageDigest.isEqual(presented, mac(payload))) {
        return Optional.empty();
      }
      TokenClaim claim = json.readValue(DECODER.decode(payload), TokenClaim.class);
      boolean valid = claim.kind() == kind && claim.expiresAt() > now.getEpochSecond();
      return valid ? Optional.of(claim) : Optional.empty();
    } catch (IllegalArgumentException | IOException e) {
      return Optional.empty();
    }
  }

  private byte[] mac(String payload) {
    return macs.get().doFinal(payload.getBytes(StandardCharsets.US_ASCII));
  }

  /** A keyed HMAC per thread: every email signs three links, and a fresh Mac per link means a provider lookup each. */
  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
