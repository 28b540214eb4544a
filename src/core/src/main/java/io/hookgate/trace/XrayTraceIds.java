package io.hookgate.trace;

import io.opentelemetry.sdk.trace.IdGenerator;
import jakarta.inject.Singleton;

/**
 * Trace ids AWS X-Ray accepts as its own: the first 8 hex digits are the trace's start in epoch seconds, the other 24
 * random (X-Ray refuses a trace whose time part is far from now). Still plain W3C ids to every other backend. The
 * OpenTelemetry SDK takes this bean as its id generator. Written here because opentelemetry-aws-xray, which has one,
 * does not resolve from this build's Maven mirror (docs/observability.md).
 */
@Singleton
public class XrayTraceIds implements IdGenerator {

    private static final IdGenerator RANDOM = IdGenerator.random();

    @Override
    public String generateSpanId() {
        return RANDOM.generateSpanId();
    }

    @Override
    public String generateTraceId() {
        return String.format("%08x", System.currentTimeMillis() / 1000) + RANDOM.generateTraceId().substring(8);
    }
}
