// Oversight dashboard: one small vanilla script for every page. Data comes from /api/*; /api/events says
// what changed (at most twice a second), and the page re-reads only that. No framework, no build step.
"use strict";

const view = document.getElementById("view");
const notice = document.getElementById("notice");
const panel = document.getElementById("panel");
const params = new URLSearchParams(location.search);
const COLORS = ["#512bd4", "#0078d4", "#107c10", "#ca5010", "#8764b8", "#038387", "#c239b3", "#986f0b", "#4f6bed", "#e3008c"];
const colorOf = (() => { const m = new Map(); return n => { if (!m.has(n)) m.set(n, COLORS[m.size % COLORS.length]); return m.get(n); }; })();

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (k === "style" && typeof v === "object") Object.assign(e.style, v);
    else e.setAttribute(k, v === true ? "" : v);
  }
  // Any depth: a page passes rows that are themselves [row, detail row] pairs.
  for (const c of children.flat(Infinity)) if (c !== null && c !== undefined && c !== false) e.append(c instanceof Node ? c : String(c));
  return e;
}

async function api(path) {
  const r = await fetch(path, { credentials: "same-origin", headers: { Accept: "application/json" } });
  if (r.status === 401) { location.href = "/login"; throw new Error("signed out"); }
  if (!r.ok) { const b = await r.json().catch(() => ({})); throw new Error(b.error || r.statusText); }
  return r.json();
}

async function post(path) {
  // X-Dashboard: 1 is the anti-forgery check: a cross-site form cannot send it.
  const r = await fetch(path, { method: "POST", credentials: "same-origin", headers: { "X-Dashboard": "1" } });
  if (r.status === 401) { location.href = "/login"; return; }
  if (!r.ok) { const b = await r.json().catch(() => ({})); alert(b.error || r.statusText); }
}

const fmtTime = t => t ? new Date(t).toLocaleTimeString(undefined, { hour12: false }) + "." + String(new Date(t).getMilliseconds()).padStart(3, "0") : "-";
const fmtDate = t => t ? new Date(t).toLocaleString(undefined, { hour12: false }) : "-";
const fmtMs = ms => ms >= 1000 ? (ms / 1000).toFixed(2) + " s" : ms >= 1 ? ms.toFixed(1) + " ms" : (ms * 1000).toFixed(0) + " µs";
const badge = (text, title) => el("span", { class: "badge " + text, title }, text);
function setQuery(key, value) { if (value) params.set(key, value); else params.delete(key); history.replaceState(null, "", location.pathname + (params.size ? "?" + params : "")); }

function showPanel(title, ...content) {
  panel.replaceChildren(el("button", { class: "close", onclick: () => { panel.hidden = true; document.body.classList.remove("with-panel"); } }, "Close"), el("h2", {}, title), ...content);
  panel.hidden = false;
  document.body.classList.add("with-panel");
}
const kvTable = rows => rows.length ? el("table", {}, rows.map(([k, v]) => el("tr", {}, el("td", {}, k), el("td", {}, v)))) : el("div", { class: "muted" }, "none");

// "older data dropped (N spans)": the store keeps the newest per resource and counts what it let go.
async function showDropped(kind) {
  const t = await api("/api/telemetry");
  const field = { spans: "droppedSpans", logs: "droppedLogs", points: "droppedMetricPoints" }[kind];
  const parts = t.resources.filter(r => r[field] > 0).map(r => `${r.id}: older data dropped (${r[field]} ${kind})`);
  if (t.rejectedForResourceLimit > 0) parts.push(`${t.rejectedForResourceLimit} items refused: too many resources`);
  notice.textContent = parts.join(" · ");
  notice.hidden = parts.length === 0;
  return t.resources;
}

function resourcePicker(resources, selected, onchange, allLabel) {
  const s = el("select", { onchange: e => onchange(e.target.value), "aria-label": "Resource" },
    allLabel ? el("option", { value: "" }, allLabel) : null,
    resources.map(r => el("option", { value: r, selected: r === selected }, r)));
  return s;
}

// ------------------------------------------------------------------ Resources
const pages = {};
pages.resources = {
  openEnv: new Set(),
  async render() {
    const { resources } = await api("/api/resources");
    const rows = resources.map(r => {
      const envOpen = this.openEnv.has(r.name);
      const actions = r.canControl ? [
        el("button", { disabled: r.state === "Stopped" || r.state === "Stopping", onclick: () => post(`/api/resources/${encodeURIComponent(r.name)}/stop`) }, "Stop"),
        el("button", { disabled: r.state !== "Stopped", onclick: () => post(`/api/resources/${encodeURIComponent(r.name)}/start`) }, "Start"),
        el("button", { disabled: r.state === "Stopping", onclick: () => post(`/api/resources/${encodeURIComponent(r.name)}/restart`) }, "Restart"),
      ] : [];
      const main = el("tr", {},
        el("td", {}, el("b", {}, r.name)),
        el("td", {}, r.type),
        el("td", {}, badge(r.state), r.restartCount ? el("span", { class: "muted" }, ` (${r.restartCount} restarts)`) : null,
          r.stateDetail ? el("div", { class: "detail" }, r.stateDetail) : null),
        el("td", {}, fmtDate(r.startedAt)),
        el("td", { class: "num" }, r.pid ?? "-"),
        el("td", {}, r.urls.map(u => el("div", {}, u.startsWith("http") ? el("a", { href: u, target: "_blank", rel: "noopener" }, u) : u))),
        el("td", {}, actions,
          el("button", { onclick: () => { envOpen ? this.openEnv.delete(r.name) : this.openEnv.add(r.name); this.render(); } }, envOpen ? "Hide env" : `Env (${r.environment.length})`),
          el("a", { href: `/consolelogs?resource=${encodeURIComponent(r.name)}`, style: { marginLeft: ".4rem" } }, "Console")));
      const env = envOpen ? el("tr", {}, el("td", { colspan: 7 },
        r.environment.length ? el("table", { class: "env" }, r.environment.map(e => el("tr", {}, el("td", {}, e.name), el("td", { class: e.masked ? "masked" : "" }, e.value))))
          : el("span", { class: "muted" }, "no environment (not a process of its own)"))) : null;
      return [main, env];
    });
    view.replaceChildren(el("h1", {}, "Resources"),
      el("table", {}, el("thead", {}, el("tr", {}, ["Name", "Type", "State", "Start time", "PID", "URLs", "Actions"].map(h => el("th", {}, h)))), el("tbody", {}, rows)),
      el("p", { class: "muted" }, "Secrets in the environment are masked on the server; they never reach the browser."));
  },
  onChange(c) { if (c.resources) this.render(); },
};

// ------------------------------------------------------------------ Console
// The services' console loggers colour their output with ANSI escapes: shown as colours, not as "[32m".
const ANSI = { 30: "#9e9e9e", 31: "#ff7b72", 32: "#7ee787", 33: "#e3b341", 34: "#79c0ff", 35: "#d2a8ff", 36: "#76e3ea", 37: "#ddd" };
function ansi(text) {
  const parts = [];
  let color = null, last = 0;
  const push = s => { if (s) parts.push(color ? el("span", { style: { color } }, s) : s); };
  for (const m of text.matchAll(/\x1b\[([0-9;]*)m/g)) {
    push(text.slice(last, m.index));
    last = m.index + m[0].length;
    for (const code of (m[1] || "0").split(";").map(Number)) {
      if (code === 0 || code === 39) color = null;
      else if (ANSI[code]) color = ANSI[code];
      else if (ANSI[code - 60]) color = ANSI[code - 60]; // bright 90–97
    }
  }
  push(text.slice(last));
  return parts;
}

pages.console = {
  next: 0, paused: false, pending: false, pre: null, resource: null,
  async render() {
    const { resources } = await api("/api/resources");
    const names = resources.map(r => r.name);
    this.resource = params.get("resource") || names.find(n => n !== "dashboard") || names[0];
    this.next = 0;
    this.pre = el("pre", { class: "console", "aria-live": "off" });
    const pause = el("button", { onclick: () => { this.paused = !this.paused; pause.textContent = this.paused ? "Resume" : "Pause"; if (!this.paused) this.fetch(); } }, this.paused ? "Resume" : "Pause");
    this.dropped = el("span", { class: "muted" });
    view.replaceChildren(el("h1", {}, "Console logs"),
      el("div", { class: "toolbar" },
        resourcePicker(names, this.resource, v => { setQuery("resource", v); this.render(); }),
        pause,
        el("a", { href: `/api/resources/${encodeURIComponent(this.resource)}/console.txt`, download: "" }, el("button", {}, "Download")),
        this.dropped),
      this.pre);
    await this.fetch();
  },
  async fetch() {
    if (this.paused || !this.resource) return;
    const s = await api(`/api/resources/${encodeURIComponent(this.resource)}/console?after=${this.next}`);
    if (s.dropped > 0) this.dropped.textContent = `older lines dropped (${s.dropped} lines)`;
    const atBottom = this.pre.scrollTop + this.pre.clientHeight >= this.pre.scrollHeight - 20;
    const frag = document.createDocumentFragment();
    for (const l of s.lines) frag.append(el("span", { class: l.error ? "err" : "" }, el("span", { class: "ts" }, fmtTime(l.time) + " "), ansi(l.text), "\n"));
    this.pre.append(frag);
    while (this.pre.childNodes.length > 5000) this.pre.firstChild.remove();
    this.next = s.next;
    if (atBottom) this.pre.scrollTop = this.pre.scrollHeight;
  },
  onChange(c) { if (c.console.includes(this.resource)) this.fetch(); },
};

// ------------------------------------------------------------------ Structured logs
pages.logs = {
  // As on the Traces page: the toolbar is built once, so a filter being typed survives live updates, and the
  // rows of records already shown are reused.
  async render() {
    this.rows = new Map();
    this.picker = el("span");
    this.count = el("span", { class: "muted" });
    this.body = el("div");
    const levels = ["", "Trace", "Debug", "Information", "Warning", "Error", "Fatal"];
    view.replaceChildren(el("h1", {}, "Structured logs"),
      el("div", { class: "toolbar" },
        this.picker,
        el("select", { "aria-label": "Minimum level", onchange: e => { setQuery("level", e.target.value); this.update(); } },
          levels.map(l => el("option", { value: l, selected: (params.get("level") || "") === l }, l ? l + " and above" : "All levels"))),
        el("input", { type: "search", placeholder: "Filter text…", value: params.get("text") || "", onchange: e => { setQuery("text", e.target.value); this.update(); } }),
        params.get("traceId") ? el("button", { onclick: () => { setQuery("traceId", ""); this.render(); } }, `trace ${params.get("traceId").slice(0, 8)} ✕`) : null,
        this.count),
      this.body);
    await this.update();
  },
  async update() {
    const telemetry = await showDropped("logs");
    const ids = telemetry.map(r => r.id).join("\n");
    if (ids !== this.pickerIds) {
      this.pickerIds = ids;
      this.picker.replaceChildren(resourcePicker(telemetry.map(r => r.id), params.get("resource"), v => { setQuery("resource", v); this.update(); }, "All resources"));
    }
    const q = new URLSearchParams();
    for (const k of ["resource", "level", "text", "traceId"]) if (params.get(k)) q.set(k, params.get(k));
    const { logs } = await api("/api/logs?" + q);
    this.count.textContent = `${logs.length} records (newest first)`;
    if (logs.length === 0) { this.tbody = null; this.body.replaceChildren(el("div", { class: "empty" }, "No log records match.")); return; }
    if (!this.tbody) {
      this.tbody = el("tbody");
      this.body.replaceChildren(el("table", {}, el("thead", {}, el("tr", {}, ["Time", "Resource", "Level", "Message", "Trace"].map(h => el("th", {}, h)))), this.tbody));
    }
    const rows = new Map();
    for (const l of logs.slice().reverse()) {
      const key = JSON.stringify(l);
      rows.set(key, this.rows.get(key) || this.row(l));
    }
    this.rows = rows;
    this.tbody.replaceChildren(...rows.values());
  },
  row(l) {
    return el("tr", { class: "clickable", onclick: () => showPanel(l.message.slice(0, 120),
      kvTable([["Time", fmtDate(l.time)], ["Resource", l.resource], ["Level", `${l.level} ${l.severityText || ""}`], ["Scope", l.scope], ["Event", l.eventName || ""], ["Trace", l.traceId || ""], ["Span", l.spanId || ""]]),
      el("h2", {}, "Attributes"), kvTable(l.attributes.map(a => [a.key, a.value]))) },
      el("td", {}, fmtTime(l.time)),
      el("td", {}, el("span", { class: "dot", style: { background: colorOf(l.resource) } }), l.resource),
      el("td", {}, badge(l.level)),
      el("td", {}, l.message),
      el("td", {}, l.traceId ? el("a", { href: `/traces/detail/${l.traceId}`, onclick: e => e.stopPropagation() }, l.traceId.slice(0, 8)) : ""));
  },
  onChange(c) { if (c.logs) return this.update(); },
};

// ------------------------------------------------------------------ Traces
pages.traces = {
  // The toolbar is built once (a filter being typed survives live updates); the table is refreshed in place,
  // reusing the row of every trace that did not change, so rows do not vanish under the pointer every second.
  async render() {
    this.rows = new Map();
    this.picker = el("span");
    this.count = el("span", { class: "muted" });
    this.body = el("div");
    view.replaceChildren(el("h1", {}, "Traces"),
      el("div", { class: "toolbar" },
        this.picker,
        el("input", { type: "search", placeholder: "Name or trace id…", value: params.get("text") || "", onchange: e => { setQuery("text", e.target.value); this.update(); } }),
        this.count),
      this.body);
    await this.update();
  },
  async update() {
    const telemetry = await showDropped("spans");
    const ids = telemetry.map(r => r.id).join("\n");
    if (ids !== this.pickerIds) {
      this.pickerIds = ids;
      this.picker.replaceChildren(resourcePicker(telemetry.map(r => r.id), params.get("resource"), v => { setQuery("resource", v); this.update(); }, "All resources"));
    }
    const q = new URLSearchParams();
    for (const k of ["resource", "text"]) if (params.get(k)) q.set(k, params.get(k));
    const { traces } = await api("/api/traces?" + q);
    this.count.textContent = `${traces.length} traces (newest first)`;
    if (traces.length === 0) { this.tbody = null; this.body.replaceChildren(el("div", { class: "empty" }, "No traces match.")); return; }
    if (!this.tbody) {
      this.tbody = el("tbody");
      this.body.replaceChildren(el("table", {}, el("thead", {}, el("tr", {}, ["Time", "Name", "Resources", "Spans", "Duration", "Errors"].map(h => el("th", {}, h)))), this.tbody));
    }
    const rows = new Map();
    for (const t of traces) {
      const key = JSON.stringify(t), old = this.rows.get(t.traceId);
      rows.set(t.traceId, old && old.key === key ? old : { key, tr: this.row(t) });
    }
    this.rows = rows;
    this.tbody.replaceChildren(...[...rows.values()].map(r => r.tr));
  },
  row(t) {
    return el("tr", { class: "clickable", onclick: () => { location.href = `/traces/detail/${t.traceId}`; } },
      el("td", {}, fmtTime(t.start)),
      el("td", {}, el("a", { href: `/traces/detail/${t.traceId}` }, t.name)),
      el("td", {}, t.resources.map(r => el("span", { style: { marginRight: ".5rem" } }, el("span", { class: "dot", style: { background: colorOf(r) } }), r))),
      el("td", { class: "num" }, t.spans),
      el("td", { class: "num" }, fmtMs(t.durationMs)),
      el("td", {}, t.error ? el("span", { class: "err-mark" }, "error") : ""));
  },
  onChange(c) { if (c.traces) return this.update(); },
};

pages.trace = {
  selected: null, shown: null,
  async render(onlyIfChanged) {
    await showDropped("spans");
    const id = location.pathname.split("/").pop();
    let t;
    try { t = await api(`/api/traces/${encodeURIComponent(id)}`); }
    catch (e) { view.replaceChildren(el("h1", {}, "Trace"), el("div", { class: "empty" }, e.message), el("a", { href: "/traces" }, "Back to traces")); return; }
    // Other traces arrive every second; rebuilding this one for them would only make its rows flicker.
    const json = JSON.stringify(t);
    if (onlyIfChanged && json === this.shown) return;
    this.shown = json;
    const byId = new Map(t.spans.map(s => [s.spanId, s]));
    const children = new Map();
    const roots = [];
    for (const s of t.spans) {
      if (s.parentSpanId && byId.has(s.parentSpanId)) { if (!children.has(s.parentSpanId)) children.set(s.parentSpanId, []); children.get(s.parentSpanId).push(s); }
      else roots.push(s);
    }
    const ordered = [];
    const walk = (s, depth) => { ordered.push([s, depth]); for (const c of children.get(s.spanId) || []) walk(c, depth + 1); };
    roots.forEach(r => walk(r, 0));
    const total = Math.max(t.durationMs, 0.001);
    const rows = ordered.map(([s, depth]) => el("div", { class: "wf-row" + (this.selected === s.spanId ? " selected" : ""), onclick: () => { this.selected = s.spanId; this.detail(s); this.render(); } },
      el("div", { class: "wf-name", style: { paddingLeft: depth * 14 + "px" }, title: `${s.resource}: ${s.name}` },
        el("span", { class: "dot", style: { background: colorOf(s.resource) } }), el("span", { class: "muted" }, s.resource + " "), s.name,
        s.status === "Error" ? el("span", { class: "err-mark" }, " !") : null),
      el("div", { class: "wf-track" }, el("div", { class: "wf-bar" + (s.status === "Error" ? " error" : ""), title: fmtMs(s.durationMs),
        style: { left: (s.offsetMs / total * 100) + "%", width: Math.max(s.durationMs / total * 100, 0.3) + "%", background: colorOf(s.resource) } })),
      el("div", { class: "wf-dur" }, fmtMs(s.durationMs))));
    const resources = [...new Set(t.spans.map(s => s.resource))];
    view.replaceChildren(el("h1", {}, "Trace ", el("span", { class: "muted" }, t.traceId)),
      el("div", { class: "toolbar" }, el("a", { href: "/traces" }, "← Traces"),
        el("span", {}, `${fmtDate(t.start)} · ${fmtMs(t.durationMs)} · ${t.spans.length} spans · `),
        resources.map(r => el("span", {}, el("span", { class: "dot", style: { background: colorOf(r) } }), r + " ")),
        el("a", { href: `/structuredlogs?traceId=${t.traceId}` }, "Logs of this trace")),
      el("div", { class: "waterfall" }, rows));
  },
  detail(s) {
    showPanel(s.name,
      kvTable([["Resource", s.resource], ["Kind", s.kind], ["Status", s.status + (s.statusMessage ? ": " + s.statusMessage : "")], ["Start", fmtDate(s.start)], ["Duration", fmtMs(s.durationMs)], ["Span id", s.spanId], ["Parent", s.parentSpanId || "(root)"], ["Scope", s.scope]]),
      el("h2", {}, "Attributes"), kvTable(s.attributes.map(a => [a.key, a.value])),
      el("h2", {}, `Events (${s.events.length})`),
      s.events.length ? s.events.map(e => el("div", {}, el("b", {}, `+${fmtMs(e.offsetMs)} ${e.name}`), kvTable(e.attributes.map(a => [a.key, a.value])))) : el("div", { class: "muted" }, "none"));
  },
  onChange(c) { if (c.traces) return this.render(true); },
};

// ------------------------------------------------------------------ Metrics
pages.metrics = {
  async render() {
    const telemetry = await showDropped("points");
    const ids = telemetry.map(r => r.id);
    const resource = params.get("resource") || ids[0];
    if (!resource) { view.replaceChildren(el("h1", {}, "Metrics"), el("div", { class: "empty" }, "No resource has sent metrics yet.")); return; }
    const { instruments } = await api(`/api/metrics/${encodeURIComponent(resource)}`);
    const name = params.get("instrument") || (instruments[0] && instruments[0].name);
    const list = el("div", { class: "instruments" }, instruments.map(i => el("div", { class: i.name === name ? "selected" : "", title: i.description,
      onclick: () => { setQuery("instrument", i.name); this.render(); } }, i.name, el("div", { class: "muted" }, i.scope))));
    const chart = el("div", {});
    view.replaceChildren(el("h1", {}, "Metrics"),
      el("div", { class: "toolbar" }, resourcePicker(ids, resource, v => { setQuery("resource", v); setQuery("instrument", ""); this.render(); })),
      el("div", { class: "layout" }, list, chart));
    Object.assign(this, { shown: { resource, name, chart, instruments: instruments.map(i => i.name).join("\n") } });
    if (name) await this.chart(chart, resource, name);
  },
  // Points arrive every second: redraw the chart only, and the whole page only when the instruments changed,
  // so the list does not flicker under the pointer.
  async update() {
    const s = this.shown;
    if (!s) return this.render();
    const { instruments } = await api(`/api/metrics/${encodeURIComponent(s.resource)}`);
    if (instruments.map(i => i.name).join("\n") !== s.instruments) return this.render();
    if (s.name) await this.chart(s.chart, s.resource, s.name);
  },
  async chart(target, resource, name) {
    const m = await api(`/api/metrics/${encodeURIComponent(resource)}/${encodeURIComponent(name)}`);
    const i = m.instrument;
    const histogram = i.kind === "Histogram" || i.kind === "ExponentialHistogram" || i.kind === "Summary";
    const counter = i.kind === "Sum" && i.isMonotonic;
    // The services export cumulative data (totals since the process started, the same start on every point):
    // a histogram is charted as the mean of each interval and a counter as a rate, not as ever-flatter totals.
    const series = new Map(), previous = new Map();
    for (const p of m.points) {
      const before = previous.get(p.attributes);
      previous.set(p.attributes, p);
      const cumulative = before && before.start === p.start;
      const seconds = (new Date(p.time) - new Date(cumulative ? before.time : p.start)) / 1000;
      let y = p.value;
      if (histogram) {
        const count = cumulative ? p.count - before.count : p.count;
        y = count > 0 ? (cumulative ? p.value - before.value : p.value) / count : null;
      } else if (counter) {
        y = seconds > 0 ? (cumulative ? p.value - before.value : p.value) / seconds : null;
      }
      if (y === null || y === undefined || !isFinite(y)) continue;
      if (!series.has(p.attributes)) series.set(p.attributes, []);
      series.get(p.attributes).push([new Date(p.time).getTime(), y]);
    }
    const all = [...series.values()].flat();
    const header = el("div", {}, el("b", {}, i.name), " ", el("span", { class: "muted" }, `${i.kind}${i.unit ? " · " + i.unit : ""}${histogram ? " · mean per interval" : counter ? " · per second" : ""} · ${i.pointCount} points${i.droppedPoints ? ` · older data dropped (${i.droppedPoints} points)` : ""}`),
      el("div", { class: "muted" }, i.description));
    if (all.length === 0) { target.replaceChildren(header, el("div", { class: "empty" }, "No points yet.")); return; }
    const W = 900, H = 320, L = 60, B = 24, T = 10, R = 10;
    const x0 = Math.min(...all.map(p => p[0])), x1 = Math.max(...all.map(p => p[0])) || x0 + 1;
    let y0 = Math.min(0, ...all.map(p => p[1])), y1 = Math.max(...all.map(p => p[1]));
    if (y1 === y0) y1 = y0 + 1;
    const sx = x => L + (x1 === x0 ? 0 : (x - x0) / (x1 - x0)) * (W - L - R), sy = y => T + (1 - (y - y0) / (y1 - y0)) * (H - T - B);
    const NS = "http://www.w3.org/2000/svg";
    const svg = (tag, attrs, text) => { const e = document.createElementNS(NS, tag); for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v); if (text !== undefined) e.textContent = text; return e; };
    const root = svg("svg", { class: "chart", viewBox: `0 0 ${W} ${H}`, preserveAspectRatio: "none", role: "img", "aria-label": `${i.name} over time` });
    for (const f of [0, 0.5, 1]) {
      const y = y0 + (y1 - y0) * f;
      root.append(svg("line", { x1: L, x2: W - R, y1: sy(y), y2: sy(y), stroke: "#eee" }), svg("text", { x: 4, y: sy(y) + 4 }, +y.toPrecision(4)));
    }
    root.append(svg("text", { x: L, y: H - 6 }, fmtTime(x0)), svg("text", { x: W - R - 80, y: H - 6 }, fmtTime(x1)));
    const legend = el("div", { class: "legend" });
    let n = 0;
    for (const [attrs, pts] of series) {
      const color = COLORS[n++ % COLORS.length];
      root.append(svg("polyline", { fill: "none", stroke: color, "stroke-width": 1.5, points: pts.map(p => `${sx(p[0]).toFixed(1)},${sy(p[1]).toFixed(1)}`).join(" ") }));
      // A series with one point (one busy interval) has no line to draw: a dot shows it.
      if (pts.length === 1) root.append(svg("circle", { cx: sx(pts[0][0]), cy: sy(pts[0][1]), r: 3, fill: color }));
      legend.append(el("span", {}, el("span", { class: "dot", style: { background: color } }), attrs || "(no attributes)", ` · last ${+pts[pts.length - 1][1].toPrecision(5)}`));
    }
    target.replaceChildren(header, root, legend);
  },
  onChange(c) { if (c.metrics) return this.update(); },
};

// ------------------------------------------------------------------ routing and the live feed
function pageName() {
  const p = location.pathname;
  if (p.startsWith("/consolelogs")) return "console";
  if (p.startsWith("/structuredlogs")) return "logs";
  if (p.startsWith("/traces/detail/")) return "trace";
  if (p.startsWith("/traces")) return "traces";
  if (p.startsWith("/metrics")) return "metrics";
  return "resources";
}

const current = pages[pageName()];
document.querySelectorAll("nav a").forEach(a => a.classList.toggle("active", a.dataset.page === pageName() || (a.dataset.page === "traces" && pageName() === "trace")));
let rendering = false, again = null;
const merge = (a, b) => !a || !b ? (a || b) : { resources: a.resources || b.resources, console: [...a.console, ...b.console], logs: a.logs || b.logs, traces: a.traces || b.traces, metrics: a.metrics || b.metrics };
async function refresh(change) {
  // One render at a time; changes that arrive meanwhile are merged into one more render.
  if (rendering) { again = merge(again, change); return; }
  rendering = true;
  try { change ? await current.onChange(change) : await current.render(); }
  catch (e) { if (e.message !== "signed out") console.error(e); }
  finally { rendering = false; if (again) { const c = again; again = null; refresh(c); } }
}
refresh(null);

const live = document.getElementById("live");
const events = new EventSource("/api/events");
events.addEventListener("hello", () => { live.textContent = "live"; live.classList.remove("off"); });
events.addEventListener("change", e => refresh(JSON.parse(e.data)));
events.onerror = () => { live.textContent = "reconnecting…"; live.classList.add("off"); };
