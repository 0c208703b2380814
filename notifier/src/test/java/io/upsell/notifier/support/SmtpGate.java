package io.upsell.notifier.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A line-level SMTP relay in front of the real GreenMail server that answers RCPT for some recipients itself, the way
 * a receiving server refuses them: local part {@code bounce...} gets a permanent {@code 550 5.1.1}, {@code busy...}
 * a temporary {@code 451 4.3.0}, {@code later...} that 451 for its first two tries only, {@code throttle...} a
 * {@code 421 4.7.0} (the provider throttling) for its first try only; while {@link #refuseAll} is on, every RCPT gets
 * the 451. Everything else passes through to GreenMail unchanged. Each refusal is recorded with its time.
 */
public final class SmtpGate implements AutoCloseable {

  /** One RCPT the gate answered itself. */
  public record Refusal(String recipient, String reply, long atMillis) {}

  private final ServerSocket server;
  private final int upstreamPort;
  private final List<Refusal> refusals = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> tries = new ConcurrentHashMap<>();
  private final Map<String, Long> passedAt = new ConcurrentHashMap<>();
  private volatile boolean refuseAll;

  public SmtpGate(int upstreamPort) throws IOException {
    this.upstreamPort = upstreamPort;
    this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "smtp-gate");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
        OutputStream toClient = client.getOutputStream();
        InputStream fromServer = upstream.getInputStream();
        daemon(() -> pump(fromServer, toClient, client, upstream));
        daemon(() -> relay(client, upstream, toClient));
      } catch (IOException e) {
        return;
      }
    }
  }

  /** While on, every recipient gets a temporary 451, as from a server that is up but cannot take mail. */
  public void refuseAll(boolean on) {
    refuseAll = on;
  }

  /** The refusals the gate gave to a recipient (the address, case-insensitive), in order. */
  public List<Refusal> refusalsTo(String recipient) {
    return refusals.stream().filter(r -> r.recipient().equalsIgnoreCase(recipient)).toList();
  }

  /** When the first RCPT for a recipient was passed on to the server, if one was. */
  public Long passedAt(String recipient) {
    return passedAt.get(recipient.toUpperCase(Locale.ROOT));
  }

  private void relay(Socket client, Socket upstream, OutputStream toClient) {
    try (client; upstream) {
      var in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
      OutputStream toServer = upstream.getOutputStream();
      boolean data = false;
      for (String line; (line = in.readLine()) != null; ) {
        String upper = line.toUpperCase(Locale.ROOT);
        String refusal = data ? null : refusal(upper);
        if (refusal != null) {
          synchronized (toClient) {
            toClient.write((refusal + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            toClient.flush();
          }
          continue;
        }
        data = data ? !line.equals(".") : upper.equals("DATA");
        toServer.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        toServer.flush();
      }
    } catch (IOException e) {
      // connection ended
    }
  }

  private String refusal(String upper) {
    if (!upper.startsWith("RCPT TO:<")) {
      return null;
    }
    String recipient = upper.substring("RCPT TO:<".length(), Math.max(upper.indexOf('>'), "RCPT TO:<".length()));
    int tried = tries.computeIfAbsent(recipient, r -> new AtomicInteger()).incrementAndGet();
    String reply = null;
    if (recipient.startsWith("BOUNCE")) {
      reply = "550 5.1.1 mailbox unavailable";
    } else if (refuseAll || recipient.startsWith("BUSY") || recipient.startsWith("LATER") && tried <= 2) {
      reply = "451 4.3.0 try again later";
    } else if (recipient.startsWith("THROTTLE") && tried == 1) {
      reply = "421 4.7.0 too many messages, slow down";
    }
    if (reply != null) {
      refusals.add(new Refusal(recipient, reply, System.currentTimeMillis()));
    } else {
      passedAt.putIfAbsent(recipient, System.currentTimeMillis());
    }
    return reply;
  }

  private static void pump(InputStream from, OutputStream to, Socket a, Socket b) {
    byte[] buffer = new byte[8192];
    try (a; b) {
      for (int n; (n = from.read(buffer)) > 0; ) {
        synchronized (to) {
          to.write(buffer, 0, n);
          to.flush();
        }
      }
    } catch (IOException e) {
      // connection ended
    }
  }

  private static void daemon(Runnable task) {
    Thread thread = new Thread(task, "smtp-gate-conn");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
