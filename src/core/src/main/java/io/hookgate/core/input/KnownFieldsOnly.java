package io.hookgate.core.input;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a request body whose fields the API documents: a field it does not know is refused (admin 422 naming it)
 * instead of being dropped without a word. Provider payloads are not marked: providers add fields as they please.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface KnownFieldsOnly {
}
