import { expect, test } from '@playwright/test';
import { ready, signedLinkFromEmail } from './helpers';

// No remembered choice here: the browser's language and the order's language decide, until the
// visitor picks one with the switcher.
test.use({ storageState: { cookies: [], origins: [] }, locale: 'nb-NO' });

test("the browser's language is used, and the switcher's choice is remembered", async ({ page }, info) => {
  await page.goto('/');
  await ready(page, info);
  await expect(page.locator('html')).toHaveAttribute('lang', 'nb');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Finn bestillingen din');
  const switcher = page.getByRole('navigation', { name: 'Språk' });
  await expect(switcher.getByRole('link', { name: 'Norsk bokmål' })).toHaveAttribute('aria-current', 'true');

  await switcher.getByRole('link', { name: 'Suomi' }).click();
  await expect(page).toHaveURL(/\?lang=fi$/);
  await ready(page, info);
  await expect(page.locator('html')).toHaveAttribute('lang', 'fi');
  await expect(page.getByRole('navigation', { name: 'Kieli' })).toBeVisible();
  await page.goto('/account/login');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fi');
});

test("an order's page speaks the order's language, with local money and plurals, until the visitor picks another", async ({ page }, info) => {
  // Demo order 1012 is Aino Virtanen's, in Finnish and euros; the browser asks for Norwegian.
  await page.goto(await signedLinkFromEmail('1012'));
  await ready(page, info);
  await expect(page.locator('html')).toHaveAttribute('lang', 'fi');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tilaus 1012');
  await expect(page.locator('.order-head')).toContainText(/\d+ tuotetta|1 tuote/);
  await expect(page.getByTestId('total')).toHaveText(/^[\d\u00a0]+,\d\d\u00a0€$/);

  // The visitor's own choice wins over the order's language.
  await page.getByRole('link', { name: 'Nederlands' }).click();
  await ready(page, info);
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bestelling 1012');
  await expect(page.locator('.order-head')).toContainText(/\d+ artikelen|1 artikel/);
});
