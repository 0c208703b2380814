package io.upsell.analytics.query;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Asks another analytics instance for its partitions of a store range ({@code GET /internal/v1/stores/...}),
 * with the caller's own API key, so the owner checks the shop just as for a direct call. The service's own reads
 * (the scheduled digests, which have no caller) carry the instances' shared peer secret instead, when one is set.
 */
public class RemoteRanges {

  /** Path of the internal endpoint every instance serves. */
  public static final String PATH = "/internal/v1/stores/";
  /** Header of the peer secret on the service's own instance-to-instance reads. */
  public static final String PEER_HEADER = "X-Analytics-Peer";

  private final Optional<String> peerSecret;

  public RemoteRanges() {
    this(Optional.empty());
  }

  public RemoteRanges(Optional<String> peerSecret) {
    this.peerSecret = peerSecret;
  }

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  public SortedMap<String, long[]> range(HostInfo host, String store, Set<Integer> partitions, String from,
      String to, String authorization) {
    String query = "partitions=" + partitions.stream().map(String::valueOf).collect(Collectors.joining(","))
        + "&from=" + encode(from) + "&to=" + encode(to);
    HttpRequest.Builder request = HttpRequest.newBuilder(
            URI.create("http://" + host.host() + ":" + host.port() + PATH + encode(store) + "?" + query))
        .timeout(Duration.ofSeconds(5)).GET();
    if (authorization != null) {
      request.header("Authorization", authorization);
    } else {
      peerSecret.ifPresent(secret -> request.header(PEER_HEADER, secret));
    }
    try {
      HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new StoreRanges.NotReady(host + " answered " + response.statusCode());
      }
      return MAPPER.readValue(response.body(), new TypeReference<TreeMap<String, long[]>>() {});
    } catch (IOException e) {
      throw new StoreRanges.NotReady(host + " unreachable: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreRanges.NotReady("interrupted");
    }
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
