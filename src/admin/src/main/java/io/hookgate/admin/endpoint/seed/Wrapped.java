package io.hookgate.admin.endpoint.seed;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Seed 000's answer wrapping: {@code {"success": true, "data": …}}. */
@RegisterForReflection
public record Wrapped<T>(boolean success, T data) {

    public static <T> Wrapped<T> of(T data) {
        return new Wrapped<>(true, data);
    }
}
