package io.hookgate.devstack;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** A real SMTP server (GreenMail) on loopback that keeps every message it accepts, for local runs and tests. */
public final class MailServer implements AutoCloseable {

    /** One accepted message: recipients, subject and the raw body (all MIME parts as sent). */
    public record ReceivedMail(List<String> to, String from, String subject, String body) {
    }

    private final GreenMail greenMail;
    private final int port;

    private MailServer(GreenMail greenMail, int port) {
        this.greenMail = greenMail;
        this.port = port;
    }

    public static MailServer start(int port) {
        int actual = port == 0 ? DevStack.freePort() : port;
        GreenMail greenMail = new GreenMail(new ServerSetup(actual, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        return new MailServer(greenMail, actual);
    }

    public int port() {
        return port;
    }

    public List<ReceivedMail> received() {
        return Arrays.stream(greenMail.getReceivedMessages()).map(MailServer::read).toList();
    }

    /** Messages addressed to one recipient. */
    public List<ReceivedMail> receivedBy(String address) {
        return received().stream().filter(mail -> mail.to().contains(address)).toList();
    }

    public void reset() {
        greenMail.reset();
    }

    private static ReceivedMail read(MimeMessage message) {
        try {
            Address[] to = message.getRecipients(Message.RecipientType.TO);
            List<String> recipients = to == null ? List.of() : Arrays.stream(to).map(Address::toString).collect(Collectors.toList());
            String from = message.getFrom() == null ? null : message.getFrom()[0].toString();
            return new ReceivedMail(recipients, from, message.getSubject(), GreenMailUtil.getBody(message));
        } catch (MessagingException e) {
            throw new IllegalStateException("unreadable message", e);
        }
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
