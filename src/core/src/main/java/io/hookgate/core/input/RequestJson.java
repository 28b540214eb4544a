package io.hookgate.core.input;

import jakarta.inject.Qualifier;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The ObjectMapper that reads what callers send (request bodies, provider payloads, socket frames), as
 * {@link StrictJson} shapes it. The unqualified ObjectMapper stays lenient: it also reads the Lambda runtime's own
 * event envelopes, in which a caller's body or decoded query is a string (and may legitimately carry characters the
 * boundary refuses in the caller's own JSON).
 */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE})
public @interface RequestJson {
}
