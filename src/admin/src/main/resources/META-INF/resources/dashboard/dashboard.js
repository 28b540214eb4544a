// Hookgate dashboard: a small single-page app over the admin API (/api/v1). The API key lives in sessionStorage
// only and goes out as the bearer header; every value from the API is written as text, never as HTML.
"use strict";

const KEY = "hookgate.apiKey";
const REFRESH_MS = 3000;
let timer = null;
let routeToken = 0;   // which page is being shown; an answer for an earlier one is dropped
let flash = null;     // a message for the next page shown (after a change re-renders the page)

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on")) node.addEventListener(name.substring(2), value);
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Thrown for an API answer that arrives after the reader moved to another page: that page's work stops quietly. */
class Superseded extends Error {}

class ApiError extends Error {
  constructor(status, problem) {
    super(problem && (problem.detail || problem.message) || ("HTTP " + status));
    this.status = status;
    this.problem = problem;
  }
}

async function api(method, path, body) {
  const headers = { "Authorization": "Bearer " + sessionStorage.getItem(KEY), "Accept": "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const token = routeToken;
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (response.status === 401) {
    signOut("Your key was refused; sign in again.");
    throw new ApiError(401, data);
  }
  if (token !== routeToken) throw new Superseded();
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

function problemText(error) {
  const fields = error.problem && error.problem.errors ? error.problem.errors.map(e => e.field + ": " + e.message).join("; ") : "";
  return error.message + (fields ? " (" + fields + ")" : "");
}

function percent(value) { return value === null || value === undefined ? "–" : (value * 100).toFixed(1) + "%"; }
function millis(value) { return value === null || value === undefined ? "–" : Math.round(value) + " ms"; }
function when(value) { return value ? new Date(value).toLocaleString() : "–"; }
function plural(count, noun, nouns) { return count + " " + (count === 1 ? noun : nouns || noun + "s"); }
function badge(text, kind) { return el("span", { class: "badge " + (kind || text) }, text); }

function show(...nodes) {
  document.getElementById("view").replaceChildren(...nodes.filter(node => node !== null && node !== undefined && node !== false));
}

function stopRefresh() {
  if (timer) clearInterval(timer);
  timer = null;
}

// ---- sign-in ----

function signOut(message) {
  sessionStorage.removeItem(KEY);
  stopRefresh();
  document.getElementById("nav").hidden = true;
  document.getElementById("who").hidden = true;
  document.getElementById("sign-out").hidden = true;
  document.getElementById("view").replaceChildren();
  document.getElementById("sign-in").hidden = false;
  document.getElementById("sign-in-error").textContent = message || "";
  document.getElementById("api-key").focus();
}

async function signIn(event) {
  event.preventDefault();
  const input = document.getElementById("api-key");
  sessionStorage.setItem(KEY, input.value.trim());
  try {
    await start();
    input.value = "";
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 401)) signOut(problemText(e));
  }
}

async function start() {
  const me = await api("GET", "/api/v1/me");
  signedInAs = me;
  document.getElementById("sign-in").hidden = true;
  document.getElementById("nav").hidden = false;
  const who = document.getElementById("who");
  who.textContent = me.admin ? "Admin key" : "Organisation " + me.orgId;
  who.hidden = false;
  document.getElementById("sign-out").hidden = false;
  if (!location.hash || location.hash === "#/") location.hash = "#/endpoints";
  else route();
}

// ---- endpoints ----

async function endpointsView() {
  const list = el("div", { class: "panel table-wrap", id: "endpoint-list" });
  async function reload() {
    const page = await api("GET", "/api/v1/webhooks?limit=100");
    const stats = page.data.length === 0 ? [] : (await api("GET", "/api/v1/stats/endpoints?ids=" + page.data.map(e => encodeURIComponent(e.id)).join(","))).data;
    const rows = page.data.map((e, i) => {
      const s = stats[i];
      return el("tr", {},
        el("td", {}, el("a", { href: "#/endpoints/" + encodeURIComponent(e.id) }, e.name)),
        el("td", { class: "muted" }, e.url),
        el("td", {}, e.active ? badge(s ? s.health : "enabled", s ? s.health : "healthy") : badge("disabled")),
        el("td", {}, s ? percent(s.successRate) : "–"),
        el("td", {}, s ? millis(s.p95ResponseTime) : "–"),
        el("td", {}, s && s.circuitOpenedAt ? badge("open") : "closed"),
        el("td", {}, s ? Math.round(s.effectiveRateLimitPerMinute) + " / " + s.rateLimitPerMinute + " per min" : e.rateLimitPerMinute + " per min"),
        el("td", {}, s ? when(s.lastTriggered) : "–"));
    });
    list.replaceChildren(rows.length === 0 ? el("p", {}, "No endpoints yet.") :
      el("table", {}, el("caption", { class: "muted" }, "Figures over the last 30 days"),
        el("thead", {}, el("tr", {}, ["Name", "URL", "Health", "Success rate", "p95", "Circuit", "Rate limit", "Last delivery"].map(h => el("th", { scope: "col" }, h)))),
        el("tbody", {}, rows)));
  }
  await reload();
  show(el("h1", {}, "Endpoints"), list, createForm(reload));
}

function createForm(onCreated) {
  const result = el("div", { id: "create-result", role: "status" });
  const form = el("form", { id: "create-endpoint", onsubmit: async event => {
      event.preventDefault();
      const data = new FormData(form);
      const body = { url: data.get("url"), events: String(data.get("events") || "*").split(",").map(s => s.trim()).filter(Boolean) };
      if (data.get("name")) body.name = data.get("name");
      if (data.get("description")) body.description = data.get("description");
      try {
        const created = await api("POST", "/api/v1/webhooks", body);
        form.reset();
        await onCreated();
        result.replaceChildren(secretShownOnce("Endpoint " + created.name + " created.", created.secret),
          el("a", { href: "#/endpoints/" + encodeURIComponent(created.id) }, "Open it"));
      } catch (e) {
        result.replaceChildren(el("p", { class: "error", role: "alert" }, problemText(e)));
      }
    } },
    el("label", { for: "new-url" }, "URL"), el("input", { id: "new-url", name: "url", type: "url", required: true, placeholder: "https://example.com/webhooks" }),
    el("label", { for: "new-name" }, "Name (optional)"), el("input", { id: "new-name", name: "name" }),
    el("label", { for: "new-events" }, "Event types, comma separated"), el("input", { id: "new-events", name: "events", value: "*" }),
    el("label", { for: "new-description" }, "Description (optional)"), el("input", { id: "new-description", name: "description" }),
    el("button", { type: "submit" }, "Create endpoint"));
  return el("section", { class: "panel", "aria-labelledby": "create-heading" }, el("h2", { id: "create-heading" }, "Add an endpoint"), form, result);
}

function secretShownOnce(message, secret) {
  const copied = el("span", { role: "status", class: "muted" });
  return el("div", { class: "panel" },
    el("p", {}, message, " Its signing secret is shown this once: copy it now."),
    el("p", { class: "secret", id: "secret" }, secret),
    el("button", { type: "button", class: "secondary", onclick: async () => {
        try { await navigator.clipboard.writeText(secret); copied.textContent = "Copied."; }
        catch (e) { copied.textContent = "Select the secret and copy it by hand."; }
      } }, "Copy secret"), copied);
}

// ---- one endpoint ----

async function endpointView(id) {
  const path = "/api/v1/webhooks/" + encodeURIComponent(id);
  const [endpoint, stats] = await Promise.all([api("GET", path), api("GET", path + "/stats")]);
  const message = el("div", { id: "endpoint-message", role: "status" });
  const act = (label, method, suffix, after, kind) => el("button", { type: "button", class: kind, onclick: async () => {
      try {
        const answer = await api(method, path + suffix, method === "DELETE" ? undefined : {});
        await after(answer);
      } catch (e) {
        message.replaceChildren(el("p", { class: "error", role: "alert" }, problemText(e)));
      }
    } }, label);
  const actions = el("div", {},
    endpoint.active ? act("Pause", "POST", "/disable", () => route()) : act("Enable", "POST", "/enable", () => route()),
    act("Send a test", "POST", "/test", answer => message.replaceChildren(testResult(answer)), "secondary"),
    act("Rotate secret", "POST", "/rotate-secret", answer => message.replaceChildren(secretShownOnce("Secret rotated; the old one signs too for a day.", answer.secret)), "secondary"),
    el("button", { type: "button", class: "danger", onclick: async () => {
        if (!confirm("Delete endpoint " + endpoint.name + "? Its deliveries stop.")) return;
        try { await api("DELETE", path); location.hash = "#/endpoints"; }
        catch (e) { message.replaceChildren(el("p", { class: "error", role: "alert" }, problemText(e))); }
      } }, "Delete"));
  const figures = el("dl", { class: "figures", id: "figures" });
  const showFigures = st => figures.replaceChildren(...[
      ["Health", st.health + " (" + st.healthScore + ")"], ["Success rate", percent(st.successRate)], ["Error rate", percent(st.errorRate)],
      ["p95", millis(st.p95ResponseTime)], ["Circuit", st.circuitOpenedAt ? "open since " + when(st.circuitOpenedAt) : "closed"],
      ["Rate", Math.round(st.effectiveRateLimitPerMinute) + " of " + st.rateLimitPerMinute + "/min"], ["Delivered", st.delivered], ["Dead letters", st.failed]]
    .map(([term, value]) => el("div", {}, el("dt", {}, term), el("dd", {}, value))));
  showFigures(stats);
  const log = deliveryLog({ endpointId: id, names: { [id]: endpoint.name } });
  const dead = deadLetters({ endpointId: id, names: { [id]: endpoint.name }, message });
  const refresh = async () => {
    const [, , latest] = await Promise.all([log.refresh(), dead.refresh(), api("GET", path + "/stats")]);
    showFigures(latest);
  };
  show(
    el("p", {}, el("a", { href: "#/endpoints" }, "← Endpoints")),
    el("h1", {}, endpoint.name, " ", endpoint.active ? badge(stats.health) : badge("disabled")),
    el("p", { class: "muted" }, endpoint.url, " · ", endpoint.channel, " · events: ", endpoint.events.join(", ")),
    endpoint.disabledReason ? el("p", { class: "error" }, "Disabled: " + endpoint.disabledReason) : null,
    el("div", { class: "panel" }, actions, message),
    editForm(endpoint, path),
    el("section", { class: "panel", "aria-labelledby": "figures-heading" }, el("h2", { id: "figures-heading" }, "Last 30 days"), figures),
    await analyticsPanel(path),
    log.section, dead.section);
  await refresh();
  timer = setInterval(() => refresh().catch(() => {}), REFRESH_MS);
}

// ---- deliveries: a live log and the dead letters, of one endpoint or across them ----

/**
 * A delivery log filtered by status, event type and time, paged newest first; its first page follows new deliveries
 * (refresh() is called every few seconds), an older page stays as it is. Without endpointId it spans the endpoints.
 */
function deliveryLog({ endpointId, names, endpoints }) {
  const status = el("select", { id: "filter-status", onchange: () => restart() },
    ["", "PENDING", "SUCCESS", "FAILED", "RETRY_EXHAUSTED"].map(s => el("option", { value: s }, s || "any status")));
  const type = el("input", { id: "filter-event", placeholder: "any event type", onchange: () => restart() });
  const since = el("input", { id: "filter-since", type: "datetime-local", onchange: () => restart() });
  const until = el("input", { id: "filter-until", type: "datetime-local", onchange: () => restart() });
  const endpoint = endpoints ? el("select", { id: "filter-endpoint", onchange: () => restart() },
    el("option", { value: "" }, "any endpoint"), endpoints.map(e => el("option", { value: e.id }, e.name))) : null;
  const body = el("tbody", { id: "deliveries" });
  const position = el("span", { class: "muted", role: "status" });
  const cursors = [];   // the cursor of each page shown before this one
  let next = null;
  const newer = el("button", { type: "button", class: "secondary", disabled: true, onclick: () => { cursors.pop(); refresh(); } }, "← Newer");
  const older = el("button", { type: "button", class: "secondary", disabled: true, onclick: () => { cursors.push(next); refresh(); } }, "Older →");
  function restart() { cursors.length = 0; refresh().catch(e => body.replaceChildren(errorRow(e, 7))); }
  async function refresh() {
    const query = new URLSearchParams({ limit: "25" });
    if (endpointId || (endpoint && endpoint.value)) query.set("endpointId", endpointId || endpoint.value);
    if (status.value) query.set("status", status.value);
    if (type.value.trim()) query.set("event", type.value.trim());
    if (since.value) query.set("since", new Date(since.value).toISOString());
    if (until.value) query.set("until", new Date(until.value).toISOString());
    if (cursors.length > 0) query.set("starting_after", cursors[cursors.length - 1]);
    const page = await api("GET", "/api/v1/deliveries?" + query);
    next = page.nextCursor;
    older.disabled = !page.hasMore;
    newer.disabled = cursors.length === 0;
    position.textContent = cursors.length === 0 ? "Newest first, following new deliveries." : "Page " + (cursors.length + 1) + ", not following.";
    if (unchanged(body, page.data)) return;
    body.replaceChildren(...(page.data.length === 0 ? [el("tr", {}, el("td", { colspan: 7 }, "No deliveries match."))] : page.data.map(d => el("tr", {},
      el("td", {}, el("a", { href: "#/deliveries/" + encodeURIComponent(d.id) }, d.id)),
      el("td", {}, names[d.endpointId] || d.endpointId), el("td", {}, d.event), el("td", {}, badge(d.status)), el("td", {}, d.attempts),
      el("td", {}, d.lastStatusCode || d.lastError || "–"), el("td", {}, when(d.createdAt))))));
  }
  const section = el("section", { class: "panel table-wrap", "aria-labelledby": "log-heading" },
    el("h2", { id: "log-heading" }, "Deliveries (live)"),
    el("div", { class: "row" },
      endpoint ? el("div", {}, el("label", { for: "filter-endpoint" }, "Endpoint"), endpoint) : null,
      el("div", {}, el("label", { for: "filter-status" }, "Status"), status),
      el("div", {}, el("label", { for: "filter-event" }, "Event type"), type),
      el("div", {}, el("label", { for: "filter-since" }, "Created since"), since),
      el("div", {}, el("label", { for: "filter-until" }, "Created before"), until)),
    el("table", {}, el("thead", {}, el("tr", {}, ["Delivery", "Endpoint", "Event", "Status", "Attempts", "Last answer", "Created"]
      .map(h => el("th", { scope: "col" }, h)))), body),
    el("div", { class: "row pager" }, newer, older, position));
  // an older page is not refreshed: it would move under the reader
  return { section, refresh: () => cursors.length === 0 ? refresh() : Promise.resolve() };
}

/**
 * Whether {@code node} already shows {@code data}; remembers it otherwise. A refresh that finds nothing new leaves the
 * rows, and a keyboard user's focus in them, where they are.
 */
const shown = new WeakMap();
function unchanged(node, data) {
  const text = JSON.stringify(data);
  if (shown.get(node) === text) return true;
  shown.set(node, text);
  return false;
}

function errorRow(error, columns) {
  return el("tr", {}, el("td", { colspan: columns, class: "error", role: "alert" }, problemText(error)));
}

/** Dead letters (RETRY_EXHAUSTED deliveries) of one endpoint or across them: each retried alone, all, or those failed since a time. */
function deadLetters({ endpointId, names, message }) {
  const list = el("div", { id: "dead-letters" });
  const since = el("input", { id: "recover-since", type: "datetime-local" });
  const scope = endpointId ? "endpointId=" + encodeURIComponent(endpointId) : "";
  const say = (text, failed) => message.replaceChildren(el("p", failed ? { class: "error", role: "alert" } : {}, text));
  async function requeue(query, which) {
    try {
      const answer = await api("POST", "/api/v1/deliveries/retry" + (query ? "?" + query : ""), {});
      say(plural(answer.requeued, "dead letter") + which + " requeued" + (answer.hasMore ? "; more remain, press again." : "."));
      await refresh();
    } catch (e) { say(problemText(e), true); }
  }
  const retryAll = el("button", { type: "button", id: "retry-all", onclick: () => requeue(scope, "") }, "Retry all failed");
  const recover = el("button", { type: "button", class: "secondary", id: "recover", onclick: () => {
      if (!since.value) return say("Choose the time the failures started.", true);
      const query = new URLSearchParams(scope);
      query.set("since", new Date(since.value).toISOString());
      return requeue(query.toString(), " failed since " + when(since.value));
    } }, "Recover since");
  async function refresh() {
    const page = await api("GET", "/api/v1/deliveries?status=RETRY_EXHAUSTED&limit=50" + (scope ? "&" + scope : ""));
    retryAll.disabled = page.data.length === 0;
    if (unchanged(list, page.data)) return;
    list.replaceChildren(page.data.length === 0 ? el("p", {}, "No dead letters.") : el("div", { class: "table-wrap" },
      el("p", {}, page.hasMore ? "More than " + plural(page.data.length, "dead letter") + ", newest first."
        : plural(page.data.length, "dead letter") + ", newest first."),
      el("table", {}, el("thead", {}, el("tr", {}, ["Delivery", "Endpoint", "Event", "Attempts", "Last answer", "Failed", ""].map(h => el("th", { scope: "col" }, h)))),
        el("tbody", {}, page.data.map(d => el("tr", {},
          el("td", {}, el("a", { href: "#/deliveries/" + encodeURIComponent(d.id) }, d.id)),
          el("td", {}, names[d.endpointId] || d.endpointId), el("td", {}, d.event), el("td", {}, d.attempts),
          el("td", {}, d.lastStatusCode || d.lastError || "–"), el("td", {}, when(d.updatedAt)),
          el("td", {}, el("button", { type: "button", class: "secondary", "aria-label": "Retry " + d.id, onclick: async () => {
              try {
                await api("POST", "/api/v1/deliveries/" + encodeURIComponent(d.id) + "/retry", {});
                say("Delivery " + d.id + " requeued.");
                await refresh();
              } catch (e) { say(problemText(e), true); }
            } }, "Retry"))))))));
  }
  const section = el("section", { class: "panel", "aria-labelledby": "dead-heading" }, el("h2", { id: "dead-heading" }, "Dead letters"),
    el("div", { class: "row" }, retryAll, el("div", {}, el("label", { for: "recover-since" }, "Failed since"), since), recover), list);
  return { section, refresh };
}

async function deliveriesView() {
  const message = el("div", { id: "deliveries-message", role: "status" });
  const endpoints = (await api("GET", "/api/v1/webhooks?limit=100")).data;
  const names = Object.fromEntries(endpoints.map(e => [e.id, e.name]));
  const log = deliveryLog({ names, endpoints });
  const dead = deadLetters({ names, message });
  const refresh = () => Promise.all([log.refresh(), dead.refresh()]);
  show(el("h1", {}, "Deliveries"),
    el("p", { class: "muted" }, signedInAs.admin ? "Every organisation's deliveries." : "Your organisation's deliveries to all its endpoints."),
    message, log.section, dead.section);
  await refresh();
  timer = setInterval(() => refresh().catch(() => {}), REFRESH_MS);
}

/**
 * The endpoint's settings as a form; saving sends a JSON merge patch of the fields that changed only (so a Discord or
 * Slack URL, shown cut short, is sent back only when retyped), and the API's field errors are shown beside the form.
 */
function editForm(endpoint, path) {
  const result = el("div", { id: "edit-result", role: "status" }, flash ? el("p", {}, flash) : null);
  const open = flash !== null;
  flash = null;
  const json = value => value === null || value === undefined ? "" : JSON.stringify(value, null, 2);
  const fields = [
    ["name", "Name", endpoint.name, "text"], ["url", "URL", endpoint.url, "text"], ["description", "Description", endpoint.description || "", "text"],
    ["events", "Event types, comma separated", endpoint.events.join(", "), "text"],
    ["rateLimitPerMinute", "Rate limit per minute", endpoint.rateLimitPerMinute, "number"],
    ["rateLimitBurst", "Burst", endpoint.rateLimitBurst, "number"], ["timeoutMs", "Timeout (ms)", endpoint.timeoutMs, "number"],
    ["retryPolicy", "Retry policy (JSON; empty for the default schedule)", json(endpoint.retryPolicy), "json"],
    ["headers", "Custom headers (JSON object; \"(set)\" keeps a stored credential)", json(endpoint.headers), "json"],
    ["filters", "Payload filters (JSON; empty for none)", json(endpoint.filters), "json"]];
  const channel = el("select", { id: "edit-channel", name: "channel" },
    ["webhook", "discord", "slack", "telegram", "email"].map(c => el("option", { value: c, selected: c === endpoint.channel }, c)));
  const inputs = Object.fromEntries(fields.map(([name, label, value, kind]) => [name,
    kind === "json" ? el("textarea", { id: "edit-" + name, name, rows: 4, spellcheck: "false" }, value)
      : el("input", { id: "edit-" + name, name, type: kind, value, min: kind === "number" ? "1" : undefined, required: name === "url" || name === "events" })]));
  const form = el("form", { id: "edit-endpoint", onsubmit: async event => {
      event.preventDefault();
      const patch = {};
      try {
        for (const [name, , original, kind] of fields) {
          const value = inputs[name].value;
          if (value === String(original)) continue;
          if (kind === "number") patch[name] = value === "" ? null : Number(value);
          else if (kind === "json") patch[name] = value.trim() === "" ? null : JSON.parse(value);
          else if (name === "events") patch[name] = value.split(",").map(s => s.trim()).filter(Boolean);
          else patch[name] = value;
        }
      } catch (e) {
        return result.replaceChildren(el("p", { class: "error", role: "alert" }, "Not JSON: " + e.message));
      }
      if (channel.value !== endpoint.channel) patch.channel = channel.value;
      if (Object.keys(patch).length === 0) return result.replaceChildren(el("p", {}, "Nothing changed."));
      try {
        await api("PATCH", path, patch);
        flash = "Saved " + Object.keys(patch).join(", ") + ".";
        await route();
      } catch (e) {
        result.replaceChildren(el("p", { class: "error", role: "alert" }, problemText(e)));
      }
    } },
    ...fields.flatMap(([name, label]) => [el("label", { for: "edit-" + name }, label), inputs[name]]),
    el("label", { for: "edit-channel" }, "Channel"), channel,
    el("button", { type: "submit" }, "Save changes"));
  return el("section", { class: "panel" }, el("details", { id: "edit-details", open }, el("summary", {}, el("h2", { class: "inline" }, "Settings")), form, result));
}

function testResult(result) {
  return el("div", { id: "test-result" },
    el("p", {}, "Test ", result.success ? badge("SUCCESS") : badge(result.status), " delivery ",
      el("a", { href: "#/deliveries/" + encodeURIComponent(result.deliveryId) }, result.deliveryId)),
    result.attempt ? attemptDetail(result.attempt) : el("p", {}, "Not attempted yet."));
}

function attemptDetail(a) {
  return el("div", { class: "attempt" },
    el("p", {}, "Attempt " + a.attemptNumber + " (" + a.trigger + ") at " + when(a.startedAt) + ", " + millis(a.durationMs),
      a.errorCategory ? [" · ", badge(a.errorCategory, "FAILED")] : null),
    el("h3", {}, "Request headers"), el("pre", {}, JSON.stringify(a.requestHeaders, null, 2)),
    el("h3", {}, "Response " + (a.responseStatus || "")), a.error ? el("p", { class: "error" }, a.error) : null,
    a.responseHeaders ? el("pre", {}, JSON.stringify(a.responseHeaders, null, 2)) : null,
    a.responseBody ? el("pre", {}, a.responseBody) : null);
}

// ---- one delivery ----

async function deliveryView(id) {
  const delivery = await api("GET", "/api/v1/deliveries/" + encodeURIComponent(id));
  const message = el("div", { role: "status" });
  show(
    el("p", {}, el("a", { href: "#/endpoints/" + encodeURIComponent(delivery.endpointId) }, "← Endpoint")),
    el("h1", {}, "Delivery ", delivery.id, " ", badge(delivery.status)),
    el("p", { class: "muted" }, delivery.event + " · event " + delivery.eventId + " · " + delivery.attempts + " attempts"),
    delivery.status === "RETRY_EXHAUSTED" ? el("button", { type: "button", onclick: async () => {
        try {
          await api("POST", "/api/v1/deliveries/" + encodeURIComponent(id) + "/retry", {});
          message.replaceChildren(el("p", {}, "Requeued."));
        } catch (e) { message.replaceChildren(el("p", { class: "error", role: "alert" }, problemText(e))); }
      } }, "Retry") : null,
    message,
    ...delivery.attemptLog.map(a => el("section", { class: "panel" }, attemptDetail(a))));
}

// ---- events ----

async function eventsView() {
  const type = el("input", { id: "event-type-filter", placeholder: "any type" });
  const list = el("tbody", { id: "events" });
  async function reload() {
    const query = new URLSearchParams({ limit: "50" });
    if (type.value.trim()) query.set("type", type.value.trim());
    const page = await api("GET", "/api/v1/events?" + query);
    list.replaceChildren(...page.data.map(e => el("tr", {},
      el("td", {}, el("a", { href: "#/events/" + encodeURIComponent(e.id) }, e.id)), el("td", {}, e.type),
      el("td", {}, e.source), el("td", {}, when(e.createdAt)))));
  }
  type.addEventListener("change", () => reload());
  await reload();
  const perType = await api("GET", "/api/v1/stats/events");
  show(el("h1", {}, "Events"),
    el("section", { class: "panel", "aria-labelledby": "per-type-heading" }, el("h2", { id: "per-type-heading" }, "Deliveries per event type, last 24 hours"),
      perType.events.length === 0 ? el("p", {}, "No deliveries in the last 24 hours.") :
        barChart("chart-per-type", "Deliveries per event type", perType.events.map(e => e.event), perType.events.map(e => e.totalDeliveries), v => String(v))),
    el("section", { class: "panel table-wrap" }, el("label", { for: "event-type-filter" }, "Type"), type,
      el("table", {}, el("thead", {}, el("tr", {}, ["Event", "Type", "Source", "Created"].map(h => el("th", { scope: "col" }, h)))), list)));
}

async function eventView(id) {
  const event = await api("GET", "/api/v1/events/" + encodeURIComponent(id));
  const message = el("div", { id: "event-message", role: "status" });
  show(el("p", {}, el("a", { href: "#/events" }, "← Events")),
    el("h1", {}, event.type),
    el("p", { class: "muted" }, event.id + " · " + event.source + " · " + when(event.createdAt)),
    el("button", { type: "button", onclick: async () => {
        try {
          const answer = await api("POST", "/api/v1/events/" + encodeURIComponent(id) + "/replay", {});
          message.replaceChildren(el("p", {}, "Replayed to its current subscriptions: " + plural(answer.requeued, "delivery", "deliveries") + "."));
        } catch (e) { message.replaceChildren(el("p", { class: "error", role: "alert" }, problemText(e))); }
      } }, "Replay"),
    message,
    el("section", { class: "panel" }, el("h2", {}, "Data"), el("pre", {}, JSON.stringify(event.data, null, 2))));
}

async function catalogueView() {
  const catalogue = await api("GET", "/api/v1/webhooks/events/available");
  show(el("h1", {}, "Event catalogue"),
    el("p", { class: "muted" }, catalogue.data.length + " types in " + Object.keys(catalogue.categories).length + " categories. "
      + "Subscribe with a type, an alias, category.* or prefix.*, or * for everything."),
    ...Object.keys(catalogue.categories).map(category => el("section", { class: "panel" },
      el("h2", {}, category),
      ...catalogue.data.filter(t => t.category === category).map(t => el("details", {},
        el("summary", {}, t.name, t.reserved ? " (from Hookgate only)" : "", " — ", t.description),
        el("h3", {}, "Example"), el("pre", {}, JSON.stringify(t.example, null, 2)),
        el("h3", {}, "Schema"), el("pre", {}, JSON.stringify(t.schema, null, 2)))))));
}

// ---- audit log ----

async function auditView() {
  const page = await api("GET", "/api/v1/audit-log?limit=100");
  show(el("h1", {}, "Audit log"),
    el("p", { class: "muted" }, "Every change made through the admin API, newest first; secrets and credentials are redacted."),
    el("section", { class: "panel table-wrap" }, page.data.length === 0 ? el("p", {}, "Nothing yet.") :
      el("table", { id: "audit" }, el("thead", {}, el("tr", {}, ["When", "Key", "Action", "Object", "Status", "From", "Changes"].map(h => el("th", { scope: "col" }, h)))),
        el("tbody", {}, page.data.map(a => el("tr", {},
          el("td", {}, when(a.createdAt)), el("td", {}, a.keyId), el("td", {}, a.method + " " + a.route), el("td", {}, a.objectId || "–"),
          el("td", {}, a.status), el("td", {}, a.clientIp || "–"),
          el("td", { class: "changes" }, a.changes ? JSON.stringify(a.changes) : "–")))))));
}

// ---- security and settings ----

let signedInAs = null;

async function securityView() {
  if (!signedInAs.admin) return settingsView();
  const sources = await api("GET", "/api/v1/sources?limit=100");
  const names = ["ccpayment", "price-feed", "analytics", "sources", ...sources.data.map(x => x.id)];
  const [stored, blocked, events] = await Promise.all([api("GET", "/api/v1/inbound/policies"),
    api("GET", "/api/v1/inbound/blocked-addresses?limit=100"), api("GET", "/api/v1/security-events?limit=50")]);
  const none = { ipAllowlist: null, ipBlocklist: null, rateLimit: null };
  const policies = names.map(name => name === "sources" ? null : stored.data.find(p => p.source === name) || none);
  const blocks = names.map(name => ({ data: blocked.data.filter(b => b.source === name) }));
  const label = name => {
    if (name === "sources") return "probes of unknown source ids (blocks apply to every registered source)";
    const registered = sources.data.find(x => x.id === name);
    return registered ? registered.name + " (" + name + ")" : name;
  };
  const list = (ranges, otherwise) => ranges === null || ranges === undefined ? otherwise : ranges.length === 0 ? "none" : ranges.join(", ");
  show(el("h1", {}, "Sources and security"),
    el("section", { class: "panel table-wrap", "aria-labelledby": "sources-heading" }, el("h2", { id: "sources-heading" }, "Inbound sources"),
      el("table", { id: "sources" }, el("thead", {}, el("tr", {}, ["Source", "Allowlist", "Block list", "Rate limit", "Blocked addresses"].map(h => el("th", { scope: "col" }, h)))),
        el("tbody", {}, names.map((name, i) => el("tr", {},
          el("td", {}, label(name)),
          el("td", {}, policies[i] ? list(policies[i].ipAllowlist, "as configured") : "–"),
          el("td", {}, policies[i] ? list(policies[i].ipBlocklist, "none") : "–"),
          el("td", {}, policies[i] && policies[i].rateLimit ? policies[i].rateLimit + " per " + policies[i].rateWindowSeconds + " s" : "as configured"),
          el("td", {}, blocks[i].data.length === 0 ? "none" : blocks[i].data.map(b => el("div", {}, b.clientIp + " until " + when(b.expiresAt) + " ",
            el("button", { type: "button", class: "secondary", onclick: async () => {
                await api("DELETE", "/api/v1/sources/" + encodeURIComponent(name) + "/blocked-addresses/" + encodeURIComponent(b.id));
                route();
              } }, "Lift")))))))),
      blocked.hasMore ? el("p", { class: "muted" }, "Showing the newest 100 blocked addresses.") : null),
    policyForm(names.filter(name => name !== "sources"), label),
    el("section", { class: "panel table-wrap", "aria-labelledby": "security-heading" }, el("h2", { id: "security-heading" }, "Security log (inbound refusals)"),
      events.data.length === 0 ? el("p", {}, "Nothing refused.") :
        el("table", { id: "security-events" }, el("thead", {}, el("tr", {}, ["When", "Source", "Kind", "Client", "Detail"].map(h => el("th", { scope: "col" }, h)))),
          el("tbody", {}, events.data.map(e => el("tr", {}, el("td", {}, when(e.createdAt)), el("td", {}, e.source), el("td", {}, e.kind),
            el("td", {}, e.clientIp || "–"), el("td", {}, e.detail || "–")))))));
}

/** The organisation's forbidden outbound destinations, one per line, replaced as a whole on saving. */
function destinationsForm(outbound) {
  const message = el("div", { id: "outbound-message", role: "status" });
  const list = el("textarea", { id: "blocked-destinations", rows: 4, spellcheck: "false" }, outbound.blockedDestinations.join("\n"));
  const form = el("form", { id: "outbound-policy", onsubmit: async event => {
      event.preventDefault();
      try {
        const saved = await api("PUT", "/api/v1/outbound-policy", { blockedDestinations: lines(list.value, false) });
        message.replaceChildren(el("p", {}, saved.blockedDestinations.length === 0 ? "Saved: nothing forbidden beyond the built-in guard."
          : "Saved: " + plural(saved.blockedDestinations.length, "destination") + " forbidden."));
      } catch (e) { message.replaceChildren(el("p", { class: "error", role: "alert" }, problemText(e))); }
    } },
    el("label", { for: "blocked-destinations" }, "Addresses or CIDR ranges your endpoints may not call, one per line"), list,
    el("button", { type: "submit" }, "Save destinations"));
  return el("section", { class: "panel", "aria-labelledby": "outbound-heading" }, el("h2", { id: "outbound-heading" }, "Forbidden destinations"),
    el("p", { class: "muted" }, "On top of the built-in guard against private and loopback addresses; checked at every attempt, refused without a call."),
    form, message);
}

/** Lines of a textarea as a list; an empty field is null (the configured value) when {@code emptyIsNull}. */
function lines(text, emptyIsNull) {
  const list = text.split("\n").map(line => line.trim()).filter(Boolean);
  return list.length === 0 && emptyIsNull ? null : list;
}

/** An admin's form for one inbound source's policy: pick the source, change its lists and rate limit, save or reset. */
function policyForm(sources, label) {
  const message = el("div", { id: "policy-message", role: "status" });
  const source = el("select", { id: "policy-source", onchange: () => load() }, sources.map(name => el("option", { value: name }, label(name))));
  const allow = el("textarea", { id: "policy-allow", rows: 3, spellcheck: "false" });
  const block = el("textarea", { id: "policy-block", rows: 3, spellcheck: "false" });
  const limit = el("input", { id: "policy-limit", type: "number", min: "1" });
  const windowSeconds = el("input", { id: "policy-window", type: "number", min: "1" });
  let maxAge = null;
  const say = (text, failed) => message.replaceChildren(el("p", failed ? { class: "error", role: "alert" } : {}, text));
  const path = () => "/api/v1/sources/" + encodeURIComponent(source.value) + "/policy";
  async function load() {
    const policy = await api("GET", path());
    allow.value = (policy.ipAllowlist || []).join("\n");
    block.value = (policy.ipBlocklist || []).join("\n");
    limit.value = policy.rateLimit || "";
    windowSeconds.value = policy.rateWindowSeconds || "";
    maxAge = policy.priceMaxAgeSeconds;
    form.dataset.loaded = source.value;   // which source the fields show (the browser test waits for it)
  }
  const form = el("form", { id: "source-policy", onsubmit: async event => {
      event.preventDefault();
      try {
        await api("PUT", path(), { ipAllowlist: lines(allow.value, true), ipBlocklist: lines(block.value, true),
          rateLimit: limit.value === "" ? null : Number(limit.value), rateWindowSeconds: windowSeconds.value === "" ? null : Number(windowSeconds.value),
          priceMaxAgeSeconds: maxAge });
        say("Saved the policy of " + source.value + "; ingest applies it within 30 s.");
        setTimeout(() => route(), 1500);
      } catch (e) { say(problemText(e), true); }
    } },
    el("label", { for: "policy-source" }, "Source"), source,
    el("label", { for: "policy-allow" }, "Allowed addresses (CIDR ranges, one per line; empty for the configured list)"), allow,
    el("label", { for: "policy-block" }, "Blocked addresses (one per line; they win over the allowed ones)"), block,
    el("div", { class: "row" }, el("div", {}, el("label", { for: "policy-limit" }, "Rate limit (requests; empty for the configured one)"), limit),
      el("div", {}, el("label", { for: "policy-window" }, "per window of (seconds)"), windowSeconds)),
    el("button", { type: "submit" }, "Save policy"),
    el("button", { type: "button", class: "secondary", onclick: async () => {
        try {
          await api("DELETE", path());
          say("The policy of " + source.value + " is the configured one again.");
          await load();
        } catch (e) { say(problemText(e), true); }
      } }, "Return to configuration"));
  load().catch(e => say(problemText(e), true));
  return el("section", { class: "panel", "aria-labelledby": "policy-heading" }, el("h2", { id: "policy-heading" }, "Change a source's policy"), form, message);
}

async function settingsView() {
  const [alerts, outbound] = await Promise.all([api("GET", "/api/v1/alert-settings"), api("GET", "/api/v1/outbound-policy")]);
  const message = el("div", { id: "settings-message", role: "status" });
  const form = el("form", { id: "alert-settings", onsubmit: async event => {
      event.preventDefault();
      const data = new FormData(form);
      const number = name => data.get(name) === "" ? undefined : Number(data.get(name));
      try {
        const saved = await api("PUT", "/api/v1/alert-settings", { minSuccessRate: number("minSuccessRate"),
          maxP95ResponseTime: number("maxP95ResponseTime"), minAttempts: number("minAttempts") });
        message.replaceChildren(el("p", {}, "Saved: p95 at most " + saved.maxP95ResponseTime + " ms, success rate at least "
          + percent(saved.minSuccessRate) + ", over " + saved.minAttempts + " attempts."));
      } catch (e) { message.replaceChildren(el("p", { class: "error", role: "alert" }, problemText(e))); }
    } },
    el("label", { for: "min-success-rate" }, "Least success rate (0 to 1)"),
    el("input", { id: "min-success-rate", name: "minSuccessRate", type: "number", step: "0.01", min: "0", max: "1", value: alerts.minSuccessRate }),
    el("label", { for: "max-p95" }, "Highest p95 response time (ms)"),
    el("input", { id: "max-p95", name: "maxP95ResponseTime", type: "number", min: "1", value: alerts.maxP95ResponseTime }),
    el("label", { for: "min-attempts" }, "Fewest attempts that count"),
    el("input", { id: "min-attempts", name: "minAttempts", type: "number", min: "1", value: alerts.minAttempts }),
    el("button", { type: "submit" }, "Save thresholds"));
  show(el("h1", {}, "Settings"),
    el("section", { class: "panel", "aria-labelledby": "alerts-heading" }, el("h2", { id: "alerts-heading" }, "When an endpoint is degraded"),
      el("p", { class: "muted" }, "Measured over the last " + Math.round(alerts.windowSeconds / 60) + " minutes; endpoint.degraded and endpoint.recovered go to the endpoints that subscribe to them."),
      form, message),
    destinationsForm(outbound));
}

// ---- charts (SVG, no library) ----

const SVG = "http://www.w3.org/2000/svg";

function svg(tag, attrs) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  return node;
}

/**
 * A bar chart of one series (null values left empty), scaled to {@code scale} (or its highest value), with the same
 * figures as a table for screen readers.
 */
function barChart(id, title, labels, values, format, scale) {
  const measured = values.filter(v => v !== null);
  const peak = measured.length === 0 ? null : Math.max(...measured);
  const width = 600, height = 140, max = scale || Math.max(1, peak || 0);
  const chart = svg("svg", { viewBox: "0 0 " + width + " " + (height + 4), role: "img", "aria-label": title, class: "chart" });
  const step = width / Math.max(1, values.length);
  values.forEach((value, i) => {
    if (value === null) return;
    const h = Math.max(1, value / max * height);
    const bar = svg("rect", { x: i * step + 1, y: height - h, width: Math.max(1, step - 2), height: h, class: "bar" });
    const tip = svg("title", {});
    tip.textContent = labels[i] + ": " + format(value);
    bar.append(tip);
    chart.append(bar);
  });
  chart.append(svg("line", { x1: 0, y1: height, x2: width, y2: height, class: "axis" }));
  const ends = labels.length === 0 ? null : el("div", { class: "chart-ends muted" }, el("span", {}, labels[0]), el("span", {}, labels[labels.length - 1]));
  return el("figure", { id, class: "chart-figure" }, el("figcaption", {}, title + (peak === null ? " (nothing measured)" : " (highest " + format(peak) + ")")), chart, ends,
    el("details", {}, el("summary", {}, "As a table"), el("table", {}, el("tbody", {},
      labels.map((label, i) => el("tr", {}, el("th", { scope: "row" }, label), el("td", {}, values[i] === null ? "–" : format(values[i]))))))));
}

async function analyticsPanel(path) {
  const period = el("select", { id: "analytics-period" }, el("option", { value: "hour" }, "Hours (last 24)"), el("option", { value: "day" }, "Days (last 30)"));
  const start = el("input", { id: "analytics-start", type: "date" });
  const end = el("input", { id: "analytics-end", type: "date" });
  const charts = el("div", { id: "analytics" });
  async function reload() {
    const query = new URLSearchParams({ period: period.value });
    if (start.value) query.set("start_date", start.value);
    if (end.value) query.set("end_date", end.value);
    const data = await api("GET", path + "/analytics?" + query);
    const labels = data.buckets.map(b => period.value === "hour" ? new Date(b.start).toISOString().substring(11, 16) : b.start.substring(0, 10));
    const series = name => data.buckets.map(b => b[name]);
    charts.replaceChildren(
      barChart("chart-deliveries", "Deliveries", labels, series("deliveries"), v => String(v)),
      barChart("chart-health", "Health score (0–100, as the endpoint's score but over each " + period.value + ")", labels, series("healthScore"), v => String(v), 100),
      barChart("chart-success", "Success rate (delivered of finished)", labels, series("successRate"), percent, 1),
      barChart("chart-errors", "Error rate (failed attempts)", labels, series("errorRate"), percent, 1),
      barChart("chart-uptime", "Uptime (successful attempts)", labels, series("uptime"), percent, 1),
      barChart("chart-p50", "p50 response time", labels, series("p50ResponseTime"), millis),
      barChart("chart-p95", "p95 response time", labels, series("p95ResponseTime"), millis));
  }
  [period, start, end].forEach(input => input.addEventListener("change", () => reload().catch(e => charts.replaceChildren(el("p", { class: "error", role: "alert" }, problemText(e))))));
  await reload();
  return el("section", { class: "panel", "aria-labelledby": "analytics-heading" }, el("h2", { id: "analytics-heading" }, "Analytics"),
    el("div", { class: "row" }, el("div", {}, el("label", { for: "analytics-period" }, "Period"), period),
      el("div", {}, el("label", { for: "analytics-start" }, "From (UTC date)"), start), el("div", {}, el("label", { for: "analytics-end" }, "To (UTC date)"), end)),
    charts);
}

// ---- routing ----

async function route() {
  routeToken++;
  stopRefresh();
  if (!sessionStorage.getItem(KEY)) return signOut();
  const [, section, id] = location.hash.split("/");
  try {
    if (section === "endpoints" && id) await endpointView(decodeURIComponent(id));
    else if (section === "deliveries" && id) await deliveryView(decodeURIComponent(id));
    else if (section === "deliveries") await deliveriesView();
    else if (section === "events" && id) await eventView(decodeURIComponent(id));
    else if (section === "events") await eventsView();
    else if (section === "catalogue") await catalogueView();
    else if (section === "audit") await auditView();
    else if (section === "security") await securityView();
    else await endpointsView();
    document.getElementById("main").focus({ preventScroll: true });
  } catch (e) {
    if (!(e instanceof Superseded) && !(e instanceof ApiError && e.status === 401)) show(el("p", { class: "error", role: "alert" }, problemText(e)));
  }
}

document.addEventListener("DOMContentLoaded", () => {
  document.getElementById("sign-in-form").addEventListener("submit", signIn);
  document.querySelector(".skip").addEventListener("click", event => {   // #main is not a page: focus it, stay put
    event.preventDefault();
    document.getElementById("main").focus();
  });
  document.getElementById("sign-out").addEventListener("click", () => {
    history.replaceState(null, "", location.pathname);   // the next key starts at the endpoint list, not on this page
    signOut("Signed out.");
  });
  window.addEventListener("hashchange", route);
  if (sessionStorage.getItem(KEY)) start().catch(() => signOut());
  else signOut();
});
