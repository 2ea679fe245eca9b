// Shared fixtures and helpers for the Silian browser tests.
import { test as base, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export const DEMO_PASSWORD = 'Silian-demo-2026';

// The demo district (src/modules/org/seed/demo_seed.cpp): one account per role, named
// after the role, each at the unit where that role sits.
export const ROLES = {
  resident: { zh: '居民', unit: '广益佳苑社区', name: '居民 王建国', staff: false },
  volunteer: { zh: '志愿者', unit: '广益佳苑社区', name: '志愿者 徐国平', staff: false },
  grid_worker: { zh: '网格员', unit: '广益佳苑社区第1网格', name: '网格员 刘强', staff: true },
  community_worker: { zh: '社区工作者', unit: '广益佳苑社区', name: '社工 张丽华', staff: true },
  community_director: { zh: '社区书记/主任', unit: '广益佳苑社区', name: '社区书记 李秀英', staff: true },
  council_member: { zh: '协商议事委员', unit: '广益佳苑社区', name: '议事会成员 陈建国', staff: true },
  supervisor: { zh: '监督委员会成员', unit: '广益佳苑社区', name: '监委会成员 杨静', staff: true },
  street_officer: { zh: '街道干部', unit: '广益街道', name: '广益街道 钱伟', staff: true },
  department_officer: { zh: '职能部门干部', unit: '区城管局', name: '城管局 孙磊', staff: true },
  leader: { zh: '领导干部', unit: '崇安区', name: '区领导 周明', staff: true },
  social_org_member: { zh: '社会组织成员', unit: '广益佳苑社区邻里互助社', name: '互助社 黄婷', staff: true },
  social_worker: { zh: '社工', unit: '广益佳苑社区', name: '持证社工 吴敏', staff: true },
  evaluator: { zh: '第三方测评员', unit: '崇安区', name: '第三方测评员', staff: true },
  district_admin: { zh: '区级管理员', unit: '崇安区', name: '区治理办管理员', staff: true },
  auditor: { zh: '审计员', unit: '崇安区', name: '区审计员', staff: true },
};

// Who may open what (the permission declarations in src/modules/org/module.cpp,
// src/modules/lists/module.cpp and src/platform/core/core_module.cpp), as
// [path, nav label, roles allowed].
export const PROTECTED = [
  ['/audit', '审计日志', ['auditor', 'district_admin']],
  ['/community/registrations', '注册核实', ['community_worker', 'community_director']],
  [
    '/community/households',
    '家庭户',
    ['community_worker', 'community_director', 'grid_worker', 'street_officer', 'district_admin'],
  ],
  ['/admin/units', '组织架构', ['district_admin']],
  ['/admin/accounts', '账号管理', ['district_admin']],
  ['/tasks', '工作任务', ['department_officer', 'street_officer', 'district_admin']],
  ['/community/tasks', '下沉任务', ['community_worker', 'community_director', 'grid_worker']],
  ['/community/burden-reports', '负担举报', ['community_worker', 'community_director']],
  ['/admin/burden-reports', '举报处理', ['district_admin']],
  ['/admin/lists/assistance', '编制清单', ['district_admin']],
];

export const test = base.extend({
  baseURL: async ({}, use) => {
    const url = process.env.SILIAN_E2E_BASE_URL;
    if (!url) throw new Error('SILIAN_E2E_BASE_URL is not set: global-setup.js did not run');
    await use(url);
  },
});
export { expect };

// Labels of the login form in each UI language (web/i18n/*.json).
const LOGIN_LABELS = {
  'zh-Hans': { username: '用户名', password: '密码', submit: '登录' },
  'zh-Hant': { username: '使用者名稱', password: '密碼', submit: '登入' },
  en: { username: 'Username', password: 'Password', submit: 'Sign in' },
};

// Signs in through the login form, in whatever language the page is shown, and waits
// for the landing page.
export async function login(page, username, password = DEMO_PASSWORD) {
  await page.goto('/login');
  const lang = await page.locator('html').getAttribute('lang');
  const l = LOGIN_LABELS[lang] ?? LOGIN_LABELS['zh-Hans'];
  await page.getByLabel(l.username, { exact: true }).fill(username);
  await page.getByLabel(l.password, { exact: true }).fill(password);
  await Promise.all([
    page.waitForURL((url) => url.pathname !== '/login'),
    page.getByRole('main').getByRole('button', { name: l.submit }).click(),
  ]);
}

// Signs in without the browser UI: posts the login form through the page's own request
// context, so that the session cookie lands in the page's context. For tests about other
// pages, where the login form itself is not under test.
export async function signIn(page, username, password = DEMO_PASSWORD) {
  const form = await page.request.get('/login');
  const csrf = (await form.text()).match(/name="_csrf" value="([^"]+)"/)?.[1];
  expect(csrf, 'the login form carries a CSRF token').toBeTruthy();
  const res = await page.request.post('/login', {
    form: { _csrf: csrf, username, password, next: '' },
    maxRedirects: 0,
  });
  expect(res.status(), `sign-in of ${username}`).toBe(303);
}

// A unique suffix so that tests can create accounts and units without clashing.
let counter = 0;
export function unique(prefix) {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}${counter}`;
}

// An 11-digit mobile number that passes the app's check (1[3-9]xxxxxxxxx).
export function mobile() {
  const n = String(Math.floor(Math.random() * 1e9)).padStart(9, '0');
  return `139${n}`.slice(0, 11);
}

// Realistic names and addresses, so that the screenshots in docs/ look like real use.
const NAMES = ['林晓峰', '郑美玲', '冯志刚', '韩雪', '曹文博', '许丽萍', '邓建华', '彭欣怡'];
let registered = 0;

// Fills and submits /register as a new resident; returns what was entered.
export async function registerResident(page, overrides = {}) {
  registered += 1;
  const r = {
    display_name: NAMES[registered % NAMES.length],
    username: unique('e2e-r-'),
    password: 'Resident-pass-1',
    phone: mobile(),
    community: 'guangyi-jiayuan',
    address: `广益路${20 + registered}号${1 + (registered % 2)}单元${100 * (1 + (registered % 6)) + 1}室`,
    ...overrides,
  };
  await page.goto('/register');
  await page.locator('#display_name').fill(r.display_name);
  await page.locator('#username').fill(r.username);
  await page.locator('#password').fill(r.password);
  await page.locator('#phone').fill(r.phone);
  await page.locator('#community').selectOption(r.community);
  await page.locator('#address').fill(r.address);
  await page.getByRole('button', { name: '提交注册' }).click();
  return r;
}

// Runs axe on the current page and fails on serious or critical violations, listing them.
export async function expectNoSeriousA11yViolations(page, label) {
  const results = await new AxeBuilder({ page }).analyze();
  // axe really ran (a blocked script would report nothing at all).
  expect(results.passes.length, `axe checked ${label}`).toBeGreaterThan(10);
  if (process.env.E2E_A11Y_VERBOSE) {
    for (const v of results.violations)
      console.log(`[a11y ${label}] ${v.impact} ${v.id}: ${v.help} -> ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad
    .map(
      (v) =>
        `[${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n` +
        v.nodes
          .slice(0, 5)
          .map((n) => `    ${n.target.join(' ')}\n      ${n.failureSummary.replace(/\n/g, '\n      ')}`)
          .join('\n'),
    )
    .join('\n');
  if (bad.length) console.log(`axe violations on ${label} (${page.url()}):\n${report}`);
  expect(bad, `serious/critical axe violations on ${label}:\n${report}`).toEqual([]);
  return results;
}
