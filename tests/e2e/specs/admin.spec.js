// The district administrator's organisation tree and accounts.
import { test, expect, login, unique } from '../support/fixtures.js';

// Tests are independent: each makes the units and accounts it needs.
let gridNo = 3; // the demo community has grids 1-3
function newGrid() {
  gridNo += 1;
  return { code: unique('e2e-grid-'), name: `广益佳苑社区第${gridNo}网格`, address: `广益路${gridNo}0号` };
}
function newStaff() {
  return { username: unique('e2e-staff-'), display_name: '网格员 郑晓峰', password: 'Staff-pass-2026' };
}

// Adds a unit through the admin form (already signed in as district_admin); returns its id.
async function addUnit(page, parentLabel, kindLabel, unit) {
  await page.goto('/admin/units');
  await page.getByLabel('上级单位').selectOption({ label: parentLabel });
  await page.getByLabel('类型').selectOption({ label: kindLabel });
  await page.getByLabel('代码').fill(unit.code);
  await page.getByLabel('名称').fill(unit.name);
  await page.getByLabel('住址').fill(unit.address ?? '');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('status')).toHaveText('已保存。');
  const href = await page.locator('main ul.tree li', { hasText: unit.code }).getByRole('link').getAttribute('href');
  return href.split('/').pop();
}

// Creates an account through /admin/accounts/new; returns the detail page URL.
async function addAccount(page, staff) {
  await page.goto('/admin/accounts/new');
  await page.getByLabel('用户名').fill(staff.username);
  await page.getByLabel('姓名').fill(staff.display_name);
  await page.getByLabel('密码').fill(staff.password);
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page).toHaveURL(/\/admin\/accounts\/\d+$/);
  return page.url();
}

test('admin adds a grid under a community and sees it in the tree', async ({ page }) => {
  const grid = newGrid();
  await login(page, 'district_admin');
  await page.getByRole('navigation', { name: '工作台导航' }).getByRole('link', { name: '组织架构' }).click();
  await expect(page).toHaveURL(/\/admin\/units$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('组织架构');
  const tree = page.locator('main ul.tree');
  const before = await tree.locator('li').count();

  // The parent select offers districts, streets and communities only.
  const parentLabels = await page.locator('#parent option').allTextContents();
  expect(parentLabels).toContain('广益佳苑社区 (社区)');
  expect(parentLabels).toContain('广益街道 (街道)');
  expect(parentLabels.some((l) => l.includes('网格'))).toBe(false);

  await page.getByLabel('上级单位').selectOption({ label: '广益佳苑社区 (社区)' });
  await page.getByLabel('类型').selectOption({ label: '网格' });
  await page.getByLabel('代码').fill(grid.code);
  await page.getByLabel('名称').fill(grid.name);
  await page.getByLabel('住址').fill(grid.address);
  await page.getByRole('button', { name: '保存' }).click();

  await expect(page).toHaveURL(/\/admin\/units$/);
  await expect(page.getByRole('status')).toHaveText('已保存。');
  await expect(tree.locator('li')).toHaveCount(before + 1);
  const row = tree.locator('li', { hasText: grid.code });
  await expect(row.getByRole('link')).toHaveText(grid.name);
  await expect(row.locator('.tag')).toHaveText('网格');
  // It sits at the depth of the community's other grids, below the community.
  const sibling = tree.locator('li', { hasText: 'guangyi-jiayuan-g1' });
  expect(await row.getAttribute('class')).toBe(await sibling.getAttribute('class'));
  const names = await tree.locator('li code').allTextContents();
  expect(names.indexOf(grid.code)).toBeGreaterThan(names.indexOf('guangyi-jiayuan'));

  // The edit page shows what was saved.
  await row.getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('编辑单位');
  await expect(page.getByLabel('名称')).toHaveValue(grid.name);
  await expect(page.getByLabel('住址')).toHaveValue(grid.address);
  await expect(page.getByLabel('启用')).toBeChecked();

  // And so does the CSV export.
  const csv = await page.request.get('/exports/org/units');
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toContain('text/csv');
  expect(csv.headers()['content-disposition']).toContain('org-units.csv');
  const body = await csv.text();
  expect(body).toContain('id,parent_id,kind,code,name,address,active');
  expect(body).toContain(`grid,"${grid.code}","${grid.name}","${grid.address}",1`);
});

test('bad unit input is refused with field errors and keeps what was typed', async ({ page }) => {
  await login(page, 'district_admin');
  await page.goto('/admin/units');
  // A grid cannot sit directly under a street, and the code format is checked.
  await page.getByLabel('上级单位').selectOption({ label: '广益街道 (街道)' });
  await page.getByLabel('类型').selectOption({ label: '网格' });
  await page.getByLabel('代码').fill('Bad Code!');
  await page.getByLabel('名称').fill('错误的网格');
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/admin/units') && r.request().method() === 'POST'),
    page.getByRole('button', { name: '保存' }).click(),
  ]);
  expect(response.status()).toBe(422);
  await expect(page.locator('.error-summary li')).toHaveText([
    '上级单位: 该类型的单位不能设在所选上级单位之下',
    '代码: 代码须为 2–40 位小写字母、数字、_ 或 -',
  ]);
  await expect(page.locator('.field', { has: page.locator('#code') }).locator('.field-error')).toHaveText('代码须为 2–40 位小写字母、数字、_ 或 -');
  await expect(page.getByLabel('代码')).toHaveValue('Bad Code!');
  await expect(page.getByLabel('名称')).toHaveValue('错误的网格');
  await expect(page.getByLabel('类型')).toHaveValue('grid');
  await expect(page.locator('#parent option:checked')).toHaveText('广益街道 (街道)');
  await expect(page.locator('main ul.tree')).not.toContainText('错误的网格');

  // A code that is taken.
  await page.getByLabel('上级单位').selectOption({ label: '广益佳苑社区 (社区)' });
  await page.getByLabel('代码').fill('guangyi-jiayuan-g1');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.locator('.field', { has: page.locator('#code') }).locator('.field-error')).toHaveText('该代码已被使用');
});

test('admin creates an account, assigns a role at a unit, sees it listed, then revokes it', async ({ page, browser }) => {
  const grid = newGrid();
  const staff = newStaff();
  await login(page, 'district_admin');
  const gridId = await addUnit(page, '广益佳苑社区 (社区)', '网格', grid);
  await page.goto('/workbench');
  await page.getByRole('navigation', { name: '工作台导航' }).getByRole('link', { name: '账号管理' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('账号管理');
  const totalBefore = Number((await page.locator('main table caption').textContent()).replace(/\D+/g, ''));
  expect(totalBefore).toBeGreaterThanOrEqual(15);

  // A bad form first: errors, and what was typed is kept.
  await page.getByRole('link', { name: '新建账号' }).click();
  await expect(page).toHaveURL(/\/admin\/accounts\/new$/);
  await page.getByLabel('用户名').fill('district_admin');
  await page.getByLabel('姓名').fill(staff.display_name);
  await page.getByLabel('密码').fill('short');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.locator('.field', { has: page.locator('#password') }).locator('.field-error')).toHaveText('密码至少 8 位');
  await expect(page.getByLabel('姓名')).toHaveValue(staff.display_name);
  await page.getByLabel('密码').fill(staff.password);
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.locator('.field', { has: page.locator('#username') }).locator('.field-error')).toHaveText('该用户名已被使用');

  await page.getByLabel('用户名').fill(staff.username);
  await page.getByLabel('密码').fill(staff.password);
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page).toHaveURL(/\/admin\/accounts\/\d+$/);
  const detailUrl = page.url();
  await expect(page.getByRole('status')).toHaveText('已保存。');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`账号: ${staff.display_name}`);
  await expect(page.locator('main dl.facts')).toContainText(staff.username);
  await expect(page.locator('main dl.facts')).toContainText('正常');
  await expect(page.locator('main')).toContainText('尚未分配角色。');

  // Assign grid_worker at the new grid.
  await page.getByLabel('角色').selectOption({ label: '网格员' });
  await expect(page.locator(`#unit option[value="${gridId}"]`)).toHaveText(`${grid.name} (网格)`);
  await page.getByLabel('所属单位').selectOption(gridId);
  await page.getByRole('button', { name: '分配角色' }).click();
  await expect(page.getByRole('status')).toHaveText('已保存。');
  const roles = page.locator('main ul.role-list li');
  await expect(roles).toHaveCount(1);
  await expect(roles.first()).toContainText(`网格员 · ${grid.name}`);
  await expect(page.locator('main')).not.toContainText('尚未分配角色。');

  // The same role at the same unit twice is refused.
  await page.getByLabel('角色').selectOption({ label: '网格员' });
  await page.getByLabel('所属单位').selectOption(gridId);
  await page.getByRole('button', { name: '分配角色' }).click();
  await expect(page.locator('.field', { has: page.locator('#role') }).locator('.field-error')).toHaveText('该账号在此单位已有这个角色');
  await expect(roles).toHaveCount(1);

  // Listed, and found by search.
  await page.goto('/admin/accounts');
  await expect(page.locator('main table caption')).toHaveText(`账号总数 ${totalBefore + 1}`);
  await page.getByRole('search').getByLabel('搜索').fill(staff.username);
  await page.getByRole('search').getByRole('button', { name: '搜索' }).click();
  await expect(page).toHaveURL(new RegExp(`q=${staff.username}`));
  const rows = page.locator('main tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.locator('td')).toHaveText([staff.username, staff.display_name, '正常']);
  await expect(page.getByRole('search').getByLabel('搜索')).toHaveValue(staff.username);

  // The new account signs in and works at its grid.
  const other = await browser.newContext();
  const staffPage = await other.newPage();
  await login(staffPage, staff.username, staff.password);
  await expect(staffPage).toHaveURL(/\/workbench$/);
  await expect(staffPage.locator('main .role-list li')).toHaveText([`网格员 · ${grid.name}`]);

  // Revoke: the role is gone, from the list and from the account's own session.
  await rows.getByRole('link', { name: staff.username }).click();
  await expect(page).toHaveURL(detailUrl);
  await page.locator('main ul.role-list li', { hasText: grid.name }).getByRole('button', { name: '撤销' }).click();
  await expect(page.getByRole('status')).toHaveText('已保存。');
  await expect(page.locator('main ul.role-list li')).toHaveCount(0);
  await expect(page.locator('main')).toContainText('尚未分配角色。');
  await staffPage.goto('/workbench');
  await expect(staffPage).toHaveURL(/\/$/);
  expect((await staffPage.request.get('/community/households')).status()).toBe(403);

  // Disable: the account can no longer sign in; enable again.
  await page.getByRole('button', { name: '停用账号' }).click();
  await expect(page.locator('main dl.facts')).toContainText('已停用');
  await other.clearCookies();
  await staffPage.goto('/login');
  await staffPage.getByLabel('用户名', { exact: true }).fill(staff.username);
  await staffPage.getByLabel('密码', { exact: true }).fill(staff.password);
  await staffPage.getByRole('main').getByRole('button', { name: '登录' }).click();
  await expect(staffPage.getByRole('alert')).toHaveText('用户名或密码不正确。');
  await page.getByRole('button', { name: '启用账号' }).click();
  await expect(page.locator('main dl.facts')).toContainText('正常');
  await other.close();
});

test('the audit log records the administrator\'s changes and the chain is intact', async ({ page, browser }) => {
  // An administrator makes one change of each kind.
  const admin = await browser.newContext();
  const adminPage = await admin.newPage();
  const grid = newGrid();
  await login(adminPage, 'district_admin');
  const gridId = await addUnit(adminPage, '广益佳苑社区 (社区)', '网格', grid);
  await addAccount(adminPage, newStaff());
  await adminPage.getByLabel('角色').selectOption({ label: '网格员' });
  await adminPage.getByLabel('所属单位').selectOption(gridId);
  await adminPage.getByRole('button', { name: '分配角色' }).click();
  await adminPage.getByRole('button', { name: '撤销' }).click();
  await adminPage.getByRole('button', { name: '停用账号' }).click();
  await expect(adminPage.locator('main dl.facts')).toContainText('已停用');
  await admin.close();

  await login(page, 'auditor');
  await page.goto('/audit');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('审计日志');
  await expect(page.locator('main p.notice')).toContainText('审计链完整');
  const actions = await page.locator('main tbody tr td:nth-child(4)').allTextContents();
  for (const a of ['org.unit.create', 'org.account.create', 'org.role.assign', 'org.role.revoke', 'org.account.status'])
    expect(actions, `audit has ${a}`).toContain(a);
});

test('an administrator cannot disable their own account', async ({ page }) => {
  await login(page, 'district_admin');
  await page.goto('/admin/accounts?q=district_admin');
  await page.locator('main tbody').getByRole('link', { name: 'district_admin', exact: true }).click();
  const response = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/status')),
    page.getByRole('button', { name: '停用账号' }).click(),
  ]).then(([r]) => r);
  expect(response.status()).toBe(400);
  await expect(page.locator('main')).toContainText('不能停用自己的账号。');
});

test('a refused role assignment shows the error and keeps the chosen role', async ({ page }) => {
  await login(page, 'district_admin');
  await addAccount(page, newStaff());
  // Assigning without a unit is refused next to the unit field.
  await page.getByLabel('角色').selectOption({ label: '网格员' });
  const [refused] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/roles') && r.request().method() === 'POST'),
    page.getByRole('button', { name: '分配角色' }).click(),
  ]);
  expect(refused.status()).toBe(422);
  await expect(page.locator('.field', { has: page.locator('#unit') }).locator('.field-error')).toHaveText('此项必填');
  await expect(page.locator('.error-summary').getByRole('link')).toHaveText(['所属单位: 此项必填']);
  // The role that was chosen is kept.
  await expect(page.getByLabel('角色'), 'role select keeps the chosen role after an error').toHaveValue('grid_worker');

});
