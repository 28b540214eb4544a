package io.hookgate.ingest.price;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookgate.event.Announcement;
import io.hookgate.event.EventJournal;
import io.hookgate.event.NewEvent;
import io.hookgate.ingest.common.WebhookError;
import io.hookgate.ingest.common.WebhookException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stores a feed's prices with their source and time, in one transaction: every quote as sent (ETH in USD, DGT in BTC)
 * and, when the update prices the credit coin in USD, every other coin's rate in the credit coin (ETH in DGT =
 * ETH's USD price / DGT's USD price), which deposits convert with. An observation already stored is skipped, so a
 * replayed update changes nothing; a new one also emits {@code price.updated}.
 */
@ApplicationScoped
public class PriceService {

    static final String USD = "USD";
    private static final MathContext PRECISION = new MathContext(30);

    private final PriceFeedConfig config;
    private final EventJournal journal;
    private final ObjectMapper json;

    public PriceService(PriceFeedConfig config, EventJournal journal, ObjectMapper json) {
        this.config = config;
        this.journal = journal;
        this.json = json;
    }

    /** What an update stored: how many prices as sent and derived, and what to announce (nothing when nothing was new). */
    public record Stored(int stored, int derived, Announcement announcement) {
    }

    private record Row(String coin, String quote, BigDecimal price, String source) {
    }

    @WithTransaction
    public Uni<Stored> store(String source, Instant observedAt, Map<String, Map<String, BigDecimal>> quotes, JsonNode rawPrices) {
        List<Row> sent = new ArrayList<>();
        quotes.forEach((coin, byQuote) -> byQuote.forEach((quote, price) -> sent.add(new Row(coin, quote, price, source))));
        List<Row> derived = derived(source, quotes);
        OffsetDateTime at = observedAt.atOffset(ZoneOffset.UTC);
        return Panache.getSession().chain(session -> refuseDeviations(session, source, sent, at)
                .chain(() -> insertAll(session, sent, at)).chain(storedCount -> insertAll(session, derived, at)
                .chain(derivedCount -> storedCount + derivedCount == 0
                        ? Uni.createFrom().item(new Stored(0, 0, Announcement.NONE))
                        : event(session, source, observedAt, rawPrices).map(announced -> new Stored(storedCount, derivedCount, announced)))));
    }

    /** Each coin's rate in the credit coin, from both priced in USD. */
    private List<Row> derived(String source, Map<String, Map<String, BigDecimal>> quotes) {
        BigDecimal creditInUsd = quotes.getOrDefault(config.creditCoin(), Map.of()).get(USD);
        List<Row> rows = new ArrayList<>();
        if (creditInUsd == null) {
            return rows;
        }
        quotes.forEach((coin, byQuote) -> {
            BigDecimal usd = byQuote.get(USD);
            if (usd != null && !coin.equals(config.creditCoin())) {
                rows.add(new Row(coin, config.creditCoin(), usd.divide(creditInUsd, PRECISION), source + "/derived"));
            }
        });
        return rows;
    }

    /** Refuses the update (WEBHOOK_007, nothing stored) when a quote is too far from the feed's recent price of its pair. */
    private Uni<Void> refuseDeviations(Mutiny.Session session, String source, List<Row> sent, OffsetDateTime at) {
        if (config.maxDeviation().signum() <= 0 || sent.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return session.<Object[]>createNativeQuery("""
                        select distinct on (coin, quote) coin, quote, price from price
                        where source = :source and coin in (:coins) and observed_at between :since and :at
                        order by coin, quote, observed_at desc""", Object[].class)
                .setParameter("source", source).setParameter("coins", sent.stream().map(Row::coin).distinct().toList())
                .setParameter("since", at.minus(config.deviationWindow())).setParameter("at", at)
                .getResultList()
                .invoke(previous -> {
                    Map<String, BigDecimal> last = new LinkedHashMap<>();
                    previous.forEach(row -> last.put(row[0] + "/" + row[1], (BigDecimal) row[2]));
                    for (Row row : sent) {
                        BigDecimal before = last.get(row.coin() + "/" + row.quote());
                        if (before == null || before.signum() <= 0) {
                            continue;
                        }
                        BigDecimal move = row.price().subtract(before).abs().divide(before, PRECISION);
                        if (move.compareTo(config.maxDeviation()) > 0) {
                            throw new WebhookException(WebhookError.WEBHOOK_007, "prices." + row.coin() + "." + row.quote().toLowerCase()
                                    + " is " + move.movePointRight(2).setScale(0, java.math.RoundingMode.HALF_UP) + " % away from the feed's price "
                                    + before.stripTrailingZeros().toPlainString() + " of the last " + config.deviationWindow().toMinutes()
                                    + " minutes; the update was not stored");
                        }
                    }
                })
                .replaceWithVoid();
    }

    private Uni<Integer> insertAll(Mutiny.Session session, List<Row> rows, OffsetDateTime at) {
        Uni<Integer> count = Uni.createFrom().item(0);
        for (Row row : rows) {
            count = count.chain(sofar -> session.createNativeQuery("""
                            insert into price (coin, quote, price, source, observed_at) values (:coin, :quote, :price, :source, :at)
                            on conflict (coin, quote, source, observed_at) do nothing""")
                    .setParameter("coin", row.coin()).setParameter("quote", row.quote()).setParameter("price", row.price())
                    .setParameter("source", row.source()).setParameter("at", at)
                    .executeUpdate()
                    .map(inserted -> sofar + inserted));
        }
        return count;
    }

    private Uni<Announcement> event(Mutiny.Session session, String source, Instant observedAt, JsonNode rawPrices) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("source", source);
        data.put("timestamp", observedAt.toString());
        data.put("prices", rawPrices);
        return journal.append(session, NewEvent.webhook(config.tenantId(), "price.updated", "price-feed:" + source, write(data)))
                .map(Announcement::of);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
