package io.hookgate.admin.common;

import io.hookgate.source.IpRanges;

import java.util.ArrayList;
import java.util.List;

/** A request's list of IP addresses or CIDR ranges, each checked by parsing; a 422 names every bad entry. */
public final class IpRangeFields {

    private IpRangeFields() {
    }

    /** The entries trimmed, or null for a list left out. */
    public static List<String> checked(String field, List<String> ranges) {
        if (ranges == null) {
            return null;
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        List<String> checked = new ArrayList<>();
        for (int i = 0; i < ranges.size(); i++) {
            try {
                IpRanges.parse(ranges.get(i));
                checked.add(ranges.get(i).trim());
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.FieldError(field + "[" + i + "]", e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiException(422, "validation_failed", "The request has invalid fields", errors);
        }
        return checked;
    }
}
