package io.hookgate.admin.auth;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/v1/me}: who the bearer key is (the dashboard's sign-in checks the key with it). */
@Path("/api/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tenants and API keys")
public class CallerResource {

    /** The key's id, its organisation (null for an admin key without one) and whether it is an admin key. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record Me(String keyId, String orgId, boolean admin) {
    }

    @GET
    @Operation(summary = "Who this API key is")
    public Uni<Me> me(@Context ContainerRequestContext context) {
        // a Uni, so that it runs on the event loop like the key lookup of the authentication filter before it
        Caller caller = Caller.of(context);
        return Uni.createFrom().item(new Me(caller.keyId(), caller.tenantId(), caller.admin()));
    }
}
