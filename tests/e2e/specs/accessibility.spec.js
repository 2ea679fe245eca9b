// axe-core on the main pages: no violation of impact "serious" or "critical".
// Violations are printed in full when a page fails.
import { test, expect, signIn, registerResident, expectNoSeriousA11yViolations } from '../support/fixtures.js';

const anonymous = [
  ['home', '/'],
  ['login', '/login'],
  ['register', '/register'],
  ['error page (404)', '/no-such-page'],
];
for (const [label, path] of anonymous) {
  test(`a11y: ${label}`, async ({ page }) => {
    await page.goto(path);
    await expectNoSeriousA11yViolations(page, label);
  });
}

test('a11y: login with an error', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('用户名', { exact: true }).fill('nobody');
  await page.getByLabel('密码', { exact: true }).fill('wrong-password');
  await page.getByRole('main').getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'login with error');
});

test('a11y: register with errors', async ({ page }) => {
  await registerResident(page, { phone: '12345', password: 'x' });
  await expect(page.locator('.error-summary')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'register with errors');
});

test('a11y: home in large-text mode', async ({ page }) => {
  await page.goto('/prefs?large=1&back=/');
  await expect(page.locator('body')).toHaveClass(/large-text/);
  await expectNoSeriousA11yViolations(page, 'home large-text');
});

test('a11y: home in English', async ({ page }) => {
  await page.goto('/prefs?lang=en&back=/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expectNoSeriousA11yViolations(page, 'home English');
});

test('a11y: home in Traditional Chinese', async ({ page }) => {
  await page.goto('/prefs?lang=zh-Hant&back=/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hant');
  await expectNoSeriousA11yViolations(page, 'home zh-Hant');
});

const asAdmin = [
  ['workbench (district_admin)', '/workbench'],
  ['units', '/admin/units'],
  ['accounts', '/admin/accounts'],
  ['new account', '/admin/accounts/new'],
  ['audit', '/audit'],
  ['households (district_admin)', '/community/households'],
];
for (const [label, path] of asAdmin) {
  test(`a11y: ${label}`, async ({ page }) => {
    await signIn(page, 'district_admin');
    const res = await page.goto(path);
    expect(res.status()).toBe(200);
    await expectNoSeriousA11yViolations(page, label);
  });
}

test('a11y: units with errors', async ({ page }) => {
  await signIn(page, 'district_admin');
  await page.goto('/admin/units');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.locator('.error-summary')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'units with errors');
});

test('a11y: account detail, with roles and with an error', async ({ page }) => {
  await signIn(page, 'district_admin');
  await page.goto('/admin/accounts?q=community_worker');
  await page.locator('main tbody').getByRole('link', { name: 'community_worker', exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/accounts\/\d+$/);
  await expect(page.locator('main ul.role-list li')).toHaveCount(1);
  await expectNoSeriousA11yViolations(page, 'account detail');
  await page.getByRole('button', { name: '分配角色' }).click();
  await expect(page.locator('.error-summary')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'account detail with errors');
});

test('a11y: workbench (community_worker)', async ({ page }) => {
  await signIn(page, 'community_worker');
  await page.goto('/workbench');
  await expectNoSeriousA11yViolations(page, 'workbench community_worker');
});

test('a11y: registrations with a pending registration, and households', async ({ page, browser }) => {
  const other = await browser.newContext();
  await registerResident(await other.newPage(), { display_name: '吴晓东' });
  await other.close();
  await signIn(page, 'community_worker');
  await page.goto('/community/registrations');
  await expect(page.locator('section.registration').first()).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'registrations');
  await page.goto('/community/households');
  await expect(page.locator('main tbody tr').first()).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'households');
});

test('a11y: inbox with a notification, and my household (resident)', async ({ page, browser }) => {
  const me = await registerResident(page, { display_name: '何丽娟' });
  const worker = await browser.newContext();
  const wp = await worker.newPage();
  await signIn(wp, 'community_worker');
  await wp.goto('/community/registrations');
  await wp.locator('section.registration', { has: wp.getByRole('heading', { name: '何丽娟' }) })
    .getByRole('button', { name: '核实通过' }).click();
  await expect(wp.getByRole('status')).toBeVisible();
  await worker.close();

  await signIn(page, me.username, me.password);
  await page.goto('/inbox');
  await expect(page.locator('main .timeline li')).toHaveCount(1);
  await expectNoSeriousA11yViolations(page, 'inbox');
  await page.goto('/my/household');
  await expectNoSeriousA11yViolations(page, 'my household');
  await page.goto('/');
  await expectNoSeriousA11yViolations(page, 'home signed in (resident)');
});

test('a11y: empty inbox and 403 page (community_worker)', async ({ page }) => {
  await signIn(page, 'community_worker');
  await page.goto('/inbox');
  await expectNoSeriousA11yViolations(page, 'empty inbox');
  const res = await page.goto('/admin/units');
  expect(res.status()).toBe(403);
  await expectNoSeriousA11yViolations(page, 'error page (403)');
});

test('a11y: change password, empty and with errors (community_worker)', async ({ page }) => {
  await signIn(page, 'community_worker');
  await page.goto('/me/password');
  await expectNoSeriousA11yViolations(page, 'change password');
  await page.getByLabel('当前密码').fill('wrong-password');
  await page.getByLabel('新密码', { exact: true }).fill('short');
  await page.getByLabel('再次输入新密码').fill('different');
  await page.getByRole('main').getByRole('button', { name: '保存' }).click();
  await expect(page.locator('.error-summary')).toBeVisible();
  await expect(page.locator('#current-error')).toHaveText('当前密码不正确');
  await expect(page.locator('#password')).toHaveAttribute('aria-invalid', 'true');
  await expectNoSeriousA11yViolations(page, 'change password with errors');
});
