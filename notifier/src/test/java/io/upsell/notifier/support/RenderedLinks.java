package io.upsell.notifier.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The links in rendered messages, and the rule that the only ones to our own service are tracking ones. */
public final class RenderedLinks {

  private static final Pattern URL = Pattern.compile("https?://[^\\s\"'<>)]+");
  /** Paths of ours a message may link to: click and open tracking, unsubscribe, not relevant. */
  private static final List<String> ALLOWED = List.of("/v1/track/click", "/v1/track/open", "/v1/unsubscribe",
      "/v1/not-relevant");

  private RenderedLinks() {}

  public static List<String> all(String rendered) {
    List<String> urls = new ArrayList<>();
    Matcher m = URL.matcher(rendered);
    while (m.find()) {
      urls.add(m.group().replace("&amp;", "&"));
    }
    return urls;
  }

  /** Fails when {@code rendered} links to {@code serviceBase} anywhere but a tracking, unsubscribe or not-relevant path. */
  public static void onlyTrackingLinksTo(String serviceBase, String rendered) {
    URI base = URI.create(serviceBase);
    List<String> ours = all(rendered).stream().filter(u -> sameOrigin(URI.create(u), base)).toList();
    assertThat(ours).as("links to our service").isNotEmpty()
        .allSatisfy(u -> assertThat(ALLOWED).anySatisfy(path -> assertThat(URI.create(u).getPath()).isEqualTo(path)));
  }

  private static boolean sameOrigin(URI url, URI base) {
    return url.getHost() != null && url.getHost().equalsIgnoreCase(base.getHost()) && url.getPort() == base.getPort();
  }
}
