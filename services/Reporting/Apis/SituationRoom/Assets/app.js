// The situation room: sign-in, the region tree, counts, the daily chart, the overdue list, live updates (Server-Sent Events).
// The sign-in cookie is HttpOnly: this script never sees the token, the browser sends it with each same-origin call.
"use strict";
(() => {
  const api = "/situation-room/api";
  const $ = (id) => document.getElementById(id);
  const svgNs = "http://www.w3.org/2000/svg";
  let scope = "";
  let selected = null;
  // The chart's range as the user chose it ("election" or "recent"); empty: the server's choice for today.
  let chartRange = "";
  let live = null;

  // Names come from the region directory (through /region-names) as codes appear; until then, or without it, the code.
  const names = new Map();
  const regionName = (code) => (code === "" ? "Indonesia (national)"
    : names.has(code) ? `${names.get(code)} (${code})`
    : code.includes(".") ? `Regency/city ${code}` : `Province ${code}`);

  // The violation catalogue's names (SKB 2022), asked for once; until then, or without it, the number.
  const violationTypes = new Map();
  const violationType = (key) => (key === "0" ? "Not classified"
    : violationTypes.has(key) ? `${key}. ${violationTypes.get(key)}` : `Type ${key}`);

  async function learnViolationTypes() {
    if (violationTypes.size > 0) return;
    try {
      for (const type of await getJson("/violation-types")) violationTypes.set(String(type.number), type.name);
    } catch {
      // The numbers still show.
    }
  }

  async function learnNames(codes) {
    const unknown = [...new Set(codes)].filter((c) => c !== "" && !names.has(c)).slice(0, 100);
    if (unknown.length === 0) return;
    try {
      const found = await getJson(`/region-names?codes=${encodeURIComponent(unknown.join(","))}`);
      for (const [code, name] of Object.entries(found)) names.set(code, name);
    } catch { return; }
    for (const code of unknown) {
      const span = nodeOf(code)?.querySelector(":scope > button .name");
      if (span) span.textContent = regionName(code);
    }
    if (selected !== null && unknown.includes(selected)) $("region-title").textContent = regionName(selected);
  }
  const num = (value) => Number(value ?? 0);
  const label = (text) => (text === "" ? "(none)" : text.replaceAll("_", " "));

  async function getJson(path) {
    const response = await fetch(api + path, { credentials: "same-origin", headers: { Accept: "application/json" } });
    if (response.status === 401) { showSignIn(); throw new Error("signed out"); }
    if (!response.ok) throw new Error(`${path}: ${response.status} ${(await problem(response))}`);
    return response.json();
  }

  async function problem(response) {
    try { return (await response.json()).detail ?? response.statusText; } catch { return response.statusText; }
  }

  function showSignIn(message) {
    if (live) { live.close(); live = null; }
    $("room").hidden = true; $("who").hidden = true; $("live").hidden = true; $("sign-out").hidden = true;
    $("sign-in-view").hidden = false;
    const error = $("sign-in-error");
    error.textContent = message ?? ""; error.hidden = !message;
  }

  async function showRoom(me) {
    scope = me.regionScope ?? "";
    $("sign-in-view").hidden = true;
    $("room").hidden = false; $("sign-out").hidden = false; $("live").hidden = false;
    $("who").hidden = false;
    $("who").textContent = `${me.clientId} · scope ${me.regionScopeName}`;
    const tree = $("region-tree");
    tree.replaceChildren(treeNode(scope, null));
    await learnViolationTypes();
    await select(scope);
  }

  function treeNode(code, total) {
    const li = document.createElement("li");
    li.dataset.region = code;
    const button = document.createElement("button");
    button.type = "button";
    const name = document.createElement("span");
    name.className = "name"; name.textContent = regionName(code);
    const count = document.createElement("span");
    count.className = "count"; count.textContent = total === null ? "" : String(total);
    button.append(name, count);
    button.addEventListener("click", () => select(code));
    li.append(button, document.createElement("ul"));
    return li;
  }

  const nodeOf = (code) => document.querySelector(`#region-tree li[data-region="${CSS.escape(code)}"]`);

  async function select(code) {
    selected = code;
    document.querySelectorAll("#region-tree li.selected").forEach((li) => li.classList.remove("selected"));
    nodeOf(code)?.classList.add("selected");
    $("region-title").textContent = regionName(code);
    const [summary] = await Promise.all([getJson(`/summary?region=${encodeURIComponent(code)}`), refreshLists(code)]);
    if (selected === code) renderSummary(summary);
    follow(code);
  }

  // Live updates: the server pushes the selected region's summary whenever the read model changes.
  function follow(code) {
    if (live) live.close();
    live = new EventSource(`${api}/live?region=${encodeURIComponent(code)}`);
    live.addEventListener("open", () => setLive(true));
    live.addEventListener("summary", async (message) => {
      if (selected !== code) return;
      renderSummary(JSON.parse(message.data));
      await Promise.all([refreshLists(code), refreshAncestors(code)]);
    });
    live.addEventListener("error", async () => {
      setLive(false);
      // A closed stream after a refusal means the sign-in expired; otherwise EventSource reconnects by itself.
      if (live && live.readyState === EventSource.CLOSED) {
        const response = await fetch(`${api}/me`, { credentials: "same-origin" });
        if (response.status === 401) showSignIn("Your sign-in expired; sign in again.");
      }
    });
  }

  function setLive(on) {
    const badge = $("live");
    badge.textContent = on ? "live" : "offline";
    badge.className = `live ${on ? "on" : "off"}`;
  }

  // The tree rows above the selected region (the nation, its province) count the change too.
  async function refreshAncestors(code) {
    const above = [""].concat(code.includes(".") ? [code.split(".")[0]] : []).filter((c) => c !== code && nodeOf(c));
    const summaries = await Promise.all(above.map((c) => getJson(`/summary?region=${encodeURIComponent(c)}`)));
    summaries.forEach(renderTree);
  }

  async function refreshLists(code) {
    const [series, overdue] = await Promise.all([
      getJson(`/time-series?region=${encodeURIComponent(code)}&range=${chartRange}`),
      getJson(`/overdue?region=${encodeURIComponent(code)}`),
    ]);
    if (selected !== code) return;
    renderRanges(series, code);
    renderChart(series.series.days, series.keyDates);
    renderOverdue(overdue.complaints ?? []);
  }

  function renderSummary(summary) {
    const totals = summary.totals;
    $("total").textContent = num(totals.total);
    $("overdue-count").textContent = num(totals.overdue);
    $("decided").textContent = num(totals.decided);
    $("decision-hours").textContent = num(totals.decided) === 0 ? "–"
      : `${num(totals.decisionHoursMedian).toFixed(0)} / ${num(totals.decisionHoursP90).toFixed(0)}`;
    renderCounts("by-status", totals.byStatus, label);
    renderCounts("by-type", totals.byViolationType, violationType);
    renderCounts("by-kind", totals.byKind, label);
    renderTree(summary);
  }

  // The region's row in the tree and its children's rows.
  function renderTree(summary) {
    const totals = summary.totals;
    const node = nodeOf(totals.regionCode);
    if (!node) return;
    node.querySelector(":scope > button .count").textContent = num(totals.total);
    const list = node.querySelector(":scope > ul");
    const kids = summary.children ?? [];
    // Keep a child's own subtree (an expanded province) when only its count changed.
    const existing = new Map([...list.children].map((li) => [li.dataset.region, li]));
    list.replaceChildren(...kids.map((child) => {
      const li = existing.get(child.regionCode) ?? treeNode(child.regionCode, null);
      li.querySelector(":scope > button .count").textContent = num(child.total);
      return li;
    }));
    learnNames([totals.regionCode, ...kids.map((child) => child.regionCode)]);
  }

  function renderCounts(tableId, counts, name) {
    const entries = Object.entries(counts ?? {}).filter(([, n]) => num(n) > 0)
      .sort(([a], [b]) => a.localeCompare(b, "en", { numeric: true }));
    const body = $(tableId).querySelector("tbody");
    if (entries.length === 0) {
      const tr = document.createElement("tr");
      tr.innerHTML = '<td class="muted">none</td>';
      body.replaceChildren(tr);
      return;
    }
    body.replaceChildren(...entries.map(([key, n]) => {
      const tr = document.createElement("tr");
      tr.dataset.key = key;
      const th = document.createElement("td"); th.textContent = name(key);
      const td = document.createElement("td"); td.className = "n"; td.textContent = num(n);
      tr.append(th, td);
      return tr;
    }));
  }

  // The range shown, the buttons for the others, and a note when the chart has nothing to show, saying why.
  function renderRanges(series, code) {
    const shown = series.range;
    $("chart-range").textContent = `${shown.label}: ${shown.from} to ${shown.to}`;
    $("chart-ranges").replaceChildren(...series.ranges.map((range) => {
      const button = document.createElement("button");
      button.type = "button";
      button.dataset.range = range.id;
      button.textContent = range.name;
      button.setAttribute("aria-pressed", String(range.id === shown.id));
      button.addEventListener("click", () => { chartRange = range.id; refreshLists(code); });
      return button;
    }));
    const notes = [];
    if (series.calendarUnavailable) {
      notes.push("The election calendar is unavailable (the region directory does not answer), so only recent days are shown.");
    }
    if (num(series.receivedInRange) === 0) {
      const all = num(series.receivedInAll);
      notes.push(`No complaints were received here from ${shown.from} to ${shown.to}.` + (all === 0 ? ""
        : ` All ${all} of this region's complaints were received outside these days` +
          (series.ranges.length > 1 ? "; the other range may show them." : ".")));
    }
    $("chart-note").textContent = notes.join(" ");
    $("chart-note").hidden = notes.length === 0;
  }

  function svg(name, attributes, text) {
    const element = document.createElementNS(svgNs, name);
    for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
    if (text !== undefined) element.textContent = text;
    return element;
  }

  function renderChart(days, keyDates) {
    const chart = $("chart");
    const width = 960, height = 280, left = 40, right = 16, top = 46, bottom = 34;
    const max = Math.max(1, ...days.map((d) => num(d.received)));
    const yMax = max <= 5 ? max : Math.ceil(max / 5) * 5;
    const step = days.length > 1 ? (width - left - right) / (days.length - 1) : 0;
    const x = (i) => left + i * step;
    const y = (n) => top + (height - top - bottom) * (1 - n / yMax);
    const index = new Map(days.map((d, i) => [d.date, i]));
    const parts = [];

    for (const value of [0, yMax / 2, yMax]) {
      parts.push(svg("line", { class: "grid", x1: left, x2: width - right, y1: y(value), y2: y(value) }));
      parts.push(svg("text", { x: left - 6, y: y(value) + 4, "text-anchor": "end" }, Number.isInteger(value) ? value : value.toFixed(1)));
    }
    parts.push(svg("line", { class: "axis", x1: left, x2: width - right, y1: y(0), y2: y(0) }));
    days.forEach((d, i) => {
      if (d.date.endsWith("-01") || d.date.endsWith("-15") || i === 0 || i === days.length - 1) {
        parts.push(svg("line", { class: "axis", x1: x(i), x2: x(i), y1: y(0), y2: y(0) + 4 }));
        parts.push(svg("text", { x: x(i), y: height - bottom + 18, "text-anchor": "middle" }, d.date.slice(5)));
      }
    });

    for (const key of keyDates) {
      const from = index.get(key.from), to = index.get(key.to);
      if (from === undefined || to === undefined) continue;
      const group = svg("g", { class: "key-date", "data-key": key.id });
      group.append(svg("title", {}, `${key.label}: ${key.from === key.to ? key.from : `${key.from} to ${key.to}`}`));
      if (from === to) {
        group.append(svg("line", { x1: x(from), x2: x(from), y1: key.id === "voting-day" ? 18 : 34, y2: y(0) }));
      } else {
        group.append(svg("rect", { x: x(from) - step / 2, y: 34, width: x(to) - x(from) + step, height: y(0) - 34 }));
      }
      // Labels above the plot, clear of the gridlines: voting day on its own row so it never collides with the quiet period.
      const labelY = key.id === "voting-day" ? 14 : 30;
      const labelX = key.id === "campaign-start" ? x(from) + 4 : key.id === "voting-day" ? x(to) + 3 : x(from) - step / 2 - 4;
      group.append(svg("text", { x: labelX, y: labelY, "text-anchor": key.id === "campaign-start" ? "start" : "end" }, key.label));
      parts.push(group);
    }

    parts.push(svg("polyline", { class: "line", points: days.map((d, i) => `${x(i).toFixed(1)},${y(num(d.received)).toFixed(1)}`).join(" ") }));
    days.forEach((d, i) => {
      const dot = svg("circle", { class: "day", cx: x(i), cy: y(num(d.received)), r: num(d.received) > 0 ? 3.5 : 2, "data-date": d.date, "data-received": num(d.received) });
      dot.append(svg("title", {}, `${d.date}: ${num(d.received)}`));
      parts.push(dot);
    });
    chart.replaceChildren(...parts);
  }

  function lateBy(seconds) {
    const days = Math.floor(seconds / 86400), hours = Math.floor((seconds % 86400) / 3600), minutes = Math.floor((seconds % 3600) / 60);
    return days > 0 ? `${days} d ${hours} h` : hours > 0 ? `${hours} h ${minutes} min` : `${minutes} min`;
  }

  function renderOverdue(complaints) {
    $("overdue-note").textContent = `(${complaints.length}, most overdue first)`;
    const body = $("overdue-list").querySelector("tbody");
    if (complaints.length === 0) {
      const tr = document.createElement("tr");
      tr.innerHTML = '<td colspan="6" class="muted">Nothing overdue.</td>';
      body.replaceChildren(tr);
      return;
    }
    body.replaceChildren(...complaints.map((c) => {
      const tr = document.createElement("tr");
      tr.dataset.id = c.complaintId;
      const cells = [
        c.registrationNumber || c.complaintId.slice(0, 8),
        c.regionCode, label(c.status), `${label(c.deadlineKind)}, due ${c.dueAt.slice(0, 10)}`, c.deadlineOwner, lateBy(num(c.secondsLate)),
      ];
      cells.forEach((text, i) => {
        const td = document.createElement("td");
        td.textContent = text;
        if (i === 4) td.className = "owner";
        if (i === 5) { td.className = "n late"; td.title = `${num(c.secondsLate)} s`; }
        tr.append(td);
      });
      return tr;
    }));
  }

  $("sign-in").addEventListener("submit", async (event) => {
    event.preventDefault();
    const response = await fetch(`${api}/sign-in`, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ clientId: $("client-id").value, clientSecret: $("client-secret").value }),
    });
    $("client-secret").value = "";
    if (!response.ok) { showSignIn(await problem(response)); return; }
    await start();
  });

  $("sign-out").addEventListener("click", async () => {
    await fetch(`${api}/sign-out`, { method: "POST", credentials: "same-origin" });
    showSignIn();
  });

  async function start() {
    const response = await fetch(`${api}/me`, { credentials: "same-origin" });
    if (response.ok) await showRoom(await response.json());
    else showSignIn(response.status === 401 ? undefined : await problem(response));
  }

  start();
})();
