package io.hookgate.admin.source;

import io.hookgate.admin.auth.Caller;
import io.hookgate.admin.common.ApiException;
import io.hookgate.admin.common.Page;
import io.hookgate.admin.common.Problem;
import io.hookgate.admin.common.Tenants;
import io.hookgate.core.Ids;
import io.hookgate.core.RandomBytes;
import io.hookgate.signing.SecretCipher;
import io.hookgate.signing.WebhookSecret;
import io.hookgate.source.InboundSource;
import io.hookgate.source.ValueLocation;
import io.hookgate.source.VerificationScheme;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Registers, changes and removes inbound sources. Admin only: every method expects an admin caller. */
@ApplicationScoped
public class SourceService {

    static final String RECEIVE_PATH = "/api/webhook/sources/";

    private final SecretCipher cipher;

    public SourceService(SecretCipher cipher) {
        this.cipher = cipher;
    }

    @WithTransaction
    public Uni<SourceView> create(Caller caller, SourceRequests.Create request) {
        String tenantId = caller.owningTenant(request.orgId());
        VerificationScheme scheme = VerificationScheme.of(request.scheme()).orElseThrow(() -> ApiException.invalid("scheme",
                "must be one of standard_webhooks, stripe, github, hmac_hex, hmac_base64"));
        String secret = request.secret() != null ? checkedSecret(scheme, request.secret()) : generatedSecret(scheme);
        InboundSource source = new InboundSource();
        source.id = Ids.next("src");
        source.tenantId = tenantId;
        source.name = request.name();
        source.description = request.description();
        source.scheme = scheme.wireName();
        source.secretCiphertext = cipher.encrypt(secret);
        source.signatureHeader = request.signatureHeader();
        source.signaturePrefix = request.signaturePrefix();
        source.timestampToleranceSeconds = request.timestampToleranceSeconds() == null ? 300 : request.timestampToleranceSeconds();
        source.eventTypeFrom = request.eventTypeFrom() == null ? scheme.defaultEventTypeFrom() : request.eventTypeFrom();
        source.dedupeIdFrom = request.dedupeIdFrom() == null ? scheme.defaultDedupeIdFrom() : request.dedupeIdFrom();
        source.acceptedEvents = accepted(request.acceptedEvents());
        source.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        source.updatedAt = source.createdAt;
        check(source);
        return Tenants.requireExists(tenantId)
                .chain(() -> InboundSource.count("name", source.name))
                .chain(taken -> {
                    if (taken > 0) {
                        throw new ApiException(409, "source_name_taken", "A source named " + source.name + " exists; names are unique");
                    }
                    return source.<InboundSource>persistAndFlush();
                })
                .map(saved -> view(saved, request.secret() == null ? secret : null));
    }

    @WithSession
    public Uni<Page<SourceView>> list(String startingAfter, int limit) {
        return InboundSource.<InboundSource>find("id > ?1 order by id", startingAfter == null ? "" : startingAfter)
                .page(0, limit + 1).list()
                .map(rows -> Page.of(rows, limit, s -> view(s, null), s -> s.id));
    }

    @WithSession
    public Uni<SourceView> get(String id) {
        return find(id).map(s -> view(s, null));
    }

    @WithTransaction
    public Uni<SourceView> update(String id, SourceRequests.Update request) {
        return find(id).map(source -> {
            if (request.description() != null) {
                source.description = request.description();
            }
            if (request.signatureHeader() != null) {
                source.signatureHeader = request.signatureHeader().isBlank() ? null : request.signatureHeader();
            }
            if (request.signaturePrefix() != null) {
                source.signaturePrefix = request.signaturePrefix().isEmpty() ? null : request.signaturePrefix();
            }
            if (request.timestampToleranceSeconds() != null) {
                source.timestampToleranceSeconds = request.timestampToleranceSeconds();
            }
            if (request.eventTypeFrom() != null) {
                source.eventTypeFrom = request.eventTypeFrom();
            }
            if (request.dedupeIdFrom() != null) {
                source.dedupeIdFrom = request.dedupeIdFrom();
            }
            if (request.acceptedEvents() != null) {
                source.acceptedEvents = accepted(request.acceptedEvents());
            }
            if (request.enabled() != null) {
                source.enabled = request.enabled();
            }
            check(source);
            source.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
            return view(source, null);
        });
    }

    /** Replaces the secret at once: calls signed with the old one are refused from the next policy refresh. */
    @WithTransaction
    public Uni<SourceView> rotateSecret(String id, String given) {
        return find(id).map(source -> {
            VerificationScheme scheme = VerificationScheme.of(source.scheme).orElseThrow();
            String secret = given != null ? checkedSecret(scheme, given) : generatedSecret(scheme);
            source.secretCiphertext = cipher.encrypt(secret);
            source.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
            return view(source, given == null ? secret : null);
        });
    }

    /** Removes the source and its policy; its events and receipts stay for history. */
    @WithTransaction
    public Uni<Void> delete(String id) {
        return find(id).chain(source -> Panache.getSession()
                .chain(session -> session.createNativeQuery("delete from source_policy where source = :id").setParameter("id", id).executeUpdate())
                .chain(() -> source.delete()));
    }

    private Uni<InboundSource> find(String id) {
        return InboundSource.<InboundSource>findById(id).onItem().ifNull().failWith(() -> ApiException.notFound("source", id));
    }

    private static void check(InboundSource source) {
        List<Problem.FieldError> errors = new ArrayList<>();
        VerificationScheme scheme = VerificationScheme.of(source.scheme).orElseThrow();
        if (scheme.needsSignatureHeader() && (source.signatureHeader == null || source.signatureHeader.isBlank())) {
            errors.add(new Problem.FieldError("signatureHeader", "required for " + scheme.wireName() + ": the header carrying the signature"));
        }
        if (source.signatureHeader != null && !source.signatureHeader.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}")) {
            errors.add(new Problem.FieldError("signatureHeader", "not a header name"));
        }
        location("eventTypeFrom", source.eventTypeFrom, errors);
        location("dedupeIdFrom", source.dedupeIdFrom, errors);
        if (!errors.isEmpty()) {
            throw new ApiException(422, "validation_failed", "The request has invalid fields", errors);
        }
    }

    private static void location(String field, String value, List<Problem.FieldError> errors) {
        try {
            ValueLocation.parse(value);
        } catch (IllegalArgumentException e) {
            errors.add(new Problem.FieldError(field, e.getMessage()));
        }
    }

    private static String checkedSecret(VerificationScheme scheme, String secret) {
        if (scheme == VerificationScheme.STANDARD_WEBHOOKS) {
            try {
                WebhookSecret given = new WebhookSecret(secret);
                if (!given.standardForm() || given.standardKey().length < 16) {
                    throw new IllegalArgumentException("too short");
                }
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid("secret", "a Standard Webhooks secret is whsec_ followed by base64 of at least 16 bytes");
            }
        }
        return secret;
    }

    private static String generatedSecret(VerificationScheme scheme) {
        return switch (scheme) {
            case STANDARD_WEBHOOKS -> WebhookSecret.generate().value();
            case STRIPE -> throw ApiException.invalid("secret", "Stripe creates the signing secret (whsec_…): copy it from the "
                    + "endpoint's page in the Stripe Dashboard");
            default -> {
                byte[] key = RandomBytes.next(32);
                yield HexFormat.of().formatHex(key);
            }
        };
    }

    private static String[] accepted(List<String> types) {
        return types == null || types.isEmpty() ? null : types.stream().distinct().toArray(String[]::new);
    }

    static SourceView view(InboundSource s, String secret) {
        return new SourceView(s.id, s.tenantId, s.name, s.description, s.scheme, RECEIVE_PATH + s.id, s.eventTypePrefix(),
                s.signatureHeader, s.signaturePrefix, s.timestampToleranceSeconds, s.eventTypeFrom, s.dedupeIdFrom,
                s.acceptedEvents == null ? null : List.of(s.acceptedEvents), s.enabled, s.createdAt, s.updatedAt, secret);
    }
}
