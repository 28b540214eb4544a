package io.hookgate.admin.common;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;
import java.util.function.Function;

/** One page of a list: the items, whether more follow, and the cursor to pass as {@code starting_after} for them. */
@RegisterForReflection
public record Page<T>(List<T> data, boolean hasMore, String nextCursor) {

    /** Builds a page from {@code limit + 1} fetched rows: the extra row only tells that more exist. */
    public static <R, T> Page<T> of(List<R> rows, int limit, Function<R, T> view, Function<R, String> id) {
        boolean more = rows.size() > limit;
        List<R> shown = more ? rows.subList(0, limit) : rows;
        return new Page<>(shown.stream().map(view).toList(), more, more ? id.apply(shown.getLast()) : null);
    }
}
