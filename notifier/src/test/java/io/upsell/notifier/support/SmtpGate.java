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
import java.util.Locale;

/**
 * A line-level SMTP relay in front of the real GreenMail server that answers RCPT for some recipients itself, the way
 * a receiving server refuses them: local part {@code bounce...} gets a permanent {@code 550 5.1.1}, {@code busy...}
 * a temporary {@code 451 4.3.0}. Everything else passes through to GreenMail unchanged.
 */
public final class SmtpGate implements AutoCloseable {

  private final ServerSocket server;
  private final int upstreamPort;

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

  private static void relay(Socket client, Socket upstream, OutputStream toClient) {
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

  private static String refusal(String upper) {
    if (upper.startsWith("RCPT TO:<BOUNCE")) {
      return "550 5.1.1 mailbox unavailable";
    }
    if (upper.startsWith("RCPT TO:<BUSY")) {
      return "451 4.3.0 try again later";
    }
    return null;
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
