package io.upsell.bench.notifier;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/** GreenMail in this JVM on a random loopback port: the fallback server, and the one the tests use. */
final class GreenMailSink implements MailSink {

  private final GreenMail greenMail;

  GreenMailSink() {
    greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    greenMail.start();
  }

  @Override
  public String name() {
    return "GreenMail";
  }

  @Override
  public int port() {
    return greenMail.getSmtp().getPort();
  }

  /**
   * Counts each inbox's messages: getReceivedMessages() would copy every stored message under GreenMail's locks on
   * each poll, slowing the server it measures.
   */
  @Override
  public long received() {
    var host = greenMail.getManagers().getImapHostManager();
    long count = 0;
    try {
      for (GreenMailUser user : greenMail.getUserManager().listUser()) {
        count += host.getInbox(user).getMessageCount();
      }
    } catch (FolderException e) {
      throw new IllegalStateException("GreenMail inbox unreadable", e);
    }
    return count;
  }

  /** The Message-ID header of every message received (our emails' carry the delivery id). */
  java.util.List<String> messageIds() throws jakarta.mail.MessagingException {
    var ids = new java.util.ArrayList<String>();
    for (jakarta.mail.internet.MimeMessage message : greenMail.getReceivedMessages()) {
      ids.add(message.getMessageID());
    }
    return ids;
  }

  @Override
  public void close() {
    greenMail.stop();
  }
}
