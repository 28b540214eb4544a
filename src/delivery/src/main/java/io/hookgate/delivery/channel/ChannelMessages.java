package io.hookgate.delivery.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookgate.catalogue.EventCatalogue;
import io.hookgate.catalogue.EventType;
import io.hookgate.endpoint.Channel;
import io.hookgate.endpoint.CustomHeaders;
import io.hookgate.endpoint.Endpoint;
import io.hookgate.event.Event;
import io.hookgate.signing.OutboundSigner;
import io.hookgate.endpoint.DeliveryProfile;
import io.hookgate.signing.SecretCipher;
import io.hookgate.signing.WebhookSecret;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds what one attempt of a delivery sends, by the endpoint's channel. Pure: no I/O. */
@ApplicationScoped
public class ChannelMessages {

    private final EnvelopeWriter envelopes;
    private final ChatMessages chats;
    private final EmailMessages emails;
    private final EventCatalogue catalogue;
    private final SecretCipher cipher;
    private final ObjectMapper json;
    private final CustomHeaders customHeaders;

    ChannelMessages(EnvelopeWriter envelopes, ChatMessages chats, EmailMessages emails, EventCatalogue catalogue,
                    SecretCipher cipher, ObjectMapper json, CustomHeaders customHeaders) {
        this.customHeaders = customHeaders;
        this.envelopes = envelopes;
        this.chats = chats;
        this.emails = emails;
        this.catalogue = catalogue;
        this.cipher = cipher;
        this.json = json;
    }

    public OutboundMessage build(String deliveryId, Endpoint endpoint, Event event) {
        URI url = URI.create(endpoint.url);
        if (endpoint.channelType() == Channel.WEBHOOK) {
            return webhook(deliveryId, url, endpoint, event);
        }
        JsonNode data = tree(event.payload);
        EventSummary summary = EventSummary.of(event.id, event.type,
                catalogue.resolve(event.type).map(EventType::description).orElse(event.type), event.createdAt.toInstant(), data);
        return switch (endpoint.channelType()) {
            case DISCORD -> chats.discord(url, summary);
            case SLACK -> chats.slack(url, summary);
            case TELEGRAM -> chats.telegram(url, cipher.decrypt(endpoint.channelTokenCiphertext), tree(endpoint.channelConfig), summary, data);
            case EMAIL -> emails.email(url, summary, data);
            case WEBHOOK -> throw new IllegalStateException("handled above");
        };
    }

    /**
     * The signed JSON envelope of the endpoint's delivery profile: Standard Webhooks headers plus the profile's own,
     * custom headers first; {@code X-Webhook-Event} (and seed 002's {@code X-V2K-Event}) name the event as the
     * envelope does.
     */
    private OutboundMessage.Http webhook(String deliveryId, URI url, Endpoint endpoint, Event event) {
        DeliveryProfile profile = endpoint.deliveryProfile();
        byte[] body = envelopes.write(event, endpoint);
        String eventName = envelopes.eventName(profile, event.type);
        Map<String, String> custom = customHeaders.of(endpoint);
        Map<String, String> headers = new LinkedHashMap<>(custom);
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "Hookgate/1");
        headers.put("X-Webhook-Event", eventName);
        if (profile == DeliveryProfile.SEED002) {
            headers.put("X-V2K-Event", eventName);
        }
        headers.putAll(OutboundSigner.headers(profile, deliveryId, System.currentTimeMillis() / 1000, body, secrets(endpoint)));
        List<String> redacted = new ArrayList<>(CustomHeaders.credentials(custom));
        redacted.addAll(OutboundSigner.CREDENTIALS);
        return new OutboundMessage.Http(url, headers, body, redacted);
    }

    private List<WebhookSecret> secrets(Endpoint endpoint) {
        List<WebhookSecret> secrets = new ArrayList<>();
        secrets.add(new WebhookSecret(cipher.decrypt(endpoint.secretCiphertext)));
        if (endpoint.previousSecretCiphertext != null && endpoint.previousSecretExpiresAt != null
                && endpoint.previousSecretExpiresAt.isAfter(OffsetDateTime.now())) {
            secrets.add(new WebhookSecret(cipher.decrypt(endpoint.previousSecretCiphertext)));
        }
        return secrets;
    }

    private JsonNode tree(String text) {
        try {
            return text == null ? json.createObjectNode() : json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable JSON in event or endpoint", e);
        }
    }
}
