package io.hookgate.delivery.channel;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders emails with the Qute templates in {@code templates/email}: seed 000's six templates for the events they
 * describe and for the admin email send, and a generic template listing the fields of any other event.
 */
@ApplicationScoped
class EmailMessages {

    static final String EMAIL_SEND = "notification.email";
    static final List<String> TEMPLATES = List.of("deposit_confirmed", "withdrawal_approved", "level_up", "achievement_unlocked",
            "security_alert", "suspension_notice");
    private static final Map<String, String> TEMPLATE_OF_TYPE = Map.of(
            "deposit.confirmed", "deposit_confirmed",
            "withdrawal.completed", "withdrawal_approved",
            "user.level_up", "level_up",
            "achievement.unlocked", "achievement_unlocked",
            "user.moderated", "suspension_notice");
    private static final String GENERIC = "event";
    private static final List<String> TEMPLATE_KEYS = List.of("username", "amount", "coin", "txHash", "newBalance", "fee",
            "newLevel", "xp", "achievement", "event", "ip", "time", "reason", "until");

    private final Engine qute;
    private final ObjectMapper json;

    EmailMessages(Engine qute, ObjectMapper json) {
        this.qute = qute;
        this.json = json;
    }

    /** An admin's email send goes to its own recipient; any other event to the endpoint's {@code mailto:} list. */
    OutboundMessage.Email email(URI mailto, EventSummary event, JsonNode data) {
        if (EMAIL_SEND.equals(event.type())) {
            return render(data.path("template").asText(), List.of(data.path("to").asText()), Map.of("data", model(data.path("data"))));
        }
        String template = TEMPLATE_OF_TYPE.getOrDefault(event.type(), GENERIC);
        Map<String, Object> values = Map.of("data", model(data), "type", event.type(), "description", event.description(),
                "eventId", event.eventId(), "fields", event.fields());
        return render(template, recipients(mailto), values);
    }

    /** The addresses of {@code mailto:a@example.com,b@example.com}. */
    static List<String> recipients(URI mailto) {
        String addresses = mailto.getSchemeSpecificPart();
        int query = addresses.indexOf('?');
        return Arrays.stream((query < 0 ? addresses : addresses.substring(0, query)).split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private OutboundMessage.Email render(String name, List<String> to, Map<String, Object> values) {
        String template = TEMPLATES.contains(name) ? name : GENERIC;
        return new OutboundMessage.Email(to, instance(template + "-subject", values).strip(), instance(template, values));
    }

    private String instance(String name, Map<String, Object> values) {
        Template template = qute.getTemplate("email/" + name);
        if (template == null) {
            throw new IllegalStateException("missing email template " + name);
        }
        var instance = template.instance();
        values.forEach(instance::data);
        return instance.render();
    }

    /**
     * The templates' view of the data: every key the templates read is present (null when missing, so a template
     * shows its fallback), and the event payloads' names map onto the email send's (a deposit's credited DGT is its
     * {@code amount}, {@code transactionHash} is {@code txHash}, an achievement object shows its name).
     */
    private Map<String, Object> model(JsonNode data) {
        Map<String, Object> model = new HashMap<>();
        if (data != null && data.isObject()) {
            model.putAll(json.convertValue(data, new TypeReference<Map<String, Object>>() { }));
        }
        TEMPLATE_KEYS.forEach(key -> model.putIfAbsent(key, null));
        if (model.get("credited") != null) {
            model.put("amount", model.get("credited"));
            model.put("coin", model.getOrDefault("creditCoin", model.get("coin")));
        }
        model.computeIfAbsent("txHash", key -> model.get("transactionHash"));
        if (model.get("achievement") instanceof Map<?, ?> achievement && achievement.get("name") != null) {
            model.put("achievement", achievement.get("name"));
        }
        return model;
    }
}
