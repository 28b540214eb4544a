package io.hookgate.ingest.common;

import io.hookgate.core.Ids;
import org.jboss.logging.MDC;

/** The id that ties one inbound request to its response and every log line it caused. */
public final class RequestId {

    public static final String HEADER = "X-Request-Id";
    private static final String KEY = "requestId";

    private RequestId() {
    }

    public static String begin() {
        String id = Ids.next("req");
        MDC.put(KEY, id);
        return id;
    }

    public static String current() {
        Object id = MDC.get(KEY);
        return id == null ? begin() : id.toString();
    }
}
