package io.hookgate.bench;

import io.hookgate.devstack.TestReceiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard in real Chromium (Debian's chromium and chromedriver, which .ci/run installs) against the whole system
 * as packaged: sign in, create an endpoint and see its secret once, send a test, watch a signed deposit's delivery
 * appear in the live log, open its attempt, make the endpoint fail until its deliveries are dead letters, retry them
 * and see them succeed, replay an event, read the catalogue and the audit log, and check that another organisation's
 * key cannot see the endpoint. Screenshots of each page go
 * to target/dashboard/ (docs/dashboard.md shows them).
 */
class DashboardBrowserTest {

    /** Debian's paths; HOOKGATE_CHROMIUM and HOOKGATE_CHROMEDRIVER name others (GitHub's runners have Chrome elsewhere). */
    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("HOOKGATE_CHROMIUM", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("HOOKGATE_CHROMEDRIVER", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "dashboard");

    static LocalSystem system;
    static HookgateClient client;
    static TestReceiver receiver;
    static WebDriver browser;
    static WebDriverWait wait;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "no browser: install Debian's chromium and chromium-driver (.ci/run does) to run the dashboard's browser tests");
        // one attempt per delivery: two failing deliveries become dead letters at once, well short of opening the circuit
        system = LocalSystem.start(Path.of(System.getProperty("hookgate.root", "../..")).toAbsolutePath().normalize(), "0s", 2);
        client = new HookgateClient(system);
        receiver = system.stack().receiver();
        client.price("ETH", "35000");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
                "--no-first-run", "--disable-component-update", "--disable-sync", "--window-size=1280,900",
                "--user-data-dir=" + Files.createTempDirectory("hookgate-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        Files.createDirectories(SCREENSHOTS);
    }

    /** Each test starts signed out, whatever the one before left in the browser's session. */
    @BeforeEach
    void signedOut() {
        browser.get(system.admin("/dashboard/index.html").toString());
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
        browser.get("about:blank");   // so the test's first load of the dashboard is a new navigation, with its own paint timing
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (system != null) {
            system.close();
        }
    }

    @Test
    void anOrganisationManagesItsEndpointAndDeliveriesInTheBrowserAndSeesNoOneElses() throws Exception {
        // org_default receives the CCPayment deposits; a second organisation is the stranger
        String key = client.admin("POST", "/api/v1/api-keys", Map.of("name", "dashboard", "orgId", "org_default")).body().path("key").asText();
        String strangerOrg = client.admin("POST", "/api/v1/tenants", Map.of("name", "stranger")).body().path("id").asText();
        String strangerKey = client.admin("POST", "/api/v1/api-keys", Map.of("name", "stranger", "orgId", strangerOrg)).body().path("key").asText();

        browser.get(system.admin("/dashboard").toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key")));
        assertTrue(browser.getCurrentUrl().endsWith("/dashboard/index.html"), browser.getCurrentUrl());
        screenshot("01-sign-in");
        signIn("hg_wrong_key");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sign-in-error"), "refused"));
        // at a phone's width, with the keyboard: the key typed into its field, Enter signs in
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        WebElement field = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key")));
        field.clear();
        field.sendKeys(key, org.openqa.selenium.Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), "org_default"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-url")));
        Object overflow = ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - window.innerWidth");
        assertTrue(((Number) overflow).intValue() <= 1, "nothing wider than the phone's screen: " + overflow + " px too wide");
        screenshot("15-phone-width");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));

        // create an endpoint on the receiver: its secret is shown once
        String path = "/dashboard/" + UUID.randomUUID();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-url"))).sendKeys(receiver.url(path));
        browser.findElement(By.id("new-name")).sendKeys("Payments hook");
        WebElement events = browser.findElement(By.id("new-events"));
        events.clear();
        events.sendKeys("deposit.confirmed");
        browser.findElement(By.cssSelector("#create-endpoint button[type=submit]")).click();
        String secret = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("secret"))).getText();
        assertTrue(secret.startsWith("whsec_"), secret);
        screenshot("02-endpoint-created");
        browser.findElement(By.linkText("Open it")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#view h1"), "Payments hook"));
        String endpointId = browser.getCurrentUrl().substring(browser.getCurrentUrl().lastIndexOf('/') + 1);
        assertFalse(browser.getPageSource().contains(secret), "the secret is not shown again");

        // a test send shows the attempt's request and response
        button("Send a test").click();
        WebElement test = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("test-result")));
        wait.until(ExpectedConditions.textToBePresentInElement(test, "SUCCESS"));
        assertTrue(test.getText().contains("webhook-signature"), test.getText());
        assertTrue(test.getText().contains("[redacted]"), "the signature is redacted in the log: " + test.getText());
        screenshot("03-test-send");

        // a signed deposit's delivery appears in the live log
        assertEquals(200, client.deposit("dash_" + UUID.randomUUID(), "77", "ETH", "0.001").status());
        WebElement log = browser.findElement(By.id("deliveries"));
        wait.until(ExpectedConditions.textToBePresentInElement(log, "deposit.confirmed"));
        wait.until(driver -> log.getText().contains("SUCCESS") && log.getText().contains("deposit.confirmed"));
        screenshot("04-delivery-log");
        log.findElements(By.tagName("a")).stream().filter(a -> a.getText().startsWith("dlv_")).findFirst().orElseThrow().click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Attempt 1"));
        assertTrue(browser.findElement(By.tagName("body")).getText().contains("Response 200"));
        screenshot("05-attempt");

        // the endpoint fails until its deliveries are dead letters; "Retry all failed" delivers them once it answers
        receiver.respondWith(path, () -> TestReceiver.Reply.status(500));
        assertEquals(200, client.deposit("dash_" + UUID.randomUUID(), "77", "ETH", "0.002").status());
        assertEquals(200, client.deposit("dash_" + UUID.randomUUID(), "77", "ETH", "0.003").status());
        browser.navigate().to(system.admin("/dashboard/index.html#/endpoints/" + endpointId).toString());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("dead-letters"), "2 dead letters"));
        screenshot("06-dead-letters");
        receiver.respondWith(path, TestReceiver.Reply::ok);
        button("Retry all failed").click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("endpoint-message"), "2 dead letters requeued"));
        new Select(browser.findElement(By.id("filter-status"))).selectByValue("SUCCESS");
        wait.until(driver -> browser.findElement(By.id("deliveries")).getText().split("deposit.confirmed", -1).length - 1 == 3);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("dead-letters"), "No dead letters"));
        screenshot("07-retried");

        // edit: a retry policy that is not JSON is caught in the page, one the API refuses is shown with its field, a
        // good change is saved as a merge patch of what changed
        browser.findElement(By.cssSelector("#edit-details summary")).click();
        WebElement rate = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("edit-rateLimitPerMinute")));
        rate.clear();
        rate.sendKeys("120");
        WebElement retryPolicy = browser.findElement(By.id("edit-retryPolicy"));
        retryPolicy.sendKeys("{maxAttempts: 3");
        button("Save changes").click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("edit-result"), "Not JSON"));
        retryPolicy.clear();
        retryPolicy.sendKeys("{\"backoff\": \"fixed\", \"maxAttempts\": 50, \"baseDelayMs\": 1000}");
        button("Save changes").click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("edit-result"), "retryPolicy.maxAttempts"));
        retryPolicy.clear();
        retryPolicy.sendKeys("{\"backoff\": \"fixed\", \"maxAttempts\": 3, \"baseDelayMs\": 1000}");
        screenshot("16-edit-endpoint");
        button("Save changes").click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("edit-result"), "Saved rateLimitPerMinute, retryPolicy"));
        var edited = client.as(key, "GET", "/api/v1/webhooks/" + endpointId, null).body();
        assertEquals(120, edited.path("rateLimitPerMinute").asInt());
        assertEquals(3, edited.path("retryPolicy").path("maxAttempts").asInt());
        assertEquals(receiver.url(path), edited.path("url").asText(), "fields left alone are not sent");

        // analytics: this hour's bucket counts the endpoint's deliveries (the three deposits, the test send left out)
        new Select(browser.findElement(By.id("analytics-period"))).selectByValue("hour");
        WebElement deliveriesChart = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("chart-deliveries")));
        wait.until(driver -> !browser.findElement(By.id("chart-deliveries")).findElements(By.cssSelector("rect.bar")).isEmpty());
        assertTrue(browser.findElement(By.id("chart-deliveries")).getAttribute("textContent").contains("highest 3"),
                browser.findElement(By.id("chart-deliveries")).getAttribute("textContent"));
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("document.getElementById('analytics-heading').scrollIntoView()");
        screenshot("12-analytics");

        // across endpoints: a second endpoint's dead letter, found on the deliveries page and recovered since a time
        String other = "/dashboard/" + UUID.randomUUID();
        client.as(key, "POST", "/api/v1/webhooks", Map.of("url", receiver.url(other), "name", "Ledger hook",
                "events", List.of("deposit.confirmed")));
        receiver.respondWith(other, () -> TestReceiver.Reply.status(500));
        assertEquals(200, client.deposit("dash_" + UUID.randomUUID(), "77", "ETH", "0.004").status());
        browser.navigate().to(system.admin("/dashboard/index.html#/deliveries").toString());
        wait.until(ExpectedConditions.textToBe(By.cssSelector("#view h1"), "Deliveries"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("dead-letters"), "1 dead letter,"));
        assertTrue(browser.findElement(By.id("dead-letters")).getText().contains("Ledger hook"), browser.findElement(By.id("dead-letters")).getText());
        new Select(browser.findElement(By.id("filter-endpoint"))).selectByVisibleText("Payments hook");
        wait.until(driver -> {
            String text = browser.findElement(By.id("deliveries")).getText();
            return !text.contains("Ledger hook") && text.split("deposit.confirmed", -1).length - 1 == 4;
        });
        screenshot("17-deliveries-across-endpoints");
        receiver.respondWith(other, TestReceiver.Reply::ok);
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("""
                const d = new Date(Date.now() - 3600000), p = n => String(n).padStart(2, "0");
                arguments[0].value = d.getFullYear() + "-" + p(d.getMonth() + 1) + "-" + p(d.getDate()) + "T" + p(d.getHours()) + ":" + p(d.getMinutes());""",
                browser.findElement(By.id("recover-since")));
        button("Recover since").click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("deliveries-message"), "1 dead letter failed since"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("dead-letters"), "No dead letters"));
        wait.until(driver -> receiver.receivedOn(other).size() == 2);

        // events: the deposits are listed; one replayed to its current subscriptions
        browser.navigate().to(system.admin("/dashboard/index.html#/events").toString());
        WebElement eventList = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("events")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("chart-per-type")));
        wait.until(ExpectedConditions.textToBePresentInElement(eventList, "deposit.confirmed"));
        screenshot("09-events");
        eventList.findElements(By.tagName("tr")).stream().filter(row -> row.getText().contains("deposit.confirmed")).findFirst().orElseThrow()
                .findElement(By.tagName("a")).click();
        button("Replay").click();
        // to both endpoints that subscribe to deposits now: the Payments hook's delivery again, a new one to the Ledger hook
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("event-message"), "2 deliveries"));
        // the catalogue with each type's example, Hookgate's operational alerts among them
        browser.navigate().to(system.admin("/dashboard/index.html#/catalogue").toString());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("view"), "delivery.exhausted"));
        screenshot("10-catalogue");
        // the audit log shows the endpoint's creation and the retries, made through the dashboard
        browser.navigate().to(system.admin("/dashboard/index.html#/audit").toString());
        WebElement audit = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("audit")));
        assertTrue(audit.getText().contains("POST /api/v1/deliveries/retry"), audit.getText());
        assertTrue(audit.getText().contains("PATCH /api/v1/webhooks/{id}"), audit.getText());
        assertTrue(audit.getText().contains("Payments hook"), audit.getText());
        screenshot("11-audit-log");

        // an organisation's own settings: its degradation thresholds, saved through the form
        browser.navigate().to(system.admin("/dashboard/index.html#/security").toString());
        WebElement p95 = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("max-p95")));
        p95.clear();
        p95.sendKeys("800");
        browser.findElement(By.cssSelector("#alert-settings button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("settings-message"), "p95 at most 800 ms"));
        assertEquals(800, client.as(key, "GET", "/api/v1/alert-settings", null).body().path("maxP95ResponseTime").asInt());
        WebElement destinations = browser.findElement(By.id("blocked-destinations"));
        destinations.sendKeys("203.0.113.0/24", org.openqa.selenium.Keys.ENTER, "not-an-address");
        browser.findElement(By.cssSelector("#outbound-policy button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("outbound-message"), "blockedDestinations"));
        destinations.clear();
        destinations.sendKeys("203.0.113.0/24");
        browser.findElement(By.cssSelector("#outbound-policy button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("outbound-message"), "1 destination forbidden"));
        assertEquals("203.0.113.0/24", client.as(key, "GET", "/api/v1/outbound-policy", null).body().path("blockedDestinations").path(0).asText());
        screenshot("13-settings");

        // another organisation's key sees neither the endpoint nor its page
        button("Sign out").click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key")));
        assertTrue(browser.findElement(By.id("view")).getText().isEmpty());
        signIn(strangerKey);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), strangerOrg));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("view"), "Endpoints"));
        assertFalse(browser.findElement(By.id("view")).getText().contains("Payments hook"));
        browser.navigate().to(system.admin("/dashboard/index.html#/endpoints/" + endpointId).toString());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("view"), "No webhook with id " + endpointId));
        screenshot("08-other-organisation");

        // an admin key sees the inbound sources, their policies and blocks, and the security log
        button("Sign out").click();
        signIn(LocalSystem.ADMIN_KEY);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), "Admin key"));
        browser.navigate().to(system.admin("/dashboard/index.html#/security").toString());
        WebElement sources = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sources")));
        assertTrue(sources.getText().contains("ccpayment") && sources.getText().contains("price-feed"), sources.getText());
        screenshot("14-security");
        // the admin changes the price feed's policy through the form, then returns it to configuration
        new Select(browser.findElement(By.id("policy-source"))).selectByValue("price-feed");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#source-policy[data-loaded=price-feed]")));
        browser.findElement(By.id("policy-block")).sendKeys("198.51.100.7/32");
        WebElement limit = browser.findElement(By.id("policy-limit"));
        limit.clear();
        limit.sendKeys("500");
        WebElement window = browser.findElement(By.id("policy-window"));
        window.clear();
        window.sendKeys("60");
        button("Save policy").click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("policy-message"), "Saved the policy of price-feed"));
        var policy = client.admin("GET", "/api/v1/sources/price-feed/policy", null).body();
        assertEquals(500, policy.path("rateLimit").asInt());
        assertEquals("198.51.100.7/32", policy.path("ipBlocklist").path(0).asText());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sources"), "198.51.100.7/32"));
        new Select(browser.findElement(By.id("policy-source"))).selectByValue("price-feed");
        wait.until(driver -> "500".equals(browser.findElement(By.id("policy-limit")).getAttribute("value")));
        button("Return to configuration").click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("policy-message"), "configured one again"));
        assertTrue(client.admin("GET", "/api/v1/sources/price-feed/policy", null).body().path("rateLimit").isNull());
    }

    /** WCAG's contrast ratio of two computed colours; a colour's alpha is laid over the background below it. */
    static final String CONTRAST = """
            const rgb = c => c.match(/[\\d.]+/g).map(Number);
            const luminance = ([r, g, b]) => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
              return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
            const ratio = (a, b) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
            const background = node => {
              for (let n = node; n && n.nodeType === 1; n = n.parentElement) {
                const c = rgb(getComputedStyle(n).backgroundColor);
                if (c.length < 4 || c[3] > 0) return c.slice(0, 3);
              }
              return [255, 255, 255];
            };
            const blend = (color, under) => color.length < 4 ? color : color.slice(0, 3).map((v, i) => v * color[3] + under[i] * (1 - color[3]));
            """;

    /** Every visible text on the page whose contrast is under 4.5:1 (3:1 for large text), as "text: ratio". */
    static final String LOW_CONTRAST = CONTRAST + """
            const low = [];
            for (const node of document.querySelectorAll("body *")) {
              const style = getComputedStyle(node);
              const text = [...node.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent.trim()).join(" ").trim();
              if (!text || style.visibility === "hidden" || node.getClientRects().length === 0 || node.closest("[hidden]")) continue;
              if (node.disabled || node.closest("option")) continue;
              const under = background(node);
              const size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
              const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
              const r = ratio(blend(rgb(style.color), under), under);
              if (r < needed) low.push(text.substring(0, 40) + ": " + r.toFixed(2));
            }
            return low;
            """;

    /** The focused element: its text, and whether its focus ring is drawn (2 px or more) at 3:1 against what is around it. */
    static final String FOCUSED = CONTRAST + """
            const node = document.activeElement;
            const style = getComputedStyle(node);
            const ring = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2
              && ratio(rgb(style.outlineColor).slice(0, 3), background(node.parentElement || node)) >= 3;
            return [node === document.body ? "" : (node.id || node.getAttribute("aria-label") || node.textContent.trim().substring(0, 40) || node.tagName), String(ring),
              style.outlineStyle + " " + style.outlineWidth + " " + style.outlineColor + " on " + background(node.parentElement || node)];
            """;

    /** Every field of the page without a name a screen reader reads: a label for it, or an aria-label. */
    static final String UNLABELLED = """
            return [...document.querySelectorAll("input, select, textarea")]
              .filter(n => n.getClientRects().length > 0 && n.labels.length === 0 && !n.getAttribute("aria-label"))
              .map(n => n.id || n.name || n.outerHTML.substring(0, 60));
            """;

    /** Every visible control of the page shown (below the header), by the name FOCUSED gives it. */
    static final String CONTROLS = """
            return [...document.querySelectorAll("#view :is(a[href], button, input, select, textarea, summary)")]
              .filter(n => !n.disabled && n.getClientRects().length > 0 && !n.closest("[hidden]") && getComputedStyle(n).visibility !== "hidden"
                && !(n.closest("details:not([open])") && n.tagName !== "SUMMARY"))
              .map(n => n.id || n.getAttribute("aria-label") || n.textContent.trim().substring(0, 40) || n.tagName);
            """;

    @Test
    void everyPageIsReachedAndWorkedFromTheKeyboardWithVisibleFocusAndReadableContrast() throws Exception {
        String key = client.admin("POST", "/api/v1/api-keys", Map.of("name", "keyboard", "orgId", "org_default")).body().path("key").asText();
        String path = "/keyboard/" + UUID.randomUUID();
        String endpointId = client.as(key, "POST", "/api/v1/webhooks", Map.of("url", receiver.url(path), "name", "Keyboard hook",
                "events", List.of("deposit.confirmed"))).body().path("id").asText();
        assertEquals(200, client.deposit("kb_" + UUID.randomUUID(), "78", "ETH", "0.001").status());
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
        browser.get(system.admin("/dashboard/index.html").toString());
        // the entry is recorded once the paint has happened, which headless Chromium may do after the load event
        Object paint = new WebDriverWait(browser, Duration.ofSeconds(5)).until(driver -> ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "const p = performance.getEntriesByName('first-contentful-paint')[0]; return p ? Math.round(p.startTime) : null;"));
        System.out.println("dashboard first contentful paint (sign-in page, LocalSystem): " + paint + " ms");
        WebElement field = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key")));
        assertEquals(List.of(), script(LOW_CONTRAST), "text under 4.5:1 on the sign-in page");
        field.sendKeys(key, org.openqa.selenium.Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), "org_default"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("view"), "Keyboard hook"));
        // the skip link moves the focus to the page's content and leaves the page where it is
        String page = browser.getCurrentUrl();
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("document.querySelector('.skip').focus()");
        new org.openqa.selenium.interactions.Actions(browser).sendKeys(org.openqa.selenium.Keys.ENTER).perform();
        assertEquals("main", ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("return document.activeElement.id"));
        assertEquals(page, browser.getCurrentUrl());

        // controls for the two checks: grey text on white and a button drawn without a ring are caught
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("""
                const p = document.createElement("p"); p.textContent = "pale control"; p.style.color = "#aaaaaa";
                const b = document.createElement("button"); b.textContent = "ringless control"; b.style.outline = "none";
                document.getElementById("view").append(p, b); b.focus();""");
        assertTrue(script(LOW_CONTRAST).stream().anyMatch(t -> t.startsWith("pale control: 2.3")), "the contrast check finds grey on white");
        assertEquals(List.of("ringless control", "false"), script(FOCUSED).subList(0, 2), "the focus check finds a button without a ring");
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("""
                const i = document.createElement("input"); i.id = "unlabelled-control"; document.getElementById("view").append(i);""");
        assertEquals(List.of("unlabelled-control"), script(UNLABELLED), "the label check finds a field without one");
        browser.navigate().refresh();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("view"), "Keyboard hook"));

        // every section from the navigation by Tab and Enter alone; on each page Tab reaches every control, each with a
        // visible focus ring, and no text is under 4.5:1
        for (String section : List.of("Endpoints", "Keyboard hook", "Deliveries", "Events", "Catalogue", "Audit log", "Security and settings")) {
            if (section.equals("Keyboard hook")) {
                browser.navigate().to(system.admin("/dashboard/index.html#/endpoints").toString());
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("endpoint-list"), "Keyboard hook"));
            }
            pressTabUntil(section);
            new org.openqa.selenium.interactions.Actions(browser).sendKeys(org.openqa.selenium.Keys.ENTER).perform();
            String heading = section.equals("Security and settings") ? "Settings" : section.equals("Catalogue") ? "Event catalogue" : section;
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#view h1"), heading));
            if (!section.equals("Endpoints") && !section.equals("Audit log") && !section.equals("Catalogue")) {
                Thread.sleep(500); // the page's second request (the live log, the charts) fills it in
            }
            List<String> controls = script(CONTROLS);
            java.util.Set<String> reached = new java.util.LinkedHashSet<>();
            List<String> unringed = new java.util.ArrayList<>();
            // from where the page leaves the focus (its main region, as after the skip link)
            ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("document.getElementById('main').focus()");
            // a date or time field takes a Tab per part (day, month, year, hours, minutes, AM/PM)
            for (int i = 0; i < controls.size() * 3 + 20 && !reached.containsAll(controls); i++) {
                new org.openqa.selenium.interactions.Actions(browser).sendKeys(org.openqa.selenium.Keys.TAB).perform();
                List<String> focused = script(FOCUSED);
                reached.add(focused.get(0));
                if (!focused.get(0).isEmpty() && !Boolean.parseBoolean(focused.get(1))) {
                    unringed.add(focused.get(0) + " (" + focused.get(2) + ")");
                }
            }
            List<String> missed = controls.stream().filter(c -> !reached.contains(c)).toList();
            assertEquals(List.of(), missed, section + ": controls Tab never reached (reached " + reached + ")");
            assertEquals(List.of(), unringed, section + ": focused without a visible ring");
            assertEquals(List.of(), script(LOW_CONTRAST), section + ": text under 4.5:1");
            assertEquals(List.of(), script(UNLABELLED), section + ": fields without a label");
            System.out.println("keyboard walk: " + section + ", " + controls.size() + " controls reached by Tab");
        }
        // not among the deposits' subscriptions when another test replays one, whatever order JUnit runs them in
        assertEquals(204, client.as(key, "DELETE", "/api/v1/webhooks/" + endpointId, null).status());
    }

    /**
     * Elements (outside a scrolling table) that reach past the window's right edge, or whose text runs out of them, as
     * "tag#id.class: N px".
     */
    static final String TOO_WIDE = """
            return [...document.querySelectorAll("body *")]
              .filter(n => n.getClientRects().length > 0 && !n.closest(".table-wrap, pre"))
              .map(n => [n, Math.max(n.getBoundingClientRect().right - window.innerWidth,
                  n.clientWidth > 0 && getComputedStyle(n).overflowX === "visible" ? n.scrollWidth - n.clientWidth : 0)])
              .filter(([n, over]) => over > 1)
              .map(([n, over]) => n.tagName.toLowerCase() + (n.id ? "#" + n.id : "") + (n.className ? "." + n.className : "")
                + ": " + Math.round(over) + " px");
            """;

    @Test
    void everyPageFitsAPhonesWidthWithReadableLabelledContent() throws Exception {
        String key = client.admin("POST", "/api/v1/api-keys", Map.of("name", "phone", "orgId", "org_default")).body().path("key").asText();
        String path = "/phone/" + UUID.randomUUID();
        String endpointId = client.as(key, "POST", "/api/v1/webhooks", Map.of("url", receiver.url(path),
                "name", "A phone-width hook with a long name to wrap", "events", List.of("deposit.confirmed"))).body().path("id").asText();
        assertEquals(200, client.deposit("phone_" + UUID.randomUUID(), "79", "ETH", "0.001").status());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.receivedOn(path).isEmpty());
        var delivery = client.as(key, "GET", "/api/v1/deliveries?endpointId=" + endpointId, null).body().path("data").get(0);
        record Page(String hash, String heading, String screenshot) {
        }
        List<Page> pages = List.of(
                new Page("endpoints", "Endpoints", "phone-endpoints"),
                new Page("endpoints/" + endpointId, "A phone-width hook", "phone-endpoint"),
                new Page("deliveries", "Deliveries", "phone-deliveries"),
                new Page("deliveries/" + delivery.path("id").asText(), "Delivery", "phone-delivery"),
                new Page("events", "Events", "phone-events"),
                new Page("events/" + delivery.path("eventId").asText(), "deposit.confirmed", "phone-event"),
                new Page("catalogue", "Event catalogue", "phone-catalogue"),
                new Page("audit", "Audit log", "phone-audit"),
                new Page("security", "Sources", "phone-security"));

        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            browser.get(system.admin("/dashboard/index.html").toString());
            signIn(LocalSystem.ADMIN_KEY);   // the admin's pages are the fullest: every organisation, and the sources
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), "Admin key"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#view h1"), "Endpoints"));
            // the controls: a block wider than the screen and a word too long for its box are both caught
            ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("""
                    const d = document.createElement("div"); d.id = "wide-control"; d.style.width = "600px";
                    const p = document.createElement("p"); p.id = "long-word-control"; p.style.width = "100px";
                    p.style.overflowWrap = "normal"; p.textContent = "x".repeat(80);
                    document.getElementById("view").append(d, p);""");
            List<String> caught = script(TOO_WIDE);
            assertTrue(caught.stream().anyMatch(t -> t.startsWith("div#wide-control")), "the width check finds a 600 px block: " + caught);
            assertTrue(caught.stream().anyMatch(t -> t.startsWith("p#long-word-control")), "the width check finds overflowing text: " + caught);
            ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                    "document.getElementById('wide-control').remove(); document.getElementById('long-word-control').remove()");
            for (Page page : pages) {
                browser.navigate().to(system.admin("/dashboard/index.html#/" + page.hash()).toString());
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#view h1"), page.heading()));
                Thread.sleep(500); // the page's second request (the live log, the charts) fills it in
                assertEquals(List.of(), script(TOO_WIDE), page.hash() + ": wider than a 390 px phone");
                Object overflow = ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                        "return document.documentElement.scrollWidth - window.innerWidth");
                assertTrue(((Number) overflow).intValue() <= 1, page.hash() + ": the page scrolls sideways by " + overflow + " px");
                // the pages the keyboard walk does not open (an admin's, a delivery's, an event's) are readable and labelled too
                assertEquals(List.of(), script(LOW_CONTRAST), page.hash() + ": text under 4.5:1");
                assertEquals(List.of(), script(UNLABELLED), page.hash() + ": fields without a label");
                screenshot(page.screenshot());
            }
        } finally {
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
            // nor is this endpoint among the deposits' subscriptions when another test replays one
            assertEquals(204, client.as(key, "DELETE", "/api/v1/webhooks/" + endpointId, null).status());
        }
    }

    /** Presses Tab from the top of the page (its skip link) until the link or button named {@code name} has the focus. */
    private static void pressTabUntil(String name) {
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("document.querySelector('.skip').focus()");
        for (int i = 0; i < 200; i++) {
            new org.openqa.selenium.interactions.Actions(browser).sendKeys(org.openqa.selenium.Keys.TAB).perform();
            if (script(FOCUSED).getFirst().equals(name)) {
                return;
            }
        }
        throw new AssertionError("Tab never reached " + name);
    }

    @SuppressWarnings("unchecked")
    private static List<String> script(String code) {
        return (List<String>) ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(code);
    }

    private static void signIn(String key) {
        WebElement input = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key")));
        input.clear();
        input.sendKeys(key);
        browser.findElement(By.cssSelector("#sign-in-form button[type=submit]")).click();
    }

    private static WebElement button(String text) {
        return wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[normalize-space()='" + text + "']")));
    }

    private static void screenshot(String name) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
