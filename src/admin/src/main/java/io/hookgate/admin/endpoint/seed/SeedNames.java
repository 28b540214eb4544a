package io.hookgate.admin.endpoint.seed;

import io.hookgate.catalogue.EventCatalogue;
import io.hookgate.catalogue.EventType;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Event type names as seed 000's clients know them: its snake_case alias where the catalogue has one. */
@ApplicationScoped
public class SeedNames {

    private final EventCatalogue catalogue;

    public SeedNames(EventCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    public String seed000(String type) {
        return catalogue.resolve(type).map(EventType::aliases).filter(a -> !a.isEmpty()).map(List::getFirst).orElse(type);
    }

    public List<String> seed000(List<String> types) {
        return types.stream().map(this::seed000).toList();
    }
}
