package io.hookgate.ingest.price;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookgate.event.Announcement;
import io.hookgate.event.EventJournal;
import io.hookgate.event.NewEvent;
import io.hookgate.ingest.common.WebhookError;
import io.hookgate.ingest.common.WebhookException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

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

    static final String RECENT = """
            select distinct on (coin, quote) coin, quote, price::text as price from price
            where source = $1 and coin = any($2) and observed_at between $3 and $4
            order by coin, quote, observed_at desc""";
    /** Every quote in one statement; an observation already stored is skipped (replays change nothing). */
    static final String INSERT = """
            insert into price (coin, quote, price, source, observed_at)
            select coin, quote, price::numeric, source, $5 from unnest($1::text[], $2::text[], $3::text[], $4::text[]) as q (coin, quote, price, source)
            on conflict (coin, quote, source, observed_at) do nothing""";

    private final PriceFeedConfig config;
    private final Pool pool;
    private final EventJournal journal;
    private final ObjectMapper json;

    public PriceService(PriceFeedConfig config, EventJournal journal, ObjectMapper json, Pool pool) {
        this.config = config;
        this.journal = journal;
        this.json = json;
        this.pool = pool;
    }

    /** What an update stored: how many prices as sent and derived, and what to announce (nothing when nothing was new). */
    public record Stored(int stored, int derived, Announcement announcement) {
    }

    private record Quote(String coin, String quote, BigDecimal price, String source) {
    }

    public Uni<Stored> store(String source, Instant observedAt, Map<String, Map<String, BigDecimal>> quotes, JsonNode rawPrices) {
        List<Quote> sent = new ArrayList<>();
        quotes.forEach((coin, byQuote) -> byQuote.forEach((quote, price) -> sent.add(new Quote(coin, quote, price, source))));
        List<Quote> derived = derived(source, quotes);
        OffsetDateTime at = observedAt.atOffset(ZoneOffset.UTC);
        return pool.withTransaction(connection -> refuseDeviations(connection, source, sent, at)
                .chain(() -> insertAll(connection, sent, at)).chain(storedCount -> insertAll(connection, derived, at)
                .chain(derivedCount -> storedCount + derivedCount == 0
                        ? Uni.createFrom().item(new Stored(0, 0, Announcement.NONE))
                        : event(connection, source, observedAt, rawPrices).map(announced -> new Stored(storedCount, derivedCount, announced)))));
    }

    /** Each coin's rate in the credit coin, from both priced in USD. */
    private List<Quote> derived(String source, Map<String, Map<String, BigDecimal>> quotes) {
        BigDecimal creditInUsd = quotes.getOrDefault(config.creditCoin(), Map.of()).get(USD);
        List<Quote> rows = new ArrayList<>();
        if (creditInUsd == null) {
            return rows;
        }
        quotes.forEach((coin, byQuote) -> {
            BigDecimal usd = byQuote.get(USD);
            if (usd != null && !coin.equals(config.creditCoin())) {
                rows.add(new Quote(coin, config.creditCoin(), usd.divide(creditInUsd, PRECISION), source + "/derived"));
            }
        });
        return rows;
    }

    /** Refuses the update (WEBHOOK_007, nothing stored) when a quote is too far from the feed's recent price of its pair. */
    private Uni<Void> refuseDeviations(SqlConnection connection, String source, List<Quote> sent, OffsetDateTime at) {
        if (config.maxDeviation().signum() <= 0 || sent.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery(RECENT)
                .execute(Tuple.of(source, sent.stream().map(Quote::coin).distinct().toArray(String[]::new),
                        at.minus(config.deviationWindow()), at))
                .invoke(previous -> {
                    Map<String, BigDecimal> last = new LinkedHashMap<>();
                    previous.forEach(row -> last.put(row.getString("coin") + "/" + row.getString("quote"), new BigDecimal(row.getString("price"))));
                    for (Quote row : sent) {
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

    private Uni<Integer> insertAll(SqlConnection connection, List<Quote> quotes, OffsetDateTime at) {
        if (quotes.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return connection.preparedQuery(INSERT)
                .execute(Tuple.of(quotes.stream().map(Quote::coin).toArray(String[]::new), quotes.stream().map(Quote::quote).toArray(String[]::new),
                        quotes.stream().map(q -> q.price().toPlainString()).toArray(String[]::new),
                        quotes.stream().map(Quote::source).toArray(String[]::new), at))
                .map(rows -> rows.rowCount());
    }

    private Uni<Announcement> event(SqlConnection connection, String source, Instant observedAt, JsonNode rawPrices) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("source", source);
        data.put("timestamp", observedAt.toString());
        data.put("prices", rawPrices);
        return journal.append(connection, NewEvent.webhook(config.tenantId(), "price.updated", "price-feed:" + source, write(data)))
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
