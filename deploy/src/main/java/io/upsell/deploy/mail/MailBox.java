package io.upsell.deploy.mail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.upsell.deploy.launcher.StackPorts;
import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** The mail the local SMTP server received, read through its REST API and parsed as MIME. */
public final class MailBox {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  /** One received message. */
  public record Mail(String to, String from, String subject, String date, Map<String, String> headers, String text,
      String html) {}

  private MailBox() {}

  /** Every message in every mailbox of the server at {@code apiUrl}, oldest first. */
  public static List<Mail> read(String apiUrl) throws IOException, InterruptedException {
    List<Mail> mails = new ArrayList<>();
    for (JsonNode user : get(apiUrl + "/api/user")) {
      String email = user.path("email").asText();
      String path = "/api/user/" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "/messages/INBOX/";
      for (JsonNode message : get(apiUrl + path)) {
        mails.add(parse(email, message.path("mimeMessage").asText()));
      }
    }
    mails.sort(Comparator.comparing(Mail::date));
    return mails;
  }

  public static int print(StackPorts ports, boolean json, PrintStream out) throws IOException, InterruptedException {
    List<Mail> mails;
    try {
      mails = read(MailServer.apiUrl(ports));
    } catch (java.net.ConnectException e) {
      System.err.println("The SMTP server is not running (./upsell start).");
      return 1;
    }
    if (json) {
      out.println(JSON.writeValueAsString(mails));
      return 0;
    }
    out.printf("%d message(s)%n", mails.size());
    for (Mail mail : mails) {
      out.printf("%n%s  to %s  from %s%n  %s%n", mail.date(), mail.to(), mail.from(), mail.subject());
      mail.headers().forEach((name, value) -> {
        if (name.startsWith("List-") || name.equals("Message-ID")) {
          out.printf("  %s: %s%n", name, value);
        }
      });
      out.println(indent(mail.text()));
    }
    return 0;
  }

  static Mail parse(String mailbox, String mime) throws IOException {
    try {
      MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
          new ByteArrayInputStream(mime.getBytes(StandardCharsets.UTF_8)));
      Map<String, String> headers = new LinkedHashMap<>();
      for (Header header : java.util.Collections.list(message.getAllHeaders())) {
        headers.put(header.getName(), header.getValue());
      }
      String date = message.getSentDate() == null ? "" : message.getSentDate().toInstant().toString();
      return new Mail(mailbox, String.join(", ", addresses(message.getFrom())), message.getSubject(), date,
          headers, part(message, "text/plain"), part(message, "text/html"));
    } catch (MessagingException e) {
      throw new IOException("unreadable message in " + mailbox + ": " + e.getMessage(), e);
    }
  }

  private static String part(Part part, String type) throws MessagingException, IOException {
    if (part.isMimeType(type)) {
      return String.valueOf(part.getContent());
    }
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart body = multipart.getBodyPart(i);
        String found = part(body, type);
        if (!found.isEmpty()) {
          return found;
        }
      }
    }
    return "";
  }

  private static List<String> addresses(jakarta.mail.Address[] addresses) {
    return addresses == null ? List.of() : java.util.Arrays.stream(addresses).map(Object::toString).toList();
  }

  private static JsonNode get(String url) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build();
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("GET " + url + " answered " + response.statusCode());
    }
    return JSON.readTree(response.body());
  }

  private static String indent(String text) {
    return text.isBlank() ? "" : "    " + text.strip().replace("\n", "\n    ");
  }
}
