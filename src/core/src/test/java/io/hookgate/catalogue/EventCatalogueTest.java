package io.hookgate.catalogue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventCatalogueTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final EventCatalogue CATALOGUE = new EventCatalogue(JSON);

    @Test
    void coversTheEventTypesOfEverySeed() {
        Set<String> names = CATALOGUE.all().stream().map(EventType::name).collect(Collectors.toSet());
        for (String expected : List.of(
                // seed 003, six categories
                "user.created", "user.profile_updated", "subscription.payment_failed", "invoice.overdue", "organization.deleted",
                "device.alert", "alert.resolved",
                // seed 001
                "order.cancelled", "product.deleted", "vendor.status_changed", "certificate.transferred", "payment.processed",
                // seed 002
                "trade.completed", "royalty.claimed", "portfolio.updated", "user.kyc.approved", "user.kyc.rejected",
                // seed 004
                "pitch.liked", "nda.signed", "investment.funded", "message.read",
                // seed 000 and inbound-derived
                "deposit.confirmed", "withdrawal.completed", "withdrawal.failed", "wallet.balance_updated", "forum.thread_created",
                "xp.awarded", "user.level_up", "achievement.unlocked", "user.moderated", "system.announcement", "endpoint.disabled",
                // issue 18: operational
                "endpoint.circuit_opened", "endpoint.circuit_closed", "delivery.exhausted", "endpoint.enabled", "security.signature_failures", "security.ip_blocked",
                "security.source_blocked", "endpoint.degraded", "endpoint.recovered")) {
            assertTrue(names.contains(expected), expected);
        }
        assertEquals(30, CATALOGUE.all().stream().filter(t -> Set.of("user", "subscription", "billing", "organization", "device", "monitoring")
                .contains(t.category()) && !Set.of("user.verified", "payment.processed").contains(t.name())).count(),
                "seed 003's 30 types in its 6 categories");
    }

    @Test
    void everyExampleSatisfiesItsOwnSchema() {
        for (EventType type : CATALOGUE.all()) {
            assertEquals(List.of(), CATALOGUE.violations(type, type.example()), type.name());
            assertFalse(type.description().isBlank(), type.name());
        }
    }

    @Test
    void aPayloadThatBreaksTheSchemaIsReported() throws Exception {
        EventType deposit = CATALOGUE.resolve("deposit.confirmed").orElseThrow();
        List<String> violations = CATALOGUE.violations(deposit, JSON.readTree("{\"userId\": 1}"));
        assertFalse(violations.isEmpty());
        assertFalse(CATALOGUE.violations(deposit, JSON.readTree("[1, 2]")).isEmpty(), "a payload is an object");
    }

    @Test
    void seedZeroUnderscoreNamesAreAliases() {
        assertEquals("user.level_up", CATALOGUE.resolve("level_up").orElseThrow().name());
        assertEquals("wallet.balance_updated", CATALOGUE.resolve("balance_update").orElseThrow().name());
        assertEquals("deposit.confirmed", CATALOGUE.normalizeSubscription("deposit_confirmed").orElseThrow());
        assertTrue(CATALOGUE.resolve("no.such_event").isEmpty());
    }

    @Test
    void subscriptionsMatchExactlyByWildcardAndByCategory() {
        assertTrue(CATALOGUE.matches("*", "order.created"));
        assertTrue(CATALOGUE.matches("user.*", "user.kyc.approved"));
        assertTrue(CATALOGUE.matches("billing.*", "invoice.paid"), "a category wildcard");
        assertFalse(CATALOGUE.matches("user.*", "order.created"));
        assertFalse(CATALOGUE.matches("order.created", "order.updated"));
        assertTrue(CATALOGUE.normalizeSubscription("billing.*").isPresent());
        assertTrue(CATALOGUE.normalizeSubscription("nothing.*").isEmpty());
    }

    @Test
    void inboundSourceEventsAreAnOpenFamilyDescribedBySourceStar() {
        assertEquals("source.*", CATALOGUE.resolve("source.stripe.payment_intent.succeeded").orElseThrow().name());
        assertEquals("source.*", CATALOGUE.resolve("source.github.pull_request").orElseThrow().name());
        assertTrue(CATALOGUE.resolve("source.Stripe.x").isEmpty(), "source names are lower case");
        assertTrue(CATALOGUE.resolve("source.stripe").isEmpty(), "a provider type is required");
        assertTrue(CATALOGUE.resolve("source.stripe.has space").isEmpty());

        assertEquals("source.stripe.charge.refunded", CATALOGUE.normalizeSubscription("source.stripe.charge.refunded").orElseThrow());
        assertEquals("source.stripe.*", CATALOGUE.normalizeSubscription("source.stripe.*").orElseThrow());
        assertEquals("source.*", CATALOGUE.normalizeSubscription("source.*").orElseThrow());

        assertTrue(CATALOGUE.matches("source.*", "source.stripe.charge.refunded"));
        assertTrue(CATALOGUE.matches("source.stripe.*", "source.stripe.charge.refunded"));
        assertTrue(CATALOGUE.matches("source.stripe.charge.*", "source.stripe.charge.refunded"));
        assertFalse(CATALOGUE.matches("source.github.*", "source.stripe.charge.refunded"));
        assertFalse(CATALOGUE.matches("source.*", "deposit.confirmed"));
        assertFalse(CATALOGUE.matches("wallet.*", "source.stripe.charge.refunded"));

        var data = JSON.createObjectNode().put("sourceId", "src_1").put("source", "stripe").put("sourceEventType", "charge.refunded")
                .put("sourceEventId", "evt_1").put("receivedAt", "2025-01-01T12:00:00Z").put("verifiedBy", "stripe");
        data.putObject("payload").put("id", "evt_1");
        CATALOGUE.requireValid("source.stripe.charge.refunded", data);
        data.remove("sourceEventId");
        org.junit.jupiter.api.Assertions.assertThrows(InvalidEventException.class, () -> CATALOGUE.requireValid("source.stripe.charge.refunded", data));
    }
}
