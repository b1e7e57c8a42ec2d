import { APIRequestContext, expect, Page, TestInfo } from '@playwright/test';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** With JavaScript on, wait until the page has hydrated so clicks go through the app. */
export async function ready(page: Page, info: TestInfo) {
  if (info.project.name === 'js') {
    await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
  }
}

/**
 * Reads the confirmation email the portal wrote for an order (in the order's language: the
 * subject names the number in all four) and returns its signed link.
 */
export async function signedLinkFromEmail(number: string): Promise<string> {
  const dir = path.join(__dirname, '..', '.e2e-data', 'mail');
  for (let attempt = 0; attempt < 50; attempt++) {
    const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.eml')) : [];
    for (const file of files) {
      // Undo quoted-printable soft line breaks before searching.
      const raw = fs.readFileSync(path.join(dir, file), 'utf8').replace(/=\r?\n/g, '');
      const subject = raw.match(/^Subject: (.*)$/m)?.[1] ?? '';
      if (!new RegExp(`\\b${number}\\b`).test(decodeSubject(subject)) || !raw.includes('/o/')) continue;
      const match = raw.match(/https?:\/\/[^\s"<>]+\/o\/[A-Za-z0-9_-]{43}/);
      if (match) return match[0];
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no confirmation email with a link for order ${number}`);
}

/**
 * Waits for the newest email whose text contains `needle` and written after `since` (ms), and
 * returns its text with quoted-printable soft breaks and `=3D` undone.
 */
export async function emailContaining(needle: string, since: number): Promise<string> {
  const dir = path.join(__dirname, '..', '.e2e-data', 'mail');
  for (let attempt = 0; attempt < 50; attempt++) {
    const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.eml')) : [];
    const found = files
      .map((f) => path.join(dir, f))
      .filter((f) => fs.statSync(f).mtimeMs >= since)
      .map((f) => ({ at: fs.statSync(f).mtimeMs, raw: withSubjectDecoded(fs.readFileSync(f, 'utf8')).replace(/=\r?\n/g, '').replace(/=3D/g, '=') }))
      .filter((m) => m.raw.includes(needle))
      .sort((a, b) => b.at - a.at);
    if (found.length > 0) return found[0].raw;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no email containing ${needle}`);
}

/** Undoes RFC 2047 encoded words (`=?utf-8?b?…?=` / `=?utf-8?q?…?=`) in a header. */
export function decodeSubject(header: string): string {
  return header.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_, kind: string, text: string) =>
    kind.toLowerCase() === 'b'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, h) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'));
}

/** The mail with its `Subject:` line written as a reader sees it. */
function withSubjectDecoded(raw: string): string {
  return raw.replace(/^Subject: (.*(?:\r?\n[ \t].*)*)$/m, (_, value: string) => `Subject: ${decodeSubject(value.replace(/\r?\n/g, ''))}`);
}

let token: string | undefined;

/** An API token made with the portal's own command line against the test server's data. */
export function apiToken(): string {
  if (!token) {
    const bin = process.env.PORTAL_BIN ?? path.join(__dirname, '..', '..', 'target', 'release', 'order-portal');
    token = execFileSync(bin, ['token', 'create', '--name', 'e2e'], {
      env: { ...process.env, APP_DATA_DIR: path.join(__dirname, '..', '.e2e-data'), APP_LOG_LEVEL: 'warn' },
    })
      .toString()
      .trim();
  }
  return token;
}

/** Places an order through the integration API, `minutesAgo`, and returns its signed link. */
export async function putOrder(
  request: APIRequestContext,
  number: string,
  minutesAgo: number,
  payment = 'paid',
  lines: object[] = [{ sku: 'FF-MUG-01', title: 'Stoneware mug', quantity: 2, unit_price: 24900 }],
  shippingMethod = 'standard',
): Promise<void> {
  const placedAt = new Date(Date.now() - minutesAgo * 60_000).toISOString();
  const response = await request.put(`/api/v1/orders/${number}`, {
    headers: { Authorization: `Bearer ${apiToken()}` },
    data: {
      customer: { email: 'lise.moen@example.no', name: 'Lise Moen' },
      locale: 'en', currency: 'NOK', placed_at: placedAt, payment_status: payment,
      shipping_method: shippingMethod,
      lines,
    },
  });
  expect(response.status()).toBe(201);
}

/** Lets shoppers cancel single lines (the shop's system sets the policy through the API). */
export async function allowLineCancel(request: APIRequestContext): Promise<void> {
  const headers = { Authorization: `Bearer ${apiToken()}` };
  const current = await request.get('/api/v1/settings/cancellation', { headers });
  expect(current.status()).toBe(200);
  const policy = { ...(await current.json()), allow_line_cancel: true };
  const saved = await request.put('/api/v1/settings/cancellation', { headers, data: policy });
  expect(saved.status()).toBe(200);
}

/** Creates or replaces a product through the API: none in stock, back on `restock` (or unknown). */
export async function putProduct(request: APIRequestContext, sku: string, title: string, restock: string | null): Promise<void> {
  const response = await request.put(`/api/v1/products/${sku}`, {
    headers: { Authorization: `Bearer ${apiToken()}` },
    data: { title, processing_days: null, made_to_order: false, not_cancellable: false, stock: 0, expected_restock: restock },
  });
  expect(response.status()).toBeLessThan(300);
}

/** Signs in as the demo shop's owner through the sign-in form and waits for the overview. */
export async function signInAsOwner(page: Page, info: TestInfo) {
  await page.goto('/admin/login');
  await ready(page, info);
  await page.getByLabel('Email address').fill('owner@fjordogfuru.example');
  await page.getByLabel('Password').fill('demo-owner-2026');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/admin$/);
}
