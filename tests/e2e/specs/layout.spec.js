// Layout at phone and desktop width, and keyboard access to the page shell.
import { test, expect, login, signIn } from '../support/fixtures.js';

test.describe('desktop (1366px)', () => {
  test.use({ viewport: { width: 1366, height: 900 } });

  test('with the side navigation, the main column uses the width it is given', async ({ page }) => {
    await signIn(page, 'district_admin');
    for (const path of ['/workbench', '/admin/units', '/admin/accounts', '/audit']) {
      await page.goto(path);
      const m = await page.evaluate(() => {
        const main = document.querySelector('main').getBoundingClientRect();
        const nav = document.querySelector('.sidenav').getBoundingClientRect();
        const cap = parseFloat(getComputedStyle(document.querySelector('main')).maxWidth);
        return { main: main.width, column: window.innerWidth - nav.width, cap, navRight: nav.right, mainLeft: main.left };
      });
      // The nav sits beside main, not above it.
      expect(m.mainLeft, `${path}: main is to the right of the nav`).toBeGreaterThanOrEqual(m.navRight - 1);
      // main fills its grid column (up to its max-width) instead of shrinking to its content.
      expect(m.main, `${path}: main width ${m.main}px of a ${m.column}px column`).toBeGreaterThanOrEqual(Math.min(m.column, m.cap) - 2);
    }
  });

  test('without the side navigation, main is centred at its max width', async ({ page }) => {
    await page.goto('/');
    const m = await page.evaluate(() => {
      const r = document.querySelector('main').getBoundingClientRect();
      return { left: r.left, right: window.innerWidth - r.right, width: r.width };
    });
    expect(Math.abs(m.left - m.right)).toBeLessThanOrEqual(2);
    expect(m.width).toBeGreaterThan(1000);
  });
});

test.describe('phone (390px)', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('pages fit the phone width and the nav sits above the content', async ({ page }) => {
    for (const path of ['/', '/login', '/register']) {
      await page.goto(path);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390);
    }
    await signIn(page, 'district_admin');
    for (const path of ['/workbench', '/admin/units', '/admin/accounts', '/admin/accounts/new', '/audit']) {
      await page.goto(path);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390);
      const nav = await page.locator('.sidenav').boundingBox();
      const main = await page.locator('main').boundingBox();
      expect(main.y, `${path}: nav above main`).toBeGreaterThanOrEqual(nav.y + nav.height - 1);
    }
  });

  test('touch targets: controls are at least 44px tall, every link at least 24px (WCAG 2.5.8)', async ({ page }) => {
    for (const path of ['/register', '/login']) {
      await page.goto(path);
      const sizes = await page.evaluate(() =>
        [...document.querySelectorAll('header a, header button, main input:not([type=hidden]), main select, main button, main a')].map((e) => ({
          what: `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className ? '.' + String(e.className).split(' ')[0] : ''} "${(e.textContent || '').trim()}"`,
          height: e.getBoundingClientRect().height,
          control: e.matches('input, select, button, .lang-switch a, .large-toggle, .account a'),
        })),
      );
      const smallControls = sizes.filter((s) => s.control && s.height < 44).map((s) => `${s.what} ${s.height}px`);
      expect(smallControls, `${path}: controls under 44px`).toEqual([]);
      const tiny = sizes.filter((s) => s.height < 24).map((s) => `${s.what} ${s.height}px`);
      expect(tiny, `${path}: targets under 24px`).toEqual([]);
    }
  });
});

test('keyboard: the skip link is first and moves focus to the content', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: '跳到正文' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
});

test('keyboard: the login form can be filled and sent with the keyboard alone', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('用户名', { exact: true }).focus();
  await page.keyboard.type('resident');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('密码', { exact: true })).toBeFocused();
  await page.keyboard.type('Silian-demo-2026');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator('.account .who')).toHaveText('居民 王建国');
});
