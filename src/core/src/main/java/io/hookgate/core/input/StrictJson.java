package io.hookgate.core.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.io.IOException;

/**
 * The one input boundary for JSON (DESIGN §6.11): every module reads request bodies, provider payloads and socket
 * frames through the {@link RequestJson} ObjectMapper this produces, so the limits hold on every route without a line
 * in any of them. It is a copy of the application's ObjectMapper (same modules and money settings) with its own
 * JsonFactory, so the limits never touch what the runtime itself reads (Lambda event envelopes, queue messages).
 * Documents must be strict JSON (nothing after the value, no duplicate field), within {@link InputLimits}, free of NUL
 * and of absurd exponents ({@link ScanningInput}); a boolean or a decimal is never silently turned into a string or an
 * integer; a {@link KnownFieldsOnly} body refuses fields it does not know.
 */
@ApplicationScoped
public class StrictJson {

    @Produces
    @Singleton
    @RequestJson
    ObjectMapper requestJson(ObjectMapper application) {
        return configure(application.copy());
    }

    /** Shapes {@code mapper} (its own copy: the factory is changed) into the boundary; answers it. */
    public static ObjectMapper configure(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(InputLimits.MAX_DEPTH)
                .maxNumberLength(InputLimits.MAX_NUMBER_LENGTH)
                .maxStringLength(InputLimits.MAX_STRING_LENGTH)
                .maxNameLength(InputLimits.MAX_NAME_LENGTH)
                .build());
        mapper.getFactory().setInputDecorator(new ScanningInput());
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.addHandler(new UnknownFields());
        return mapper;
    }

    /** Refuses an unknown field of a {@link KnownFieldsOnly} body; elsewhere lets Jackson's setting decide. */
    static final class UnknownFields extends DeserializationProblemHandler {
        @Override
        public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser, JsonDeserializer<?> deserializer,
                                             Object beanOrClass, String name) throws IOException {
            Class<?> type = beanOrClass instanceof Class<?> c ? c : beanOrClass.getClass();
            if (type.isAnnotationPresent(KnownFieldsOnly.class)) {
                throw UnrecognizedPropertyException.from(parser, beanOrClass, name, deserializer.getKnownPropertyNames());
            }
            return false;
        }
    }
}
