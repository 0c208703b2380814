package io.upsell.notifier.inapp;

import io.upsell.platform.http.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Sends a customer's in-app call on to the instance that owns their inbox, with the caller's own token (the owner
 * checks it as for a direct call, so a token only ever reaches its own customer's inbox), and hands back the owner's
 * answer as it is. The call carries {@link #HEADER}: the owner answers itself or 503, never sends it on again.
 */
@ApplicationScoped
public class OwnerForwarding {

  /** Marks a call another instance sent on. */
  public static final String HEADER = "X-Notifier-Forwarded";

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** {@code method} (GET or POST, no body) of {@code pathAndQuery} on {@code owner}: the owner's answer. */
  public Response forward(HostInfo owner, String method, String pathAndQuery, String authorization) {
    HttpResponse<byte[]> answer = send(owner, method, pathAndQuery, authorization);
    Response.ResponseBuilder out = Response.status(answer.statusCode()).entity(answer.body());
    answer.headers().firstValue(HttpHeaders.CONTENT_TYPE).ifPresent(type -> out.header(HttpHeaders.CONTENT_TYPE, type));
    answer.headers().firstValue("Retry-After").ifPresent(seconds -> out.header("Retry-After", seconds));
    return out.build();
  }

  /** The owner's answer body to a GET; 503 unless it answered 200. */
  public byte[] get(HostInfo owner, String pathAndQuery, String authorization) {
    HttpResponse<byte[]> answer = send(owner, "GET", pathAndQuery, authorization);
    if (answer.statusCode() != 200) {
      throw InboxOwner.unavailable();
    }
    return answer.body();
  }

  private HttpResponse<byte[]> send(HostInfo owner, String method, String pathAndQuery, String authorization) {
    HttpRequest.Builder request = HttpRequest.newBuilder(
            URI.create("http://" + owner.host() + ":" + owner.port() + pathAndQuery))
        .timeout(Duration.ofSeconds(40))
        .method(method, HttpRequest.BodyPublishers.noBody())
        .header(HEADER, "1");
    if (authorization != null) {
      request.header(HttpHeaders.AUTHORIZATION, authorization);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      // The owner died or moved: its partitions go to another instance within the session timeout.
      throw InboxOwner.unavailable();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw InboxOwner.unavailable();
    }
  }
}
