package io.hookgate.admin.endpoint;

import io.hookgate.endpoint.PrivateAddresses;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Resolves an endpoint URL's host when it is registered: the private address it reaches, if any. DNS blocks, so it
 * runs on a worker thread.
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
     * The first private or loopback address the host resolves to, or empty; fails with {@link Unresolvable}. Bounded
     * by {@code @Timeout}: a name server that does not answer would otherwise hold the request as long as the system
     * resolver retries, past the admin function's and API Gateway's 30 s; the caller answers 422 instead. (The
     * worker's lookup itself cannot be interrupted and ends when the resolver gives up.)
     */
    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    public Uni<Optional<InetAddress>> privateAddressOf(String host) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            try {
                InetAddress.getAllByName(host);
            } catch (UnknownHostException e) {
                throw new Unresolvable(host);
            }
            return PrivateAddresses.privateAddressOf(host);
        }));
    }
}
