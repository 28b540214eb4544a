package io.hookgate.admin.endpoint;

import io.hookgate.core.Blocking;
import io.hookgate.endpoint.CustomHeaders;
import io.hookgate.endpoint.EndpointRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Seals the custom headers of endpoints written before headers were sealed (V19), at the admin's start: their
 * credential values leave the plain column and are shown as {@value CustomHeaders#SET} from then on. Idempotent.
 */
@ApplicationScoped
public class CustomHeaderSealer {

    private static final Logger LOG = Logger.getLogger(CustomHeaderSealer.class);

    private final EndpointRepository endpoints;
    private final CustomHeaders headers;

    CustomHeaderSealer(EndpointRepository endpoints, CustomHeaders headers) {
        this.endpoints = endpoints;
        this.headers = headers;
    }

    void onStart(@Observes StartupEvent event) {
        sealUnsealed();
    }

    /** Seals every endpoint whose headers are still plain; answers how many. */
    public int sealUnsealed() {
        int sealed = Blocking.await(() -> Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.<String>createNativeQuery(
                        "select id from endpoint where headers_ciphertext is null and headers <> '{}'::jsonb", String.class).getResultList())
                .chain(ids -> ids.isEmpty() ? io.smallrye.mutiny.Uni.createFrom().item(java.util.List.<io.hookgate.endpoint.Endpoint>of())
                        : endpoints.list("id in ?1", ids))
                .invoke(unsealed -> unsealed.forEach(endpoint -> headers.store(endpoint, headers.of(endpoint))))
                .map(java.util.List::size)));
        if (sealed > 0) {
            LOG.infof("sealed the custom headers of %d endpoints written before headers were encrypted", sealed);
        }
        return sealed;
    }
}
