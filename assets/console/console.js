// console.js — the operator console's page logic: sign-in (and the wait after too
// many failed ones), filters, the charts (plain SVG built here, no library), the
// pre-checks that became applications at a desk, the fleet and the 不确定 questions. It reads the
// receiver's JSON under /console/api/ (sync/receiver/recv_console.c); the session is
// an HttpOnly cookie, and POSTs carry the X-CSRF-Token that /console/api/me gives.
"use strict";

const COLORS = { exempt: "#2e7d32", mitigate: "#7cb342", ineligible: "#c62828",
  refer: "#f9a825", not_applicable: "#757575", not_in_force: "#5c6bc0" };
const DESK_COLORS = { receive: "#1565c0", accept: "#2e7d32", returned: "#c62828" };
const PRINTER = { ok: ["正常", "ok"], paper_near_end: ["纸将用完", "warn"], out: ["缺纸", "bad"],
  missing: ["未连接", "bad"], unknown: ["未知", ""] };
const state = { csrf: "", fleet: null };

const $ = (id) => document.getElementById(id);
// Counts with thousands separators: 1,010,000 reads at a glance, 1010000 does not.
const num = (n) => Number(n).toLocaleString("zh-CN");

function el(tag, attrs, text) {
  const svg = ["svg", "rect", "text", "line", "g", "title"].includes(tag);
  const e = svg ? document.createElementNS("http://www.w3.org/2000/svg", tag)
                : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

async function api(path, options) {
  const res = await fetch("/console/api/" + path, Object.assign({ credentials: "same-origin" },
                                                                options || {}));
  const body = await res.json().catch(() => ({}));
  if (res.status === 401 && path !== "login") { showSignin(); throw new Error("请先登录"); }
  if (res.status === 429) throw new Error(lockedText(body.retry_after ||
                                                     res.headers.get("Retry-After")));
  if (!res.ok) throw new Error(body.error || ("HTTP " + res.status));
  return body;
}

// Too many failed sign-ins: the wait in seconds under a minute, else in whole minutes.
function lockedText(seconds) {
  const s = Math.max(1, Math.ceil(Number(seconds) || 0));
  const wait = s < 60 ? s + " 秒" : Math.ceil(s / 60) + " 分钟";
  return "登录失败次数较多，为保护账户，请在 " + wait + "后再试。";
}

function showSignin() {
  $("signin").hidden = false;
  $("console").hidden = true;
  $("who").hidden = true;
}

async function start() {
  try {
    const me = await api("me");
    state.csrf = me.csrf;
    $("operator").textContent = "操作员：" + me.operator;
    $("silent-hours").textContent = me.silent_hours;
    $("signin").hidden = true;
    $("console").hidden = false;
    $("who").hidden = false;
    await load();
  } catch (e) {
    showSignin();
  }
}

async function signin(ev) {
  ev.preventDefault();
  $("signin-error").textContent = "";
  try {
    await api("login", { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ name: $("name").value, password: $("password").value }) });
    $("password").value = "";
    await start();
  } catch (e) {
    $("signin-error").textContent = e.message; // the name stays as typed
    $("password").value = "";
    $("password").focus();
  }
}

async function signout() {
  await api("logout", { method: "POST", headers: { "X-CSRF-Token": state.csrf,
    "Content-Type": "application/json" }, body: "{}" }).catch(() => {});
  state.csrf = "";
  showSignin();
}

function query() {
  const q = new URLSearchParams();
  for (const [name, id] of [["hall", "f-hall"], ["kiosk", "f-kiosk"], ["from", "f-from"],
                            ["to", "f-to"], ["by", "f-by"]])
    if ($(id).value) q.set(name, $(id).value);
  return q.toString();
}

async function load(ev) {
  if (ev) ev.preventDefault();
  $("load-error").textContent = "";
  const q = query();
  try {
    const [counts, fleet, unsure, desk] = await Promise.all([api("counts?" + q),
      api("fleet?" + q), api("unsure?" + q), api("desk?" + q)]);
    drawCounts(counts);
    drawDesk(desk, counts);
    if (!state.fleet) fillFilters(fleet);
    drawFleet(fleet);
    drawUnsure(unsure);
    document.body.dataset.loaded = "yes";
  } catch (e) {
    $("load-error").textContent = "无法读取数据：" + e.message;
  }
}

function fillFilters(fleet) {
  state.fleet = fleet;
  for (const h of fleet.halls) $("f-hall").append(el("option", { value: h }, h));
  for (const k of fleet.kiosks) $("f-kiosk").append(el("option", { value: k.kiosk_id }, k.kiosk_id));
}

// ---- charts: one stacked bar chart a policy, periods along, outcomes stacked

function drawCounts(c) {
  $("total").textContent = "共 " + num(c.total) + " 次";
  const legend = $("legend");
  legend.replaceChildren();
  for (const o of c.outcomes) {
    const item = el("span", {}, "");
    const sw = el("span", { class: "swatch" });
    sw.style.background = COLORS[o.code] || "#999";
    item.append(sw, document.createTextNode(o.label));
    legend.append(item);
  }
  const charts = $("charts");
  charts.replaceChildren();
  if (!c.policies.length) charts.append(el("p", { class: "note" }, "所选范围内没有预检记录。"));
  for (const p of c.policies) charts.append(chart(p, c));
}

function chart(p, c) {
  // text at 12 of 520 units: about 10 px at the charts' width on a 1,400 px screen
  const W = 520, H = 220, L = 48, B = 40, T = 10, n = Math.max(c.periods.length, 1);
  const totals = c.periods.map((_, i) => c.outcomes.reduce((s, o) => s + ((p.counts[o.code] || [])[i] || 0), 0));
  const top = Math.max(1, ...totals), step = niceStep(top / 5), ticks = Math.ceil(top / step);
  const max = step * ticks;
  const bw = (W - L - 8) / n;
  const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, role: "img",
                          "aria-label": `${p.title || p.id}：共 ${p.total} 次` });
  for (let k = 0; k <= ticks; k++) {
    const v = step * k, y = H - B - (H - B - T) * v / max;
    svg.append(el("line", { x1: L, x2: W, y1: y, y2: y, stroke: "#e3e6ea" }),
               el("text", { x: L - 4, y: y + 4, "text-anchor": "end", "font-size": 12 }, num(v)));
  }
  c.periods.forEach((day, i) => {
    let y = H - B;
    const x = L + i * bw + bw * 0.1;
    for (const o of c.outcomes) {
      const v = (p.counts[o.code] || [])[i] || 0;
      if (!v) continue;
      const h = (H - B - T) * v / max;
      y -= h;
      const r = el("rect", { x, y, width: Math.max(bw * 0.8, 1), height: h,
                             fill: COLORS[o.code] || "#999", class: "bar" });
      r.append(el("title", {}, `${day} ${o.label}：${num(v)}`));
      svg.append(r);
    }
    if (n <= 10 || i % Math.ceil(n / 10) === 0)
      svg.append(el("text", { x: x + bw * 0.4, y: H - B + 16, "text-anchor": "middle",
                              "font-size": 12 }, day.slice(5)));
  });
  svg.append(el("line", { x1: L, x2: W, y1: H - B, y2: H - B, stroke: "#888" }));
  const box = el("div", { class: "chart", "data-policy": p.id });
  box.append(el("h3", {}, `${p.title || p.id}（${p.id}）共 ${num(p.total)} 次`), svg);
  return box;
}

// The axis' step: 1, 2 or 5 × a power of ten, at least `raw` (ticks 500 · 1,000 …,
// not 421 · 842 …); the axis ends at the first tick above the highest bar.
function niceStep(raw) {
  const p = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1))));
  return [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw);
}

// ---- pre-checks that became applications: a row a policy, a small grouped bar chart
// of 收件 / 受理 / 退回 per period beside the totals

function drawDesk(d, counts) {
  const t = d.totals;
  $("desk-total").textContent =
    `收件 ${num(t.receive)} · 受理 ${num(t.accept)} · 退回/不予受理 ${num(t.returned)}`;
  const legend = $("desk-legend");
  legend.replaceChildren();
  for (const a of d.actions) {
    const item = el("span", {}, "");
    const sw = el("span", { class: "swatch" });
    sw.style.background = DESK_COLORS[a.code] || "#999";
    item.append(sw, document.createTextNode(a.label));
    legend.append(item);
  }
  const prechecks = Object.fromEntries(counts.policies.map((p) => [p.id, p.total]));
  const body = $("desk").querySelector("tbody");
  body.replaceChildren();
  for (const p of d.policies) {
    const tr = el("tr", { "data-policy": p.id });
    const n = prechecks[p.id] || 0;
    cell(tr, `${p.title || p.id}（${p.id}）`);
    cell(tr, num(n), "num");
    cell(tr, num(p.totals.receive), "num");
    cell(tr, num(p.totals.accept), "num");
    cell(tr, num(p.totals.returned), "num");
    cell(tr, n ? Math.round(100 * p.totals.accept / n) + "%" : "—", "num");
    tr.append(el("td", { class: "spark" }));
    tr.lastChild.append(deskChart(p, d));
    body.append(tr);
  }
  if (!d.policies.length) body.append(note(7, "所选范围内没有窗口办理记录。"));
  $("desk-missing").textContent = d.not_received
    ? `另有 ${d.not_received} 件窗口记录对应的预检尚未同步到本系统，暂未计入。` : "";
}

function deskChart(p, d) {
  const W = 360, H = 96, B = 18, T = 14, n = Math.max(d.periods.length, 1);
  const codes = d.actions.map((a) => a.code);
  const max = Math.max(1, ...codes.flatMap((c) => p.counts[c] || []));
  const bw = W / n;
  const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", class: "desk-chart",
    "aria-label": `${p.title || p.id}：收件 ${p.totals.receive}，受理 ${p.totals.accept}，` +
                  `退回/不予受理 ${p.totals.returned}` });
  d.periods.forEach((day, i) => {
    codes.forEach((c, k) => {
      const v = (p.counts[c] || [])[i] || 0;
      if (!v) return;
      const h = (H - B - T) * v / max, w = bw * 0.8 / codes.length;
      const r = el("rect", { x: i * bw + bw * 0.1 + k * w, y: H - B - h, width: Math.max(w, 1),
                             height: h, fill: DESK_COLORS[c] || "#999", class: "bar" });
      r.append(el("title", {}, `${day} ${d.actions[k].label}：${v}`));
      svg.append(r);
    });
    if (n <= 8 || i % Math.ceil(n / 8) === 0)
      svg.append(el("text", { x: i * bw + bw / 2, y: H - 4, "text-anchor": "middle",
                              "font-size": 10 }, day.slice(5)));
  });
  svg.append(el("line", { x1: 0, x2: W, y1: H - B, y2: H - B, stroke: "#888" }),
             el("text", { x: 2, y: 10, "font-size": 9, fill: "#555" }, `最高 ${max} 件`));
  return svg;
}

// ---- the fleet

function ago(t, now) {
  if (!t) return "从未";
  const h = (now - t) / 3600;
  return h < 1 / 60 ? "刚刚" : h < 1 ? Math.round(h * 60) + " 分钟前" : h < 48 ? Math.round(h) + " 小时前"
       : Math.round(h / 24) + " 天前";
}

function bytes(n) {
  if (n === null || n === undefined || n < 0) return "—";
  return n >= 1 << 30 ? (n / (1 << 30)).toFixed(1) + " GB" : Math.round(n / (1 << 20)) + " MB";
}

function cell(tr, text, cls) {
  const td = el("td", cls ? { class: cls } : {}, text === null || text === undefined ? "—" : String(text));
  tr.append(td);
  return td;
}

// A table row of one cell across `columns`, saying there is nothing to show.
function note(columns, text) {
  const tr = el("tr", { class: "empty" });
  tr.append(el("td", { colspan: columns }, text));
  return tr;
}

function trouble(k) {
  const printer = (PRINTER[k.printer] || PRINTER.unknown)[1];
  return (k.silent ? 8 : 0) + (printer === "bad" ? 4 : printer === "warn" ? 2 : 0) +
         (k.packs_behind.length ? 1 : 0);
}

function fleetSummary(kiosks) {
  const count = (test) => kiosks.filter(test).length;
  const parts = [["失联", (k) => k.silent], ["缺纸或打印机未连接", (k) => k.printer === "out" ||
                 k.printer === "missing"], ["纸将用完", (k) => k.printer === "paper_near_end"],
                 ["政策包落后", (k) => k.packs_behind.length]]
    .map(([label, test]) => [label, count(test)]).filter(([, n]) => n);
  $("fleet-summary").textContent = `共 ${num(kiosks.length)} 台` + (parts.length
    ? "：" + parts.map(([label, n]) => `${label} ${n} 台`).join(" · ") + "（排在前面）"
    : "，均正常");
}

function drawFleet(f) {
  const body = $("fleet").querySelector("tbody");
  body.replaceChildren();
  // the kiosks that need someone first (silent, printer, packs behind), then by name:
  // with fifty kiosks, an empty paper roll is not left at the bottom of the page
  const kiosks = f.kiosks.slice().sort((a, b) => trouble(b) - trouble(a) ||
                                                 a.kiosk_id.localeCompare(b.kiosk_id));
  fleetSummary(kiosks);
  for (const k of kiosks) {
    const tr = el("tr", { "data-kiosk": k.kiosk_id, class: k.silent ? "silent" : "" });
    const pr = PRINTER[k.printer] || PRINTER.unknown;
    cell(tr, k.kiosk_id + (k.enrolled ? "" : "（未登记）"));
    cell(tr, k.hall);
    cell(tr, ago(k.last_contact, f.now));
    cell(tr, k.silent ? "失联" : "正常", k.silent ? "bad" : "ok");
    cell(tr, pr[0], pr[1]);
    cell(tr, k.queue_depth, "num");
    cell(tr, k.last_sync_at ? ago(k.last_sync_at, f.now) : "—");
    const behind = k.packs_behind.length ? k.packs_behind.map((p) => `${p.id} ${p.kiosk || "无"}→${p.current}`).join("；")
                                         : "无";
    /* against the latest published manifest, when there is one: which one the kiosk runs */
    const manifest = f.published_serial ? `（清单 ${k.manifest_serial || "—"}，最新 ${f.published_serial}）` : "";
    cell(tr, behind + manifest, k.packs_behind.length ? "warn" : "");
    cell(tr, k.program_version);
    cell(tr, k.clock_offset_s === null ? null : k.clock_offset_s + " 秒",
         Math.abs(k.clock_offset_s || 0) > 120 ? "warn num" : "num");
    cell(tr, bytes(k.free_disk_bytes), "num");
    cell(tr, k.last_error);
    body.append(tr);
  }
}

// ---- 不确定

function drawUnsure(u) {
  const body = $("unsure").querySelector("tbody");
  body.replaceChildren();
  for (const q of u.questions) {
    const tr = el("tr", { "data-question": q.policy + "/" + q.question });
    cell(tr, q.policy_title || q.policy);
    cell(tr, q.text || q.question);
    cell(tr, num(q.unsure), "num");
    cell(tr, num(q.answered), "num");
    cell(tr, Math.round(100 * q.unsure / Math.max(q.answered, 1)) + "%", "num");
    body.append(tr);
  }
  if (!u.questions.length) body.append(note(5, "没有回答“不确定”的记录。"));
}

document.addEventListener("DOMContentLoaded", () => {
  $("signin-form").addEventListener("submit", signin);
  $("filters").addEventListener("submit", load);
  $("logout").addEventListener("click", signout);
  start();
});
