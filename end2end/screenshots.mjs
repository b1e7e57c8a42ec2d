// Takes the README/docs screenshots from a running portal (default http://127.0.0.1:3100,
// started by `./serve.sh 3100`). Usage: node screenshots.mjs [base-url]
import { chromium } from 'playwright-core';
import * as fs from 'fs';
import * as path from 'path';

const base = process.argv[2] ?? 'http://127.0.0.1:3100';
const out = path.join(import.meta.dirname, '..', 'docs', 'screenshots');
fs.mkdirSync(out, { recursive: true });

function linkFromEmail(number) {
  const dir = path.join(import.meta.dirname, '.e2e-data', 'mail');
  for (const file of fs.readdirSync(dir)) {
    const raw = fs.readFileSync(path.join(dir, file), 'utf8').replace(/=\r?\n/g, '');
    // The confirmation is in the order's language; every subject names the number.
    const subject = raw.match(/^Subject: (.*)$/m)?.[1] ?? '';
    if (!new RegExp(`\\b${number}\\b`).test(subject) || !raw.includes('/o/')) continue;
    const m = raw.match(/https?:\/\/[^\s"<>]+\/o\/[A-Za-z0-9_-]{43}/);
    if (m) return m[0];
  }
  throw new Error(`no link for ${number}`);
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const shots = [
  ['lookup.png', '/', { width: 1280, height: 800 }],
  ['status-page.png', linkFromEmail('1012'), { width: 1280, height: 1000 }],
  ['status-page-phone.png', linkFromEmail('1008'), { width: 390, height: 1400 }],
  // An item waiting for stock: restock date, estimate and the shopper's choices.
  ['order-backorder.png', linkFromEmail('1008'), { width: 1280, height: 1200 }],
];
for (const [name, url, viewport] of shots) {
  const page = await browser.newPage({ viewport });
  await page.goto(url.startsWith('http') ? url : base + url);
  await page.screenshot({ path: path.join(out, name), fullPage: true });
  await page.close();
}
// The status page in each language the portal speaks (picked with the language switcher).
const languages = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
await languages.goto(linkFromEmail('1012'));
for (const lang of ['en', 'nb', 'fi', 'nl']) {
  await languages.goto(`${base}/orders/1012?lang=${lang}`);
  await languages.screenshot({ path: path.join(out, `status-page-${lang}.png`), fullPage: true });
}
await languages.close();
// The merchant overview, after signing in as the demo owner.
const admin = await browser.newPage({ viewport: { width: 1280, height: 700 } });
await admin.goto(base + '/admin/login');
await admin.fill('#admin-email', 'owner@fjordogfuru.example');
await admin.fill('#admin-password', 'demo-owner-2026');
await Promise.all([admin.waitForURL(/\/admin$/), admin.click('button[type=submit]')]);
await admin.screenshot({ path: path.join(out, 'admin-overview.png'), fullPage: true });
for (const [name, url] of [['admin-order.png', '/admin/orders/1005'], ['admin-team.png', '/admin/team'],
  ['admin-cancellation.png', '/admin/settings/cancellation'], ['admin-integrations.png', '/admin/settings/integrations'],
  ['admin-reports.png', '/admin/reports?days=90'], ['admin-products.png', '/admin/products'],
  ['admin-product.png', '/admin/products/FF-MUG-01'], ['admin-processing.png', '/admin/settings/processing'],
  ['admin-backorders.png', '/admin/settings/backorders']]) {
  await admin.goto(base + url);
  await admin.screenshot({ path: path.join(out, name), fullPage: true });
}
// A verified order inside its cancellation window, with the confirmation step open.
const verified = await browser.newPage({ viewport: { width: 1280, height: 1100 } });
await verified.goto(linkFromEmail('1001'));
await verified.click('[data-testid=cancel] summary');
await verified.screenshot({ path: path.join(out, 'order-cancel.png'), fullPage: true });
await verified.close();
// Single lines: the owner allows them, then order 1001 (two lines, in its window) offers each.
await admin.goto(base + '/admin/settings/cancellation');
await admin.check('#lines');
await Promise.all([admin.waitForURL(/done=saved/), admin.click('button.primary:has-text("Save")')]);
const lines = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
await lines.goto(linkFromEmail('1001'));
await lines.click('[data-testid=cancel-line] summary');
await lines.screenshot({ path: path.join(out, 'order-cancel-line.png'), fullPage: true });
await lines.close();
// A looked-up order (limited view with the one-time code card) and the account pages.
const shopper = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await shopper.goto(base + '/');
await shopper.fill('#order-number', '1001');
await shopper.fill('#email', 'kari.nordmann@example.no');
await Promise.all([shopper.waitForURL(/\/orders\/1001/), shopper.click('button[type=submit]')]);
await shopper.screenshot({ path: path.join(out, 'order-limited.png'), fullPage: true });
await shopper.goto(base + '/account/login');
await shopper.fill('#link-email', 'kari.nordmann@example.no');
await shopper.click('form:has(#link-email) button[type=submit]');
await shopper.waitForSelector('text=a link is on its way');
await shopper.screenshot({ path: path.join(out, 'account-login.png'), fullPage: true });
let setLink;
for (let i = 0; i < 50 && !setLink; i++) {
  const dir = path.join(import.meta.dirname, '.e2e-data', 'mail');
  for (const file of fs.readdirSync(dir)) {
    const raw = fs.readFileSync(path.join(dir, file), 'utf8').replace(/=\r?\n/g, '');
    const m = raw.match(/https?:\/\/[^\s"<>]+\/password\/[A-Za-z0-9_-]{43}/);
    if (m) setLink = m[0];
  }
  if (!setLink) await new Promise((r) => setTimeout(r, 200));
}
await shopper.goto(setLink);
await shopper.screenshot({ path: path.join(out, 'set-password.png'), fullPage: true });
await shopper.fill('#new-password', 'fjord-and-pine-2026');
await shopper.fill('#repeat-password', 'fjord-and-pine-2026');
await Promise.all([shopper.waitForURL(/\/account\/login/), shopper.click('button[type=submit]')]);
await shopper.fill('#account-email', 'kari.nordmann@example.no');
await shopper.fill('#account-password', 'fjord-and-pine-2026');
await Promise.all([shopper.waitForURL(/\/account$/), shopper.click('form:has(#account-email) button[type=submit]')]);
await shopper.screenshot({ path: path.join(out, 'account.png'), fullPage: true });
await browser.close();
console.log(`screenshots written to ${out}`);
