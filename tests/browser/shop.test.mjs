// The demo shop (examples/shop) clicked through in a real browser: Debian's chromium driven by
// playwright-core. Run by tests/browser/run.sh inside examples/shop/serve.sh, which passes
// SHOP_URL and SHOP_EMULATOR_URL. Each scenario is one test; a screenshot of its end state goes to
// the output folder (--out=DIR, default .build/browser). Prints "ok - ..." / "not ok - ..." per
// scenario and "N passed, N failed" last; exits non-zero on any failure.
//
// Card numbers and CVCs never reach the output: every line printed passes mask(), which hides any
// run of 12 to 19 digits (an error message of the browser driver could quote a typed value).
import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const shop = process.env.SHOP_URL;
const emulator = process.env.SHOP_EMULATOR_URL;
if (!shop || !emulator) {
  console.log('SHOP_URL and SHOP_EMULATOR_URL must be set (run tests/browser/run.sh)');
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const outArg = process.argv.find((a) => a.startsWith('--out='));
const out = outArg ? outArg.slice(6) : '.build/browser';
mkdirSync(out, { recursive: true });
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);

const SCENARIO_MS = 60_000;
const CARDS = {
  frictionless: { number: '4012001038443335', cvc: '123' },
  threeDs: { number: '4111111111111111', cvc: '123' },
  insufficientFunds: { number: '4012001038488884', cvc: '123' },
  // One digit off a test card: the Luhn check fails.
  mistyped: { number: '4111 1111 1111 1112', cvc: '123' },
};

function mask(text) {
  return String(text).replace(/\d(?:[ -]?\d){11,18}/g, '[digits]');
}
function log(line) {
  console.log(mask(line));
}
function expect(condition, what) {
  if (!condition) {
    throw new Error(what);
  }
}

// ---------------------------------------------------------------------------------------------
// The browser

const profile = mkdtempSync(join(tmpdir(), 'msp-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
  viewport: { width: 1100, height: 800 },
});
context.setDefaultTimeout(15_000);
context.setDefaultNavigationTimeout(20_000);

// ---------------------------------------------------------------------------------------------
// What a customer and the shop's staff do

/** Opens the product page and the checkout of a product; returns the order id the form will pay. */
async function openCheckout(page, product) {
  await page.goto(shop);
  await page.click(`#buy-${product}`);
  await page.waitForSelector('form#checkout');
  return page.inputValue('input[name=order_id]');
}

/** Fills in the checkout form and pays; resolves when the browser has left the form (or is back on it). */
async function pay(page, card, { expectForm = false } = {}) {
  await page.fill('#email', 'jan@example.com');
  await page.fill('#card_holder', 'Jan Jansen');
  await page.fill('#card_number', card.number);
  await page.fill('#card_month', '12');
  await page.fill('#card_year', String(new Date().getFullYear() + 3));
  await page.fill('#card_cvc', card.cvc);
  const arrived = expectForm
    ? page.waitForURL((url) => url.pathname.endsWith('/checkout.php'), { waitUntil: 'load' })
    : page.waitForURL((url) => !url.pathname.endsWith('/checkout.php'));
  await Promise.all([arrived, page.click('#pay')]);
  return orderIdOf(page);
}

/** Buys a product with a card, from the product page on. */
async function buy(page, product, card, options = {}) {
  await openCheckout(page, product);
  return pay(page, card, options);
}

/** The order id the current page shows (return page), or the form's hidden field (checkout). */
async function orderIdOf(page) {
  if (await page.locator('#order-id').count()) {
    return (await page.textContent('#order-id')).trim();
  }
  if (await page.locator('input[name=order_id]').count()) {
    return page.inputValue('input[name=order_id]');
  }
  return null;
}

/** On the emulator's 3-D Secure page: presses a button (authenticate, fail, cancel), lands on the shop. */
async function threeDs(page, button) {
  expect(page.url().startsWith(emulator) && page.url().includes('/_emulator/acs/'),
    `expected the emulator's 3-D Secure page, got ${page.url()}`);
  await page.waitForSelector(`#${button}`);
  await Promise.all([page.waitForURL((url) => url.href.startsWith(shop) && url.pathname.endsWith('/return.php')), page.click(`#${button}`)]);
  return orderIdOf(page);
}

async function heading(page) {
  return (await page.textContent('h1')).trim();
}

/** The admin page's row of an order: its state, booked and refunded columns. */
async function adminRow(page, orderId) {
  await page.goto(`${shop}admin.php`);
  const row = page.locator(`tr[data-order="${orderId}"]`);
  expect(await row.count() === 1, `the admin page lists order ${orderId}`);
  return {
    row,
    state: (await row.locator('td.state strong').textContent()).trim(),
    paid: (await row.locator('td.paid').textContent()).trim(),
    refunded: (await row.locator('td.refunded').textContent()).trim(),
  };
}

async function refund(page, orderId, amount) {
  await page.goto(`${shop}admin.php`);
  const row = page.locator(`tr[data-order="${orderId}"]`);
  await row.locator('input[name=amount]').fill(amount);
  await Promise.all([page.waitForURL(/admin\.php\?event=\d+/), row.locator('button').click()]);
  return (await page.textContent('#event')).trim();
}

async function emulatorAdmin(path, body = undefined) {
  const response = await fetch(`${emulator}_emulator/${path}`, body === undefined ? {}
    : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const json = await response.json();
  expect(json.success, `emulator admin ${path}: ${json.error_info}`);
  return json.data;
}

/** Every notification of an order was answered "OK" by the shop's notification endpoint. */
async function notificationsDelivered(orderId) {
  const list = await emulatorAdmin(`notifications?order_id=${encodeURIComponent(orderId)}`);
  expect(list.length > 0, `the emulator sent notifications for ${orderId}`);
  for (const n of list) {
    expect(n.state === 'delivered', `notification #${n.id} (${n.order_status}) was ${n.state}, last answer ${n.deliveries.at(-1)?.http_status}`);
  }
  return list;
}

// Orders made by one scenario that a later one builds on; a later scenario makes its own when missing.
const made = {};

async function paidOrder(page) {
  if (!made.paid) {
    made.paid = await buy(page, 'tshirt', CARDS.frictionless);
    expect(await heading(page) === 'Thank you!', 'the paid order for the refunds');
  }
  return made.paid;
}

async function declinedOrder(page) {
  if (!made.declined) {
    await buy(page, 'hoodie', CARDS.threeDs);
    made.declined = await threeDs(page, 'fail');
  }
  return made.declined;
}

// ---------------------------------------------------------------------------------------------
// The scenarios

const scenarios = [
  ['frictionless payment: paid at once, booked by the notification', async (page) => {
    await page.goto(shop);
    await page.screenshot({ path: `${out}/00-products.png`, fullPage: true });
    await openCheckout(page, 'mug');
    await page.screenshot({ path: `${out}/00-checkout-form.png`, fullPage: true });   // before any card is typed
    const orderId = await pay(page, CARDS.frictionless);
    expect(await heading(page) === 'Thank you!', `the return page says "${await heading(page)}"`);
    expect((await page.textContent('#order-status')).trim() === 'completed/completed', 'status completed/completed');
    await page.screenshot({ path: `${out}/01-frictionless-paid.png`, fullPage: true });
    await notificationsDelivered(orderId);
    const admin = await adminRow(page, orderId);
    expect(admin.paid === 'paid' && admin.state === 'completed/completed', `admin shows ${admin.state}, ${admin.paid}`);
  }],

  ['3-D Secure authenticated: Authenticate on the issuer page, paid', async (page) => {
    await buy(page, 'tshirt', CARDS.threeDs);
    expect(/3-D Secure/.test(await heading(page)), 'the emulator shows its 3-D Secure page');
    await page.screenshot({ path: `${out}/02-3ds-page.png`, fullPage: true });
    const orderId = await threeDs(page, 'authenticate');
    expect(await heading(page) === 'Thank you!', `the return page says "${await heading(page)}"`);
    await page.screenshot({ path: `${out}/02-3ds-authenticated.png`, fullPage: true });
    await notificationsDelivered(orderId);
    const admin = await adminRow(page, orderId);
    expect(admin.paid === 'paid', `admin shows ${admin.state}, ${admin.paid}`);
  }],

  ['3-D Secure failed: Fail on the issuer page, declined', async (page) => {
    await buy(page, 'hoodie', CARDS.threeDs);
    const orderId = await threeDs(page, 'fail');
    made.declined = orderId;
    expect(await heading(page) === 'Payment declined', `the return page says "${await heading(page)}"`);
    const result = await page.textContent('#result');
    expect(result.includes('3001'), `the reason code 3001 is shown: "${result.trim()}"`);
    await page.screenshot({ path: `${out}/03-3ds-failed.png`, fullPage: true });
    const admin = await adminRow(page, orderId);
    expect(admin.state === 'declined/declined' && admin.paid === '–', `admin shows ${admin.state}, ${admin.paid}`);
  }],

  ['declined card: insufficient funds after 3-D Secure', async (page) => {
    await buy(page, 'mug', CARDS.insufficientFunds);
    const orderId = await threeDs(page, 'authenticate');
    expect(await heading(page) === 'Payment declined', `the return page says "${await heading(page)}"`);
    const result = await page.textContent('#result');
    expect(result.includes('4002'), `the reason code 4002 is shown: "${result.trim()}"`);
    await page.screenshot({ path: `${out}/04-declined.png`, fullPage: true });
    await notificationsDelivered(orderId);
  }],

  ['mistyped card number: the form shows msp\'s reason, nothing is sent', async (page) => {
    const before = (await emulatorAdmin('orders')).count;
    await buy(page, 'mug', CARDS.mistyped, { expectForm: true });
    expect(new URL(page.url()).pathname.endsWith('/checkout.php'), 'the browser stays on the checkout');
    const error = (await page.textContent('#card-error')).trim();
    expect(error.includes('LUHN_FAILED'), `the form names msp's reason: "${error}"`);
    expect(/check digit|luhn|mistyped|typo/i.test(error), `the form shows msp's message: "${error}"`);
    expect(await page.inputValue('#card_number') === '' && await page.inputValue('#card_cvc') === '',
      'the number and CVC are not sent back to the browser');
    await page.screenshot({ path: `${out}/05-mistyped.png`, fullPage: true });
    expect((await emulatorAdmin('orders')).count === before, 'no order reached the emulator');
  }],

  ['retry rule: an answer lost after the commit, the same order sent again, charged once', async (page) => {
    const orderId = await openCheckout(page, 'mug');
    // MultiSafepay's gateway answers 502 before the backend commits (visible 3 s later): msp's
    // look-ups find nothing and it throws Msp\NetworkException (outcome unknown). The shop sends the
    // same request again; MultiSafepay refuses the id as a duplicate and msp returns the first order.
    await emulatorAdmin('faults', { fault: 'status=502, body=html, commit-after=3000', count: 1, path: '/v1/json/orders',
      exact: true, method: 'POST', order_id: orderId });
    await pay(page, CARDS.frictionless);
    expect(await heading(page) === 'Thank you!', `the return page says "${await heading(page)}"`);
    await page.screenshot({ path: `${out}/09-retry-paid-once.png`, fullPage: true });
    // The emulator writes a request's log row after answering it: on a busy machine the rows of both
    // sends may land a moment after the shop has shown its page.
    let posts = [];
    for (let i = 0; i < 50 && posts.length < 2; i++) {
      if (i > 0) await new Promise((resolve) => setTimeout(resolve, 200));
      posts = (await emulatorAdmin('requests?limit=1000&path=/v1/json/orders')).filter((r) => r.method === 'POST'
        && r.path === '/v1/json/orders' && JSON.parse(r.body).order_id === orderId).sort((a, b) => a.id - b.id);
    }
    expect(posts.length === 2, `the order was sent ${posts.length} times, expected 2 (the first answered 502)`);
    expect(String(posts[0].fault).includes('status=502') && !posts[1].fault, `faults ${posts.map((p) => p.fault)}`);
    expect(JSON.parse(posts[1].response).error_code === 1006, 'the second send was refused as a duplicate (1006)');
    const orders = await emulatorAdmin(`orders?order_id=${encodeURIComponent(orderId)}`);
    expect(orders.count === 1 && orders.orders[0].status === 'completed', 'one order, completed');
    await page.goto(`${shop}admin.php`);
    expect((await page.textContent('#activity')).includes('sending the same order again'), 'the admin log shows the resend');
    await notificationsDelivered(orderId);
  }],

  ['partial refund on the admin page', async (page) => {
    const orderId = await paidOrder(page);
    const message = await refund(page, orderId, '10.00');
    expect(message.startsWith('Refunded 10.00 EUR'), `the page says "${message}"`);
    const admin = await adminRow(page, orderId);
    expect(admin.refunded === '10.00 EUR', `admin shows ${admin.refunded} refunded`);
    expect(admin.state === 'partial_refunded/completed', `admin shows ${admin.state}`);
    expect(admin.paid === 'paid', `still booked as paid: ${admin.paid}`);
    await notificationsDelivered(orderId);
    await page.goto(`${shop}admin.php?event=${new URL(page.url()).searchParams.get('event') ?? ''}`);
    await page.screenshot({ path: `${out}/06-partial-refund.png`, fullPage: true });
    made.refunded = orderId;
  }],

  ['over-refund refused by msp, with its message on the page', async (page) => {
    const orderId = await paidOrder(page);
    const before = await adminRow(page, orderId);
    const message = await refund(page, orderId, '20.00');   // 25.00 paid, 10.00 refunded: 15.00 left
    expect(/refused/i.test(message) && message.includes('15.00 EUR'), `the page shows msp's refusal: "${message}"`);
    expect(await page.locator('.box.error#event').count() === 1, 'shown as an error');
    await page.screenshot({ path: `${out}/07-over-refund-refused.png`, fullPage: true });
    const after = await adminRow(page, orderId);
    expect(after.refunded === before.refunded && after.state === before.state, `nothing changed: ${after.state}, ${after.refunded}`);
  }],

  ['tampered notification: 403, no state change', async (page) => {
    const orderId = await declinedOrder(page);
    const before = await adminRow(page, orderId);
    // The genuine notification of the declined order, altered to say it was paid, with its
    // genuine Auth header: the signature no longer matches the body.
    const notifications = await emulatorAdmin(`notifications?order_id=${encodeURIComponent(orderId)}`);
    const delivery = notifications.at(-1).deliveries.at(-1);
    const body = JSON.parse(delivery.body);
    body.status = 'completed';
    body.financial_status = 'completed';
    const response = await page.request.post(`${shop}notify.php?transactionid=${encodeURIComponent(orderId)}&timestamp=${delivery.timestamp}`, {
      headers: { 'Content-Type': 'application/json', Auth: delivery.auth },
      data: JSON.stringify(body),
    });
    expect(response.status() === 403, `the shop answered ${response.status()}`);
    // A header that is not even well-formed: also 403.
    const garbage = await page.request.post(`${shop}notify.php`, {
      headers: { 'Content-Type': 'application/json', Auth: 'not-a-signature' }, data: JSON.stringify(body),
    });
    expect(garbage.status() === 403, `a malformed Auth header got ${garbage.status()}`);
    const after = await adminRow(page, orderId);
    expect(after.state === before.state && after.paid === before.paid && after.paid === '–',
      `the order is still ${before.state}, not booked: now ${after.state}, ${after.paid}`);
    const activity = await page.textContent('#activity');
    expect(activity.includes('signature_mismatch') && activity.includes('answered 403'), 'the admin log shows the refusal');
    await after.row.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${out}/08-tampered-notification.png`, fullPage: true });
  }],
];

// ---------------------------------------------------------------------------------------------

let passed = 0;
let failed = 0;
for (const [name, run] of scenarios) {
  if (only && !name.includes(only)) {
    continue;
  }
  const page = await context.newPage();
  const started = Date.now();
  let timer;
  try {
    await Promise.race([run(page), new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`took more than ${SCENARIO_MS / 1000} s`)), SCENARIO_MS);
    })]);
    passed++;
    log(`ok - ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (e) {
    failed++;
    const slug = name.replace(/[^a-z0-9]+/gi, '-').slice(0, 40);
    await page.screenshot({ path: `${out}/failed-${slug}.png`, fullPage: true }).catch(() => {});
    log(`not ok - ${name}: ${String(e?.message ?? e).split('\n').slice(0, 6).join(' | ')}`);
    log(`  at ${page.url()}`);
  } finally {
    clearTimeout(timer);
    await page.close().catch(() => {});
  }
}
await context.close();
rmSync(profile, { recursive: true, force: true });
console.log(`browser: screenshots in ${out}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
