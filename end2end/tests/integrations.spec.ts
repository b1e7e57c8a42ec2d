import { expect, test } from '@playwright/test';
import { ready, signInAsOwner } from './helpers';

test('the owner creates an API token, sees it once, and revokes it', async ({ page, request }, info) => {
  const name = `Warehouse ${info.project.name}`;
  await signInAsOwner(page, info);

  await page.getByRole('link', { name: 'Integrations' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Integrations');
  await ready(page, info);
  await page.getByLabel('Name of the new token').fill(name);
  await page.getByRole('button', { name: 'Create token' }).click();
  await expect(page.getByText('Token created.')).toBeVisible();
  const token = (await page.getByTestId('revealed').textContent())!.trim();
  expect(token).toMatch(/^opk_[A-Za-z0-9_-]{43}$/);
  await expect(page.getByTestId('tokens')).toContainText(name);

  const api = (t: string) => request.get('/api/v1/orders/1001', { headers: { Authorization: `Bearer ${t}` } });
  expect((await api(token)).status()).toBe(200);

  await page.reload();
  await ready(page, info);
  await expect(page.getByTestId('revealed')).toHaveCount(0);
  await page.getByRole('button', { name: `Revoke the token ${name}` }).click();
  await expect(page.getByText('Token revoked.')).toBeVisible();
  expect((await api(token)).status()).toBe(401);
});
