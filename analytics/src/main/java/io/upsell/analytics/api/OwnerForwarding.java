package io.upsell.analytics.api;

import io.upsell.platform.http.ApiException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Sends a shop's request on to the instance that owns the shop's partition, with the caller's own API key (the owner
 * checks it as for a direct call), and hands back that instance's answer as it is. The request carries
 * {@link #HEADER} so the owner answers itself or 503, never sends it on again.
 */
final class OwnerForwarding {

  /** Marks a request another instance sent on. */
  static final String HEADER = "X-Analytics-Forwarded";

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private OwnerForwarding() {}

  static Response forward(HostInfo owner, UriInfo uri, String authorization, String accept) {
    URI target = URI.create("http://" + owner.host() + ":" + owner.port() + uri.getRequestUri().getRawPath()
        + (uri.getRequestUri().getRawQuery() == null ? "" : "?" + uri.getRequestUri().getRawQuery()));
    HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10)).GET()
        .header(HEADER, "1");
    if (authorization != null) {
      request.header(HttpHeaders.AUTHORIZATION, authorization);
    }
    if (accept != null) {
      request.header(HttpHeaders.ACCEPT, accept);
    }
    try {
      HttpResponse<byte[]> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      Response.ResponseBuilder out = Response.status(answer.statusCode()).entity(answer.body());
      answer.headers().firstValue(HttpHeaders.CONTENT_TYPE).ifPresent(type -> out.header(HttpHeaders.CONTENT_TYPE, type));
      answer.headers().firstValue(HttpHeaders.CONTENT_DISPOSITION)
          .ifPresent(disposition -> out.header(HttpHeaders.CONTENT_DISPOSITION, disposition));
      answer.headers().firstValue("Retry-After").ifPresent(seconds -> out.header("Retry-After", seconds));
      return out.build();
    } catch (IOException e) {
      throw ApiException.unavailable("the instance holding the shop's codes is unreachable (" + owner + "); retry", 1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApiException.unavailable("interrupted", 1);
    }
  }
}
