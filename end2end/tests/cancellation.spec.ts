import { expect, test } from '@playwright/test';
import { putOrder, ready, signedLinkFromEmail } from './helpers';

// Each project works on its own orders, so the two runs never meet.
const base = (name: string) => (name === 'js' ? '81' : '82');

test('a shopper cancels inside the window and sees the refund', async ({ page, request }, info) => {
  const number = `${base(info.project.name)}01`;
  await putOrder(request, number, 5);
  await page.goto(await signedLinkFromEmail(number));
  await ready(page, info);
  const card = page.getByTestId('cancel');
  await expect(card).toContainText('You can cancel until');
  await card.getByText('Cancel order', { exact: true }).click();
  await expect(page.getByTestId('cancel-refund')).toContainText('back to the payment method you used');
  await page.getByLabel('Another reason').check();
  await page.getByRole('button', { name: 'Yes, cancel the order' }).click();
  await expect(page.getByRole('alert').first()).toContainText('Please fill in this field');
  await page.getByLabel('Another reason').check();
  await page.getByLabel('Tell us more').fill('Bought the wrong colour');
  await page.getByRole('button', { name: 'Yes, cancel the order' }).click();
  await expect(page.getByText('Your order is cancelled')).toBeVisible();
  await expect(page.getByTestId('stage')).toHaveText('Cancelled');
  await expect(page.getByTestId('cancel')).toContainText('This order is cancelled.');
  await expect(page.getByTestId('timeline')).toContainText('Refund of');
});

test('outside the window the page says why and offers no cancel button', async ({ page, request }, info) => {
  const number = `${base(info.project.name)}02`;
  await putOrder(request, number, 120);
  await page.goto(await signedLinkFromEmail(number));
  await ready(page, info);
  await expect(page.getByTestId('cancel')).toContainText('The time to cancel this order yourself has passed.');
  await expect(page.getByRole('button', { name: 'Yes, cancel the order' })).toHaveCount(0);
});
