import { expect, test } from '@playwright/test';
import { ready } from './helpers';

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

  await page.getByRole('link', { name: 'Orders' }).click();
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
