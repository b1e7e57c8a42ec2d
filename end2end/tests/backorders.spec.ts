import { expect, test } from '@playwright/test';
import { emailContaining, putOrder, putProduct, ready, signedLinkFromEmail } from './helpers';

const base = (name: string) => (name === 'js' ? '85' : '86');

/** 3 wool blankets (2 of them waiting for stock) and a mug on the shelf. */
const lines = (sku: string) => [
  { sku, title: 'Wool blanket', quantity: 3, unit_price: 49900, quantity_backordered: 2 },
  { sku: 'FF-MUG-01', title: 'Stoneware mug', quantity: 1, unit_price: 24900 },
];

const isoDay = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test('a shopper ships what is in stock first, then cancels the waiting items', async ({ page, request }, info) => {
  const number = `${base(info.project.name)}01`;
  const sku = `E2E-BLANKET-${info.project.name}`;
  await putProduct(request, sku, 'Wool blanket', isoDay(20));
  await putOrder(request, number, 5, 'paid', lines(sku));
  await page.goto(await signedLinkFromEmail(number));
  await ready(page, info);

  const card = page.getByTestId('backorders');
  await expect(card).toContainText('2 of 3 × Wool blanket waiting for stock');
  await expect(card).toContainText('Expected back in stock:');
  await expect(card).toContainText('The extra shipment is free.');
  await card.getByLabel("Ship what's in stock now; this item follows when it arrives").check();
  await card.getByRole('button', { name: 'Save my choice' }).click();
  await expect(page.getByText('Your choice is saved.')).toBeVisible();
  await expect(page.getByTestId('backorder-current')).toContainText("Your choice: Ship what's in stock now");

  await page.getByTestId('backorders').getByText('Cancel the 2 waiting items instead', { exact: true }).click();
  await expect(page.getByTestId('backorder-refund')).toContainText('998');
  await page.getByRole('button', { name: 'Cancel 2 × Wool blanket' }).click();
  await expect(page.getByText('The waiting items are cancelled.')).toBeVisible();
  await expect(page.getByTestId('backorders')).toHaveCount(0);
  await expect(page.getByText('2 × Wool blanket cancelled').first()).toBeVisible();
});

test('a delay notice link keeps the shopper waiting with one click', async ({ page, request }, info) => {
  const number = `${base(info.project.name)}02`;
  const sku = `E2E-LAMP-${info.project.name}`;
  await putProduct(request, sku, 'Wool blanket', isoDay(10));
  await putOrder(request, number, 5, 'paid', lines(sku));
  const since = Date.now();
  // The restock date slips by a month: the portal checks at once and emails a notice.
  await putProduct(request, sku, 'Wool blanket', isoDay(40));
  const mail = await emailContaining(`Order ${number}: Wool blanket is delayed`, since);
  const keep = mail.match(/Keep waiting: (https?:\/\/\S+\/n\/[A-Za-z0-9_-]{43})/);
  expect(keep).not.toBeNull();

  await page.goto(keep![1]);
  await ready(page, info);
  const notice = page.getByTestId('delay-notice');
  await expect(notice).toContainText('Keep waiting for 2 × Wool blanket?');
  await notice.getByRole('button', { name: 'Yes, keep waiting' }).click();
  await expect(notice).toContainText("we'll keep Wool blanket on order for you");
  await page.reload();
  await expect(page.getByTestId('delay-notice')).toContainText("we'll keep Wool blanket on order for you");
});
