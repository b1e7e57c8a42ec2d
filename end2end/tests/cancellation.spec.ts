import { expect, test } from '@playwright/test';
import { allowLineCancel, putOrder, ready, signedLinkFromEmail, signInAsOwner } from './helpers';

// Each project works on its own orders, so the two runs never meet.
const base = (name: string) => (name === 'js' ? '81' : '82');

test('a shopper cancels inside the window and sees the refund', async ({ page, request }, info) => {
  const number = `${base(info.project.name)}01`;
  await putOrder(request, number, 5);
  await page.goto(await signedLinkFromEmail(number));
  await ready(page, info);
  const card = page.getByTestId('cancel');
  await expect(card).toContainText('You can cancel until');
  // With JavaScript a live countdown runs; without, the time above says it all.
  const countdown = page.getByTestId('cancel-countdown');
  if (info.project.name === 'js') {
    await expect(countdown).toHaveText(/^\d+ min \d\d s left to cancel\.$/);
  } else {
    await expect(countdown).toHaveText('');
  }
  await card.getByText('Cancel order', { exact: true }).click();
  await expect(page.getByTestId('cancel-refund')).toContainText('back to the payment method you used');
  await page.getByLabel('Another reason').check();
  await page.getByRole('button', { name: 'Yes, cancel the order' }).click();
  await expect(page.locator('#cancel-other-error')).toHaveText('Please fill in this field.');
  await page.getByLabel('Another reason').check();
  await page.getByLabel('Tell us more').fill('Bought the wrong colour');
  await page.getByRole('button', { name: 'Yes, cancel the order' }).click();
  await expect(page.getByText('Your order is cancelled')).toBeVisible();
  await expect(page.getByTestId('stage')).toHaveText('Cancelled');
  await expect(page.getByTestId('cancel')).toContainText('This order is cancelled.');
  await expect(page.getByTestId('timeline')).toContainText('Refund of');
});

test('outside the window the shopper asks, and the shop approves', async ({ page, request }, info) => {
  const number = `${base(info.project.name)}02`;
  await putOrder(request, number, 120);
  await page.goto(await signedLinkFromEmail(number));
  await ready(page, info);
  const card = page.getByTestId('cancel');
  await expect(card).toContainText('The time to cancel this order yourself has passed.');
  await expect(page.getByRole('button', { name: 'Yes, cancel the order' })).toHaveCount(0);
  await card.getByText('Ask the shop to cancel', { exact: true }).click();
  await page.getByLabel('Delivery takes too long').check();
  await page.getByRole('button', { name: 'Send the request' }).click();
  await expect(page.getByText('Your request is sent')).toBeVisible();
  await expect(page.getByTestId('stage')).toHaveText('Cancellation requested');

  const shop = await page.context().newPage();
  await signInAsOwner(shop, info);
  await shop.goto(`/admin/orders/${number}`);
  await ready(shop, info);
  await expect(shop.getByTestId('request')).toContainText('Delivery takes too long');
  await shop.getByRole('button', { name: 'Approve and cancel the order' }).click();
  await expect(shop.getByText('The request is approved')).toBeVisible();

  await page.reload();
  await expect(page.getByTestId('stage')).toHaveText('Cancelled');
});

test('a shopper cancels one item and keeps the rest', async ({ page, request }, info) => {
  const number = `${base(info.project.name)}04`;
  await allowLineCancel(request);
  await putOrder(request, number, 2, 'paid', [
    { sku: 'FF-MUG-01', title: 'Stoneware mug', quantity: 2, unit_price: 24900 },
    { sku: 'FF-LAMP-03', title: 'Oak table lamp', quantity: 1, unit_price: 189000 },
  ]);
  await page.goto(await signedLinkFromEmail(number));
  await ready(page, info);
  const lines = page.getByTestId('cancel-lines');
  await expect(lines).toContainText('Cancel single items');
  await lines.getByText('Cancel 1 × Oak table lamp', { exact: true }).click();
  const lamp = lines.getByTestId('cancel-line').filter({ hasText: 'Oak table lamp' });
  await expect(lamp.getByTestId('cancel-line-refund')).toContainText('NOK');
  await expect(lamp.getByTestId('cancel-line-refund')).toContainText('1,890.00');
  await lamp.getByLabel('I changed my mind').check();
  await lamp.getByRole('button', { name: 'Yes, cancel Oak table lamp' }).click();
  await expect(page.getByText('The item is cancelled')).toBeVisible();
  await expect(page.getByTestId('stage')).not.toHaveText('Cancelled');
  await expect(page.getByTestId('cancel-lines')).toHaveCount(0);
  await expect(page.getByTestId('timeline')).toContainText('Oak table lamp');
  await expect(page.getByTestId('cancel')).toContainText('You can cancel until');
});

test('the cancellation window preview follows what the owner types', async ({ page }, info) => {
  await signInAsOwner(page, info);
  await page.goto('/admin/settings/cancellation');
  await ready(page, info);
  const preview = page.getByTestId('preview');
  const saved = await preview.textContent();
  expect(saved).toMatch(/^An order placed now could be cancelled until .+, \d\d:\d\d\.$/);
  // Nothing is saved here: the other specs rely on the demo shop's window.
  await page.getByLabel('Time to cancel after ordering (minutes)').fill('2880');
  if (info.project.name === 'js') {
    // Two days later than now, in the shop's time.
    await expect(preview).not.toHaveText(saved!);
    await expect(preview).toContainText('could be cancelled until');
  } else {
    await expect(preview).toHaveText(saved!);
  }
});

test('a refused settings form keeps what the owner typed', async ({ page }, info) => {
  await signInAsOwner(page, info);
  await page.goto('/admin/settings/cancellation');
  await ready(page, info);
  // Over the week the window may be: refused, so nothing here changes the demo shop.
  await page.getByLabel('Time to cancel after ordering (minutes)').fill('99999');
  await page.getByLabel('Add a reason').fill('Found it cheaper elsewhere');
  // Each reason's translations fold out; the default ones speak every language.
  const finnish = page.getByLabel('Reason 1: Suomi', { exact: true });
  await expect(finnish).toBeHidden();
  await page.getByText('Translations (3)').first().click();
  await expect(finnish).toHaveValue('Muutin mieleni');
  await finnish.fill('Vaihdoin mieltäni');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await ready(page, info);
  await expect(page.locator('#window-minutes-error')).not.toBeEmpty();
  await expect(page.getByLabel('Time to cancel after ordering (minutes)')).toHaveValue('99999');
  await expect(page.getByLabel('Add a reason')).toHaveValue('Found it cheaper elsewhere');
  await expect(finnish).toHaveValue('Vaihdoin mieltäni');
  // Opened again, the page shows what is saved.
  await page.goto('/admin/settings/cancellation');
  await ready(page, info);
  await expect(page.getByLabel('Add a reason')).toHaveValue('');
  await expect(finnish).toHaveValue('Muutin mieleni');
  // The saved window, with JavaScript or without (the field is an island's input).
  await expect(page.getByLabel('Time to cancel after ordering (minutes)')).toHaveValue(/^\d{1,5}$/);
  await expect(page.getByLabel('Time to cancel after ordering (minutes)')).not.toHaveValue('99999');
});
