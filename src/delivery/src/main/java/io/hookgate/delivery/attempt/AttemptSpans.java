package io.hookgate.delivery.attempt;

import io.hookgate.delivery.channel.OutboundMessage;
import io.hookgate.trace.TraceParents;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * One span per delivery attempt, a child of the trace its event was appended in (the inbound request's), so one trace
 * runs from the provider's call to every attempt at every endpoint; the receiver gets the attempt's own context in a
 * {@code traceparent} header. Spans are no-ops, and nothing is added, while tracing is off.
 */
@ApplicationScoped
public class AttemptSpans {

    private final Tracer tracer;

    public AttemptSpans(Tracer tracer) {
        this.tracer = tracer;
    }

    /** Starts the attempt's span under the event's stored context; make it current around the call. */
    Span start(PreparedAttempt prepared) {
        Span span = tracer.spanBuilder("deliver " + prepared.eventType())
                .setParent(TraceParents.parent(prepared.traceParent()))
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute("hookgate.delivery.id", prepared.deliveryId())
                .setAttribute("hookgate.endpoint.id", prepared.endpointId())
                .setAttribute("hookgate.attempt.number", prepared.attemptNumber())
                .startSpan();
        if (prepared.message() instanceof OutboundMessage.Http http) {
            // the host only: a URL's path or query may hold a receiver's token
            span.setAttribute("server.address", http.url().getHost());
        }
        return span;
    }

    /** The message with the span's context for the receiver, when the attempt is traced and goes over HTTP. */
    static OutboundMessage propagated(OutboundMessage message, Span span) {
        String traceParent = TraceParents.of(io.opentelemetry.context.Context.current().with(span));
        return traceParent != null && message instanceof OutboundMessage.Http http
                ? http.withHeader(TraceParents.header(), traceParent) : message;
    }

    /** Ends the span with the attempt's outcome; answers its trace id for the attempt log, or null when not traced. */
    static String end(Span span, AttemptOutcome outcome) {
        if (outcome.status() != null) {
            span.setAttribute("http.response.status_code", outcome.status());
        }
        if (!outcome.succeeded()) {
            span.setStatus(StatusCode.ERROR, outcome.error() != null ? outcome.error() : "HTTP " + outcome.status());
        }
        span.end();
        return span.getSpanContext().isValid() ? span.getSpanContext().getTraceId() : null;
    }
}
