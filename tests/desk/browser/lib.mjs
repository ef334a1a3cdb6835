// lib.mjs — what the desk's browser test and bench share: Debian's chromium launched
// headless by playwright-core with the flags a root, offline machine needs (without
// them chromium waits on network connections), a fresh profile, and a clerk signed in.
import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';

export const env = {
  url: process.env.DESK_URL,
  receipt: process.env.DESK_RECEIPT,
  hall: process.env.DESK_HALL,
  chromium: process.env.DESK_CHROMIUM || '/usr/bin/chromium',
  tmp: process.env.DESK_TMP,
  shots: process.env.DESK_SHOTS,
  helpcall: process.env.DESK_HELPCALL,
  kioskKey: process.env.DESK_KIOSK_KEY,
};

export async function launch() {
  const profile = mkdtempSync(join(env.tmp, 'chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: env.chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1366, height: 900 },
    locale: 'zh-CN',
  });
  const page = context.pages()[0] || await context.newPage();
  return { context, page };
}

export async function signIn(page, clerk, pin) {
  await page.goto(env.url);
  await page.locator('#login-clerk').fill(clerk);
  await page.locator('#login-pin').fill(pin);
  await page.locator('#login-form button[type=submit]').click();
}

// The receipt as a USB scanner sends it: one key every 8 ms, then Enter.
export async function scanLikeAScanner(page, text) {
  await page.keyboard.type(text, { delay: 8 });
  await page.keyboard.press('Enter');
}

// One character of the Base32 text changed (to another letter of the alphabet).
export function changeOneCharacter(text, fromEnd) {
  const i = text.length - fromEnd;
  const c = text[i] === 'A' ? 'B' : 'A';
  return text.slice(0, i) + c + text.slice(i + 1);
}
