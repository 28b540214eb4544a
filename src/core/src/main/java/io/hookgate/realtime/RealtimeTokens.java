package io.hookgate.realtime;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** Issues and verifies the short-lived HS256 JWTs that authenticate a realtime WebSocket as one user. */
@ApplicationScoped
public class RealtimeTokens {

    /** Realtime token settings. */
    @ConfigMapping(prefix = "hookgate.realtime")
    public interface Config {

        /**
         * Base64 of at least 32 bytes: the HMAC key shared by the token issuer (admin) and the realtime service; the
         * deployables that neither issue nor check tokens (ingest, delivery) are not given it.
         */
        Optional<String> tokenSecret();

        /** How long an issued token stays valid. */
        @WithDefault("15m")
        Duration tokenTtl();
    }

    static final String ISSUER = "hookgate";
    static final String AUDIENCE = "hookgate-realtime";

    private final HmacKey key;
    private final Duration ttl;
    private final JwtConsumer consumer;

    public RealtimeTokens(Config config) {
        byte[] raw = Base64.getDecoder().decode(config.tokenSecret().orElseThrow(() -> new IllegalStateException(
                "hookgate.realtime.token-secret is not set: the admin API and the realtime service need it (base64 of 32+ bytes)")));
        if (raw.length < 32) {
            throw new IllegalStateException("hookgate.realtime.token-secret must be base64 of at least 32 bytes");
        }
        this.key = new HmacKey(raw);
        this.ttl = config.tokenTtl();
        this.consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireSubject()
                .setExpectedIssuer(ISSUER)
                .setExpectedAudience(AUDIENCE)
                .setVerificationKey(key)
                .setJwsAlgorithmConstraints(org.jose4j.jwa.AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.HMAC_SHA256)
                .build();
    }

    /** A token for {@code userId}, valid for the configured time, with no private rooms. */
    public String issue(String userId, boolean admin) {
        return issue(userId, admin, List.of());
    }

    /**
     * A token for {@code userId}, valid for the configured time; {@code rooms} are the private rooms it may join
     * besides the public ones; {@code admin} marks an operator's connection.
     */
    public String issue(String userId, boolean admin, List<String> rooms) {
        return issue(userId, admin, rooms, ttl);
    }

    /** A token as {@link #issue(String, boolean, List)}, valid for {@code validFor} (whole seconds). */
    public String issue(String userId, boolean admin, List<String> rooms, Duration validFor) {
        try {
            JwtClaims claims = new JwtClaims();
            claims.setIssuer(ISSUER);
            claims.setAudience(AUDIENCE);
            claims.setSubject(userId);
            claims.setIssuedAtToNow();
            claims.setExpirationTimeMinutesInTheFuture(validFor.toSeconds() / 60f);
            claims.setClaim("admin", admin);
            claims.setStringListClaim("rooms", rooms);
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
            jws.setKey(key);
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("could not sign a realtime token", e);
        }
    }

    /** Who a valid token speaks for; empty when the token is forged, expired or malformed. */
    public Optional<Subject> verify(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        try {
            JwtClaims claims = consumer.processToClaims(token);
            List<String> rooms = claims.hasClaim("rooms") ? claims.getStringListClaimValue("rooms") : List.of();
            return Optional.of(new Subject(claims.getSubject(), Boolean.TRUE.equals(claims.getClaimValue("admin", Boolean.class)), rooms,
                    java.time.Instant.ofEpochSecond(claims.getExpirationTime().getValue())));
        } catch (InvalidJwtException | org.jose4j.jwt.MalformedClaimException e) {
            return Optional.empty();
        }
    }

    /** The user a token authenticates, the private rooms it may join, and when the token stops being valid. */
    public record Subject(String userId, boolean admin, List<String> rooms, java.time.Instant expiresAt) {
    }
}
