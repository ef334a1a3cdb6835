// desk.test.mjs — a clerk's shift at the staff desk, in a real browser (run by run.sh):
// sign in (a wrong PIN first), scan a receipt typed at scanner speed into the field that
// has focus, read the verdict and the pre-check in staff words (不确定 answers first, no
// internal codes), scan it with one character changed and see it refused, tick
// materials and record 收件, print the one-time notice to PDF and read its text, accept,
// print the acceptance receipt, re-scan after clicking elsewhere and see the history,
// find the receipt by its number in another spelling, today's list, a kiosk asking for
// help (the banner with the kiosk's name while the scan field keeps its focus, 我去处理),
// sign out and get 401. Screenshots go to $DESK_SHOTS for people to look at.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { env, launch, signIn, scanLikeAScanner, changeOneCharacter } from './lib.mjs';

const INTERNAL = ['guangxi-sti', 'refer', 'exempt', 'not_applicable', 'valid', 'tampered',
  'running', 'working_days', 'undefined', 'null', 'NaN', '{', 'desk.'];

let step = '';
function say(what) { step = what; console.log('desk.test: ' + what); }

async function shot(page, name) {
  await page.screenshot({ path: join(env.shots, name + '.png'), fullPage: true });
}

async function visibleText(page) {
  return page.locator('body').innerText();
}

function assertNoCodes(text) {
  for (const code of INTERNAL) assert.ok(!text.includes(code), `internal code "${code}" on screen`);
}

async function pdfText(page, name) {
  const pdf = join(env.shots, name + '.pdf');
  writeFileSync(pdf, await page.pdf({ format: 'A4', printBackground: true }));
  execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', pdf, join(env.shots, name)]);
  return execFileSync('pdftotext', ['-layout', pdf, '-']).toString().replace(/[ \t]+/g, ' ');
}

async function scanAndWait(page, text, verdict) {
  await scanLikeAScanner(page, text);
  // not([data-pending]): this scan's verdict, not the one before it (a re-scan of the same
  // receipt shows the same verdict; its answer re-draws the checklist)
  await page.locator(`#verdict:not([data-pending])[data-verdict="${verdict}"]`).waitFor({ timeout: 15000 });
  return Number(await page.locator('#verdict').getAttribute('data-ms'));
}

async function signInSteps(page) {
  say('wrong PIN is refused');
  await signIn(page, '0001', '000000');
  await page.locator('#login-error').filter({ hasText: '工号或 PIN 不正确' }).waitFor();
  await shot(page, 'login');
  say('sign in');
  await page.locator('#login-clerk').fill('0001');
  await page.locator('#login-pin').fill('483172');
  await page.locator('#login-form button[type=submit]').click();
  await page.locator('#work-view').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'scan', 'scan field has focus');
}

async function validScan(page) {
  say('scan at scanner speed: the verdict and the pre-check');
  await scanAndWait(page, env.receipt, 'valid');
  assert.equal(await page.locator('#verdict-title').innerText(), '回执有效');
  assert.equal(await page.locator('#outcome').innerText(), '需要当面进一步了解');
  const ask = await page.locator('#ask li').allInnerTexts();
  assert.equal(ask.length, 2, 'two 不确定 answers to ask about');
  assert.ok(ask.every((a) => a.includes('不确定')));
  assert.ok(ask.some((a) => a.includes('申请人有原始记录')), 'the question in staff words (申请人, not 您)');
  assert.match(await page.locator('#deadline').innerText(), /年.*月.*日，还剩 \d+ 个工作日/);
  const boxes = await page.locator('#materials input[type=checkbox]').count();
  assert.equal(boxes, 5, 'five materials as a checklist');
  assert.ok((await page.locator('#materials').innerText()).includes('经费审计报告'));
  assert.ok((await page.locator('#clauses').innerText()).includes('第四条第（二）项'));
  assert.equal(await page.locator('#status').innerText(), '已核验，尚未办理');
  const text = await visibleText(page);
  assertNoCodes(text);
  assert.ok(!text.includes('您'), 'staff words: nothing addressed to the applicant');
  await shot(page, 'valid');
}

async function changedScan(page) {
  say('one character changed: refused');
  await scanAndWait(page, changeOneCharacter(env.receipt, 20), 'tampered');
  assert.equal(await page.locator('#verdict-title').innerText(), '回执已被改动');
  assert.ok(await page.locator('#verdict').evaluate((e) => e.classList.contains('bad')));
  assert.ok(await page.locator('#precheck').isHidden(), 'no pre-check for a changed receipt');
  assertNoCodes(await visibleText(page));
  await shot(page, 'changed');
}

async function receive(page) {
  say('tick three materials, then a scan while the checkbox has focus still reaches the field');
  await scanAndWait(page, env.receipt, 'valid');
  for (const i of [0, 1, 2]) await page.locator('#materials input').nth(i).check();
  await page.locator('#materials input').nth(2).focus();
  await scanAndWait(page, env.receipt, 'valid');
  for (const i of [0, 1, 2]) await page.locator('#materials input').nth(i).check();
  say('收件');
  await page.locator('#do-receive').click();
  await page.locator('#status').filter({ hasText: '已收件，尚未受理' }).waitFor();
  const history = await page.locator('#history').textContent();
  assert.ok(history.includes('收到：容错免责认定申请书、情况说明及佐证材料、所在单位证明'));
}

async function printNotice(page) {
  say('一次性告知书 to PDF');
  await page.evaluate(() => { window.print = () => { window.printed = (window.printed || 0) + 1; }; });
  await page.locator('#print-notice').click();
  assert.equal(await page.evaluate(() => window.printed), 1, 'the browser was asked to print');
  const text = await pdfText(page, 'notice');
  for (const want of ['一次性告知书', env.hall, '经费审计报告', '实施绩效资料', '经办人：0001'])
    assert.ok(text.includes(want), `notice lacks "${want}":\n${text}`);
  assert.ok(!text.includes('容错免责认定申请书'), 'a received material is not asked for again');
  assert.match(text, /请于\d{4}年\d+月\d+日前补齐/);
  assert.ok(!text.includes('扫描回执'), 'only the document is printed');
}

async function accept(page) {
  say('受理, and the 受理回执 to PDF');
  await page.locator('#do-accept').click();
  await page.locator('#status').filter({ hasText: '已受理' }).waitFor();
  await page.locator('#print-receipt').click();
  const text = await pdfText(page, 'accepted');
  for (const want of ['受理回执', env.hall, '受理时间', '容错免责认定申请书、情况说明及佐证材料', '后续办理'])
    assert.ok(text.includes(want), `acceptance receipt lacks "${want}":\n${text}`);
}

async function rescan(page) {
  say('click elsewhere, re-scan: the history');
  await page.locator('#outcome').click();
  await scanAndWait(page, env.receipt, 'valid');
  // textContent: the history card is laid out only when scrolled to (content-visibility)
  const rows = await page.locator('#history tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((td) => td.textContent).join('\t')));
  const what = rows.map((r) => r.split('\t')[1]);
  assert.ok(what.includes('收件') && what.includes('受理') && what.includes('扫描核验'), rows.join('\n'));
  assert.ok(rows.some((r) => r.includes('回执已被改动')), 'the changed scan is on the record');
  assert.ok(await page.locator('#print-receipt').isEnabled());
  await shot(page, 'history');
}

async function lookupAndToday(page) {
  say('today\'s list and lookup by number in another spelling');
  const no = (await page.locator('#verdict-meta').innerText()).match(/回执编号 (\S{4} \S{4} \S{4})/)[1];
  await page.locator('#today').filter({ hasText: no }).waitFor();
  await scanAndWait(page, changeOneCharacter(env.receipt, 20), 'tampered');
  await page.locator('#lookup').fill(no.toLowerCase().replace(/ /g, '-'));
  await page.locator('#lookup-form button').click();
  await page.locator('#verdict[data-verdict="valid"]').waitFor();
  await page.locator('#lookup').fill('0000 0000 0000');
  await page.locator('#lookup-form button').click();
  await page.locator('#lookup-error').filter({ hasText: '没有这个回执编号' }).waitFor();
  say('a reason is required to return');
  await page.locator('#do-return').click();
  await page.locator('#action-error').filter({ hasText: '请先填写原因' }).waitFor();
  await shot(page, 'today');
  say('a scan while the reason field has focus is still a scan');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'reason');
  await scanAndWait(page, changeOneCharacter(env.receipt, 20), 'tampered');
  assert.equal(await page.locator('#reason').inputValue(), '');
}

async function helpRequest(page) {
  say('a kiosk asks for help: the banner, the scan field keeps focus, 我去处理');
  assert.ok(await page.locator('#help-banner').isHidden(), 'no banner before a request');
  const at = String(Math.floor(Date.now() / 1000));
  const [body, signature] = execFileSync(env.helpcall, [env.kioskKey, at, '第 3 题']).toString().trim().split('\n');
  const res = await fetch(env.url + 'api/help', { method: 'POST', body, headers: { 'X-PC-Signature': signature } });
  assert.equal(res.status, 204, 'the desk takes the signed request');
  await page.locator('#help-banner').waitFor({ timeout: 15000 });
  assert.match(await page.locator('.help-words').innerText(), /^2 号自助机 请求帮助 · \d\d:\d\d$/);
  assert.equal(await page.locator('.help-screen').innerText(), '申请人所在：第 3 题');
  assert.equal(await page.locator('.help-take').innerText(), '我去处理');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'scan', 'the banner leaves the focus in the scan field');
  assertNoCodes(await page.locator('#help-banner').innerText());
  await shot(page, 'help');
  await scanAndWait(page, env.receipt, 'valid');
  await page.locator('.help-take').click();
  await page.locator('#help-banner').waitFor({ state: 'hidden' });
  assert.equal(await page.evaluate(() => document.activeElement.id), 'scan', 'back in the scan field');
  const again = await page.request.get(env.url + 'api/help');
  assert.equal((await again.json()).help.length, 0, 'the request is closed');
}

async function signOut(page) {
  say('sign out: the API answers 401');
  await page.locator('#sign-out').click();
  await page.locator('#login-view').waitFor();
  const res = await page.request.post(env.url + 'api/scan', { data: env.receipt });
  assert.equal(res.status(), 401);
}

const { context, page } = await launch();
page.setDefaultTimeout(15000); // generous: CI runs other tests beside this one on 2 cores
const started = Date.now();
try {
  await signInSteps(page);
  await validScan(page);
  await changedScan(page);
  await receive(page);
  await printNotice(page);
  await accept(page);
  await rescan(page);
  await lookupAndToday(page);
  await helpRequest(page);
  await signOut(page);
  console.log(`desk.test: all steps passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (e) {
  console.error(`desk.test: FAILED at "${step}": ${e.stack || e}`);
  await shot(page, 'failure').catch(() => {});
  process.exitCode = 1;
} finally {
  await context.close();
}
