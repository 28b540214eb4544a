package io.hookgate.trace;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A span's W3C trace context as one {@code traceparent} string, the form in which an event row keeps the context of the
 * request that appended it (V23): fan-out messages pack events of many requests, so the context travels with each
 * event rather than with the message, and the fan-out and every delivery attempt continue the event's trace.
 */
public final class TraceParents {

    private static final String HEADER = "traceparent";

    private static final TextMapGetter<String> ONE_VALUE = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of(HEADER);
        }

        @Override
        public String get(String carrier, String key) {
            return HEADER.equals(key) ? carrier : null;
        }
    };

    private TraceParents() {
    }

    /** The current span's {@code traceparent}, or null when there is none (tracing off, or outside any span). */
    public static String current() {
        return of(Context.current());
    }

    /** The {@code traceparent} of the span in {@code context}, or null when it holds no valid span. */
    public static String of(Context context) {
        if (!Span.fromContext(context).getSpanContext().isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>(2);
        W3CTraceContextPropagator.getInstance().inject(context, carrier, Map::put);
        return carrier.get(HEADER);
    }

    /** The context to continue from a stored {@code traceparent}; the current one when none was stored or it is unreadable. */
    public static Context parent(String traceParent) {
        if (traceParent == null) {
            return Context.current();
        }
        Context extracted = W3CTraceContextPropagator.getInstance().extract(Context.root(), traceParent, ONE_VALUE);
        SpanContext span = Span.fromContext(extracted).getSpanContext();
        return span.isValid() ? extracted : Context.current();
    }

    /** The name of the header that carries the context to a receiver. */
    public static String header() {
        return HEADER;
    }
}
