// console.test.mjs — the operator console in Debian's chromium (run by run.sh): a wrong
// password is refused; five wrong for one name lock it out, the page says for how long
// and keeps the name; the operator signs in; the charts (SVG bars per policy ×
// outcome), the fleet (the silent kiosk, the printer out of paper) and the 不确定
// questions with their text show for the seeded data; the pre-checks that became
// applications at the desk (收件 / 受理 / 退回, sent by the real `desk sync`) per
// policy beside them, with a share of the pre-checks and a bar chart per period;
// filtering by one kiosk narrows all four; the week view has fewer bars; a POST without the CSRF token is refused;
// signing out returns to the sign-in form. Screenshots: console-locked.png,
// console-all.png, console-kiosk.png, console-week.png in $CONSOLE_SHOTS.
import { createRequire } from 'node:module';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';

const require = createRequire(process.env.CONSOLE_MODULES + '/');
const { chromium } = require('playwright-core');
const url = process.env.CONSOLE_URL, shots = process.env.CONSOLE_SHOTS;

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
page.on('console', (m) => { if (m.type() === 'error' && !/401|403|429/.test(m.text())) errors.push(m.text()); });

async function signIn(password, name = 'wang') {
  await page.locator('#name').fill(name);
  await page.locator('#password').fill(password);
  await page.locator('#signin-form button[type=submit]').click();
}

async function loaded() {
  await page.waitForFunction(() => document.body.dataset.loaded === 'yes');
  await page.evaluate(() => { document.body.dataset.loaded = ''; });
}

try {
  await page.goto(url);
  await page.locator('#signin').waitFor({ state: 'visible' });
  await signIn('wrong password');
  await page.locator('#signin-error').filter({ hasText: '不正确' }).waitFor();

  // Five wrong passwords for one name: the page says how long to wait, keeps the name.
  for (let i = 1; i <= 5; i++) {
    await page.locator('#signin-error').evaluate((e) => { e.textContent = ''; });
    await signIn('guess ' + i, 'zhao');
    await page.locator('#signin-error').filter({ hasText: /\S/ }).waitFor();
  }
  const locked = await page.locator('#signin-error').innerText();
  assert.match(locked, /^登录失败次数较多，为保护账户，请在 (30|29) 秒后再试。$/, locked);
  assert.equal(await page.locator('#name').inputValue(), 'zhao');
  assert.equal(await page.locator('#password').inputValue(), '');
  await page.screenshot({ path: join(shots, 'console-locked.png') });
  await signIn('guess 6', 'zhao');
  await page.locator('#signin-error').filter({ hasText: '秒后再试' }).waitFor();

  await signIn('correct horse battery');
  await loaded();
  assert.ok(await page.locator('#console').isVisible());
  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name === 'pc_console');
  assert.ok(session && session.httpOnly && session.sameSite === 'Strict', 'session cookie');

  const charts = await page.locator('.chart').count();
  const bars = await page.locator('.chart svg rect.bar').count();
  assert.ok(charts >= 1 && bars >= 10, `charts ${charts}, bars ${bars}`);
  assert.match(await page.locator('#legend').innerText(), /可免责/);
  assert.equal(await page.locator('#fleet tbody tr').count(), 4);
  assert.match(await page.locator('tr[data-kiosk="hall2-k02"]').innerText(), /失联/);
  assert.match(await page.locator('tr[data-kiosk="hall2-k01"]').innerText(), /缺纸/);
  assert.match(await page.locator('tr[data-kiosk="hall1-k02"]').innerText(), /纸将用完/);
  const unsure = await page.locator('#unsure tbody tr').count();
  assert.ok(unsure >= 1, 'unsure questions');
  assert.match(await page.locator('#unsure tbody tr').first().innerText(), /[\u4e00-\u9fff]{4,}/);
  const totalAll = await page.locator('#total').innerText();
  const deskRows = await page.locator('#desk tbody tr[data-policy]').count();
  assert.ok(deskRows >= 1, 'desk rows');
  const deskAll = await page.locator('#desk-total').innerText();
  const [, rcv, acc, ret] = deskAll.match(/收件 (\d+) · 受理 (\d+) · 退回\/不予受理 (\d+)/) || [];
  assert.ok(Number(rcv) > 0 && Number(acc) > 0 && Number(ret) > 0, `desk totals: ${deskAll}`);
  assert.match(await page.locator('#desk-legend').innerText(), /收件[\s\S]*受理[\s\S]*退回\/不予受理/);
  const firstDesk = page.locator('#desk tbody tr[data-policy]').first();
  assert.match(await firstDesk.innerText(), /[\u4e00-\u9fff]{4,}[\s\S]*\d+%/);
  assert.ok(await firstDesk.locator('svg rect.bar').count() >= 1, 'desk bars');
  assert.doesNotMatch(await page.locator('#desk').innerText(), /receive|accept|returned|refuse/);
  await page.screenshot({ path: join(shots, 'console-all.png'), fullPage: true });

  await page.locator('#f-kiosk').selectOption('hall1-k02');
  await page.locator('#filters button[type=submit]').click();
  await loaded();
  assert.equal(await page.locator('#fleet tbody tr').count(), 1);
  assert.notEqual(await page.locator('#total').innerText(), totalAll);
  assert.notEqual(await page.locator('#desk-total').innerText(), deskAll);
  await page.screenshot({ path: join(shots, 'console-kiosk.png'), fullPage: true });

  const dayBars = await page.locator('.chart').first().locator('rect.bar').count();
  await page.locator('#f-by').selectOption('week');
  await page.locator('#filters button[type=submit]').click();
  await loaded();
  const weekBars = await page.locator('.chart').first().locator('rect.bar').count();
  assert.ok(weekBars < dayBars, `week ${weekBars} < day ${dayBars}`);
  await page.screenshot({ path: join(shots, 'console-week.png'), fullPage: true });

  const forged = await page.evaluate(async () => (await fetch('/console/api/logout', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status);
  assert.equal(forged, 403, 'logout without the CSRF token');
  await page.locator('#logout').click();
  await page.locator('#signin').waitFor({ state: 'visible' });
  const after = await page.evaluate(async () => (await fetch('/console/api/fleet')).status);
  assert.equal(after, 401, 'signed out');
  assert.deepEqual(errors, []);
  console.log(`console: ${charts} charts, ${bars} bars, 4 kiosks, ${unsure} 不确定 questions, ` +
              `desk ${deskAll} over ${deskRows} policies; ` +
              `screenshots in ${shots}`);
} finally {
  await context.close();
}
