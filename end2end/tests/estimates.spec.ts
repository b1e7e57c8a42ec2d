import { expect, test } from '@playwright/test';
import { apiToken, putOrder, ready, signedLinkFromEmail, signInAsOwner } from './helpers';

const base = (name: string) => (name === 'js' ? '83' : '84');

test('the status page shows when the order ships and arrives', async ({ page, request }, info) => {
  const number = `${base(info.project.name)}01`;
  // The demo shop's mailbox parcels take 1–3 working days.
  await putOrder(request, number, 5, 'paid', undefined, 'mailbox');
  const headers = { Authorization: `Bearer ${apiToken()}` };
  const api = await request.get(`/api/v1/orders/${number}`, { headers });
  const estimates = (await api.json()).estimates;
  expect(estimates.ship_by).not.toBeNull();
  await page.goto(await signedLinkFromEmail(number));
  await ready(page, info);
  const estimate = page.getByTestId('estimate');
  await expect(estimate).toContainText(/Ships (between|on) .+ · arrives /);
  // The dates on the page are the API's dates.
  const day = (iso: string) => String(Number(iso.slice(8, 10)));
  await expect(estimate).toContainText(` ${day(estimates.ship_by.latest)} `);
  await expect(page.getByTestId('line-estimate')).toHaveCount(1);
  await expect(page.getByTestId('estimate-was')).toHaveCount(0);
});

test('the owner sets the business calendar and bad dates are explained', async ({ page }, info) => {
  await signInAsOwner(page, info);
  await page.getByRole('link', { name: 'Processing & delivery' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Processing times and delivery');
  await ready(page, info);
  await expect(page.getByTestId('closed-days')).toContainText('Christmas Day');
  await expect(page.getByTestId('processing-preview')).toContainText('arrives');

  const closed = page.getByLabel("The shop's own closed days");
  const own = info.project.name === 'js' ? '2030-01-02' : '2030-01-03';
  await closed.fill(`${await closed.inputValue()}\n2026-02-30`.trim());
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.locator('#holidays-error')).toHaveText('Enter a real date, such as 2026-12-24.');

  await page.goto('/admin/settings/processing');
  await ready(page, info);
  const kept = await page.getByLabel("The shop's own closed days").inputValue();
  expect(kept).not.toContain('2026-02-30');
  await page.getByLabel("The shop's own closed days").fill(`${kept}\n${own}`.trim());
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Saved. All estimates now use these settings')).toBeVisible();
  await expect(page.getByLabel("The shop's own closed days")).toHaveValue(new RegExp(own));
});
