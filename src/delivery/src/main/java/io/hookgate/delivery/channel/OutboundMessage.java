package io.hookgate.delivery.channel;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What one attempt sends: an HTTP POST (webhooks, Discord, Slack, Telegram) or an email. */
public sealed interface OutboundMessage {

    /** The request as the attempt log keeps it, with signatures and credentials left out. */
    Map<String, String> loggedHeaders();

    /** A POST; {@code redacted} names the headers whose values the attempt log hides. */
    record Http(URI url, Map<String, String> headers, byte[] body, List<String> redacted) implements OutboundMessage {

        @Override
        public Map<String, String> loggedHeaders() {
            Map<String, String> copy = new LinkedHashMap<>(headers);
            redacted.forEach(name -> copy.computeIfPresent(name, (k, v) -> "[redacted]"));
            return copy;
        }

        /** The same POST with one more header (the attempt's trace context). */
        public Http withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Http(url, more, body, redacted);
        }
    }

    /** An email with an HTML body, sent through the configured SMTP server. */
    record Email(List<String> to, String subject, String html) implements OutboundMessage {

        @Override
        public Map<String, String> loggedHeaders() {
            Map<String, String> logged = new LinkedHashMap<>();
            logged.put("To", String.join(", ", to));
            logged.put("Subject", subject);
            return logged;
        }
    }
}
