import { expect, test } from '@playwright/test';
import { ready, signedLinkFromEmail } from './helpers';

test('a shopper looks up an order and sees its status', async ({ page }, info) => {
  await page.goto('/');
  await ready(page, info);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Find your order');
  await page.getByLabel('Order number').fill('1012');
  await page.getByLabel('Email address').fill('aino.virtanen@example.fi');
  await page.getByRole('button', { name: 'Show my order' }).click();

  await expect(page).toHaveURL(/\/orders\/1012$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Order 1012');
  await expect(page.getByTestId('stage')).toHaveText('Partly shipped');
  await expect(page.getByRole('link', { name: 'Track parcel' })).toHaveAttribute('href', /posti\.fi/);
  await expect(page.getByTestId('email')).toHaveText('a***@example.fi');
  await expect(page.getByText('limited view')).toBeVisible();
  await expect(page.getByText('Mannerheimintie')).toHaveCount(0);
});

test('a signed link from the email opens the full order without the token in the URL', async ({ page }, info) => {
  const link = await signedLinkFromEmail('1001');
  await page.goto(link);
  await ready(page, info);
  await expect(page).toHaveURL(/\/orders\/1001$/);
  await expect(page.getByTestId('stage')).toHaveText('Being prepared');
  await expect(page.getByTestId('address')).toContainText('Storgata 12');
  await expect(page.getByTestId('email')).toHaveText('kari.nordmann@example.no');
  await expect(page.getByTestId('timeline')).toContainText('Order placed');
});

test('a wrong email gets the generic answer and no order details', async ({ page }, info) => {
  await page.goto('/');
  await ready(page, info);
  await page.getByLabel('Order number').fill('1001');
  await page.getByLabel('Email address').fill('not.kari@example.no');
  await page.getByRole('button', { name: 'Show my order' }).click();
  await expect(page.getByRole('alert')).toContainText("We couldn't find an order with that number and email address");
  await expect(page).not.toHaveURL(/\/orders\//);
});

test('empty fields are explained next to each field', async ({ page }, info) => {
  await page.goto('/');
  await ready(page, info);
  await page.getByRole('button', { name: 'Show my order' }).click();
  const number = page.getByLabel('Order number');
  await expect(number).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#order-number-error')).toHaveText('Please fill in this field.');
});

test('an expired or broken link explains itself', async ({ page }) => {
  const response = await page.goto('/o/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("This link doesn't work");
  await expect(page.getByRole('link', { name: 'Look up your order' })).toBeVisible();
});
