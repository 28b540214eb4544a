package io.hookgate.admin.endpoint;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Resolves an endpoint URL's host when it is registered, so its addresses can be vetted. DNS blocks, so it runs on a
 * worker thread.
 */
@ApplicationScoped
public class HostLookup {

    /** The answer to a host that does not resolve. */
    static final class Unresolvable extends RuntimeException {
        Unresolvable(String host) {
            super(host, null, false, false);
        }
    }

    private final Vertx vertx;

    public HostLookup(Vertx vertx) {
        this.vertx = vertx;
    }

    /**
     * Every address the host resolves to; fails with {@link Unresolvable}. Bounded by {@code @Timeout}: a name server
     * that does not answer would otherwise hold the request as long as the system resolver retries, past the admin
     * function's and API Gateway's 30 s; the caller answers 422 instead. (The worker's lookup itself cannot be
     * interrupted and ends when the resolver gives up.)
     */
    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    public Uni<List<InetAddress>> addressesOf(String host) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            try {
                return List.of(InetAddress.getAllByName(host));
            } catch (UnknownHostException e) {
                throw new Unresolvable(host);
            }
        }));
    }
}
