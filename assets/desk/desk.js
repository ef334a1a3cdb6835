// desk.js — the staff desk's page: sign-in, the scan field that keeps focus, the
// verdict and the pre-check in staff words, the record (收件, 受理, 退回, 不予受理),
// today's list, lookup by receipt number, and the A4 documents printed through the
// browser. Why it exists: window staff work in a browser with a barcode scanner that
// types the receipt and Enter into whatever has focus. It talks only to the desk's
// own JSON API (the same one scripts use), writes text only with textContent, and
// takes every word from the strings the desk put in the page (desk.* keys).
'use strict';
(() => {
  const S = JSON.parse(document.getElementById('desk-strings').textContent);
  const $ = (id) => document.getElementById(id);
  const state = { csrf: '', clerk: '', hall: '', current: null, seq: 0, enterAt: 0, help: '', helpSeen: new Set() };
  const HELP_POLL_MS = 3000; // how often the page asks whether a kiosk wants staff
  const VERDICT_TONE = {
    valid: 'ok', tampered: 'bad', forged: 'bad', malformed: 'bad',
    unknown_kiosk: 'unsure', unknown_pack: 'unsure', sealed_no_key: 'unsure',
  };
  const CLAUSE_TONE = { [S['desk.clause_met']]: 'met', [S['desk.clause_not_met']]: 'not_met' };
  window.deskTimings = []; // scan (Enter) → verdict painted, ms: read by the bench

  // ---------------------------------------------------------------- helpers

  function t(key, vars) {
    let s = S[key] !== undefined ? S[key] : key;
    for (const [k, v] of Object.entries(vars || {})) s = s.split('{' + k + '}').join(String(v));
    return s;
  }

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function fill(list, items, make) {
    list.replaceChildren(...items.map(make));
  }

  async function api(method, path, body, json) {
    const headers = {};
    if (body !== undefined) headers['Content-Type'] = json ? 'application/json' : 'text/plain; charset=utf-8';
    if (state.csrf) headers['X-CSRF-Token'] = state.csrf;
    let res;
    try {
      res = await fetch(path, {
        method, headers, credentials: 'same-origin', cache: 'no-store',
        body: body === undefined ? undefined : json ? JSON.stringify(body) : body,
      });
    } catch (e) {
      return { status: 0, data: { message: t('desk.error_network') } };
    }
    let data = {};
    try { data = await res.json(); } catch (e) { data = { message: t('desk.error_network') }; }
    if (res.status === 401 && path !== '/api/login') showLogin();
    return { status: res.status, data };
  }

  // After the next paint: a frame, then a task.
  function afterPaint(fn) {
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = fn;
      ch.port2.postMessage(0);
    });
  }

  // ---------------------------------------------------------------- views

  function showLogin() {
    state.csrf = '';
    state.current = null;
    $('work-view').hidden = true;
    $('bar-user').hidden = true;
    $('help-banner').hidden = true;
    state.help = '';
    $('login-view').hidden = false;
    $('login-clerk').focus();
  }

  function showWork(me) {
    state.clerk = me.clerk;
    state.csrf = me.csrf;
    state.hall = me.hall;
    $('who').textContent = t('desk.signed_in_as', { clerk: me.clerk });
    $('login-view').hidden = true;
    $('bar-user').hidden = false;
    $('work-view').hidden = false;
    focusScan();
    loadToday();
    pollHelp();
  }

  function focusScan() {
    if (!$('work-view').hidden) $('scan').focus({ preventScroll: true });
  }

  // ---------------------------------------------------------------- sign-in

  async function login(e) {
    e.preventDefault();
    const body = { clerk: $('login-clerk').value.trim(), pin: $('login-pin').value };
    const res = await api('POST', '/api/login', body, true);
    $('login-pin').value = '';
    if (res.status === 200) {
      $('login-error').textContent = '';
      showWork(res.data);
    } else {
      $('login-error').textContent = res.data.message || t('desk.error_network');
      $('login-pin').focus();
    }
  }

  async function logout() {
    await api('POST', '/api/logout');
    clearReceipt();
    showLogin();
  }

  // ---------------------------------------------------------------- scanning

  async function submitScan(e) {
    if (e) e.preventDefault();
    const scan = $('scan');
    const text = scan.value.trim();
    scan.value = '';
    if (!text) return;
    const t0 = state.enterAt || performance.now();
    state.enterAt = 0;
    const seq = ++state.seq;
    $('verdict').dataset.pending = '1'; // the verdict on screen is not this scan's yet
    // "Checking…" only if the answer is slow: a quick one is drawn in a single frame.
    const busy = setTimeout(() => { if (seq === state.seq) setVerdict('busy', t('desk.checking'), '', ''); }, 150);
    const isReceipt = /^r[cs]1/i.test(text);
    const res = isReceipt
      ? await api('POST', '/api/scan', text)
      : await api('GET', '/api/receipt?id=' + encodeURIComponent(text));
    clearTimeout(busy);
    if (seq !== state.seq) return; // a newer scan is on its way
    if (res.status === 200) render(res.data);
    else showProblem(res.data.message);
    delete $('verdict').dataset.pending;
    afterPaint(() => {
      const ms = performance.now() - t0;
      window.deskTimings.push(ms);
      $('verdict').dataset.ms = ms.toFixed(1);
      loadToday();
    });
  }

  function showProblem(message) {
    clearReceipt();
    setVerdict('bad', message || t('desk.error_network'), '', '');
  }

  function clearReceipt() {
    state.current = null;
    $('precheck').hidden = true;
    $('history-card').hidden = true;
  }

  function setVerdict(tone, title, note, meta) {
    const v = $('verdict');
    v.className = 'verdict ' + tone;
    v.dataset.verdict = '';
    $('verdict-title').textContent = title;
    $('verdict-note').textContent = note;
    $('verdict-meta').textContent = meta;
  }

  // ---------------------------------------------------------------- drawing a receipt

  function render(r) {
    state.current = r;
    const w = r.words || {};
    const meta = [r.receipt_no ? t('desk.meta_receipt', { no: r.receipt_no }) : '', w.origin || '']
      .filter(Boolean).join('　');
    setVerdict(VERDICT_TONE[r.verdict] || 'bad', w.verdict, w.verdict_note, meta);
    $('verdict').dataset.verdict = r.verdict;
    $('precheck').hidden = r.verdict !== 'valid';
    if (r.verdict === 'valid') renderPrecheck(r);
    renderHistory(r.history || []);
  }

  function renderPrecheck(r) {
    const w = r.words;
    const outcome = $('outcome');
    outcome.textContent = w.outcome;
    outcome.className = 'outcome ' + r.outcome;
    $('policy').textContent = t('desk.policy_line', { policy: w.policy_short, status: w.status, version: w.version });
    $('relief').textContent = w.relief ? t('desk.relief', { relief: w.relief }) : '';
    $('mismatch').hidden = !w.mismatch;
    $('mismatch').textContent = w.mismatch || '';
    const unsure = r.answers.filter((a) => a.unsure);
    $('ask-card').hidden = unsure.length === 0;
    fill($('ask'), unsure, answerItem);
    const sure = r.answers.filter((a) => !a.unsure);
    fill($('answers'), sure.length ? sure : [null], answerItem);
    renderDeadline(r.deadline);
    renderMaterials(r);
    fill($('clauses'), r.clauses, clauseItem);
    fill($('steps'), r.steps.length ? r.steps : [{ text: t('desk.none') }], stepItem);
    $('status').textContent = r.record.status_words;
    const last = (r.history || []).filter((ev) => ev.action !== 'scan').pop();
    $('status-last').textContent = last ? [last.when, last.what, last.clerk].join(' · ') : '';
    $('print-receipt').disabled = r.record.status !== 'accept';
    $('action-error').textContent = '';
  }

  function answerItem(a) {
    const li = el('li');
    if (!a) { li.textContent = t('desk.none'); return li; }
    li.append(el('span', 'q', a.question), el('span', 'a' + (a.unsure ? ' unsure' : ''), a.answer));
    return li;
  }

  function clauseItem(c) {
    const li = el('li');
    li.append(el('strong', '', c.label), el('span', 'state ' + (CLAUSE_TONE[c.state] || 'open'), c.state));
    li.append(el('div', 'muted', c.plain));
    return li;
  }

  function stepItem(s) {
    const li = el('li', '', s.text);
    if (s.applicant) li.append(el('span', 'who', t('desk.applicant_step')));
    return li;
  }

  function renderDeadline(d) {
    const p = $('deadline');
    p.className = 'deadline' + (d && d.last_day ? ' last' : d && d.passed ? ' passed' : '');
    p.textContent = d ? d.text : t('desk.deadline_none');
    $('deadline-what').textContent = d && d.what ? t('desk.deadline_what', { what: d.what }) : '';
  }

  function renderMaterials(r) {
    const received = new Set(r.record.received);
    const items = r.materials.length ? r.materials : [null];
    fill($('materials'), items, (m) => {
      const li = el('li');
      if (!m) { li.textContent = t('desk.materials_none'); return li; }
      const label = el('label');
      const box = el('input');
      box.type = 'checkbox';
      box.value = String(m.index);
      box.checked = received.has(m.index);
      box.addEventListener('change', focusScan);
      label.append(box, el('span', '', m.name));
      li.append(label);
      return li;
    });
    $('do-receive').disabled = r.materials.length === 0;
  }

  function renderHistory(events) {
    $('history-card').hidden = events.length === 0;
    fill($('history'), events, (ev) => {
      const tr = el('tr');
      tr.append(el('td', '', ev.when), el('td', '', ev.what), el('td', '', ev.clerk), el('td', '', ev.detail));
      return tr;
    });
  }

  // ---------------------------------------------------------------- recording

  async function record(action) {
    const cur = state.current;
    if (!cur || cur.verdict !== 'valid') return;
    const body = { receipt_id: cur.receipt_id, action };
    if (action === 'receive') {
      body.materials = [...$('materials').querySelectorAll('input:checked')].map((b) => Number(b.value));
    }
    if (action === 'return' || action === 'refuse') {
      body.reason = $('reason').value.trim();
      if (!body.reason) {
        $('action-error').textContent = t('desk.error_reason');
        $('reason').focus();
        return;
      }
    }
    const res = await api('POST', '/api/record', body, true);
    if (res.status === 200) {
      $('reason').value = '';
      render(res.data);
      $('action-error').textContent = '';
      loadToday();
    } else {
      $('action-error').textContent = res.data.message || t('desk.error_network');
    }
    focusScan();
  }

  // ---------------------------------------------------------------- today, lookup

  async function loadToday() {
    const res = await api('GET', '/api/today');
    if (res.status !== 200) return;
    const rows = res.data.today;
    if (!rows.length) { fill($('today'), [null], () => el('li', 'muted', t('desk.today_empty'))); return; }
    fill($('today'), rows, (row) => {
      const b = el('button');
      b.type = 'button';
      b.append(el('span', 'no', row.receipt_no),
        el('span', 'sub', [row.time, row.what, row.policy, row.clerk].filter(Boolean).join(' · ')));
      b.addEventListener('click', () => lookup(row.receipt_id));
      const li = el('li');
      li.append(b);
      return li;
    });
  }

  async function lookup(number) {
    const res = await api('GET', '/api/receipt?id=' + encodeURIComponent(number));
    if (res.status === 200) {
      render(res.data);
      $('lookup-error').textContent = '';
    } else {
      $('lookup-error').textContent = res.data.message || t('desk.error_network');
    }
    return res.status === 200;
  }

  async function submitLookup(e) {
    e.preventDefault();
    const ok = await lookup($('lookup').value.trim());
    if (ok) { $('lookup').value = ''; focusScan(); }
  }

  // ---------------------------------------------------------------- printing

  function today() {
    const d = new Date();
    return t('desk.print_date', { y: d.getFullYear(), m: d.getMonth() + 1, d: d.getDate() });
  }

  function docHead(title, r) {
    const doc = $('print');
    doc.replaceChildren(el('p', 'doc-hall', state.hall), el('h1', '', title));
    const table = el('table');
    const row = (k, v) => { const tr = el('tr'); tr.append(el('th', '', k), el('td', '', v)); table.append(tr); };
    row(t('desk.print_receipt_no'), r.receipt_no);
    row(t('desk.print_policy'), r.words.policy);
    doc.append(table);
    return { doc, row };
  }

  function lastEvent(r, action) {
    return (r.history || []).filter((ev) => ev.action === action).pop();
  }

  function docList(items) {
    const ol = el('ol');
    items.forEach((s) => ol.append(el('li', '', s)));
    return ol;
  }

  function printNotice() {
    const r = state.current;
    if (!r || r.verdict !== 'valid') return;
    const { doc } = docHead(t('desk.print_notice_title'), r);
    const received = new Set(r.record.received);
    const missing = r.materials.filter((m) => !received.has(m.index)).map((m) => m.name);
    doc.append(el('p', '', t(missing.length ? 'desk.print_notice_lead' : 'desk.print_notice_complete')));
    if (missing.length) doc.append(docList(missing));
    const d = r.deadline;
    doc.append(el('p', '', d && d.day && !d.passed ? t('desk.print_notice_by', { date: d.day }) : t('desk.print_notice_soon')));
    const back = lastEvent(r, 'return');
    if (back) doc.append(el('p', '', t('desk.print_reason', { reason: back.detail })));
    finishDoc(doc, t('desk.print_notice_note'));
  }

  function printReceipt() {
    const r = state.current;
    if (!r || r.verdict !== 'valid') return;
    const accepted = lastEvent(r, 'accept');
    const received = lastEvent(r, 'receive');
    const { doc, row } = docHead(t('desk.print_receipt_title'), r);
    row(t('desk.print_accepted_at'), accepted ? accepted.when : '');
    row(t('desk.print_clerk'), accepted ? accepted.clerk : state.clerk);
    const names = received ? r.materials.filter((m) => received.materials.includes(m.index)).map((m) => m.name) : [];
    row(t('desk.print_received'), names.length ? names.join(S['common.list_sep']) : t('desk.detail_received_none'));
    if (r.steps.length) {
      doc.append(el('p', '', t('desk.print_steps_lead')), docList(r.steps.map((s) => s.text)));
    }
    finishDoc(doc, t('desk.print_receipt_note'));
  }

  function finishDoc(doc, note) {
    const sign = el('div', 'doc-sign');
    sign.append(el('span', '', t('desk.print_signed', { clerk: state.clerk })), el('span', '', today()));
    doc.append(sign, el('p', 'doc-note', note));
    window.print();
    focusScan();
  }

  // ---------------------------------------------------------------- kiosks asking for help

  // Asked every few seconds while a clerk is signed in; drawn again only when the list
  // changed (a button under the pointer is not replaced). New ones glow twice.
  async function pollHelp() {
    clearTimeout(state.helpTimer);
    if ($('work-view').hidden) return;
    const res = await api('GET', '/api/help');
    if (res.status === 200) drawHelp(res.data.help);
    if (!$('work-view').hidden) state.helpTimer = setTimeout(pollHelp, HELP_POLL_MS);
  }

  function drawHelp(list) {
    const key = JSON.stringify(list.map((h) => h.id));
    if (key === state.help) return;
    state.help = key;
    fill($('help-list'), list, (h) => {
      const li = el('li', 'help-item' + (state.helpSeen.has(h.id) ? '' : ' new'));
      state.helpSeen.add(h.id);
      li.dataset.kiosk = h.kiosk;
      const text = el('div', 'help-text');
      text.append(el('strong', 'help-words', h.words));
      if (h.screen) text.append(el('span', 'help-screen', t('desk.help_screen', { screen: h.screen })));
      const go = el('button', 'primary help-take', t('desk.help_take'));
      go.type = 'button';
      go.addEventListener('click', () => takeHelp(h.id));
      li.append(text, go);
      return li;
    });
    $('help-banner').hidden = list.length === 0;
  }

  // 我去处理: closed with this clerk and the time; a colleague may have been quicker.
  async function takeHelp(id) {
    const res = await api('POST', '/api/help/ack', { id }, true);
    if (res.status === 200) drawHelp(res.data.help);
    else pollHelp();
    focusScan();
  }

  // ---------------------------------------------------------------- keeping the scan field's focus

  // A scanner types into whatever has focus: any printable key that does not go to a
  // text field goes to the scan field instead, and so does the Enter that ends it.
  function redirectKeys(e) {
    if ($('work-view').hidden || e.ctrlKey || e.altKey || e.metaKey) return;
    const a = document.activeElement;
    const typing = a && (a.tagName === 'TEXTAREA' || (a.tagName === 'INPUT' && a.type !== 'checkbox'));
    if (typing && e.key === 'Enter' && a !== $('scan') && rescueScan(a)) { e.preventDefault(); return; }
    if (typing || (e.key.length !== 1 && e.key !== 'Enter')) return;
    if (e.key === 'Enter' && a && a.tagName === 'BUTTON' && $('scan').value === '') return;
    e.preventDefault();
    const scan = $('scan');
    scan.focus({ preventScroll: true });
    if (e.key.length === 1) scan.value += e.key;
    else { state.enterAt = performance.now(); submitScan(); }
  }

  // A scan that went into another text field (the reason, the lookup) while it had
  // focus: taken out of it and checked as a scan.
  function rescueScan(field) {
    const m = field.value.match(/r[cs]1[a-z2-7]{40,}/i);
    if (!m) return false;
    field.value = field.value.replace(m[0], '').trim();
    $('scan').value = m[0];
    $('scan').focus({ preventScroll: true });
    state.enterAt = performance.now();
    submitScan();
    return true;
  }

  function refocusSoon() {
    setTimeout(() => {
      const a = document.activeElement;
      if (!a || a === document.body) focusScan();
    }, 0);
  }

  // ---------------------------------------------------------------- wiring

  function wire() {
    $('login-form').addEventListener('submit', login);
    $('sign-out').addEventListener('click', logout);
    $('scan-form').addEventListener('submit', submitScan);
    $('scan').addEventListener('keydown', (e) => { if (e.key === 'Enter') state.enterAt = performance.now(); });
    $('scan').addEventListener('blur', refocusSoon);
    $('lookup-form').addEventListener('submit', submitLookup);
    $('do-receive').addEventListener('click', () => record('receive'));
    $('do-accept').addEventListener('click', () => record('accept'));
    $('do-return').addEventListener('click', () => record('return'));
    $('do-refuse').addEventListener('click', () => record('refuse'));
    $('print-notice').addEventListener('click', printNotice);
    $('print-receipt').addEventListener('click', printReceipt);
    document.addEventListener('keydown', redirectKeys, true);
    document.addEventListener('click', refocusSoon);
    window.addEventListener('focus', refocusSoon);
  }

  async function start() {
    wire();
    const res = await api('GET', '/api/me');
    if (res.status === 200) showWork(res.data);
    else showLogin();
  }

  start();
})();
