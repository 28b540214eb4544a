package io.hookgate.ingest.price;

import io.hookgate.devstack.HookgateTestResource;
import io.hookgate.devstack.TestDatabase;
import io.hookgate.signing.Hmac;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(HookgateTestResource.class)
class PriceUpdateRouteTest {

    static final String PATH = "/api/webhook/price-update";
    static final String KEY = "test-price-key";
    static final String SECRET = "test-price-secret";
    static final TestDatabase DB = TestDatabase.shared();

    static String sign(String body, String secret) {
        return HexFormat.of().formatHex(Hmac.sha256(secret.getBytes(StandardCharsets.UTF_8), body.getBytes(StandardCharsets.UTF_8)));
    }

    static io.restassured.response.Response post(String body, String key, String signature) {
        var request = given().contentType(ContentType.JSON);
        if (key != null) {
            request.header("X-API-Key", key);
        }
        if (signature != null) {
            request.header("X-Signature", signature);
        }
        return request.body(body).post(PATH);
    }

    /** Seed 000's example with a coin of the test's own, at {@code at}. */
    static String update(String coin, Instant at) {
        return """
                {"source":"coingecko","timestamp":"%s","prices":{"DGT":{"usd":0.12,"btc":0.0000024,"change_24h":0.05},
                 "BTC":{"usd":50000.00},"%s":{"usd":3500.00}}}""".formatted(at.truncatedTo(ChronoUnit.SECONDS), coin);
    }

    static String coin() {
        return "C" + UUID.randomUUID().toString().substring(0, 6).toUpperCase().replace("-", "");
    }

    @Test
    void aSignedUpdateStoresEveryQuoteWithItsSourceAndTimeAndTheDerivedCreditRates() throws Exception {
        String coin = coin();
        // A second no other test posts at: the DGT and BTC quotes of an update at the same second are one observation.
        Instant at = Instant.now().minusSeconds(java.util.concurrent.ThreadLocalRandom.current().nextInt(60, 240));
        String body = update(coin, at);
        post(body, KEY, sign(body, SECRET)).then().statusCode(200)
                .header("X-Request-Id", notNullValue())
                .body("data.processed", equalTo(true)).body("data.source", equalTo("coingecko"))
                .body("data.stored", equalTo(4)).body("data.derived", equalTo(2));

        var usd = DB.rows("select price, source, observed_at from price where coin = ? and quote = 'USD'", coin);
        assertEquals(1, usd.size());
        assertEquals(0, new BigDecimal("3500").compareTo((BigDecimal) usd.getFirst().get("price")));
        assertEquals("coingecko", usd.getFirst().get("source"));
        // 3500 USD / 0.12 USD per DGT: the rate a deposit of this coin converts at.
        BigDecimal rate = (BigDecimal) DB.value("select price from price where coin = ? and quote = 'DGT'", coin);
        assertEquals(0, new BigDecimal("29166.666666666666666666666667").setScale(18, java.math.RoundingMode.HALF_EVEN).compareTo(rate), rate.toPlainString());
        assertEquals(1, DB.count("select count(*) from event where type = 'price.updated' and payload->'prices'->? is not null", coin));

        // The same update again changes nothing.
        post(body, KEY, sign(body, SECRET)).then().statusCode(200).body("data.processed", equalTo(false)).body("data.stored", equalTo(0));
        assertEquals(1, DB.count("select count(*) from price where coin = ? and quote = 'USD'", coin));
        assertEquals(1, DB.count("select count(*) from event where type = 'price.updated' and payload->'prices'->? is not null", coin));
    }

    /** A quote far from the feed's price of a minute ago is refused whole; a plausible move is stored (the control). */
    @Test
    void aQuoteFarFromTheFeedsRecentPriceIsRefusedAndNothingOfTheUpdateStored() throws Exception {
        String coin = coin();
        Instant at = Instant.now().minusSeconds(120);
        String first = "{\"source\":\"coingecko\",\"timestamp\":\"" + at.truncatedTo(ChronoUnit.SECONDS) + "\",\"prices\":{\"" + coin + "\":{\"usd\":100}}}";
        post(first, KEY, sign(first, SECRET)).then().statusCode(200).body("data.stored", equalTo(1));

        String jump = first.replace(at.truncatedTo(ChronoUnit.SECONDS).toString(), at.plusSeconds(60).truncatedTo(ChronoUnit.SECONDS).toString())
                .replace("\"usd\":100", "\"usd\":1000");
        post(jump, KEY, sign(jump, SECRET)).then().statusCode(400).body("error", equalTo("WEBHOOK_007"))
                .body("message", containsString("prices." + coin + ".usd is 900 % away"));
        assertEquals(1, DB.count("select count(*) from price where coin = ?", coin));

        String move = jump.replace("\"usd\":1000", "\"usd\":140");
        post(move, KEY, sign(move, SECRET)).then().statusCode(200).body("data.stored", equalTo(1));
        assertEquals(2, DB.count("select count(*) from price where coin = ?", coin));
    }

    @Test
    void keysSignaturesSourcesAndTimesAreChecked() throws Exception {
        String coin = coin();
        String body = update(coin, Instant.now());
        post(body, null, sign(body, SECRET)).then().statusCode(401).body("error", equalTo("WEBHOOK_001"))
                .body("message", containsString("X-API-Key"));
        post(body, "not-a-feed-key", sign(body, SECRET)).then().statusCode(401).body("error", equalTo("WEBHOOK_001"));
        post(body, KEY, sign(body, "wrong-secret")).then().statusCode(401).body("error", equalTo("WEBHOOK_001"));
        post(body, KEY, null).then().statusCode(401).body("error", equalTo("WEBHOOK_001"));

        String otherSource = body.replace("\"coingecko\"", "\"binance\"");
        post(otherSource, KEY, sign(otherSource, SECRET)).then().statusCode(400).body("error", equalTo("WEBHOOK_007"));
        String old = update(coin, Instant.now().minusSeconds(3600));
        post(old, KEY, sign(old, SECRET)).then().statusCode(401).body("error", equalTo("WEBHOOK_002"));
        String negative = body.replace("3500.00", "-1");
        post(negative, KEY, sign(negative, SECRET)).then().statusCode(400).body("error", equalTo("WEBHOOK_007"))
                .body("message", containsString("prices." + coin + ".usd"));
        String text = body.replace("3500.00", "\"3500\"");
        post(text, KEY, sign(text, SECRET)).then().statusCode(400).body("error", equalTo("WEBHOOK_007"));
        post("{not json", KEY, sign("{not json", SECRET)).then().statusCode(400).body("error", equalTo("WEBHOOK_007"));
        assertEquals(0, DB.count("select count(*) from price where coin = ?", coin), "nothing refused was stored");
    }

    @jakarta.inject.Inject
    io.hookgate.ingest.common.SourceRateLimit limits;

    @Test
    void aSourceOverItsLimitGets429WithRetryAfterAndItsCountIsSharedThroughTheDatabase() throws Exception {
        String key = "test-source-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            io.hookgate.core.Blocking.await(() -> limits.take(key, 1, new io.hookgate.ingest.common.SourcePolicy(key, List.of(), 3, java.time.Duration.ofHours(1), java.util.Optional.empty())));
        }
        var refused = org.junit.jupiter.api.Assertions.assertThrows(io.hookgate.ingest.common.WebhookException.class,
                () -> io.hookgate.core.Blocking.await(() -> limits.take(key, 1, new io.hookgate.ingest.common.SourcePolicy(key, List.of(), 3, java.time.Duration.ofHours(1), java.util.Optional.empty()))));
        assertEquals(io.hookgate.ingest.common.WebhookError.WEBHOOK_005, refused.error());
        org.junit.jupiter.api.Assertions.assertTrue(refused.retryAfterSeconds() > 0 && refused.retryAfterSeconds() <= 3600);

        // Another instance's calls are in the same row: fill this minute's window for the feed, as 60 calls would.
        String window = "to_timestamp(floor(extract(epoch from now()) / 60) * 60)";
        DB.update("insert into inbound_rate (source, window_start, count) values ('price-feed:coingecko', " + window + ", 60) "
                + "on conflict (source, window_start) do update set count = 60");
        try {
            String body = update(coin(), Instant.now());
            post(body, KEY, sign(body, SECRET)).then().statusCode(429).body("error", equalTo("WEBHOOK_005"))
                    .header("Retry-After", notNullValue()).body("retryAfter", notNullValue()).body("requestId", notNullValue());
        } finally {
            DB.update("delete from inbound_rate where source = 'price-feed:coingecko'");
        }
    }
}
