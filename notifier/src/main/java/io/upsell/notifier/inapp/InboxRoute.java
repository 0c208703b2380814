package io.upsell.notifier.inapp;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.upsell.notifier.inapp.InboxOwner.Elsewhere;
import io.upsell.notifier.inapp.InboxOwner.Here;
import io.upsell.notifier.inapp.InboxOwner.Place;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Answers a customer's in-app call on the instance that owns their inbox: here from the local store, else by sending
 * the same call on to the owner. Actions go to the owner too (rather than to a topic the owner applies): only the
 * owner can say whether the message exists in this inbox (404) and what its snapshot is, and it answers once its own
 * store holds the change, so the customer's next read, through any instance, sees it.
 */
@ApplicationScoped
public class InboxRoute {

  /** The owner's replay of a customer's snapshots, for a stream opened on another instance. */
  public static final String ENTRIES_PATH = "/v1/inapp/entries";

  private static final TypeReference<List<EntryView>> ENTRIES = new TypeReference<>() {};

  private final InboxOwner owner;
  private final OwnerForwarding forwarding;
  private final Inbox inbox;
  private final ObjectMapper json;

  public InboxRoute(InboxOwner owner, OwnerForwarding forwarding, Inbox inbox, ObjectMapper json) {
    this.owner = owner;
    this.forwarding = forwarding;
    this.inbox = inbox;
    this.json = json;
  }

  /**
   * The call's answer: {@code here} with the customer's partition when it is active here, else the owner's answer to
   * the same call. A call already forwarded to us is answered here or refused with 503, never sent on again.
   */
  public Response answer(String customerKey, boolean forwarded, String method, UriInfo uri, String authorization,
      IntFunction<Object> here) {
    Place place = owner.of(customerKey);
    if (place instanceof Here local) {
      return Response.ok(here.apply(local.partition()), MediaType.APPLICATION_JSON_TYPE).build();
    }
    if (forwarded) {
      throw InboxOwner.unavailable();
    }
    String query = uri.getRequestUri().getRawQuery();
    return forwarding.forward(((Elsewhere) place).host(), method,
        uri.getRequestUri().getRawPath() + (query == null ? "" : "?" + query), authorization);
  }

  /** Where the customer's inbox is now; 503 while nowhere (checked before a stream is opened). */
  public Place place(String customerKey) {
    return owner.of(customerKey);
  }

  /** Snapshots after {@code offset}, in order, from the inbox at {@code place}; {@code token} is the caller's. */
  public List<EntryView> entries(Place place, String customerKey, long offset, String token) {
    if (place instanceof Here local) {
      return local(customerKey, offset, local.partition());
    }
    byte[] body = forwarding.get(((Elsewhere) place).host(), ENTRIES_PATH + "?after=" + offset, "Bearer " + token);
    try {
      return json.readValue(body, ENTRIES);
    } catch (IOException e) {
      throw InboxOwner.unavailable();
    }
  }

  /** Snapshots after {@code offset} in the customer's partition here. */
  public List<EntryView> local(String customerKey, long offset, int partition) {
    return inbox.after(customerKey, offset, partition).stream().map(EntryView::of).toList();
  }
}
