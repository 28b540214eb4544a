package io.hookgate.admin.endpoint;

import io.hookgate.core.input.KnownFieldsOnly;
import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Size;

/**
 * The optional body of a test send. {@code event} defaults to {@code test.event}; {@code data} defaults to
 * {@code {"message": "This is a test webhook delivery"}} for it, or to the catalogue's example of another type. Seed
 * 000's {@code testData} and seed 004's {@code test_payload} are accepted for {@code data}.
 */
@RegisterForReflection
@KnownFieldsOnly
public record TestSendRequest(
        @Size(max = 200) String event,
        @JsonAlias({"testData", "test_payload"}) JsonNode data) {
}
