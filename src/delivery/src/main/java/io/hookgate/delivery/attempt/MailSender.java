package io.hookgate.delivery.attempt;

import io.hookgate.delivery.channel.OutboundMessage;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.TimeoutException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;


/** Sends one email through the configured SMTP server; never throws, a refusal becomes a failed outcome. */
@ApplicationScoped
public class MailSender {

    private final ReactiveMailer mailer;

    public MailSender(ReactiveMailer mailer) {
        this.mailer = mailer;
    }

    /** Blocking: call from a worker or virtual thread. An SMTP exchange longer than {@code timeout} is a failure. */
    AttemptOutcome send(OutboundMessage.Email email, Duration timeout) {
        long start = System.nanoTime();
        try {
            Mail mail = Mail.withHtml(email.to().getFirst(), email.subject(), email.html());
            mail.setTo(email.to());
            mailer.send(mail).await().atMost(timeout);
            return new AttemptOutcome(null, null, "accepted by the SMTP server for " + String.join(", ", email.to()), null, elapsed(start));
        } catch (TimeoutException e) {
            return AttemptOutcome.failed("SMTP: timeout after " + timeout.toMillis() + " ms", elapsed(start));
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return AttemptOutcome.failed("SMTP: " + cause.getClass().getSimpleName() + ": " + cause.getMessage(), elapsed(start));
        }
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
