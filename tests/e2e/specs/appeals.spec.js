// Residents' appeals (诉求): the closed loop across the resident, the street centre that
// dispatches, the department that handles and the district that reviews; reopening after
// an unsatisfied rating; escalation of a missed deadline (run by `silian tick`); staff
// intake on a resident's behalf and anonymity; form errors and refused uploads; the public
// board and the Open311 API; axe on the module's pages.
//
// Demo (src/modules/appeals/seed/demo_seed.cpp): `resident` lives in 广益佳苑社区 of 广益街道;
// `street_officer` dispatches for 广益街道; `department_officer` sits at 区城管局, where
// 违法建设 and 垃圾清运 go (department route); 邻里纠纷 is a community-route category that
// goes straight to the community. Every test makes its own appeal, found by a unique marker
// in its text, so that the tests pass in any order.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect, signIn, unique, expectNoSeriousA11yViolations } from '../support/fixtures.js';
import { pageAs, facts, tableRows } from '../support/lists.js';

const here = path.dirname(fileURLToPath(import.meta.url));

// A valid 1×1 PNG, and bytes that only pretend to be one.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const NOT_PNG = Buffer.from('这不是图片，只是一段文字。\n', 'utf8');

const PUBLIC_NO = /^SL\d{6}-\d{6}$/;
const MINUTE = /\d{4}-\d\d-\d\d \d\d:\d\d/;

// Display names of the demo accounts (src/modules/org/seed).
const RESIDENT = '居民 王建国';
const STREET = '广益街道 钱伟';
const DEPT = '城管局 孙磊';
const WORKER = '社工 张丽华';
const ADMIN = '区治理办管理员';

// A marker that the full-text search finds as one word.
const marker = () => unique('mk');

// ---- helpers ----

// Fills and sends /appeals/new as the signed-in resident. Returns the response to the POST.
async function fillAndSend(page, a) {
  await page.goto('/appeals/new');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('我要反映');
  if (a.category) await page.getByLabel('诉求类别').selectOption({ label: a.category });
  await page.getByLabel('诉求内容').fill(a.text);
  if (a.address) await page.getByLabel('详细地址').fill(a.address);
  if (a.photo) await page.locator('#photo').setInputFiles(a.photo);
  const [response] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/appeals' && r.request().method() === 'POST'),
    page.getByRole('button', { name: '提交诉求' }).click(),
  ]);
  return response;
}

// Submits an appeal as the resident; returns { id, no }. The page ends on /my/appeals/{id}.
async function submitAppeal(page, a) {
  await fillAndSend(page, a);
  await expect(page).toHaveURL(/\/my\/appeals\/\d+$/);
  await expect(page.getByRole('status')).toHaveText('诉求已受理，编号见下方。');
  const id = Number(page.url().match(/\/my\/appeals\/(\d+)$/)[1]);
  const no = (await page.getByRole('heading', { level: 1 }).innerText()).replace(/^诉求\s*/, '');
  expect(no).toMatch(PUBLIC_NO);
  return { id, no };
}

// The timeline (办理进度) as one string per step.
async function timeline(page) {
  const items = page.locator('ol.timeline > li');
  await expect(items.first()).toBeVisible();
  return (await items.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
}

// The status tag in the facts of a detail page.
const statusTag = (page) => page.locator('dl.facts dd .tag').first();

// Opens the staff detail page of an appeal through the list's search box, as a handler would.
async function findOnList(page, text, no) {
  await page.goto('/appeals');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('诉求办理');
  const search = page.getByRole('search');
  await search.getByLabel('搜索诉求内容或地址').fill(text);
  await search.getByRole('button', { name: '查询' }).click();
  await expect(page).toHaveURL(new RegExp(`/appeals\\?q=${text}`));
  const rows = page.locator('main tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(text);
  await rows.first().getByRole('link', { name: no }).click();
  await expect(page).toHaveURL(/\/appeals\/\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`诉求 ${no}`);
}

// Staff actions on /appeals/{id}: each posts one form and comes back with a notice.
async function dispatchTo(page, id, lead, assist = []) {
  await page.goto(`/appeals/${id}`);
  await page.locator('select#lead').selectOption({ label: lead });
  if (assist.length) await page.locator('select#assist').selectOption(assist.map((label) => ({ label })));
  await page.getByRole('button', { name: '派单', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText('已派单。');
  await expect(statusTag(page)).toHaveText('已派单');
}

async function respondTo(page, id, note) {
  await page.goto(`/appeals/${id}`);
  await page.getByLabel('响应说明（居民可见，可选）').fill(note);
  await page.getByRole('button', { name: '签收并响应' }).click();
  await expect(page.getByRole('status')).toHaveText('已签收响应。');
  await expect(statusTag(page)).toHaveText('办理中');
}

async function replyTo(page, id, text) {
  await page.goto(`/appeals/${id}`);
  await page.getByLabel('答复内容（居民可见）').fill(text);
  await page.getByRole('button', { name: '答复居民' }).click();
  await expect(page.getByRole('status')).toHaveText('已答复居民。');
  await expect(statusTag(page)).toHaveText('已答复待评价');
}

// The resident rates on /my/appeals/{id}.
async function rate(page, id, { resolved, rating, comment = '' }) {
  await page.goto(`/my/appeals/${id}`);
  const form = page.locator('section.panel', { has: page.getByRole('heading', { name: '请评价办理结果' }) });
  await form.getByRole('group', { name: '问题解决了吗？' }).getByLabel(resolved, { exact: true }).check();
  await form.getByRole('group', { name: '您对办理结果满意吗？' }).getByLabel(rating, { exact: true }).check();
  if (comment) await form.getByLabel('想说的话（可选）').fill(comment);
  await form.getByRole('button', { name: '提交评价' }).click();
  await expect(page).toHaveURL(new RegExp(`/my/appeals/${id}$`));
  await expect(page.getByRole('status')).toHaveText('感谢您的评价。');
}

// Runs `silian tick --at` against the e2e server's database (support/global-setup.js keeps
// it at $SILIAN_E2E_DIR/silian.db and gives the server that environment).
function tick(at) {
  const dir = process.env.SILIAN_E2E_DIR;
  expect(dir, 'global-setup.js exported SILIAN_E2E_DIR').toBeTruthy();
  const bin = path.resolve(here, '..', process.env.SILIAN_BIN || '../../build/src/silian');
  const iso = at.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const run = spawnSync(bin, ['tick', '--at', iso, '--db', `sqlite:${path.join(dir, 'silian.db')}`], {
    cwd: dir,
    env: { ...process.env, SILIAN_SECRET_FILE: path.join(dir, 'secret.key'), SILIAN_PASSWORD_COST: 'minimal' },
    encoding: 'utf8',
    timeout: 20_000,
  });
  expect(run.status, `silian tick --at ${iso}:\n${run.stdout}\n${run.stderr}`).toBe(0);
  expect(run.stdout).toMatch(/^ran \d+ due job\(s\), 0 failed, at /m);
  return run.stdout;
}

// A department's row of the rankings on /kpi/appeals (this month).
async function departmentKpi(page, name) {
  await page.goto('/kpi/appeals');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('诉求三率');
  const rows = await tableRows(page.getByRole('table', { name: /^部门排名 \d{4}-\d\d$/ }));
  const row = rows.find((r) => r[1] === name);
  expect(row, `${name} is ranked`).toBeTruthy();
  return { dispatched: Number(row[2]), rated: Number(row[3]), response: row[4], resolution: row[5], satisfaction: row[6], composite: row[7] };
}

// "2026-12-01 00:00" on a page is Beijing time.
const beijing = (minutes) => new Date(`${minutes.replace(' ', 'T')}:00+08:00`);

// ---- the closed loop ----

test('the whole loop: resident submits with a photo, street dispatches, department responds and replies, resident rates', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const mk = marker();
  const text = `广益路5号顶楼住户违规搭建彩钢棚，已经快完工了 ${mk}`;
  const reply = `城管局已现场责令拆除，违建已于今日拆除完毕 ${mk}`;

  // 1. The resident submits, with a photo.
  const resident = await pageAs(browser, 'resident');
  const { id, no } = await submitAppeal(resident, {
    category: '城市管理 · 违法建设',
    text,
    address: '广益路5号',
    photo: { name: 'weijian.png', mimeType: 'image/png', buffer: PNG },
  });
  let f = await facts(resident.locator('main'));
  expect(f).toMatchObject({ 诉求类别: '违法建设', 所在社区: '广益佳苑社区', 详细地址: '广益路5号', 状态: '待派单' });
  await expect(resident.locator('main')).toContainText(text);
  const photo = resident.getByRole('img', { name: '诉求照片' });
  await expect(photo).toHaveCount(1);
  const src = await photo.getAttribute('src');
  expect(src).toMatch(new RegExp(`^/appeals/${id}/files/\\d+$`));
  const img = await resident.request.get(src);
  expect(img.status()).toBe(200);
  expect(img.headers()['content-type']).toBe('image/png');
  expect(Buffer.compare(await img.body(), PNG)).toBe(0);
  expect(await photo.evaluate((i) => i.complete && i.naturalWidth)).toBe(1);
  // Only signed-in readers who may see the appeal get the photo.
  const visitor = await browser.newContext();
  const anonymous = await visitor.request.get(src, { maxRedirects: 0 });
  expect(anonymous.status()).toBe(303);
  expect(anonymous.headers().location).toMatch(/^\/login\?next=/);
  await visitor.close();
  const volunteer = await pageAs(browser, 'volunteer');
  expect((await volunteer.request.get(src)).status()).toBe(404);
  await volunteer.context().close();
  let steps = await timeline(resident);
  expect(steps).toHaveLength(1);
  expect(steps[0]).toMatch(new RegExp(`^受理 ${MINUTE.source} 网上$`));
  // It is on the resident's list, with its number.
  await resident.goto('/my/appeals');
  await expect(resident.getByRole('heading', { level: 1 })).toHaveText('我的诉求');
  const mine = resident.locator('main li', { hasText: mk });
  await expect(mine).toHaveCount(1);
  await expect(mine.getByRole('link', { name: no })).toHaveAttribute('href', `/my/appeals/${id}`);
  await expect(mine.locator('.tag')).toHaveText('待派单');

  // What the three rates (三率) count for 区城管局 this month, before.
  const street = await pageAs(browser, 'street_officer');
  const before = await departmentKpi(street, '区城管局');

  // 2. The street officer finds it by the marker and dispatches it to 区城管局, with the
  //    community assisting.
  await findOnList(street, mk, no);
  expect(await facts(street.locator('main'))).toMatchObject({ 状态: '待派单', 受理渠道: '网上', 诉求类别: '违法建设' });
  // The category's list item (G01) suggests its department.
  await expect(street.locator('select#lead option:checked')).toHaveText('区城管局');
  await street.locator('select#assist').selectOption({ label: '广益佳苑社区' });
  await street.getByRole('button', { name: '派单', exact: true }).click();
  await expect(street.getByRole('status')).toHaveText('已派单。');
  f = await facts(street.locator('main'));
  expect(f).toMatchObject({ 状态: '已派单', 主办单位: '区城管局', 协办单位: '广益佳苑社区' });
  expect(f['响应时限']).toMatch(MINUTE);
  expect(f['办结时限']).toMatch(MINUTE);
  // The street is not the handler: no response or reply forms for it.
  await expect(street.getByRole('button', { name: '签收并响应' })).toHaveCount(0);
  await expect(street.getByRole('button', { name: '答复居民' })).toHaveCount(0);

  // 3. The department officer responds, then replies.
  const dept = await pageAs(browser, 'department_officer');
  await dept.goto('/appeals?status=dispatched');
  await expect(dept.locator('main tbody tr', { hasText: mk })).toHaveCount(1);
  await respondTo(dept, id, '已收到，明天上午到现场。');
  await replyTo(dept, id, reply);
  await expect(dept.locator('main')).toContainText(reply);

  // 4. The resident reads the reply and rates it: satisfied, resolved.
  await resident.goto(`/my/appeals/${id}`);
  await expect(resident.locator('main section.panel', { has: resident.getByRole('heading', { name: '办理答复' }) })).toContainText(reply);
  expect(await facts(resident.locator('main'))).toMatchObject({ 状态: '已答复待评价', 主办单位: '区城管局' });
  await rate(resident, id, { resolved: '已解决', rating: '满意', comment: '处理很及时，谢谢！' });
  expect(await facts(resident.locator('main'))).toMatchObject({ 状态: '已办结', 您的评价: '满意' });
  await expect(resident.getByRole('heading', { name: '请评价办理结果' })).toHaveCount(0);
  // The resident's timeline: each public step and which unit acted, but not who.
  steps = await timeline(resident);
  expect(steps.map((s) => s.split(' ')[0])).toEqual(['受理', '派单', '响应', '答复', '居民评价']);
  expect(steps[1]).toContain('· 广益街道');
  expect(steps[1]).toContain('区城管局、广益佳苑社区');
  expect(steps[2]).toContain('· 区城管局');
  expect(steps[2]).toContain('已收到，明天上午到现场。');
  expect(steps[3]).toContain(reply);
  expect(steps[4]).toContain('满意 · 已解决');
  for (const s of steps) {
    expect(s).toMatch(MINUTE);
    expect(s).not.toContain(STREET);
    expect(s).not.toContain(DEPT);
  }
  // A second rating is refused.
  const csrf = await resident.locator('input[name=_csrf]').first().inputValue();
  const again = await resident.request.post(`/my/appeals/${id}/rate`, {
    form: { _csrf: csrf, resolved: 'no', rating: 'unsatisfied' },
    maxRedirects: 0,
  });
  expect(again.status()).toBe(409);

  // 5. The staff timeline shows every step with who and when.
  await street.goto(`/appeals/${id}`);
  expect(await facts(street.locator('main'))).toMatchObject({ 状态: '已办结', 评价: '满意' });
  steps = await timeline(street);
  const expected = [
    ['受理', RESIDENT],
    ['派单', `广益街道 · ${STREET}`],
    ['响应', `区城管局 · ${DEPT}`],
    ['答复', `区城管局 · ${DEPT}`],
    ['居民评价', RESIDENT],
  ];
  expect(steps).toHaveLength(expected.length);
  expected.forEach(([label, who], i) => {
    expect(steps[i]).toMatch(new RegExp(`^${label} ${MINUTE.source} · ${who}`));
  });
  await expect(street.getByRole('heading', { name: '办理操作' })).toBeVisible();
  await expect(street.locator('section.actions form')).toHaveCount(0);

  // The department's rates count one more dispatched appeal and one more rating.
  const after = await departmentKpi(street, '区城管局');
  expect(after.dispatched).toBe(before.dispatched + 1);
  expect(after.rated).toBe(before.rated + 1);
  expect(after.resolution).not.toBe('—');
  expect(after.satisfaction).not.toBe('—');

  await resident.context().close();
  await street.context().close();
  await dept.context().close();
});

test('reopening: not satisfied twice goes from 办理中 to 复核中, and the district concludes it', async ({ browser }) => {
  test.setTimeout(120_000);
  const mk = marker();
  const resident = await pageAs(browser, 'resident');
  const { id, no } = await submitAppeal(resident, {
    category: '环境卫生 · 垃圾清运',
    text: `3号楼垃圾桶三天没人清运，臭味很大 ${mk}`,
    address: '广益路3号',
  });
  const street = await pageAs(browser, 'street_officer');
  await dispatchTo(street, id, '区城管局');
  const dept = await pageAs(browser, 'department_officer');
  await respondTo(dept, id, '马上安排清运车。');
  await replyTo(dept, id, `已清运完毕 ${mk}`);

  // First "not satisfied": back to the same department, 办理中.
  await rate(resident, id, { resolved: '未解决', rating: '不满意', comment: '只清了一半。' });
  expect(await facts(resident.locator('main'))).toMatchObject({ 状态: '办理中', 主办单位: '区城管局' });
  let steps = await timeline(resident);
  expect(steps.slice(-2).map((s) => s.split(' ')[0])).toEqual(['居民评价', '重新办理']);
  expect(steps.at(-2)).toContain('不满意 · 未解决');
  expect(steps.at(-2)).toContain('只清了一半。');
  await expect(resident.getByRole('heading', { name: '请评价办理结果' })).toHaveCount(0);

  // The department replies again (no second response is needed).
  await dept.goto(`/appeals/${id}`);
  await expect(statusTag(dept)).toHaveText('办理中');
  await expect(dept.getByRole('button', { name: '签收并响应' })).toHaveCount(0);
  await replyTo(dept, id, `已全部清运并消毒 ${mk}`);

  // Second "not satisfied": 复核中, which only the district may conclude.
  await rate(resident, id, { resolved: '未解决', rating: '不满意' });
  expect(await facts(resident.locator('main'))).toMatchObject({ 状态: '复核中' });
  await expect(resident.getByRole('heading', { name: '请评价办理结果' })).toHaveCount(0);
  await dept.goto(`/appeals/${id}`);
  await expect(statusTag(dept)).toHaveText('复核中');
  await expect(dept.getByRole('button', { name: '复核办结' })).toHaveCount(0);
  await street.goto(`/appeals/${id}`);
  await expect(street.getByRole('button', { name: '复核办结' })).toHaveCount(0);
  const csrf = await street.locator('input[name=_csrf]').first().inputValue();
  const refused = await street.request.post(`/appeals/${id}/review`, { form: { _csrf: csrf, conclusion: 'x' }, maxRedirects: 0 });
  expect(refused.status()).toBe(403);

  const admin = await pageAs(browser, 'district_admin');
  await admin.goto('/appeals?status=review');
  await expect(admin.locator('main tbody tr', { hasText: mk })).toHaveCount(1);
  await admin.goto(`/appeals/${id}`);
  await expect(admin.getByRole('heading', { level: 1 })).toHaveText(`诉求 ${no}`);
  // An empty conclusion is refused.
  await admin.getByRole('button', { name: '复核办结' }).click();
  await expect(admin.locator('main')).toContainText('请填写理由（不超过 2000 字节）。');
  await admin.goto(`/appeals/${id}`);
  const conclusion = `经复核，城管局已落实每日清运，垃圾桶已加设一组 ${mk}`;
  await admin.getByLabel('复核结论（居民可见）').fill(conclusion);
  await admin.getByRole('button', { name: '复核办结' }).click();
  await expect(admin.getByRole('status')).toHaveText('复核已办结。');
  expect(await facts(admin.locator('main'))).toMatchObject({ 状态: '已办结' });
  steps = await timeline(admin);
  expect(steps.map((s) => s.split(' ')[0])).toEqual([
    '受理',
    '派单',
    '响应',
    '答复',
    '居民评价',
    '重新办理',
    '答复',
    '居民评价',
    '复核办结',
  ]);
  expect(steps.at(-1)).toMatch(new RegExp(`^复核办结 ${MINUTE.source} · 崇安区 · ${ADMIN}`));
  expect(steps.at(-1)).toContain(conclusion);

  // The resident sees it closed, with the conclusion.
  await resident.goto(`/my/appeals/${id}`);
  expect(await facts(resident.locator('main'))).toMatchObject({ 状态: '已办结' });
  steps = await timeline(resident);
  expect(steps.at(-1)).toContain('复核办结');
  expect(steps.at(-1)).toContain(conclusion);
  for (const p of [resident, street, dept, admin]) await p.context().close();
});

// ---- escalation ----

test('escalation: a community appeal not responded to in 24 working hours climbs to the street, then the district', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const mk = marker();
  const resident = await pageAs(browser, 'resident');
  const { id, no } = await submitAppeal(resident, {
    category: '社区自治 · 邻里纠纷',
    text: `楼上空调外机滴水到我家窗台，沟通无果 ${mk}`,
  });
  // The community route needs no dispatch: it is with the community at once.
  expect(await facts(resident.locator('main'))).toMatchObject({ 状态: '已派单', 主办单位: '广益佳苑社区' });

  const worker = await pageAs(browser, 'community_worker');
  await findOnList(worker, mk, no);
  const f = await facts(worker.locator('main'));
  expect(f).toMatchObject({ 状态: '已派单', 主办单位: '广益佳苑社区' });
  const responseDue = beijing(f['响应时限']);
  const resolveDue = beijing(f['办结时限']);
  // 24 working hours: at least a day, and less than two weeks even across the Spring
  // Festival holidays of the demo calendar.
  const received = beijing(f['受理时间']);
  expect(responseDue - received).toBeGreaterThanOrEqual(23 * 3_600_000);
  expect(responseDue - received).toBeLessThanOrEqual(14 * 86_400_000);
  expect(resolveDue > responseDue).toBe(true);
  await expect(worker.locator('dl.facts .tag.alert')).toHaveCount(0);

  // An hour after the response deadline: escalated to the street.
  tick(new Date(responseDue.getTime() + 3_600_000));
  await worker.reload();
  let steps = await timeline(worker);
  expect(steps.at(-1)).toMatch(new RegExp(`^超期升级 ${MINUTE.source} · 广益街道 响应超期 → 广益街道$`));
  await expect(worker.locator('dl.facts .tag.alert')).toHaveText('已升级至街道');
  await worker.goto(`/appeals?q=${mk}`);
  const row = worker.locator('main tbody tr', { hasText: mk });
  await expect(row).toHaveCount(1);
  await expect(row.locator('.tag.alert')).toHaveText('已升级至街道');
  // The resident sees it in the public timeline too.
  await resident.goto(`/my/appeals/${id}`);
  expect((await timeline(resident)).at(-1)).toContain('超期升级');

  // Weeks later, still not answered: the district.
  tick(new Date(Date.now() + 21 * 86_400_000));
  await worker.goto(`/appeals/${id}`);
  steps = await timeline(worker);
  const escalations = steps.filter((s) => s.startsWith('超期升级'));
  expect(escalations).toHaveLength(2);
  expect(escalations[1]).toMatch(/ · 崇安区 (响应|办结)超期 → 崇安区$/);
  await expect(worker.locator('dl.facts .tag.alert')).toHaveText('已升级至区');
  await worker.goto(`/appeals?q=${mk}`);
  await expect(worker.locator('main tbody tr', { hasText: mk }).locator('.tag.alert')).toHaveText('已升级至区');
  // The street officer was told.
  const street = await pageAs(browser, 'street_officer');
  await street.goto('/inbox');
  await expect(street.locator('main')).toContainText(`诉求 ${no} 已超期并升级到您的单位。`);
  for (const p of [resident, worker, street]) await p.context().close();
});

test('the demo has an overdue appeal, flagged 超期 in the overdue filter', async ({ page }) => {
  await signIn(page, 'district_admin');
  await page.goto('/appeals?overdue=1');
  await expect(page.getByLabel('只看超期')).toBeChecked();
  const rows = page.locator('main tbody tr');
  expect(await rows.count()).toBeGreaterThan(0);
  // Every row listed is overdue (the demo leaves appeals of the last three weeks unanswered;
  // the tests' own appeals are not due yet).
  const n = await rows.count();
  for (let i = 0; i < n; i += 1) await expect(rows.nth(i).locator('.overdue')).toHaveText('超期');
  // The workbench counter links to it.
  await page.goto('/workbench');
  const counter = page.locator('.counters a[href="/appeals?overdue=1"]');
  await expect(counter.locator('.label')).toHaveText('超期诉求');
  expect(Number(await counter.locator('.value').innerText())).toBe(n);
});

// ---- staff intake and anonymity ----

test('staff intake by phone, anonymous: the contact reaches the handling department only', async ({ browser }) => {
  test.setTimeout(90_000);
  const mk = marker();
  const text = `来电反映：小区北门垃圾分类亭满溢，无人清理 ${mk}`;
  const worker = await pageAs(browser, 'community_worker');
  await worker.goto('/appeals');
  await worker.getByRole('link', { name: '代为登记诉求' }).click();
  await expect(worker).toHaveURL(/\/appeals\/intake$/);
  await expect(worker.getByRole('heading', { level: 1 })).toHaveText('代为登记诉求');
  await worker.getByLabel('受理渠道').selectOption({ label: '电话' });
  await worker.getByLabel('诉求类别').selectOption({ label: '环境卫生 · 垃圾清运' });
  await worker.getByLabel('诉求内容').fill(text);
  await expect(worker.getByLabel('所在社区')).toHaveValue(/\d+/);
  await expect(worker.locator('#community option:checked')).toHaveText('广益佳苑社区');
  // Without any contact and not anonymous: refused, what was typed is kept.
  await worker.getByRole('button', { name: '提交诉求' }).click();
  await expect(worker.getByRole('alert')).toContainText('请填写联系人或电话，或勾选匿名。');
  await expect(worker.getByLabel('诉求内容')).toHaveValue(text);
  await expect(worker.getByLabel('受理渠道')).toHaveValue('phone');
  await worker.getByLabel('联系人姓名（可选）').fill('赵阿姨');
  await worker.getByLabel('联系电话（可选）').fill('13912345678');
  await worker.getByLabel('匿名（联系方式只给承办人看）').check();
  await worker.getByRole('button', { name: '提交诉求' }).click();
  await expect(worker).toHaveURL(/\/appeals\/\d+$/);
  await expect(worker.getByRole('status')).toHaveText('诉求已受理，编号见下方。');
  const id = Number(worker.url().match(/(\d+)$/)[1]);
  let f = await facts(worker.locator('main'));
  expect(f).toMatchObject({ 状态: '待派单', 受理渠道: '电话', 匿名反映: '是', 所在社区: '广益佳苑社区' });
  expect(f).not.toHaveProperty('联系人');
  let steps = await timeline(worker);
  expect(steps[0]).toMatch(new RegExp(`^受理 ${MINUTE.source} · ${WORKER} 电话$`));

  // The street dispatches it to 区城管局: it is not the handler, so no contact for it.
  const street = await pageAs(browser, 'street_officer');
  await dispatchTo(street, id, '区城管局');
  f = await facts(street.locator('main'));
  expect(f).toMatchObject({ 受理渠道: '电话', 匿名反映: '是' });
  expect(f).not.toHaveProperty('联系人');
  await expect(street.locator('main')).not.toContainText('13912345678');
  await expect(street.locator('main')).not.toContainText('赵阿姨');

  // The handling department sees the contact in full.
  const dept = await pageAs(browser, 'department_officer');
  await dept.goto(`/appeals/${id}`);
  expect(await facts(dept.locator('main'))).toMatchObject({ 联系人: '赵阿姨 13912345678', 匿名反映: '是' });
  // The community worker who took the call is not the handler either.
  await worker.goto(`/appeals/${id}`);
  await expect(worker.locator('main')).not.toContainText('13912345678');

  // Nobody else sees the appeal as the resident's: no resident, nothing in "my appeals".
  const resident = await pageAs(browser, 'resident');
  expect((await resident.request.get(`/my/appeals/${id}`)).status()).toBe(404);
  for (const p of [worker, street, dept, resident]) await p.context().close();
});

test('a non-anonymous appeal shows its contact masked to staff who do not handle it', async ({ browser }) => {
  const mk = marker();
  const worker = await pageAs(browser, 'community_worker');
  await worker.goto('/appeals/intake');
  await worker.getByLabel('受理渠道').selectOption({ label: '来访' });
  await worker.getByLabel('诉求类别').selectOption({ label: '城市管理 · 违法建设' });
  await worker.getByLabel('诉求内容').fill(`来访反映：一楼住户私自扩建院墙 ${mk}`);
  await worker.getByLabel('联系人姓名（可选）').fill('钱建华');
  await worker.getByLabel('联系电话（可选）').fill('13987654321');
  await worker.getByRole('button', { name: '提交诉求' }).click();
  await expect(worker.getByRole('status')).toHaveText('诉求已受理，编号见下方。');
  const f = await facts(worker.locator('main'));
  expect(f).toMatchObject({ 受理渠道: '来访' });
  expect(f).not.toHaveProperty(['匿名（联系方式只给承办人看）']);
  expect(f['联系人']).toBeTruthy();
  expect(f['联系人']).not.toContain('13987654321');
  expect(f['联系人']).not.toContain('钱建华');
  await worker.context().close();
});

// ---- assisting units and the QR code ----

test('an assisting community outside the appeal\'s territory is told, opens it, notes, and finds it on its list', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const mk = marker();
  // The resident reports something in another community (通江社区, not theirs).
  const resident = await pageAs(browser, 'resident');
  await resident.goto('/appeals/new');
  await resident.getByLabel('诉求类别').selectOption({ label: '城市管理 · 违法建设' });
  await resident.getByLabel('诉求内容').fill(`通江路口商铺违规搭建雨棚占用人行道 ${mk}`);
  await resident.getByLabel('所在社区').selectOption({ label: '通江社区' });
  await resident.getByRole('button', { name: '提交诉求' }).click();
  await expect(resident.getByRole('status')).toHaveText('诉求已受理，编号见下方。');
  const id = Number(resident.url().match(/(\d+)$/)[1]);
  const no = (await resident.getByRole('heading', { level: 1 }).innerText()).replace(/^诉求\s*/, '');
  expect(await facts(resident.locator('main'))).toMatchObject({ 所在社区: '通江社区', 状态: '待派单' });

  // The district dispatches it to 区城管局, with 广益佳苑社区 assisting.
  const admin = await pageAs(browser, 'district_admin');
  await dispatchTo(admin, id, '区城管局', ['广益佳苑社区']);
  expect(await facts(admin.locator('main'))).toMatchObject({ 主办单位: '区城管局', 协办单位: '广益佳苑社区' });

  // 广益佳苑社区's worker is told, opens it from the message and adds an internal note.
  const worker = await pageAs(browser, 'community_worker');
  await worker.goto('/inbox');
  await expect(worker.locator('main')).toContainText(`您的单位被指定协办诉求：${no}`);
  await worker.goto(`/appeals/${id}`);
  await expect(worker.getByRole('heading', { level: 1 })).toHaveText(`诉求 ${no}`);
  await expect(worker.getByRole('button', { name: '签收并响应' })).toHaveCount(0);
  await worker.getByLabel('内部记录').fill('社区已联系商铺业主，配合城管局劝导。');
  await worker.getByRole('button', { name: '添加内部记录' }).click();
  await expect(worker.getByRole('status')).toHaveText('已添加记录。');
  const steps = await timeline(worker);
  expect(steps.at(-1)).toMatch(new RegExp(`^内部记录 ${MINUTE.source} · 广益佳苑社区 · ${WORKER} 内部 社区已联系商铺业主`));
  // The resident does not see internal notes.
  await resident.goto(`/my/appeals/${id}`);
  expect((await timeline(resident)).map((t) => t.split(' ')[0])).toEqual(['受理', '派单']);

  // PRODUCT BUG (reported): the list scopes community and street staff by territory only,
  // so an assisting unit outside it cannot find the appeal it may open and work on.
  await worker.goto(`/appeals?q=${mk}`);
  await expect(worker.locator('main tbody tr', { hasText: mk })).toHaveCount(1);
  for (const p of [resident, admin, worker]) await p.context().close();
});

test('a QR code of a service point opens the form with the place filled in; the appeal comes in as 扫码', async ({ browser }) => {
  const mk = marker();
  const resident = await pageAs(browser, 'resident');
  await resident.goto('/qr/guangyi-jiayuan-hall');
  await expect(resident).toHaveURL(/\/appeals\/new\?point=guangyi-jiayuan-hall$/);
  await expect(resident.getByLabel('详细地址')).toHaveValue('广益佳苑社区党群服务中心 广益路1号');
  await expect(resident.locator('#community option:checked')).toHaveText('广益佳苑社区');
  await expect(resident.locator('#grid option:checked')).toHaveText('广益佳苑社区第1网格');
  await resident.getByLabel('诉求类别').selectOption({ label: '社区自治 · 小区公共事务' });
  await resident.getByLabel('诉求内容').fill(`党群服务中心门口的无障碍坡道破损 ${mk}`);
  await resident.getByRole('button', { name: '提交诉求' }).click();
  await expect(resident.getByRole('status')).toHaveText('诉求已受理，编号见下方。');
  expect((await timeline(resident))[0]).toMatch(new RegExp(`^受理 ${MINUTE.source} 扫码$`));
  const id = Number(resident.url().match(/(\d+)$/)[1]);
  // A community-route category: with the community at once, the grid is kept.
  const worker = await pageAs(browser, 'community_worker');
  await worker.goto(`/appeals/${id}`);
  expect(await facts(worker.locator('main'))).toMatchObject({
    受理渠道: '扫码',
    所在社区: '广益佳苑社区 · 广益佳苑社区第1网格',
    主办单位: '广益佳苑社区',
    状态: '已派单',
  });
  // An unknown code is 404.
  expect((await resident.request.get('/qr/no-such-point')).status()).toBe(404);
  for (const p of [resident, worker]) await p.context().close();
});

test('the three rates dashboard shows every composite score with one decimal', async ({ page }) => {
  await signIn(page, 'leader');
  await page.goto('/kpi/appeals');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('诉求三率');
  await expect(page.getByLabel('月份')).toHaveValue(/^\d{4}-\d\d$/);
  await expect(page.locator('main .counters .label')).toHaveText(['派单数', '响应率', '解决率', '满意率']);
  // Leaders read the weights but cannot change them.
  await expect(page.getByRole('button', { name: '保存' })).toHaveCount(0);
  const composites = [];
  for (const table of ['街道排名', '社区排名', '部门排名', '承办人排名']) {
    const rows = await tableRows(page.getByRole('table', { name: new RegExp(`^${table} `) }));
    expect(rows.length, table).toBeGreaterThan(0);
    for (const r of rows) {
      for (const rate of r.slice(4, 7)) expect(rate, `${table} ${r[1]}`).toMatch(/^(\d{1,3}\.\d%|—)$/);
      composites.push(`${table} ${r[1]}: ${r[7]}`);
    }
  }
  // PRODUCT BUG (reported): the score is cut from std::to_string, so the demo shows
  // "96.20", "100.0" and "0.000" side by side.
  for (const c of composites) expect.soft(c).toMatch(/: (\d{1,3}\.\d|—)$/);
});

// ---- bad input ----

test('the form: no category is a clear error that keeps the text; a non-image "photo" is refused', async ({ page }) => {
  await signIn(page, 'resident');
  const mk = marker();
  const text = `小区门口共享单车乱停放，堵住了盲道 ${mk}`;
  // The browser does not stop an empty category: the server's check is under test.
  let response = await fillAndSend(page, { text, address: '广益路1号北门' });
  expect(response.status()).toBe(422);
  await expect(page).toHaveURL(/\/appeals$/);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('请选择诉求类别。');
  await expect(alert).toContainText('诉求尚未提交，请修改后重试。');
  await expect(page.getByLabel('诉求内容')).toHaveValue(text);
  await expect(page.getByLabel('详细地址')).toHaveValue('广益路1号北门');
  await expect(page.locator('#community option:checked')).toHaveText('广益佳苑社区');

  // Text bytes named x.png.
  response = await fillAndSend(page, {
    category: '社区自治 · 小区公共事务',
    text,
    photo: { name: 'x.png', mimeType: 'image/png', buffer: NOT_PNG },
  });
  expect(response.status()).toBe(422);
  await expect(page.getByRole('alert')).toContainText('只能上传');
  await expect(page.getByLabel('诉求内容')).toHaveValue(text);
  await expect(page.locator('#category option:checked')).toHaveText('社区自治 · 小区公共事务');

  // No description at all.
  response = await fillAndSend(page, { category: '社区自治 · 小区公共事务', text: '' });
  expect(response.status()).toBe(422);
  await expect(page.getByRole('alert')).toContainText('请填写诉求内容');

  // Nothing was stored.
  await page.goto('/my/appeals');
  await expect(page.locator('main')).not.toContainText(mk);
});

test('a resident cannot open staff pages; staff and volunteers cannot submit as a resident', async ({ browser }) => {
  const resident = await pageAs(browser, 'resident');
  const { id } = await submitAppeal(resident, { category: '社区自治 · 意见建议', text: `建议增加电动车充电桩 ${marker()}` });
  for (const path of ['/appeals', `/appeals/${id}`, '/appeals/intake', '/kpi/appeals', '/admin/appeals'])
    expect((await resident.request.get(path)).status(), path).toBe(403);
  const worker = await pageAs(browser, 'community_worker');
  expect((await worker.request.get('/appeals/new')).status()).toBe(403);
  expect((await worker.request.get(`/my/appeals/${id}`)).status()).toBe(403);
  // Signed in without the resident role (a volunteer): no appeal pages at all.
  const other = await pageAs(browser, 'volunteer');
  expect((await other.request.get(`/my/appeals/${id}`)).status()).toBe(403);
  for (const p of [resident, worker, other]) await p.context().close();
});

// ---- public ----

test('the public board shows numbers, categories and replies but no resident text; Open311 answers JSON', async ({
  browser,
  page,
}) => {
  const mk = marker();
  const resident = await pageAs(browser, 'resident');
  const { no } = await submitAppeal(resident, {
    category: '生态环境 · 噪音扰民',
    text: `隔壁KTV每天唱到凌晨两点 ${mk}`,
    address: `广益路88号 ${mk}`,
  });
  await resident.context().close();

  // Anonymous visitor.
  const res = await page.goto('/board');
  expect(res.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('诉求公示');
  await expect(page.locator('.account').getByRole('link', { name: '登录' })).toBeVisible();
  const table = page.getByRole('table', { name: '诉求公示' });
  await expect(table.locator('thead th')).toHaveText(['编号', '诉求类别', '所在社区', '受理时间', '状态', '办理答复', '评价']);
  const row = table.locator('tbody tr', { hasText: no });
  await expect(row).toHaveCount(1);
  await expect(row.locator('td')).toHaveText([no, '噪音扰民', '广益佳苑社区', /^\d{4}-\d\d-\d\d$/, '待派单', '', '']);
  const main = page.locator('main');
  await expect(main).not.toContainText(mk);
  await expect(main).not.toContainText('KTV');
  // Nor the demo's residents' words or addresses.
  for (const words of ['楼下饭店夜里十一点后还在装修', '顶楼住户在楼顶违规搭建阳光房', '广益路12号', '居民 王建国'])
    await expect(main).not.toContainText(words);
  await expect(page.locator('.counters .label')).toHaveText([/^响应率 \d{4}-\d\d$/, /^解决率 /, /^满意率 /]);
  await expectNoSeriousA11yViolations(page, 'appeal board');

  const services = await page.request.get('/open311/v2/services.json');
  expect(services.status()).toBe(200);
  expect(services.headers()['content-type']).toContain('application/json');
  const list = await services.json();
  expect(Array.isArray(list)).toBe(true);
  expect(list.length).toBeGreaterThanOrEqual(10);
  expect(list.find((s) => s.service_code === 'illegal-construction')).toMatchObject({
    service_name: '违法建设',
    group: '城市管理',
    type: 'realtime',
  });
  // The request itself shows no resident words either.
  const one = await page.request.get(`/open311/v2/requests/${no}.json`);
  expect(one.status()).toBe(200);
  const body = await one.text();
  expect(body).toContain(no);
  expect(body).not.toContain(mk);
});

// ---- accessibility ----

test('axe: the appeal pages have no serious or critical violations', async ({ browser }) => {
  test.setTimeout(120_000);
  const resident = await pageAs(browser, 'resident');
  await resident.goto('/appeals/new');
  await expectNoSeriousA11yViolations(resident, 'appeal form');
  // The form with an error.
  await fillAndSend(resident, { text: '缺类别' });
  await expect(resident.getByRole('alert')).toBeVisible();
  await expectNoSeriousA11yViolations(resident, 'appeal form with errors');
  const { id } = await submitAppeal(resident, {
    category: '城市管理 · 违法建设',
    text: `无障碍检查用的诉求 ${marker()}`,
    photo: { name: 'a.png', mimeType: 'image/png', buffer: PNG },
  });
  await expectNoSeriousA11yViolations(resident, 'my appeal');
  await resident.goto('/my/appeals');
  await expectNoSeriousA11yViolations(resident, 'my appeals');

  const street = await pageAs(browser, 'street_officer');
  await street.goto('/appeals');
  await expectNoSeriousA11yViolations(street, 'appeal list');
  await street.goto(`/appeals/${id}`);
  await expect(street.locator('select#lead')).toBeVisible();
  await expectNoSeriousA11yViolations(street, 'appeal detail (dispatch)');
  await street.goto('/appeals/intake');
  await expectNoSeriousA11yViolations(street, 'staff intake');
  await street.goto('/kpi/appeals');
  await expect(street.getByRole('heading', { level: 1 })).toHaveText('诉求三率');
  await expectNoSeriousA11yViolations(street, 'appeal kpi');

  const admin = await pageAs(browser, 'district_admin');
  await admin.goto('/admin/appeals');
  await expect(admin.getByRole('heading', { level: 1 })).toHaveText('诉求设置');
  await expectNoSeriousA11yViolations(admin, 'appeal settings');
  await admin.goto('/kpi/appeals');
  await expectNoSeriousA11yViolations(admin, 'appeal kpi (weights)');

  // The resident's view once rated.
  const dept = await pageAs(browser, 'department_officer');
  await dispatchTo(street, id, '区城管局');
  await respondTo(dept, id, '已收到。');
  await expectNoSeriousA11yViolations(dept, 'appeal detail (handler)');
  await replyTo(dept, id, '已处理。');
  await resident.goto(`/my/appeals/${id}`);
  await expect(resident.getByRole('heading', { name: '请评价办理结果' })).toBeVisible();
  await expectNoSeriousA11yViolations(resident, 'my appeal (rating form)');

  const visitor = await browser.newContext();
  const board = await visitor.newPage();
  await board.goto('/board');
  await expectNoSeriousA11yViolations(board, 'appeal board');
  for (const p of [resident, street, admin, dept]) await p.context().close();
  await visitor.close();
});
