package io.hookgate.admin.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.hookgate.core.input.RequestJson;
import jakarta.inject.Singleton;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * The ObjectMapper the admin API reads bodies with: core's {@link RequestJson} boundary, plus one rule of its own.
 * The admin API's fields are documented with their types, so a number where a string is documented (a tenant
 * {@code name} of {@code 123}) is refused rather than quietly turned into text; providers' payloads, where numeric ids
 * are normal, keep the boundary's default.
 */
@Provider
@Singleton
public class AdminJson implements ContextResolver<ObjectMapper> {

    private final ObjectMapper mapper;

    public AdminJson(@RequestJson ObjectMapper requests) {
        this.mapper = requests.copy();
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
    }

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return mapper;
    }

    public ObjectMapper mapper() {
        return mapper;
    }
}
