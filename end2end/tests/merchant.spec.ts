import { expect, test } from '@playwright/test';
import { ready, signedLinkFromEmail, signInAsOwner } from './helpers';

test('a merchant signs in, sees the overview and signs out', async ({ page }, info) => {
  await page.goto('/admin');
  await expect(page).toHaveURL(/\/admin\/login$/);
  await ready(page, info);
  await page.getByLabel('Email address').fill('owner@fjordogfuru.example');
  await page.getByLabel('Password').fill('demo-owner-2026');
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Overview');
  await expect(page.getByTestId('counts')).toContainText('On hold');

  await page.getByRole('link', { name: 'Orders', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Orders');
  await ready(page, info);
  await page.getByLabel('Show').selectOption('on_hold');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/filter=on_hold/);
  await expect(page.getByTestId('orders').locator('tbody tr')).toHaveCount(3);
  await page.getByLabel('Search').fill('1012');
  await page.getByLabel('Show').selectOption('all');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('orders').locator('tbody tr')).toHaveCount(1);
  await expect(page.getByTestId('orders')).toContainText('Aino Virtanen');

  await page.goto('/admin');
  await ready(page, info);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/admin\/login$/);
  await page.goto('/admin');
  await expect(page).toHaveURL(/\/admin\/login$/);
});

test('a wrong password is refused without saying which part was wrong', async ({ page }, info) => {
  await page.goto('/admin/login');
  await ready(page, info);
  await page.getByLabel('Email address').fill('owner@fjordogfuru.example');
  await page.getByLabel('Password').fill('wrong-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText("That email address and password don't match an account");
});

test('a merchant records a shipment with tracking and the shopper sees it', async ({ page, browser }, info) => {
  // Each project ships its own order: both run against the same shop.
  const number = info.project.name === 'js' ? '1003' : '1004';
  await signInAsOwner(page, info);

  await page.goto('/admin/orders?filter=unfulfilled');
  await ready(page, info);
  await page.getByTestId('orders').getByRole('link', { name: number, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Order ${number}`);
  await ready(page, info);

  const form = page.getByTestId('ship-form');
  await form.getByLabel('Carrier').fill('Posten');
  await form.getByLabel('Tracking number').fill(`TRK${number}`);
  await form.getByLabel('Tracking link').fill(`https://sporing.posten.no/TRK${number}`);
  await form.getByRole('button', { name: 'Record shipment' }).click();
  await expect(page).toHaveURL(/done=shipped/);
  await expect(page.getByRole('status')).toContainText('Shipment recorded');
  await expect(page.getByTestId('admin-timeline')).toContainText('Shipped with Posten');
  await expect(page.getByTestId('ship-form')).toHaveCount(0);

  // The shopper, in their own browser, opens the link from the confirmation email.
  const shopper = await browser.newPage();
  await shopper.goto(await signedLinkFromEmail(number));
  await expect(shopper.getByRole('heading', { level: 1 })).toHaveText(`Order ${number}`);
  await expect(shopper.locator('.stage-title')).toHaveText('Shipped');
  await expect(shopper.getByText(`Tracking number TRK${number}`)).toBeVisible();
  await expect(shopper.getByRole('link', { name: 'Track parcel' })).toHaveAttribute(
    'href', `https://sporing.posten.no/TRK${number}`);
  await shopper.close();
});
