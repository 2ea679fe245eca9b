// Language (Simplified, Traditional, English) and the large-text mode for older
// residents: both switch from the top bar, before or after sign-in, and are remembered.
import { test, expect, login } from '../support/fixtures.js';

test('Simplified Chinese is the default for a zh-CN browser', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');
  await expect(page.getByRole('link', { name: '四联 · 社区共治' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('有事好商量，众人的事由众人商量');
  const current = page.getByRole('navigation', { name: '语言与显示' }).locator('[aria-current="true"]');
  await expect(current).toHaveText('简体中文');
});

test('switching to English shows English text and is remembered on the next page', async ({ page }) => {
  await page.goto('/register');
  await page.getByRole('navigation', { name: '语言与显示' }).getByRole('link', { name: 'English' }).click();
  // Back on the page the switch was made from.
  await expect(page).toHaveURL(/\/register$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Register as a resident');
  await expect(page.getByRole('button', { name: 'Register', exact: true })).toBeVisible();
  await expect(page.getByText('Mobile number', { exact: true })).toBeVisible();

  // Remembered: another page, then sign in, all in English.
  await page.goto('/login');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
  await expect(page).toHaveTitle(/^Sign in · Silian/);
  await page.getByLabel('Username').fill('community_worker');
  await page.getByLabel('Password').fill('Silian-demo-2026');
  await page.getByRole('main').getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/workbench$/);
  await expect(page.getByRole('status')).toHaveText('You are signed in.');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Workbench');
  await expect(page.locator('main .role-list li').first()).toContainText('Community worker');
  // No Chinese UI strings left in the chrome (user content such as names may stay Chinese).
  const chrome = await page.locator('header nav, .sidenav, main h1, main h2, footer').allInnerTexts();
  expect(chrome.join(' ')).not.toMatch(/[工作台消息登录退出社区]/);

  // And back to Simplified.
  await page.getByRole('link', { name: '简体中文' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('工作台');
});

test('switching to Traditional Chinese converts UI text and stored names', async ({ page }) => {
  await page.goto('/register');
  await page.getByRole('link', { name: '繁體中文' }).click();
  await expect(page).toHaveURL(/\/register$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hant');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('居民註冊');
  await expect(page.getByText('所在社區', { exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: '四聯 · 社區共治' })).toBeVisible();

  // Community names are stored in Simplified and shown in the reader's script.
  const options = await page.locator('#community option').allTextContents();
  expect(options).toContain('廣益佳苑社區');
  expect(options).not.toContain('广益佳苑社区');
  for (const o of options) expect(o, 'no Simplified-only characters in zh-Hant options').not.toMatch(/[广区门东国网]/);
  // The value submitted is still the code.
  await page.locator('#community').selectOption({ label: '廣益佳苑社區' });
  await expect(page.locator('#community')).toHaveValue('guangyi-jiayuan');

  // Remembered on the next page, and for signed-in pages too.
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hant');
  await login(page, 'community_worker');
  await expect(page).toHaveURL(/\/workbench$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('工作臺');
  await expect(page.locator('main .role-list li')).toHaveText(['社區工作者 · 廣益佳苑社區']);
});

test('in Traditional Chinese the signed-in user\'s own name is shown in Traditional too', async ({ page }) => {
  // Names are user content stored in Simplified; /admin/accounts already shows them in the
  // reader's script, and so must the top bar and the greetings.
  await page.goto('/prefs?lang=zh-Hant&back=/');
  await login(page, 'community_worker');
  await expect(page).toHaveURL(/\/workbench$/);
  await expect.soft(page.locator('.account .who'), 'top bar').toHaveText('社工 張麗華');
  await expect.soft(page.locator('main p.lead'), 'workbench greeting').toContainText('社工 張麗華');
  await page.goto('/');
  await expect.soft(page.locator('main h2').first(), 'home greeting').toContainText('社工 張麗華');
});

test('a browser that prefers English gets English by default', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(process.env.SILIAN_E2E_BASE_URL + '/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('link', { name: 'Sign in' }).first()).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Talk things over: what concerns everyone is decided by everyone');
  // A Traditional-Chinese browser gets zh-Hant.
  const hant = await browser.newContext({ locale: 'zh-TW' });
  const p2 = await hant.newPage();
  await p2.goto(process.env.SILIAN_E2E_BASE_URL + '/');
  await expect(p2.locator('html')).toHaveAttribute('lang', 'zh-Hant');
  await context.close();
  await hant.close();
});

test('switching language returns to the same page, query string included', async ({ page }) => {
  await login(page, 'district_admin');
  await page.goto('/admin/accounts?q=community&page=1');
  await page.getByRole('link', { name: 'English' }).click();
  await expect(page).toHaveURL(/\/admin\/accounts\?q=community&page=1$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Accounts');
  await expect(page.getByRole('search').getByRole('textbox')).toHaveValue('community');
});

test('an unknown language is refused and changes nothing', async ({ page }) => {
  const res = await page.goto('/prefs?lang=xx&back=/');
  expect(res.status()).toBe(400);
  await expect(page.locator('main')).toContainText('不支持该语言。');
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');
});

test('the language switch does not redirect off-site', async ({ page }) => {
  await page.goto('/prefs?lang=en&back=https://example.com/');
  expect(new URL(page.url()).origin).toBe(process.env.SILIAN_E2E_BASE_URL);
  await page.goto('/prefs?lang=en&back=//example.com/');
  expect(new URL(page.url()).origin).toBe(process.env.SILIAN_E2E_BASE_URL);
});

async function bodyFontSize(page) {
  return page.locator('body').evaluate((b) => parseFloat(getComputedStyle(b).fontSize));
}

test('large-text mode is switched from the top bar and remembered across pages', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('body')).not.toHaveClass(/large-text/);
  await page.getByRole('link', { name: '大字模式' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator('body')).toHaveClass(/(^|\s)large-text(\s|$)/);
  await expect(page.getByRole('link', { name: '标准字号' })).toBeVisible();
  await expect(page.getByRole('link', { name: '大字模式' })).toHaveCount(0);

  // Remembered: on another page, after signing in, and in another language.
  await page.goto('/register');
  await expect(page.locator('body')).toHaveClass(/(^|\s)large-text(\s|$)/);
  await login(page, 'resident');
  await expect(page.locator('body')).toHaveClass(/(^|\s)large-text(\s|$)/);
  await page.getByRole('link', { name: 'English' }).click();
  await expect(page.locator('body')).toHaveClass(/(^|\s)large-text(\s|$)/);
  await expect(page.getByRole('link', { name: 'Standard text' })).toBeVisible();

  // Back to standard, also remembered.
  await page.getByRole('link', { name: 'Standard text' }).click();
  await expect(page.locator('body')).not.toHaveClass(/large-text/);
  await page.goto('/inbox');
  await expect(page.locator('body')).not.toHaveClass(/large-text/);
});

async function fontSize(locator) {
  return locator.evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
}

test('large-text mode really enlarges the text (body >= 18px, headings and inputs grow)', async ({ page }) => {
  await page.goto('/register');
  const before = {
    body: await fontSize(page.locator('body')),
    h1: await fontSize(page.locator('h1')),
    input: await fontSize(page.locator('#display_name')),
  };
  expect(before.body).toBeGreaterThanOrEqual(16);

  await page.getByRole('link', { name: '大字模式' }).click();
  await expect(page.locator('body')).toHaveClass(/(^|\s)large-text(\s|$)/);
  const after = {
    body: await fontSize(page.locator('body')),
    h1: await fontSize(page.locator('h1')),
    input: await fontSize(page.locator('#display_name')),
  };
  expect.soft(after.body, 'body font size in large-text mode').toBeGreaterThanOrEqual(18);
  expect.soft(after.h1, 'h1 grows in large-text mode').toBeGreaterThan(before.h1);
  expect.soft(after.input, 'form inputs grow in large-text mode').toBeGreaterThanOrEqual(18);

  await page.getByRole('link', { name: '标准字号' }).click();
  expect(await fontSize(page.locator('body'))).toBe(before.body);
});
