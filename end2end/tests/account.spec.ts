import { expect, test } from '@playwright/test';
import { emailContaining, ready } from './helpers';

// Each project works on its own orders and customers, so the two runs never meet.
const who = (name: string) =>
  name === 'js'
    ? { number: '1005', email: 'ola.hansen@example.no', street: 'Bryggen 4', account: 'mikko.korhonen@example.fi', code: 'Koden din for bestilling 1005' }
    : { number: '1007', email: 'daan.jansen@example.nl', street: 'Oudegracht 150', account: 'ingrid.berg@example.no', code: 'Je code voor bestelling 1007' };

test('a shopper with a limited view confirms a one-time code and sees everything', async ({ page }, info) => {
  const { number, email, street, code: subject } = who(info.project.name);
  await page.goto('/');
  await ready(page, info);
  await page.getByLabel('Order number').fill(number);
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Show my order' }).click();
  await expect(page).toHaveURL(new RegExp(`/orders/${number}`));
  await ready(page, info);
  await expect(page.getByText('limited view')).toBeVisible();

  const since = Date.now() - 1000;
  await page.getByRole('button', { name: 'Email me a code' }).click();
  await expect(page.getByText('We\'ve sent a code')).toBeVisible();
  const mail = await emailContaining(subject, since);
  const text = mail.split('text/plain')[1].split(/\r?\n\r?\n/).slice(1).join('\n');
  const code = text.match(/\b\d{6}\b/)![0];

  await page.getByLabel('Code from the email').fill(code === '000000' ? '111111' : '000000');
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByText("That code isn't right or has expired")).toBeVisible();
  await ready(page, info);
  await page.getByLabel('Code from the email').fill(code);
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByTestId('address')).toContainText(street);
  await expect(page.getByText('limited view')).toHaveCount(0);
});

test('a shopper creates an account by email link and sees all their orders', async ({ page }, info) => {
  const { account } = who(info.project.name);
  await page.goto('/account/login');
  await ready(page, info);
  const since = Date.now() - 1000;
  await page.locator('#link-email').fill(account);
  await page.getByRole('button', { name: 'Email me a link' }).click();
  await expect(page.getByText('a link is on its way')).toBeVisible();
  const mail = await emailContaining('/password/', since);
  const link = mail.match(/https?:\/\/[^\s"<>]+\/password\/[A-Za-z0-9_-]{43}/)![0];

  await page.goto(link);
  await ready(page, info);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Choose a password');
  await page.getByLabel('New password', { exact: true }).fill('fjord-and-pine-2026');
  await page.getByLabel('Repeat the new password').fill('fjord-and-pine-2026');
  await page.getByRole('button', { name: 'Save password' }).click();
  await expect(page.getByText('Your password is saved')).toBeVisible();

  await page.goto('/account/login');
  await ready(page, info);
  await page.locator('#account-email').fill(account);
  await page.locator('#account-password').fill('fjord-and-pine-2026');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your orders');
  await expect(page.getByText(`Signed in as ${account}`)).toBeVisible();
  const first = page.getByRole('link', { name: /^Order / }).first();
  await first.click();
  await expect(page.getByTestId('address')).not.toContainText('Hidden in this view');
  await expect(page.getByText('limited view')).toHaveCount(0);
});
