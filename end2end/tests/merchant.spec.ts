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
