package io.upsell.bench.notifier;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay in front of the SMTP server that can fail like a mail server going away: {@link #down()} cuts every
 * open connection and stops listening, so new connections are refused; {@link #up()} listens again on the same port
 * and relays as before.
 */
final class SmtpOutageRelay implements AutoCloseable {

  private final int upstreamPort;
  private final int port;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile ServerSocket server;

  SmtpOutageRelay(int upstreamPort) throws IOException {
    this.upstreamPort = upstreamPort;
    this.server = listen(0);
    this.port = server.getLocalPort();
    acceptOn(server);
  }

  int port() {
    return port;
  }

  /** Connections cut, new ones refused. */
  synchronized void down() throws IOException {
    server.close();
    for (Socket socket : open) {
      socket.close();
    }
    open.clear();
  }

  /** Listening and relaying again. */
  synchronized void up() throws IOException {
    server = listen(port);
    acceptOn(server);
  }

  private static ServerSocket listen(int port) throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
    return socket;
  }

  private void acceptOn(ServerSocket listening) {
    daemon(() -> {
      while (!listening.isClosed()) {
        try {
          Socket client = listening.accept();
          Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
          open.add(client);
          open.add(upstream);
          daemon(() -> pump(client, upstream));
          daemon(() -> pump(upstream, client));
        } catch (IOException e) {
          return; // closed by down() or close()
        }
      }
    });
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[8192];
    try (from; to) {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      for (int n; (n = in.read(buffer)) > 0; ) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // the connection ended or was cut
    } finally {
      open.remove(from);
      open.remove(to);
    }
  }

  private static void daemon(Runnable task) {
    Thread thread = new Thread(task, "smtp-outage-relay");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void close() throws IOException {
    down();
  }
}
