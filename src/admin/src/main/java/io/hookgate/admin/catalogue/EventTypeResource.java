package io.hookgate.admin.catalogue;

import io.hookgate.admin.common.Problem;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import io.hookgate.catalogue.EventCatalogue;
import io.hookgate.catalogue.EventType;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** {@code GET /api/v1/webhooks/events/available}: the event catalogue, with each type's schema and example (seed 003). */
@Path("/api/v1/webhooks/events/available")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks")
public class EventTypeResource {

    /** The catalogue, optionally one category of it, and every category with its number of types. */
    @RegisterForReflection
    public record Catalogue(List<EventType> data, Map<String, Long> categories) {
    }

    private final EventCatalogue catalogue;

    public EventTypeResource(EventCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @GET
    @Operation(summary = "List the event types endpoints can subscribe to",
            description = "Subscribe with a type, an alias, `category.*` or `prefix.*`, or `*` for everything.")
    public Uni<Catalogue> available(@QueryParam("category") String category) {
        List<EventType> types = catalogue.all().stream()
                .filter(t -> category == null || category.isBlank() || t.category().equals(category))
                .toList();
        Map<String, Long> categories = catalogue.all().stream()
                .collect(Collectors.groupingBy(EventType::category, TreeMap::new, Collectors.counting()));
        return Uni.createFrom().item(new Catalogue(types, categories));
    }
}
