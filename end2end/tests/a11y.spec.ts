import AxeBuilder from '@axe-core/playwright';
import { expect, Locator, Page, test } from '@playwright/test';
import { emailContaining, putOrder, putProduct, ready, signedLinkFromEmail } from './helpers';

// WCAG 2.1 AA, checked by axe-core on every page (with JavaScript: axe itself is a script; the
// pages are the same server HTML either way), and the three keyboard-only journeys the product
// promises, with JavaScript on and off.
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function expectAccessible(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  const found = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(found, `accessibility problems on ${what}`).toEqual([]);
}

let hydrated = true;
let prefix = '87';

/** Each project places its own orders and products, so the two runs never meet. */
const num = (k: number) => `${prefix}0${k}`;

async function visit(page: Page, url: string) {
  await page.goto(url);
  if (hydrated) await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
}

/** Presses Tab until `target` has focus (at most `steps` times) and checks the focus shows. */
async function tabTo(page: Page, target: Locator, steps = 25) {
  for (let i = 0; i < steps; i++) {
    if (await target.evaluate((e) => e === document.activeElement)) break;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
  const outline = await target.evaluate((e) => getComputedStyle(e).outlineStyle);
  expect(outline, 'focus is visible').not.toBe('none');
}

async function signIn(page: Page) {
  await visit(page, '/admin/login');
  await page.getByLabel('Email address').fill('owner@fjordogfuru.example');
  await page.getByLabel('Password').fill('demo-owner-2026');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/admin$/);
}

const blanket = (sku: string) => [
  { sku, title: 'Wool blanket', quantity: 3, unit_price: 49900, quantity_backordered: 2 },
  { sku: 'FF-MUG-01', title: 'Stoneware mug', quantity: 1, unit_price: 24900 },
];
const isoDay = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test.describe('accessibility', () => {
  test.beforeEach(({}, info) => {
    hydrated = info.project.name === 'js';
    prefix = hydrated ? '87' : '88';
  });

  test("the shopper's pages have no WCAG 2.1 AA violations", async ({ page, request }) => {
    test.skip(!hydrated, 'axe-core runs as a script in the page, which the no-JavaScript project turns off');
    await visit(page, '/');
    await expectAccessible(page, 'the lookup page');
    await page.getByRole('button', { name: 'Show my order' }).click();
    await expect(page.locator('#order-number-error')).toBeVisible();
    await expectAccessible(page, 'the lookup page with errors');

    await visit(page, '/orders/1001');
    await expectAccessible(page, 'a locked order page');
    await visit(page, '/o/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    await expectAccessible(page, 'a broken link');
    await visit(page, '/no-such-page');
    await expectAccessible(page, 'the not-found page');

    await putOrder(request, num(1), 5);
    await page.goto(await signedLinkFromEmail(num(1)));
    if (hydrated) await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
    await expectAccessible(page, 'an order page');
    await page.getByTestId('cancel').getByText('Cancel order', { exact: true }).click();
    await expectAccessible(page, 'an order page with the cancel step open');
    await visit(page, `/orders/${num(1)}?lang=fi`);
    await expectAccessible(page, 'an order page in Finnish');
    await visit(page, '/orders/1001?lang=en');

    // A backordered item: the choice card, and a delay notice's one-click page.
    await putProduct(request, `E2E-A11Y-1-${prefix}`, 'Wool blanket', isoDay(10));
    await putOrder(request, num(2), 5, 'paid', blanket(`E2E-A11Y-1-${prefix}`));
    await page.goto(await signedLinkFromEmail(num(2)));
    await expect(page.getByTestId('backorders')).toBeVisible();
    await expectAccessible(page, 'an order page with a backorder choice');
    const since = Date.now();
    await putProduct(request, `E2E-A11Y-1-${prefix}`, 'Wool blanket', isoDay(40));
    const mail = await emailContaining(`Order ${num(2)}: Wool blanket is delayed`, since);
    const keep = mail.match(/Keep waiting: (https?:\/\/\S+\/n\/[A-Za-z0-9_-]{43})/)![1];
    await visit(page, keep);
    await expectAccessible(page, 'a delay notice');
    await visit(page, '/n/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    await expectAccessible(page, 'a broken delay notice link');

    await visit(page, '/account/login');
    await expectAccessible(page, 'the account sign-in page');
    await page.locator('#account-email').fill('lise.moen@example.no');
    await page.locator('#account-password').fill('not-the-password');
    await page.locator('form:has(#account-email) button[type=submit]').click();
    await expect(page.getByRole('alert')).toBeVisible();
    await expectAccessible(page, 'the account sign-in page with an error');
    await visit(page, '/password/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    await expectAccessible(page, 'a broken password link');

    // A valid account link: the password form as opened and with its errors, then the signed-in
    // account page as opened and in another language.
    const account = 'sanne.devries@example.nl';
    await visit(page, '/account/login');
    const asked = Date.now() - 1000;
    await page.locator('#link-email').fill(account);
    await page.locator('form:has(#link-email) button[type=submit]').click();
    await expect(page.getByText('a link is on its way')).toBeVisible();
    const linkMail = await emailContaining(`<${account}>`, asked);
    const link = linkMail.match(/https?:\/\/[^\s"<>]+\/password\/[A-Za-z0-9_-]{43}/)![0];
    await visit(page, link);
    await expectAccessible(page, 'the password page');
    await page.getByLabel('New password', { exact: true }).fill('dune-and-dike-2026');
    await page.getByLabel('Repeat the new password').fill('dune-and-dike-2027');
    await page.getByRole('button', { name: 'Save password' }).click();
    await expect(page.getByText("The two passwords don't match.")).toBeVisible();
    await expectAccessible(page, 'the password page with an error');
    await page.getByLabel('New password', { exact: true }).fill('dune-and-dike-2026');
    await page.getByLabel('Repeat the new password').fill('dune-and-dike-2026');
    await page.getByRole('button', { name: 'Save password' }).click();
    await expect(page.getByText('Your password is saved')).toBeVisible();
    await visit(page, '/account/login');
    await page.locator('#account-email').fill(account);
    await page.locator('#account-password').fill('dune-and-dike-2026');
    await page.locator('form:has(#account-email) button[type=submit]').click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByText(`Signed in as ${account}`)).toBeVisible();
    await expectAccessible(page, 'the account page');
    await visit(page, '/account?lang=nl');
    await expectAccessible(page, 'the account page in Dutch');
    await visit(page, '/account?lang=en');
  });

  test("the merchant console's pages have no WCAG 2.1 AA violations", async ({ page }) => {
    test.skip(!hydrated, 'axe-core runs as a script in the page, which the no-JavaScript project turns off');
    test.setTimeout(180_000);
    await visit(page, '/admin/login');
    await expectAccessible(page, 'the sign-in page');
    await page.getByLabel('Email address').fill('owner@fjordogfuru.example');
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await expectAccessible(page, 'the sign-in page with an error');
    await signIn(page);

    // Each page as it opens, and in a second state: filtered, with errors, or in Norwegian.
    const pages: [string, string][] = [
      ['/admin', '/admin?lang=nb'],
      ['/admin/orders', '/admin/orders?filter=on_hold'],
      ['/admin/orders/1005', '/admin/orders/1010?lang=nb'],
      ['/admin/team', '/admin/team?lang=nb'],
      ['/admin/reports', '/admin/reports?days=90&lang=nb'],
      ['/admin/products', '/admin/products?lang=nb'],
      ['/admin/products/FF-MUG-01', '/admin/products/FF-MUG-01?lang=nb'],
      ['/admin/settings/integrations', '/admin/settings/integrations?lang=nb'],
      ['/admin/settings/cancellation', '/admin/settings/cancellation?lang=nb'],
      ['/admin/settings/processing', '/admin/settings/processing?lang=nb'],
      ['/admin/settings/backorders', '/admin/settings/backorders?lang=nb'],
    ];
    for (const [first, second] of pages) {
      await visit(page, first);
      await expectAccessible(page, first);
      await visit(page, second);
      await expectAccessible(page, second);
      await visit(page, '/admin?lang=en');
    }

    // A refused save shows its error next to the field.
    await visit(page, '/admin/settings/cancellation');
    await page.locator('#window-minutes').fill('-5');
    await page.locator('button.primary:has-text("Save")').click();
    await expect(page.locator('#window-minutes')).toHaveAttribute('aria-invalid', 'true');
    await expectAccessible(page, 'the cancellation settings with an error');
  });

  test('pages reflow at 320 px without sideways scrolling', async ({ page }) => {
    test.setTimeout(60_000);
    await page.setViewportSize({ width: 320, height: 800 });
    for (const url of ['/', '/account/login', '/admin/login', '/orders/1001']) {
      await visit(page, url);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, url).toBeLessThanOrEqual(320);
    }
    await signIn(page);
    for (const url of ['/admin', '/admin/orders', '/admin/orders/1005', '/admin/products', '/admin/reports', '/admin/team',
      '/admin/settings/processing', '/admin/settings/cancellation', '/admin/settings/integrations']) {
      await visit(page, url);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, url).toBeLessThanOrEqual(320);
    }
  });

  test('keyboard only: look up an order, confirm with the code, cancel it', async ({ page, request }) => {
    await putOrder(request, num(3), 5);
    await visit(page, '/');
    await tabTo(page, page.getByLabel('Order number'));
    await page.keyboard.type(num(3));
    await tabTo(page, page.getByLabel('Email address'), 2);
    await page.keyboard.type('lise.moen@example.no');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/orders/${num(3)}$`));
    if (hydrated) await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');

    const since = Date.now() - 1000;
    await tabTo(page, page.getByRole('button', { name: 'Email me a code' }), 40);
    await page.keyboard.press('Enter');
    await expect(page.getByText("We've sent a code")).toBeVisible();
    const mail = await emailContaining(`Your code for order ${num(3)}`, since);
    const text = mail.split('text/plain')[1].split(/\r?\n\r?\n/).slice(1).join('\n');
    const code = text.match(/\b\d{6}\b/)![0];
    await tabTo(page, page.getByLabel('Code from the email'), 40);
    await page.keyboard.type(code);
    await page.keyboard.press('Enter');
    await expect(page.getByText('limited view')).toHaveCount(0);

    // The confirmation step: focus moves in, Escape closes it and returns focus.
    const open = page.getByTestId('cancel').locator('summary');
    await tabTo(page, open, 60);
    await page.keyboard.press('Enter');
    const firstReason = page.getByTestId('cancel').locator('input[type=radio]').first();
    if (hydrated) {
      await expect(firstReason).toBeFocused();
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('cancel').locator('details')).not.toHaveAttribute('open', '');
      await expect(open).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(firstReason).toBeFocused();
    } else {
      // Without JavaScript the disclosure opens in place and the next Tab reaches its first control.
      await tabTo(page, firstReason, 3);
    }
    await page.keyboard.press('Space');
    await tabTo(page, page.getByRole('button', { name: 'Yes, cancel the order' }), 10);
    await page.keyboard.press('Enter');
    await expect(page.getByText('Your order is cancelled')).toBeVisible();
    await expect(page.getByTestId('stage')).toHaveText('Cancelled');
  });

  test('keyboard only: choose to ship what is in stock first', async ({ page, request }) => {
    await putProduct(request, `E2E-A11Y-2-${prefix}`, 'Wool blanket', isoDay(20));
    await putOrder(request, num(4), 5, 'paid', blanket(`E2E-A11Y-2-${prefix}`));
    await page.goto(await signedLinkFromEmail(num(4)));
    if (hydrated) await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
    const card = page.getByTestId('backorders');
    const wait = card.getByLabel('Wait and ship everything together');
    await tabTo(page, wait, 60);
    await page.keyboard.press('ArrowDown');
    await expect(card.getByLabel("Ship what's in stock now; this item follows when it arrives")).toBeChecked();
    await tabTo(page, card.getByRole('button', { name: 'Save my choice' }), 5);
    await page.keyboard.press('Enter');
    await expect(page.getByText('Your choice is saved.')).toBeVisible();
    await expect(page.getByTestId('backorder-current')).toContainText("Your choice: Ship what's in stock now");
  });

  test('keyboard only: a merchant signs in and records a shipment', async ({ page, request }) => {
    await putOrder(request, num(5), 5);
    await visit(page, '/admin/login');
    await tabTo(page, page.getByLabel('Email address'));
    await page.keyboard.type('owner@fjordogfuru.example');
    await tabTo(page, page.getByLabel('Password'), 2);
    await page.keyboard.type('demo-owner-2026');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/admin$/);

    await visit(page, `/admin/orders/${num(5)}`);
    const form = page.getByTestId('ship-form');
    await tabTo(page, form.getByLabel('Carrier'), 80);
    await page.keyboard.type('Posten');
    await tabTo(page, form.getByLabel('Tracking number'), 3);
    await page.keyboard.type(`TRK${num(5)}`);
    await tabTo(page, form.getByRole('button', { name: 'Record shipment' }), 10);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status')).toContainText('Shipment recorded');
    await expect(page.getByTestId('admin-timeline')).toContainText('Shipped with Posten');
  });
});
