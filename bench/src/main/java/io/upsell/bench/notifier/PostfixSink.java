package io.upsell.bench.notifier;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * A private Postfix instance that discards every message: its own main.cf, master.cf, queue and log in a temporary
 * directory, SMTP on a free loopback port, no relay, no local delivery, so nothing leaves the machine and the
 * system's own Postfix configuration is not touched. Needs Debian's postfix and root:
 * {@code DEBIAN_FRONTEND=noninteractive apt-get install -y postfix} (the package's service is not started without
 * systemd; this class runs {@code postfix -c <dir> start} itself and {@code postfix -c <dir> stop} when done).
 * Delivered mail is counted from the instance's own log file ({@code status=sent} lines of the discard transport).
 * The directory is deleted after the stop.
 */
final class PostfixSink implements MailSink {

  static final Path POSTFIX = Path.of("/usr/sbin/postfix");

  private final Path config;
  private final Path log;
  private final int port;
  private long logPosition;
  private long delivered;
  private boolean stopped;

  private PostfixSink(Path dir, int port) {
    this.config = dir.resolve("conf");
    this.log = dir.resolve("maillog");
    this.port = port;
  }

  /** Starts an instance when postfix is installed and can be started here; empty (with why on stderr) otherwise. */
  static Optional<MailSink> startIfInstalled() {
    if (!Files.isExecutable(POSTFIX)) {
      System.err.println("[bench] " + POSTFIX + " not installed: GreenMail only");
      return Optional.empty();
    }
    try {
      // Readable by the postfix user (a temp directory starts as owner-only).
      Path dir = Files.createTempDirectory("upsell-postfix",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
      var sink = new PostfixSink(dir, freePort());
      sink.configure(dir);
      sink.postfix("start");
      Runtime.getRuntime().addShutdownHook(new Thread(sink::close));
      sink.awaitListening();
      return Optional.of(sink);
    } catch (IOException | RuntimeException e) {
      System.err.println("[bench] postfix did not start (" + e.getMessage() + "): GreenMail only");
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private void configure(Path dir) throws IOException {
    Files.createDirectories(config);
    Files.createDirectories(dir.resolve("queue"));
    Path data = Files.createDirectories(dir.resolve("data"));
    // The master process takes its lock file in the data directory as the mail owner.
    Files.setOwner(data, dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postfix"));
    Files.writeString(config.resolve("main.cf"), """
        compatibility_level = 3.6
        queue_directory = %1$s/queue
        data_directory = %1$s/data
        maillog_file = %1$s/maillog
        maillog_file_prefixes = %1$s
        inet_interfaces = loopback-only
        inet_protocols = ipv4
        myhostname = bench.upsell.local
        mydestination =
        mynetworks = 127.0.0.0/8
        smtpd_relay_restrictions = permit_mynetworks, reject
        smtpd_peername_lookup = no
        default_transport = discard
        relay_transport = discard
        local_transport = discard
        biff = no
        """.formatted(dir));
    // Only the services this sink needs; none chrooted (the private queue has no chroot files).
    Files.writeString(config.resolve("master.cf"), """
        127.0.0.1:%d inet n - n - - smtpd
        pickup    unix n - n 60 1 pickup
        cleanup   unix n - n - 0 cleanup
        qmgr      unix n - n 300 1 qmgr
        rewrite   unix - - n - - trivial-rewrite
        bounce    unix - - n - 0 bounce
        defer     unix - - n - 0 bounce
        trace     unix - - n - 0 bounce
        flush     unix n - n 1000? 0 flush
        proxymap  unix - - n - - proxymap
        showq     unix n - n - - showq
        error     unix - - n - - error
        retry     unix - - n - - error
        discard   unix - - n - - discard
        anvil     unix - - n - 1 anvil
        scache    unix - - n - 1 scache
        postlog   unix-dgram n - n - 1 postlogd
        """.formatted(port));
  }

  private void postfix(String command) throws IOException, InterruptedException {
    var process = new ProcessBuilder(POSTFIX.toString(), "-c", config.toString(), command)
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (process.waitFor() != 0) {
      throw new IOException("postfix " + command + " failed: " + output + " " + tail());
    }
  }

  private void awaitListening() throws IOException, InterruptedException {
    for (int i = 0; i < 100; i++) {
      try (var socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException e) {
        Thread.sleep(100);
      }
    }
    throw new IOException("postfix not listening on " + port + " " + tail());
  }

  /** The log's last lines, to say why a start failed. */
  private String tail() throws IOException {
    if (!Files.exists(log)) {
      return "";
    }
    var lines = Files.readAllLines(log);
    return String.join(" / ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
  }

  @Override
  public String name() {
    return "Postfix (discard)";
  }

  @Override
  public int port() {
    return port;
  }

  /** Reads the log's complete lines from where the last call stopped and counts the discard transport's deliveries. */
  @Override
  public synchronized long received() {
    if (!Files.exists(log)) {
      return 0;
    }
    try (var file = new RandomAccessFile(log.toFile(), "r")) {
      byte[] fresh = new byte[(int) (file.length() - logPosition)];
      file.seek(logPosition);
      file.readFully(fresh);
      String text = new String(fresh, StandardCharsets.UTF_8);
      int complete = text.lastIndexOf('\n') + 1;
      text.substring(0, complete).lines()
          .filter(line -> line.contains("postfix/discard[") && line.contains("status=sent"))
          .forEach(line -> delivered++);
      logPosition += text.substring(0, complete).getBytes(StandardCharsets.UTF_8).length;
    } catch (IOException e) {
      throw new IllegalStateException("postfix log unreadable", e);
    }
    return delivered;
  }

  @Override
  public synchronized void close() {
    if (stopped) {
      return;
    }
    stopped = true;
    try {
      postfix("stop");
      try (var paths = Files.walk(config.getParent())) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    } catch (IOException e) {
      System.err.println("[bench] " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
