package io.upsell.bench.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection used by one thread at a time, request then response, as wrk drives its
 * connections: no selector thread and no executor between the sender and its socket. The JDK HttpClient handed every
 * request across two threads; with the machine's two cores busy its single selector thread fell behind and the
 * client started sends hundreds of ms after their due time while the server answered in tens (measured).
 */
final class KeepAliveConnection implements AutoCloseable {

  private final URI base;
  private final String authorization;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  KeepAliveConnection(URI base, String authorization) {
    this.base = base;
    this.authorization = authorization;
  }

  /** POSTs {@code body} and reads the whole answer; returns its status. Reconnects when the server closed. */
  int post(String path, String contentType, byte[] body) throws IOException {
    if (socket == null) {
      connect();
    }
    byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
        + "\r\nAuthorization: " + authorization + "\r\nContent-Type: " + contentType + "\r\nContent-Length: "
        + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    try {
      out.write(head);
      out.write(body);
      out.flush();
      return readResponse();
    } catch (IOException e) {
      close();
      throw e;
    }
  }

  private void connect() throws IOException {
    socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
    socket.setSoTimeout(30_000);
    in = new BufferedInputStream(socket.getInputStream(), 8192);
    out = socket.getOutputStream();
  }

  private int readResponse() throws IOException {
    String status = line();
    int code = Integer.parseInt(status.substring(9, 12));
    long length = 0;
    boolean chunked = false;
    boolean closes = false;
    for (String header = line(); !header.isEmpty(); header = line()) {
      String lower = header.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Long.parseLong(lower.substring(15).strip());
      } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      } else if (lower.startsWith("connection:") && lower.contains("close")) {
        closes = true;
      }
    }
    if (chunked) {
      for (long chunk = Long.parseLong(line().strip(), 16); chunk > 0; chunk = Long.parseLong(line().strip(), 16)) {
        skip(chunk);
        line();
      }
      line();
    } else {
      skip(length);
    }
    if (closes) {
      close();
    }
    return code;
  }

  private String line() throws IOException {
    StringBuilder line = new StringBuilder(64);
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("connection closed by the server");
      }
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  private void skip(long bytes) throws IOException {
    in.skipNBytes(bytes);
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // closing anyway
      }
      socket = null;
    }
  }
}
