package io.hookgate.ingest.common;

import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.Map;

/** Seed 000's success envelope {@code {success: true, data}}, with the request id header. */
public final class Answers {

    private Answers() {
    }

    public static Response ok(Object data, String requestId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("data", data);
        return Response.ok(body).header(RequestId.HEADER, requestId).build();
    }
}
