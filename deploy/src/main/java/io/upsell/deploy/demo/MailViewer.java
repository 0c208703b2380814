package io.upsell.deploy.demo;

import static io.upsell.deploy.demo.DemoServer.escape;
import static io.upsell.deploy.demo.DemoServer.send;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.upsell.deploy.mail.MailBox;
import java.io.IOException;
import java.util.List;

/** {@code /mail}: the messages the local SMTP server received; {@code /mail/N} shows message N as its HTML. */
final class MailViewer implements HttpHandler {

  private final String mailApi;

  MailViewer(String mailApi) {
    this.mailApi = mailApi;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    List<MailBox.Mail> mails;
    try {
      mails = MailBox.read(mailApi);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      send(exchange, 503, "text/plain", "interrupted");
      return;
    } catch (IOException e) {
      send(exchange, 502, "text/plain", "the SMTP server does not answer: " + e.getMessage());
      return;
    }
    String rest = exchange.getRequestURI().getPath().replaceFirst("^/mail/?", "");
    if (rest.isEmpty()) {
      send(exchange, 200, "text/html", list(mails));
      return;
    }
    int index;
    try {
      index = Integer.parseInt(rest);
    } catch (NumberFormatException e) {
      send(exchange, 404, "text/plain", "no such message");
      return;
    }
    if (index < 0 || index >= mails.size()) {
      send(exchange, 404, "text/plain", "no such message");
      return;
    }
    MailBox.Mail mail = mails.get(index);
    // The mail's own HTML, but with scripts and forms disabled: it is content we received, not our page.
    exchange.getResponseHeaders().set("Content-Security-Policy", "sandbox; img-src * data:; style-src 'unsafe-inline'");
    send(exchange, 200, "text/html", mail.html().isEmpty() ? "<pre>" + escape(mail.text()) + "</pre>" : mail.html());
  }

  private static String list(List<MailBox.Mail> mails) {
    StringBuilder rows = new StringBuilder();
    for (int i = mails.size() - 1; i >= 0; i--) {
      MailBox.Mail mail = mails.get(i);
      rows.append("<tr><td>").append(escape(mail.date())).append("</td><td>").append(escape(mail.to()))
          .append("</td><td><a href=\"/mail/").append(i).append("\" target=\"view\">")
          .append(escape(mail.subject())).append("</a></td></tr>\n");
    }
    return """
        <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Mail viewer</title>
        <meta http-equiv="refresh" content="10">
        <style>body{font-family:system-ui,sans-serif;margin:0;display:flex;height:100vh}
        #list{width:45%%;overflow:auto;padding:1em}#view{flex:1;border:0;border-left:1px solid #ddd}
        td{padding:.3em .6em;border-bottom:1px solid #eee;font-size:.9em}</style></head>
        <body><div id="list"><h1>Mail viewer</h1><p>%d message(s) received by the local SMTP server; newest first.</p>
        <table>%s</table></div><iframe id="view" name="view"></iframe></body></html>
        """.formatted(mails.size(), rows);
  }
}
