package io.hookgate.ingest.price;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.ingest.common.WebhookError;
import io.hookgate.ingest.common.WebhookException;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The body of seed 000's price update: {@code {source, timestamp, prices: {COIN: {usd, btc, change_24h…}}}}. Each
 * coin's quotes are its fields without an underscore (usd, btc); fields such as {@code change_24h} are metadata.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@RegisterForReflection
public record PriceUpdate(String source, String timestamp, Map<String, JsonNode> prices) {

    static final int MAX_COINS = 200;
    /** No asset is quoted above a quadrillion; a higher figure is a feed fault, not a price. */
    static final BigDecimal MAX_PRICE = new BigDecimal("1000000000000000");
    private static final Pattern COIN = Pattern.compile("[A-Z0-9]{1,15}");
    private static final Pattern QUOTE = Pattern.compile("[a-z0-9]{1,10}");

    /** Every coin's quotes, upper-cased ({@code ETH → {USD → 3500}}); anything malformed is WEBHOOK_007. */
    Map<String, Map<String, BigDecimal>> quotes() {
        if (source == null || source.isBlank()) {
            throw invalid("source is required");
        }
        if (prices == null || prices.isEmpty() || prices.size() > MAX_COINS) {
            throw invalid("prices must name 1 to " + MAX_COINS + " coins");
        }
        Map<String, Map<String, BigDecimal>> quotes = new LinkedHashMap<>();
        prices.forEach((coin, fields) -> {
            if (!COIN.matcher(coin).matches()) {
                throw invalid("prices." + coin + ": a coin is 1 to 15 upper-case letters or digits");
            }
            if (fields == null || !fields.isObject()) {
                throw invalid("prices." + coin + " must be an object such as {\"usd\": 3500.00}");
            }
            Map<String, BigDecimal> coinQuotes = new LinkedHashMap<>();
            fields.properties().forEach(field -> {
                if (field.getKey().contains("_")) {
                    return;
                }
                if (!QUOTE.matcher(field.getKey()).matches() || !field.getValue().isNumber() || !storable(field.getValue().decimalValue())) {
                    throw invalid("prices." + coin + "." + field.getKey() + " must be a positive number from 0.000000000000000001 "
                            + "to " + MAX_PRICE.toPlainString());
                }
                coinQuotes.put(field.getKey().toUpperCase(), field.getValue().decimalValue());
            });
            if (coinQuotes.isEmpty()) {
                throw invalid("prices." + coin + " has no quote such as usd");
            }
            quotes.put(coin, coinQuotes);
        });
        return quotes;
    }

    /** Positive at the column's 18 decimals (1e-30 would round to 0) and below {@link #MAX_PRICE}. */
    private static boolean storable(BigDecimal price) {
        return price.compareTo(MAX_PRICE) <= 0 && price.setScale(18, java.math.RoundingMode.DOWN).signum() > 0;
    }

    private static WebhookException invalid(String detail) {
        return new WebhookException(WebhookError.WEBHOOK_007, detail);
    }
}
