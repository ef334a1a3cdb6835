// bench_console.mjs — the console's overview with 1,000,000 pre-checks, timed in
// Debian's chromium (run by bench_console.sh). "Drawn" is the first animation frame
// in which the page has set data-loaded and the charts' SVG bars, the fleet table, the
// 不确定 table and the desk section are all in the document. Figures:
//  (a) the first load after the fill: from the sign-in form's submit to drawn (the
//      receiver builds the rollups of every stored row then: the one-off upgrade cost);
//  (b) after a day's new rows (N/100, stored by console_bulk while the receiver
//      serves): from navigation (a reload) to drawn, the day rolled up then;
//  (c) plain reloads: navigation to drawn, p50 (and the range) over RELOADS.
// Asserts that the page counts every stored row and that no script error happened,
// never a time; that the kiosk out of paper heads the fleet. Screenshots: console-1m.png
// and console-1m-chart.png (one chart, at its size on the page) in $CONSOLE_SHOTS.
import { createRequire } from 'node:module';
import { execSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';

const require = createRequire(process.env.CONSOLE_MODULES + '/');
const { chromium } = require('playwright-core');
const url = process.env.CONSOLE_URL, shots = process.env.CONSOLE_SHOTS;
const rows = Number(process.env.CONSOLE_ROWS), RELOADS = 5;
const WAIT = { polling: 'raf', timeout: Number(process.env.CONSOLE_WAIT_MS || 120000) };

const context = await chromium.launchPersistentContext(
  mkdtempSync(join(process.env.CONSOLE_TMP, 'chromium-')), {
    executablePath: process.env.CONSOLE_CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1400, height: 1000 },
    locale: 'zh-CN',
  });
const page = context.pages()[0] || await context.newPage();
const errors = [];
page.on('pageerror', (e) => errors.push(String(e)));
page.on('console', (m) => { if (m.type() === 'error' && !/401/.test(m.text())) errors.push(m.text()); });

// performance.now() of the first frame with the overview drawn (in the page).
function drawn() {
  const ready = document.body.dataset.loaded === 'yes' &&
    document.querySelector('#charts .chart svg rect.bar') &&
    document.querySelector('#fleet tbody tr') && document.querySelector('#unsure tbody tr') &&
    document.querySelector('#desk tbody tr');
  if (!ready) return false;
  const answers = performance.getEntriesByType('resource').filter((e) => /\/api\//.test(e.name));
  return [performance.now(), Math.max(...answers.map((e) => e.responseEnd))];
}

// [drawn, the last JSON answer's end], ms since the navigation (performance.now).
async function drawnAt() {
  try {
    return await (await page.waitForFunction(drawn, null, WAIT)).jsonValue();
  } catch (e) {
    const seen = await page.evaluate(() => ({
      loaded: document.body.dataset.loaded, error: document.getElementById('load-error').textContent,
      bars: document.querySelectorAll('#charts .chart svg rect.bar').length,
      fleet: document.querySelectorAll('#fleet tbody tr').length,
      unsure: document.querySelectorAll('#unsure tbody tr').length,
      desk: document.querySelectorAll('#desk tbody tr').length }));
    throw new Error(`the overview was not drawn: ${JSON.stringify(seen)}: ${e.message}`);
  }
}

async function total() {
  return Number((await page.locator('#total').innerText()).replace(/\D/g, ''));
}

// Navigation (a reload) to drawn, in ms.
async function reload() {
  await page.reload({ waitUntil: 'commit' });
  return drawnAt();
}

const ms = (t) => `${Math.round(t)} ms`;

try {
  await page.goto(url);
  await page.locator('#signin').waitFor({ state: 'visible' });
  await page.locator('#name').fill('wang');
  await page.locator('#password').fill('correct horse battery');
  await page.evaluate(() => document.getElementById('signin-form').addEventListener('submit', () => {
    window.submittedAt = performance.now();
  }, { capture: true }));
  await page.locator('#signin-form button[type=submit]').click();
  const first = (await drawnAt())[0] - await page.evaluate(() => window.submittedAt);
  assert.equal(await total(), rows, 'the first load counts every row');
  console.log(`console_browser_first_load_ms ${ms(first)} (sign-in to drawn; rollups of ` +
              `${rows} rows built then, once)`);

  const t0 = performance.now();
  execSync(process.env.CONSOLE_MORE, { stdio: ['ignore', 'ignore', 'inherit'] });
  console.log(`console_browser_day_rows ${rows / 100} stored in ${ms(performance.now() - t0)}`);
  const [day] = await reload();
  assert.equal(await total(), rows + rows / 100, 'the day\'s rows counted');
  console.log(`console_browser_day_reload_ms ${ms(day)} (navigation to drawn; the day ` +
              'rolled up then)');

  const times = [], draws = [];
  for (let i = 0; i < RELOADS; i++) {
    const [at, answered] = await reload();
    times.push(at);
    draws.push(at - answered);
  }
  const p50 = (list) => list.sort((a, b) => a - b)[RELOADS >> 1];
  console.log(`console_browser_reload_p50_ms ${ms(p50(times))} (navigation to ` +
              `drawn, ${RELOADS} reloads: ${ms(times[0])}–${ms(times[RELOADS - 1])})`);
  console.log(`console_browser_reload_draw_p50_ms ${ms(p50(draws))} (the last JSON ` +
              'answer to drawn: the page\'s own share)');
  const counts = await page.evaluate(() => ({
    charts: document.querySelectorAll('.chart').length,
    bars: document.querySelectorAll('.chart svg rect.bar').length,
    kiosks: document.querySelectorAll('#fleet tbody tr').length,
    unsure: document.querySelectorAll('#unsure tbody tr').length }));
  console.log(`console_browser_page ${counts.charts} charts, ${counts.bars} bars, ` +
              `${counts.kiosks} kiosks, ${counts.unsure} 不确定 questions`);
  // the kiosk out of paper (console_bulk's hall1-k02) heads the fleet, named above it
  assert.equal(await page.locator('#fleet tbody tr').first().getAttribute('data-kiosk'),
               'hall1-k02');
  assert.match(await page.locator('#fleet-summary').innerText(),
               /共 50 台：缺纸或打印机未连接 1 台 · 纸将用完 \d+ 台 · 政策包落后 1 台/);
  await page.screenshot({ path: join(shots, 'console-1m.png'), fullPage: true });
  await page.locator('.chart').first().screenshot({ path: join(shots, 'console-1m-chart.png') });
  assert.deepEqual(errors, []);
} finally {
  await context.close();
}
