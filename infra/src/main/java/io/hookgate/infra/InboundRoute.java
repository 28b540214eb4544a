package io.hookgate.infra;

import java.util.List;

/**
 * One inbound provider route of the ingest artifact. Each gets its own function (same zip), so each has its own
 * concurrency, logs and alarms, and a flood on one provider cannot starve another.
 */
public record InboundRoute(String name, String path) {

    /** The ingest module's routes (src/ingest, seeds 000–003 and §6 generic sources). */
    public static final List<InboundRoute> ALL = List.of(
            new InboundRoute("ccpayment-deposit", "/api/webhook/ccpayment/deposit"),
            new InboundRoute("ccpayment-withdrawal", "/api/webhook/ccpayment/withdrawal"),
            new InboundRoute("price-update", "/api/webhook/price-update"),
            new InboundRoute("analytics-event", "/api/webhook/analytics/event"),
            new InboundRoute("sources", "/api/webhook/sources/{sourceId}"));
}
