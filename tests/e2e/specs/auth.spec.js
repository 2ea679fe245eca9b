// Signing in: every demo role lands on a page that fits it, sees only the navigation it
// may use, and is refused (403) everywhere else.
import { test, expect, login, ROLES, PROTECTED as PLATFORM_PROTECTED, DEMO_PASSWORD } from '../support/fixtures.js';

// Every signed-in role's navigation has these (诉求公示 is the appeals module's public
// board, 协商议题 the deliberation module's public list of topics); the rest comes from
// PROTECTED.
const ALWAYS_NAV = ['工作台', '消息', '修改密码', '我的家庭户', '两张清单', '负担目录', '诉求公示', '协商议题'];

// The appeals module's pages (src/modules/appeals/module.cpp: appeals.submit, appeals.handle,
// appeals.kpi, appeals.admin), as [path, nav label, roles allowed].
const APPEAL_HANDLERS = [
  'community_worker',
  'community_director',
  'grid_worker',
  'street_officer',
  'department_officer',
  'district_admin',
  'leader',
];
const PROTECTED = [
  ...PLATFORM_PROTECTED,
  ['/appeals/new', '我要反映', ['resident']],
  ['/my/appeals', '我的诉求', ['resident']],
  ['/appeals', '诉求办理', APPEAL_HANDLERS],
  ['/kpi/appeals', '三率考核', APPEAL_HANDLERS],
  ['/admin/appeals', '诉求设置', ['district_admin']],
  // The deliberation module (src/modules/deliberation/module.cpp: deliberation.councils).
  ['/deliberation/councils', '议事会与监委会', ['community_director', 'district_admin']],
];

// The appeals module's workbench counters, after the platform's, for the roles that handle appeals.
const appealCounters = (role) =>
  !APPEAL_HANDLERS.includes(role)
    ? []
    : ['street_officer', 'district_admin'].includes(role)
      ? ['在办诉求', '超期诉求', '待派单诉求']
      : ['在办诉求', '超期诉求'];

for (const [role, info] of Object.entries(ROLES)) {
  test(`demo role ${role} signs in and sees a page that fits the role`, async ({ page }) => {
    await login(page, role);
    await expect(page.getByRole('status')).toHaveText('登录成功。');
    await expect(page.locator('.account .who')).toHaveText(info.name);
    await expect(page.getByRole('button', { name: '退出' })).toBeVisible();

    const allowed = PROTECTED.filter(([, , roles]) => roles.includes(role));
    const refused = PROTECTED.filter(([, , roles]) => !roles.includes(role));

    if (info.staff) {
      await expect(page).toHaveURL(/\/workbench$/);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('工作台');
      await expect(page.locator('body')).toHaveClass(/\bwith-nav\b/);
      // The role and the unit it is held at, in Chinese.
      await expect(page.locator('main .role-list li')).toHaveText([`${info.zh} · ${info.unit}`]);

      // The side navigation lists exactly what the role may open.
      const nav = page.getByRole('navigation', { name: '工作台导航' });
      const expected = [...ALWAYS_NAV, ...allowed.map(([, label]) => label)];
      await expect(nav.getByRole('link')).toHaveCount(expected.length);
      for (const label of expected) await expect(nav.getByRole('link', { name: label, exact: true })).toBeVisible();
      for (const [, label] of refused) await expect(nav.getByRole('link', { name: label, exact: true })).toHaveCount(0);
      await expect(nav.getByRole('link', { name: '工作台', exact: true })).toHaveAttribute('aria-current', 'page');

      // The task tiles are the same links, without the workbench itself.
      const tiles = page.locator('main .tiles a.tile');
      await expect(tiles).toHaveCount(expected.length - 1);

      if (role === 'district_admin') {
        await expect(nav.getByRole('link', { name: '账号管理' })).toHaveAttribute('href', '/admin/accounts');
        await expect(nav.getByRole('link', { name: '组织架构' })).toHaveAttribute('href', '/admin/units');
        await expect(page.locator('.counters .label')).toHaveText(['组织单位', '账号', '待审批任务', '待答复举报', ...appealCounters(role)]);
      }
      if (role === 'street_officer') {
        await expect(page.locator('.counters .label')).toHaveText(['待审批任务', ...appealCounters(role)]);
      }
      if (role === 'community_worker' || role === 'community_director') {
        await expect(page.locator('.counters .label')).toHaveText(['待核实注册', ...appealCounters(role)]);
      }
      if (['grid_worker', 'department_officer', 'leader'].includes(role)) {
        await expect(page.locator('.counters .label')).toHaveText(appealCounters(role));
      }
      const exports = page.getByRole('link', { name: '导出组织架构（CSV）' });
      await expect(exports).toHaveCount(['district_admin', 'auditor', 'leader'].includes(role) ? 1 : 0);
      // The lists and the burden catalogue are public: every signed-in role may export them.
      for (const label of ['导出清单（XLSX）', '导出协助事项（CSV）', '导出负担目录（XLSX）', '导出负担目录（CSV）'])
        await expect(page.locator('main').getByRole('link', { name: label })).toHaveCount(1);
    } else {
      await expect(page).toHaveURL(/\/$/);
      await expect(page.locator('body')).not.toHaveClass(/with-nav/);
      await expect(page.getByRole('navigation', { name: '工作台导航' })).toHaveCount(0);
      await expect(page.getByRole('heading', { name: `您好， ${info.name}` })).toBeVisible();
      await expect(page.locator('main .role-list li')).toHaveText([`${info.zh} · ${info.unit}`]);
      await expect(page.getByRole('link', { name: '工作台' })).toHaveCount(0);
      await expect(page.locator('main').getByRole('link', { name: '我的家庭户' })).toBeVisible();
      // The resident's own pages and the public ones are tiles on the home page.
      const tiles = page.locator('main .tiles');
      for (const label of ['诉求公示', '协商议题', ...allowed.map(([, l]) => l)])
        await expect(tiles.getByRole('link', { name: label, exact: true })).toHaveCount(1);
      for (const [, label] of refused) await expect(tiles.getByRole('link', { name: label, exact: true })).toHaveCount(0);
      // Residents and volunteers have no workbench: it sends them home.
      await page.goto('/workbench');
      await expect(page).toHaveURL(/\/$/);
    }

    // Every link the role is shown opens; everything else is refused with 403.
    const links = await page.locator('.sidenav a, main .tiles a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    for (const href of new Set(links)) {
      const res = await page.request.get(href);
      expect(res.status(), `${role} follows its own link ${href}`).toBe(200);
    }
    for (const [path] of allowed) expect((await page.request.get(path)).status(), `${role} opens ${path}`).toBe(200);
    for (const [path] of refused) expect((await page.request.get(path)).status(), `${role} is refused ${path}`).toBe(403);
  });
}

test('a wrong password shows the error and stays on /login', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('用户名', { exact: true }).fill('community_worker');
  await page.getByLabel('密码', { exact: true }).fill('not-the-password');
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/login') && r.request().method() === 'POST'),
    page.getByRole('main').getByRole('button', { name: '登录' }).click(),
  ]);
  expect(response.status()).toBe(401);
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('alert')).toHaveText('用户名或密码不正确。');
  // What was typed is kept, except the password; the error is tied to the field.
  await expect(page.getByLabel('用户名', { exact: true })).toHaveValue('community_worker');
  await expect(page.getByLabel('用户名', { exact: true })).toHaveAttribute('aria-describedby', 'login-error');
  await expect(page.getByLabel('密码', { exact: true })).toHaveValue('');
  // Still signed out.
  await expect(page.locator('.account .who')).toHaveCount(0);
  await page.goto('/workbench');
  await expect(page).toHaveURL(/\/login\?next=/);
});

test('empty login form asks for both fields', async ({ page }) => {
  await page.goto('/login');
  // The inputs are `required`; submit without the browser's check to reach the server's.
  await page.locator('form[action="/login"]').evaluate((f) => f.setAttribute('novalidate', ''));
  await page.getByRole('main').getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('alert')).toHaveText('请输入用户名和密码。');
});

test('an anonymous visit to /admin/accounts goes to /login and back after sign-in', async ({ page }) => {
  const response = await page.goto('/admin/accounts');
  expect(response.request().redirectedFrom()?.url()).toMatch(/\/admin\/accounts$/);
  await expect(page).toHaveURL(/\/login\?next=(%2F|\/)admin(%2F|\/)accounts$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('登录');
  await page.getByLabel('用户名', { exact: true }).fill('district_admin');
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('main').getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(/\/admin\/accounts$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('账号管理');
});

test('signing out ends the session', async ({ page }) => {
  await login(page, 'resident');
  await page.getByRole('button', { name: '退出' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('status')).toHaveText('您已退出登录。');
  await expect(page.locator('.account').getByRole('link', { name: '登录' })).toBeVisible();
  await page.goto('/my/household');
  await expect(page).toHaveURL(/\/login\?next=(%2F|\/)my(%2F|\/)household$/);
});

test('a community worker cannot open /admin/units: 403 page in Chinese', async ({ page }) => {
  await login(page, 'community_worker');
  const response = await page.goto('/admin/units');
  expect(response.status()).toBe(403);
  await expect(page).toHaveTitle(/^出错了 · /);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('出错了 403');
  await expect(page.locator('main')).toContainText('您没有权限进行此操作。');
  await expect(page.getByRole('link', { name: '返回首页' })).toHaveAttribute('href', '/');
  // The refusal leaks nothing of the page it guards.
  await expect(page.locator('main')).not.toContainText('新增单位');
  // Posting to it is refused too.
  const csrf = await page.locator('input[name=_csrf]').first().inputValue();
  const post = await page.request.post('/admin/units', {
    form: { _csrf: csrf, parent: '1', kind: 'grid', code: 'should-not-exist', name: 'x' },
  });
  expect(post.status()).toBe(403);
});

test('a form posted without its CSRF token is refused', async ({ page }) => {
  await page.goto('/login');
  const res = await page.request.post('/login', { form: { username: 'district_admin', password: DEMO_PASSWORD } });
  expect(res.status()).toBe(403);
  expect(await res.text()).toContain('表单已过期，请刷新页面后重新提交。');
  // And with a wrong token.
  const wrong = await page.request.post('/login', {
    form: { _csrf: 'x'.repeat(43), username: 'district_admin', password: DEMO_PASSWORD },
  });
  expect(wrong.status()).toBe(403);
  await page.goto('/workbench');
  await expect(page).toHaveURL(/\/login\?next=/);
});
