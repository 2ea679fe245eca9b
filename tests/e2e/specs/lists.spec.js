// The lists capability: the published lists (两张清单) with versions and differences, the
// district administrator's drafting and publishing, admission control (准入) of work tasks
// filed by a department and approved by the street or the district, the burden catalogue
// (负担目录) with its dashboard, burden reports from communities, and the XLSX / CSV exports.
//
// Every test makes the data it needs (unique titles, codes and texts) and asserts only what
// other tests cannot change, so that the tests pass in any order. The demo (src/modules/lists/
// seed/demo_lists.json) has: assistance v1 (A01-A31) and v2 (A32, A33 added, A01's funding
// raised); 12 duties; 17 administrative affairs; 144 burden entries, of which 125 cancelled
// (创建达标评比 43, 台账 67) and 5 merged. Tests here only ever add burden entries of kind
// 机构牌子, with codes that start with "T", and only publish new versions of the assistance list.
import { test, expect, login, signIn, unique, expectNoSeriousA11yViolations } from '../support/fixtures.js';
import {
  pageAs,
  beijingDate,
  tableRows,
  tableHeaders,
  facts,
  counterValue,
  download,
  csvRows,
  xlsxSheets,
} from '../support/lists.js';

const DEMO_BURDEN_CODE = /^[ELSPC]\d{3}$/;
const A17_FUNDING = '每年定额1万元，随任务拨付（费随事转）';
const A18_FUNDING = '每年定额5000元，随任务拨付（费随事转）';
const A19_FUNDING = '按试点小区户数每户每年10元拨付社区工作经费';
const codes = (from, to) => Array.from({ length: to - from + 1 }, (_, i) => `A${String(from + i).padStart(2, '0')}`);

// ---- helpers for work tasks ----

// Fills /tasks/new (signed in as department_officer) without sending it.
async function fillTask(page, t) {
  await page.goto('/tasks/new');
  await page.getByLabel('任务名称').fill(t.title);
  await page.getByLabel('任务内容').fill(t.description ?? `${t.title}：请各社区按要求完成并报告。`);
  await page.getByLabel('完成期限').fill(t.due ?? beijingDate(14));
  await page.getByLabel('依据的协助事项').selectOption(t.item ?? '');
  const communities = page.getByRole('group', { name: '下沉到的社区' });
  for (const c of t.communities ?? []) await communities.getByLabel(c, { exact: true }).check();
  if (t.burdens?.length) {
    await page.locator('details > summary', { hasText: '任务要求的台账或评比（如有）' }).click();
    for (const code of t.burdens) await page.getByLabel(new RegExp(`^${code} `)).check();
  }
}

// Sends the task form; returns the response to the POST.
async function submitTask(page) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/tasks' && r.request().method() === 'POST'),
    page.getByRole('button', { name: '提交审批' }).click(),
  ]);
  return response;
}

// Files a task that should be admitted; returns its detail path (/tasks/ID).
async function fileTask(page, t) {
  await fillTask(page, t);
  await submitTask(page);
  await expect(page).toHaveURL(/\/tasks\/\d+$/);
  await expect(page.getByRole('status')).toHaveText('已提交，等待审批。');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.title);
  return new URL(page.url()).pathname;
}

// Titles on /tasks as the page's user sees them.
async function taskTitles(page) {
  await page.goto('/tasks');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('工作任务');
  return page.locator('main tbody tr td:first-child').allInnerTexts();
}

// The refusal box of /tasks/new.
async function expectRefusal(page, response, reason) {
  expect(response.status()).toBe(422);
  const box = page.getByRole('alert');
  await expect(box.getByRole('heading')).toHaveText('不予准入');
  await expect(box.locator('p')).toHaveText([reason, '本次申请没有保存。请修改后重新提交。']);
}

// ---- public reading ----

test.describe('public lists', () => {
  test('anyone reads the three lists, an old version and the history', async ({ page }) => {
    const res = await page.goto('/lists');
    expect(res.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('两张清单');
    const tabs = page.getByRole('navigation', { name: '清单类别' });
    await expect(tabs.getByRole('link')).toHaveText(['依法履职事项', '协助政府工作事项', '政府行政事务']);
    await expect(tabs.getByRole('link', { name: '协助政府工作事项' })).toHaveAttribute('aria-current', 'page');

    // The current assistance list (version 2 in the demo, later if a test published one).
    const heading = page.locator('main section.panel h2').first();
    await expect(heading).toHaveText(/^协助政府工作事项 · 版本 \d+（现行）$/);
    const current = Number((await heading.innerText()).match(/版本 (\d+)/)[1]);
    expect(current).toBeGreaterThanOrEqual(2);
    const table = page.getByRole('table', { name: '协助政府工作事项' });
    expect(await tableHeaders(table)).toEqual(['编号', '事项', '依据', '责任部门', '经费（费随事转）']);
    const rows = await tableRows(table);
    expect(rows.length).toBeGreaterThanOrEqual(33);
    const byCode = Object.fromEntries(rows.map((r) => [r[0], r]));
    for (const code of codes(1, 33)) expect(byCode[code], `${code} is in the current list`).toBeTruthy();
    expect(byCode.A17[1]).toMatch(/^协助巡查报告市容环境卫生问题 /);
    expect(byCode.A17.slice(3)).toEqual(['区城管局', A17_FUNDING]);
    expect(byCode.A01.slice(3)).toEqual(['区民政局', '按低保对象户数每户每年50元拨付社区工作经费；自本年度起标准提高20%']);

    // The history: every published version, the current one marked.
    const history = page.locator('main section.panel', { has: page.getByRole('heading', { name: '历史版本' }) });
    const versions = history.locator('li');
    await expect(versions).toHaveCount(current);
    await expect(versions.first()).toContainText(`版本 ${current} · 现行 · `);
    await expect(history.getByRole('link', { name: `版本 ${current}`, exact: true })).toHaveAttribute('aria-current', 'page');
    await expect(versions.last()).toHaveText(/^版本 1 · 已被替代 · \d{4}-\d\d-\d\d \d\d:\d\d 首次公布$/);
    await expect(versions.nth(current - 2)).toContainText('年度调整：新增两项，提高一项经费标准');

    // The first version, as it was.
    await history.getByRole('link', { name: '版本 1', exact: true }).click();
    await expect(page).toHaveURL(/\/lists\/assistance\/v\/1$/);
    await expect(heading).toHaveText('协助政府工作事项 · 版本 1（已被替代）');
    await expect(history.getByRole('link', { name: '版本 1', exact: true })).toHaveAttribute('aria-current', 'page');
    const v1 = await tableRows(table);
    expect(v1.map((r) => r[0]).sort()).toEqual(codes(1, 31));
    expect(v1.find((r) => r[0] === 'A01')[4]).toBe('按低保对象户数每户每年50元拨付社区工作经费');

    await page.goto('/lists/assistance/v/2');
    await expect(heading).toHaveText(/^协助政府工作事项 · 版本 2（(现行|已被替代)）$/);
    expect((await tableRows(table)).map((r) => r[0]).sort()).toEqual(codes(1, 33));

    // The other two lists: duties have no department, affairs no funding.
    await tabs.getByRole('link', { name: '依法履职事项' }).click();
    await expect(page).toHaveURL(/\/lists\/duty$/);
    await expect(heading).toHaveText('依法履职事项 · 版本 1（现行）');
    const duty = page.getByRole('table', { name: '依法履职事项' });
    expect(await tableHeaders(duty)).toEqual(['编号', '事项', '依据']);
    expect((await tableRows(duty)).length).toBe(12);
    await tabs.getByRole('link', { name: '政府行政事务' }).click();
    await expect(page).toHaveURL(/\/lists\/administrative$/);
    const affairs = page.getByRole('table', { name: '政府行政事务' });
    expect(await tableHeaders(affairs)).toEqual(['编号', '事项', '依据', '责任部门']);
    const affairRows = await tableRows(affairs);
    expect(affairRows.length).toBe(17);
    expect(affairRows.find((r) => r[0] === 'G01')[3]).toBe('区城管局');

    // Unknown lists and versions are 404.
    for (const path of ['/lists/nope', '/lists/assistance/v/99', '/lists/assistance/v/x', '/lists/nope/diff?from=1&to=2'])
      expect((await page.request.get(path)).status(), path).toBe(404);

    await page.goto('/lists');
    await expectNoSeriousA11yViolations(page, 'lists');
  });

  test('the difference between two versions: two items added, one funding changed', async ({ page }) => {
    await page.goto('/lists/assistance');
    await page.getByLabel('从版本').fill('1');
    await page.getByLabel('到版本').fill('2');
    await page.getByRole('button', { name: '比较' }).click();
    await expect(page).toHaveURL(/\/lists\/assistance\/diff\?from=1&to=2$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('版本差异');
    await expect(page.locator('main p.lead')).toHaveText('协助政府工作事项：版本 1 → 版本 2');
    const table = page.getByRole('table', { name: '版本差异' });
    expect(await tableHeaders(table)).toEqual(['编号', '变化', '原事项', '新事项', '改动内容']);
    expect(await tableRows(table)).toEqual([
      [
        'A01',
        '修改',
        '协助开展最低生活保障申请入户调查',
        '协助开展最低生活保障申请入户调查',
        '经费（费随事转） 经费（费随事转）：按低保对象户数每户每年50元拨付社区工作经费 → 按低保对象户数每户每年50元拨付社区工作经费；自本年度起标准提高20%',
      ],
      ['A32', '新增', '', '协助开展居家养老服务需求调查', ''],
      ['A33', '新增', '', '协助开展无偿献血和红十字宣传', ''],
    ]);
    await expectNoSeriousA11yViolations(page, 'list diff');
    await page.getByRole('link', { name: '返回' }).click();
    await expect(page).toHaveURL(/\/lists\/assistance$/);

    // Backwards: the added items are removed.
    await page.goto('/lists/assistance/diff?from=2&to=1');
    expect((await tableRows(table)).map((r) => r.slice(0, 3))).toEqual([
      ['A01', '修改', '协助开展最低生活保障申请入户调查'],
      ['A32', '删除', '协助开展居家养老服务需求调查'],
      ['A33', '删除', '协助开展无偿献血和红十字宣传'],
    ]);
    // A version against itself.
    await page.goto('/lists/assistance/diff?from=1&to=1');
    await expect(page.locator('main')).toContainText('两个版本没有差异。');
    await expect(page.getByRole('table')).toHaveCount(0);
    // Versions that do not exist.
    for (const q of ['from=1&to=99', 'from=abc&to=2', 'from=1']) {
      const res = await page.goto(`/lists/assistance/diff?${q}`);
      expect(res.status(), q).toBe(400);
      await expect(page.locator('main')).toContainText('请填写两个已公布的版本号。');
    }
  });

  test('an item that is changed keeps its place in the list', async ({ page }) => {
    // Version 2 changed A01's funding: A01 stays first, the list stays in its order.
    await page.goto('/lists/assistance/v/2');
    const v2 = (await tableRows(page.getByRole('table', { name: '协助政府工作事项' }))).map((r) => r[0]);
    expect(v2, 'version 2 lists A01-A33 in order').toEqual(codes(1, 33));
    await page.goto('/lists/assistance/v/1');
    const v1 = (await tableRows(page.getByRole('table', { name: '协助政府工作事项' }))).map((r) => r[0]);
    expect(v1).toEqual(codes(1, 31));
  });

  test('the burden catalogue: dashboard, filters, no editing for the public', async ({ page }) => {
    const res = await page.goto('/burden');
    expect(res.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('社区负担目录');
    await expect(page.getByRole('heading', { name: '减负成效' })).toBeVisible();

    const byKind = await tableRows(page.getByRole('table', { name: '按类别统计' }));
    expect(await tableHeaders(page.getByRole('table', { name: '按类别统计' }))).toEqual(['类别', '保留', '合并', '取消']);
    expect(byKind.map((r) => r[0])).toEqual(['创建达标评比', '台账', '机构牌子', '网络平台', '盖章证明']);
    expect(byKind[0]).toEqual(['创建达标评比', '4', '2', '43']);
    expect(byKind[1]).toEqual(['台账', '5', '3', '67']);
    const sum = (col) => byKind.reduce((s, r) => s + Number(r[col]), 0);
    expect(await counterValue(page.locator('main'), '已取消')).toBe(sum(3));
    expect(await counterValue(page.locator('main'), '已合并')).toBe(sum(2));
    expect(sum(3)).toBeGreaterThanOrEqual(125);

    const byYear = await tableRows(page.getByRole('table', { name: '按年度统计' }));
    expect(byYear.slice(0, 3)).toEqual([
      ['2014', '53', '0', '53'],
      ['2015', '70', '5', '128'],
      ['2016', '2', '0', '130'],
    ]);

    // All entries; the merged ones name what they were merged into.
    const entries = page.getByRole('table', { name: /^条目数 / });
    const total = sum(1) + sum(2) + sum(3);
    await expect(entries.locator('caption')).toHaveText(`条目数 ${total}`);
    expect(await tableHeaders(entries)).toEqual(['编号', '类别', '名称', '设立部门', '状态', '决定日期', '决定文件']);
    const all = await tableRows(entries);
    expect(all.length).toBe(total);
    const e048 = all.find((r) => r[0] === 'E048');
    expect(e048).toEqual(['E048', '创建达标评比', '无毒社区创建评比 → 平安社区创建达标考核', '公安崇安分局派出所', '合并', '2015-11-20', '崇政办发〔2015〕41号']);
    expect(all.find((r) => r[0] === 'L001')).toEqual(['L001', '台账', '计划生育工作台账', '区卫健委', '取消', '2014-09-15', '崇政办发〔2014〕67号']);

    // Filters: kind and status.
    const search = page.getByRole('search');
    await search.getByLabel('类别').selectOption({ label: '台账' });
    await search.getByLabel('状态').selectOption({ label: '取消' });
    await search.getByRole('button', { name: '筛选' }).click();
    await expect(page).toHaveURL(/\/burden\?kind=ledger&status=cancelled$/);
    await expect(entries.locator('caption')).toHaveText('条目数 67');
    const ledgers = await tableRows(entries);
    expect(ledgers.length).toBe(67);
    expect(new Set(ledgers.map((r) => `${r[1]}/${r[4]}`))).toEqual(new Set(['台账/取消']));
    await expect(search.getByLabel('类别')).toHaveValue('ledger');
    await expect(search.getByLabel('状态')).toHaveValue('cancelled');
    // The dashboard stays the whole catalogue's.
    expect(await counterValue(page.locator('main'), '已取消')).toBe(sum(3));

    await page.goto('/burden?kind=evaluation&status=merged');
    expect((await tableRows(entries)).map((r) => r[0])).toEqual(['E048', 'E049']);
    await page.goto('/burden?kind=evaluation&status=cancelled');
    await expect(entries.locator('caption')).toHaveText('条目数 43');
    // An unknown filter value is ignored.
    await page.goto('/burden?kind=bogus&status=whatever');
    await expect(entries.locator('caption')).toHaveText(`条目数 ${total}`);

    // The public reads, but records nothing.
    await expect(page.getByRole('heading', { name: '登记或处理条目' })).toHaveCount(0);
    await expect(page.locator('form[action="/admin/burden"]')).toHaveCount(0);
    const post = await page.request.post('/admin/burden', { form: { kind: 'ledger', code: 'T0', name: 'x', status: 'retained' }, maxRedirects: 0 });
    expect(post.status()).toBe(303);
    expect(post.headers().location).toMatch(/^\/login\?next=/);
    await expect(page.getByRole('link', { name: '导出负担目录（XLSX）' })).toHaveAttribute('href', '/exports/lists/burden-xlsx');
    await expect(page.getByRole('link', { name: '导出负担目录（CSV）' })).toHaveAttribute('href', '/exports/lists/burden-csv');

    await page.goto('/burden');
    await expectNoSeriousA11yViolations(page, 'burden catalogue');
  });
});

// ---- the district administrator ----

test.describe('district_admin', () => {
  test('drafts a new version of the assistance list, edits it and publishes it', async ({ page }) => {
    const added = unique('T');
    const dropped = unique('T');
    const title = `协助开展燃气安全入户宣传 ${added}`;
    const note = `年度调整 ${added}`;
    await login(page, 'district_admin');

    // What is published now.
    await page.goto('/lists/assistance');
    const published = (await tableRows(page.getByRole('table', { name: '协助政府工作事项' }))).map((r) => r[0]);
    const current = Number((await page.locator('main section.panel h2').first().innerText()).match(/版本 (\d+)/)[1]);

    await page.getByRole('navigation', { name: '工作台导航' }).getByRole('link', { name: '编制清单' }).click();
    await expect(page).toHaveURL(/\/admin\/lists\/assistance$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('编制清单');
    await expect(page.getByRole('navigation', { name: '清单类别' }).getByRole('link', { name: '协助政府工作事项' })).toHaveAttribute('aria-current', 'page');
    await expect(page.locator('main')).toContainText('当前没有草稿。新建草稿会复制现行版本的全部事项。');
    await expect(page.getByRole('button', { name: '公布这一版本' })).toHaveCount(0);

    // A new draft copies the current version.
    await page.getByRole('button', { name: '新建草稿' }).click();
    await expect(page.getByRole('status')).toHaveText('已保存。');
    await expect(page.getByRole('heading', { name: `协助政府工作事项 · 草稿 版本 ${current + 1}` })).toBeVisible();
    const draft = page.getByRole('table', { name: '草稿中的事项' });
    expect(await tableHeaders(draft)).toEqual(['编号', '事项', '责任部门', '经费（费随事转）', '操作']);
    expect((await tableRows(draft)).map((r) => r[0])).toEqual(published);
    await expect(page.getByRole('button', { name: '新建草稿' })).toHaveCount(0);
    await expectNoSeriousA11yViolations(page, 'list editor with a draft');
    // A second draft is refused.
    const csrf = await page.locator('input[name=_csrf]').first().inputValue();
    expect((await page.request.post('/admin/lists/assistance/draft', { form: { _csrf: csrf }, maxRedirects: 0 })).status()).toBe(409);

    // An incomplete item is refused with every reason, and what was typed is kept.
    const [bad] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/draft/items') && r.request().method() === 'POST'),
      page.getByRole('button', { name: '保存' }).click(),
    ]);
    expect(bad.status()).toBe(422);
    await expect(page.locator('.error-summary li')).toHaveText([
      '请填写编号（20 个字符以内）',
      '请填写事项名称',
      '协助事项必须写明随任务拨付的经费',
      '请选择责任部门',
    ]);
    await page.getByLabel('编号', { exact: true }).fill(added);
    await page.getByLabel('事项', { exact: true }).fill(title);
    await page.getByLabel('说明', { exact: true }).fill('协助燃气公司入户宣传安全用气常识。');
    await page.getByLabel('依据', { exact: true }).fill('《城镇燃气管理条例》第十七条');
    await page.getByLabel('经费（费随事转）').fill('每年定额4000元，随任务拨付（费随事转）');
    await page.getByRole('button', { name: '保存' }).click();
    await expect(page.locator('.error-summary li')).toHaveText(['请选择责任部门']);
    await expect(page.getByLabel('编号', { exact: true })).toHaveValue(added);
    await expect(page.getByLabel('事项', { exact: true })).toHaveValue(title);
    await expect(page.getByLabel('说明', { exact: true })).toHaveValue('协助燃气公司入户宣传安全用气常识。');
    await expect(page.getByLabel('依据', { exact: true })).toHaveValue('《城镇燃气管理条例》第十七条');
    await expect(page.getByLabel('经费（费随事转）')).toHaveValue('每年定额4000元，随任务拨付（费随事转）');

    // Add it with its department; add a second one; change the first; delete the second.
    await page.getByLabel('责任部门').selectOption({ label: '区城管局' });
    await page.getByRole('button', { name: '保存' }).click();
    await expect(page.getByRole('status')).toHaveText('已保存。');
    await page.getByLabel('编号', { exact: true }).fill(dropped);
    await page.getByLabel('事项', { exact: true }).fill(`临时事项 ${dropped}`);
    await page.getByLabel('责任部门').selectOption({ label: '区住建局' });
    await page.getByLabel('经费（费随事转）').fill('每年定额1000元');
    await page.getByRole('button', { name: '保存' }).click();
    await expect(page.getByRole('status')).toHaveText('已保存。');
    expect((await tableRows(draft)).map((r) => r[0])).toEqual([...published, added, dropped]);

    // Saving the same code again changes the item (every field is saved anew).
    await page.getByLabel('编号', { exact: true }).fill(added);
    await page.getByLabel('事项', { exact: true }).fill(title);
    await page.getByLabel('说明', { exact: true }).fill('协助燃气公司入户宣传安全用气常识，排查老旧小区燃气隐患。');
    await page.getByLabel('依据', { exact: true }).fill('《城镇燃气管理条例》第十七条');
    await page.getByLabel('责任部门').selectOption({ label: '区城管局' });
    await page.getByLabel('经费（费随事转）').fill('每年定额6000元，随任务拨付（费随事转）');
    await page.getByRole('button', { name: '保存' }).click();
    await expect(page.getByRole('status')).toHaveText('已保存。');
    let rows = await tableRows(draft);
    expect(rows.length).toBe(published.length + 2);
    expect(rows.find((r) => r[0] === added)).toEqual([added, title, '区城管局', '每年定额6000元，随任务拨付（费随事转）', `删除 ${added}`]);

    await page.getByRole('button', { name: `删除 ${dropped}` }).click();
    await expect(page.getByRole('status')).toHaveText('已保存。');
    rows = await tableRows(draft);
    expect(rows.map((r) => r[0])).toEqual([...published, added]);

    // The public does not see a draft.
    const anon = await page.context().browser().newContext();
    const anonPage = await anon.newPage();
    await anonPage.goto('/lists/assistance');
    await expect(anonPage.getByRole('table', { name: '协助政府工作事项' })).not.toContainText(added);
    expect((await anonPage.request.get(`/lists/assistance/v/${current + 1}`)).status()).toBe(404);

    // Publish: the list shows the new version, the history the old one.
    await page.getByLabel('公布说明').fill(note);
    await page.getByRole('button', { name: '公布这一版本' }).click();
    await expect(page).toHaveURL(/\/lists\/assistance$/);
    await expect(page.getByRole('status')).toHaveText('已公布新版本。');
    await expect(page.locator('main section.panel h2').first()).toHaveText(`协助政府工作事项 · 版本 ${current + 1}（现行）`);
    const now = await tableRows(page.getByRole('table', { name: '协助政府工作事项' }));
    expect(now.map((r) => r[0])).toEqual([...published, added]);
    expect(now.find((r) => r[0] === added).slice(2)).toEqual(['《城镇燃气管理条例》第十七条', '区城管局', '每年定额6000元，随任务拨付（费随事转）']);
    const history = page.locator('main section.panel', { has: page.getByRole('heading', { name: '历史版本' }) }).locator('li');
    await expect(history).toHaveCount(current + 1);
    await expect(history.first()).toHaveText(new RegExp(`^版本 ${current + 1} · 现行 · \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d ${note}$`));
    await expect(history.nth(1)).toContainText(`版本 ${current} · 已被替代`);

    // The difference to the previous version is the one added item.
    await page.goto(`/lists/assistance/diff?from=${current}&to=${current + 1}`);
    expect(await tableRows(page.getByRole('table', { name: '版本差异' }))).toEqual([[added, '新增', '', title, '']]);
    // And the public sees it too.
    await anonPage.goto('/lists/assistance');
    await expect(anonPage.getByRole('table', { name: '协助政府工作事项' })).toContainText(title);
    await anon.close();

    // The editor has no draft again.
    await page.goto('/admin/lists/assistance');
    await expect(page.getByRole('button', { name: '新建草稿' })).toBeVisible();
    // The duty list's editor asks for neither department nor funding (without starting a draft).
    await page.getByRole('navigation', { name: '清单类别' }).getByRole('link', { name: '依法履职事项' }).click();
    await expect(page).toHaveURL(/\/admin\/lists\/duty$/);
    await expect(page.getByRole('button', { name: '新建草稿' })).toBeVisible();
  });

  test('records burden entries: retained, merged and cancelled, with the decision checks', async ({ page }) => {
    const kept = unique('T');
    const merged = unique('T');
    const cancelled = unique('T');
    await login(page, 'district_admin');
    await page.getByRole('navigation', { name: '工作台导航' }).getByRole('link', { name: '负担目录' }).click();
    await expect(page).toHaveURL(/\/burden$/);
    const main = page.locator('main');
    const signboards = async () => (await tableRows(page.getByRole('table', { name: '按类别统计' }))).find((r) => r[0] === '机构牌子');
    const before = { row: await signboards(), cancelled: await counterValue(main, '已取消'), merged: await counterValue(main, '已合并') };

    const form = page.locator('form[action="/admin/burden"]');
    await expect(page.getByRole('heading', { name: '登记或处理条目' })).toBeVisible();
    async function record(entry) {
      await form.getByLabel('类别').selectOption({ label: entry.kind ?? '机构牌子' });
      await form.getByLabel('编号', { exact: true }).fill(entry.code);
      await form.getByLabel('名称').fill(entry.name);
      await form.getByLabel('状态').selectOption({ label: entry.status });
      await form.getByLabel('并入条目的编号（合并时填写）').fill(entry.into ?? '');
      await form.getByLabel('决定日期').fill(entry.date ?? '');
      await form.getByLabel('决定文件').fill(entry.document ?? '');
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/admin/burden') && r.request().method() === 'POST'),
        form.getByRole('button', { name: '保存' }).click(),
      ]);
      return response;
    }
    const entries = page.getByRole('table', { name: /^条目数 / });
    const row = (code) => entries.locator('tbody tr', { has: page.locator('td:first-child', { hasText: new RegExp(`^${code}$`) }) });

    // A retained entry needs no decision.
    await record({ code: kept, name: `社区${kept}工作站牌子`, status: '保留' });
    await expect(page.getByRole('status')).toHaveText('已保存。');
    await expect(row(kept).locator('td')).toHaveText([kept, '机构牌子', `社区${kept}工作站牌子`, '', '保留', '', '']);

    // Refusals.
    let res = await record({ code: merged, name: '无决定的合并', status: '取消' });
    expect(res.status()).toBe(422);
    await expect(page.locator('.error-summary li')).toHaveText(['合并或取消须写明决定日期和决定文件']);
    res = await record({ code: merged, name: '并入已取消条目', status: '合并', into: 'L001', date: '2026-01-15', document: '崇政办发〔2026〕1号' });
    expect(res.status()).toBe(422);
    await expect(page.locator('.error-summary li')).toHaveText(['请填写一个保留条目的编号作为并入对象']);
    res = await record({ code: merged, name: '并入不存在的条目', status: '合并', into: 'NOPE', date: '2026-01-15', document: '崇政办发〔2026〕1号' });
    await expect(page.locator('.error-summary li')).toHaveText(['请填写一个保留条目的编号作为并入对象']);
    // An existing code records a decision on that entry: its type and name stay.
    res = await record({ code: kept, name: '改名无效', status: '保留', kind: '台账' });
    expect(res.status()).toBe(303);
    await expect(row(kept).locator('td')).toHaveText([kept, '机构牌子', `社区${kept}工作站牌子`, '', '保留', '', '']);
    res = await record({ code: merged, name: '日期格式错误', status: '取消', date: '2026/01/15', document: '崇政办发〔2026〕1号' });
    await expect(page.locator('.error-summary li')).toHaveText(['日期格式为 2026-01-31']);
    await expect(row(merged)).toHaveCount(0);

    // A merge into the retained entry, and a cancellation.
    await record({ code: merged, name: `社区${merged}服务点牌子`, status: '合并', into: kept, date: '2026-01-15', document: '崇政办发〔2026〕1号' });
    await expect(page.getByRole('status')).toHaveText('已保存。');
    await expect(row(merged).locator('td')).toHaveText([
      merged,
      '机构牌子',
      new RegExp(`^社区${merged}服务点牌子\\s*→ 社区${kept}工作站牌子$`),
      '',
      '合并',
      '2026-01-15',
      '崇政办发〔2026〕1号',
    ]);
    await record({ code: cancelled, name: `社区${cancelled}创建牌子`, status: '取消', date: '2026-01-20', document: '崇政办发〔2026〕2号' });
    await expect(page.getByRole('status')).toHaveText('已保存。');
    await expect(row(cancelled).locator('td').nth(4)).toHaveText('取消');

    // The dashboard counts them.
    const [kind, retained, mergedCount, cancelledCount] = await signboards();
    expect([kind, Number(retained), Number(mergedCount), Number(cancelledCount)]).toEqual([
      '机构牌子',
      Number(before.row[1]) + 1,
      Number(before.row[2]) + 1,
      Number(before.row[3]) + 1,
    ]);
    expect(await counterValue(main, '已取消')).toBe(before.cancelled + 1);
    expect(await counterValue(main, '已合并')).toBe(before.merged + 1);
    const year = (await tableRows(page.getByRole('table', { name: '按年度统计' }))).find((r) => r[0] === '2026');
    expect(year, 'a row for the year of the decisions').toBeTruthy();
  });

  test('a refused burden entry keeps what was typed', async ({ page }) => {
    const code = unique('T');
    await signIn(page, 'district_admin');
    await page.goto('/burden');
    const form = page.locator('form[action="/admin/burden"]');
    await form.getByLabel('类别').selectOption({ label: '机构牌子' });
    await form.getByLabel('编号', { exact: true }).fill(code);
    await form.getByLabel('名称').fill('社区示范点牌子');
    await form.getByLabel('状态').selectOption({ label: '取消' });
    await form.getByLabel('决定日期').fill('2026-02-30x');
    await form.getByLabel('决定文件').fill('崇政办发〔2026〕3号');
    await form.getByRole('button', { name: '保存' }).click();
    await expect(page.locator('.error-summary li')).toHaveText(['日期格式为 2026-01-31']);
    await expect(form.getByLabel('类别'), 'kind kept after an error').toHaveValue('signboard');
    await expect(form.getByLabel('编号', { exact: true }), 'code kept after an error').toHaveValue(code);
    await expect(form.getByLabel('名称'), 'name kept after an error').toHaveValue('社区示范点牌子');
    await expect(form.getByLabel('状态'), 'status kept after an error').toHaveValue('cancelled');
    await expect(form.getByLabel('决定日期'), 'date kept after an error').toHaveValue('2026-02-30x');
    await expect(form.getByLabel('决定文件'), 'document kept after an error').toHaveValue('崇政办发〔2026〕3号');
  });
});

// ---- admission control and approval ----

test.describe('work tasks', () => {
  test('department_officer: refusals show why and store nothing', async ({ page, browser }) => {
    const title = `违规下沉任务 ${unique('')}`;
    await login(page, 'department_officer');
    const before = await taskTitles(page);
    const admin = await pageAs(browser, 'district_admin');
    const allBefore = await taskTitles(admin);

    await page.getByRole('link', { name: '申请工作任务下沉' }).click();
    await expect(page).toHaveURL(/\/tasks\/new$/);
    await expect(page.locator('main p.lead')).toHaveText('申请部门： 区城管局');
    // The form offers the published assistance items, with their departments.
    await expect(page.locator('#assistance_code option[value="A17"]')).toHaveText('A17 协助巡查报告市容环境卫生问题（区城管局）');
    await expect(page.locator('#assistance_code option[value=""]')).toHaveText('（未引用协助事项）');
    await expect(page.getByRole('group', { name: '下沉到的社区' }).getByRole('checkbox')).toHaveCount(6);

    // 1. No item cited.
    await fillTask(page, { title, communities: ['广益佳苑社区'] });
    await expectRefusal(page, await submitTask(page), '该任务没有引用任何协助政府工作事项。不在清单内的工作不得下沉社区。');
    // What was typed is kept.
    await expect(page.getByLabel('任务名称')).toHaveValue(title);
    await expect(page.getByLabel('任务内容')).toHaveValue(`${title}：请各社区按要求完成并报告。`);
    await expect(page.getByLabel('完成期限')).toHaveValue(beijingDate(14));
    await expect(page.getByLabel('广益佳苑社区', { exact: true })).toBeChecked();
    await expect(page.getByLabel('广瑞一村社区', { exact: true })).not.toBeChecked();
    await expectNoSeriousA11yViolations(page, 'new task with a refusal');

    // 2. Another department's item (A01 belongs to 区民政局).
    await page.getByLabel('依据的协助事项').selectOption('A01');
    await expectRefusal(page, await submitTask(page), '所引用的协助事项属于其他部门，不能据此下沉本部门的工作。');
    await expect(page.getByLabel('依据的协助事项')).toHaveValue('A01');

    // 3. Its own item, but demanding a ledger the catalogue cancelled (L001).
    await fillTask(page, { title, item: 'A17', communities: ['广益佳苑社区'], burdens: ['L068', 'L001'] });
    await expectRefusal(page, await submitTask(page), '任务要求的台账或评比已在社区负担目录中取消。');
    await expect(page.getByLabel(/^L001 /)).toBeChecked();
    await expect(page.getByLabel(/^L068 /)).toBeChecked();

    // 4. An item that is not in the published list (a stale form).
    await fillTask(page, { title, item: 'A17', communities: ['广益佳苑社区'] });
    await page.locator('#assistance_code option[value="A17"]').evaluate((o) => (o.value = 'A99'));
    await expectRefusal(page, await submitTask(page), '所引用的协助事项不在现行公布的清单中。');

    // Form errors come before admission: a past deadline and no community.
    await fillTask(page, { title, item: 'A17', due: beijingDate(-2) });
    const res = await submitTask(page);
    expect(res.status()).toBe(422);
    await expect(page.locator('.error-summary h2')).toHaveText('请修改以下内容后再提交');
    await expect(page.locator('.error-summary li')).toHaveText(['请填写今天或以后的完成期限', '请选择至少一个社区']);
    await expect(page.getByText('不予准入')).toHaveCount(0);

    // Nothing was stored, for the department or anyone else.
    expect(await taskTitles(page)).toEqual(before);
    expect(await taskTitles(admin)).toEqual(allBefore);
    expect(allBefore).not.toContain(title);
    await admin.context().close();
  });

  test('a task within one street: filed, approved by the street officer, seen by the community', async ({ page, browser }) => {
    const title = `市容环境卫生巡查 ${unique('')}`;
    const elsewhere = `违法建设线索排查 ${unique('')}`;
    const due = beijingDate(0); // today is allowed
    await login(page, 'department_officer');
    const path = await fileTask(page, { title, item: 'A17', due, communities: ['广益佳苑社区', '上马墩社区'], burdens: ['L068'] });
    expect(await facts(page.locator('main'))).toEqual({
      责任部门: '区城管局',
      依据的协助事项: 'A17',
      '经费（费随事转）': A17_FUNDING,
      下沉到的社区: '广益佳苑社区、上马墩社区',
      完成期限: due,
      审批单位: '广益街道',
      状态: '待审批',
    });
    await expect(page.locator('main')).toContainText(`${title}：请各社区按要求完成并报告。`);
    // The department cannot decide on its own task.
    await expect(page.getByRole('heading', { name: '审批' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: '批准准入' })).toHaveCount(0);
    const row = page.locator('main tbody tr', { has: page.getByRole('link', { name: title }) });
    await page.goto('/tasks');
    await expect(row.locator('td')).toHaveText([title, '区城管局', 'A17', '广益佳苑社区、上马墩社区', due, '广益街道', '待审批']);
    // A second task, for a community of the same street but not the worker's.
    const otherPath = await fileTask(page, { title: elsewhere, item: 'A18', communities: ['广瑞一村社区'] });

    // Not yet in the community.
    const worker = await pageAs(browser, 'community_worker');
    await worker.goto('/community/tasks');
    await expect(worker.getByRole('heading', { level: 1 })).toHaveText('下沉到本社区的任务');
    await expect(worker.locator('main')).not.toContainText(title);

    // The street officer is told, sees it listed and approves it.
    const street = await pageAs(browser, 'street_officer');
    await street.goto('/workbench');
    expect(await counterValue(street.locator('main'), '待审批任务')).toBeGreaterThanOrEqual(2);
    await street.goto('/inbox');
    const note = street.locator('main .timeline li', { hasText: `有工作任务待您审批：${title}` });
    await expect(note).toHaveCount(1);
    await expect(note.getByRole('link', { name: '查看' })).toHaveAttribute('href', path);
    await street.getByRole('navigation', { name: '工作台导航' }).getByRole('link', { name: '工作任务' }).click();
    await expect(street.locator('main tbody tr', { has: street.getByRole('link', { name: title }) }).locator('td').last()).toHaveText('待审批');
    await expect(street.getByRole('link', { name: '申请工作任务下沉' })).toHaveCount(0);
    await street.getByRole('link', { name: title }).click();
    await expect(street).toHaveURL(new RegExp(`${path}$`));
    await expect(street.getByRole('heading', { name: '审批' })).toBeVisible();
    await expect(street.getByRole('button', { name: '批准准入' })).toBeVisible();
    await expect(street.getByLabel('不予准入的理由')).toBeVisible();
    await expectNoSeriousA11yViolations(street, 'task detail with the decision panel');
    await street.getByRole('button', { name: '批准准入' }).click();
    await expect(street.getByRole('status')).toHaveText('已批准准入，任务已送达社区。');
    expect((await facts(street.locator('main'))).状态).toBe('已准入');
    await expect(street.getByRole('heading', { name: '审批' })).toHaveCount(0);
    await street.goto(otherPath);
    await street.getByRole('button', { name: '批准准入' }).click();
    await expect(street.getByRole('status')).toHaveText('已批准准入，任务已送达社区。');

    // The department sees the decision.
    await page.goto(path);
    expect((await facts(page.locator('main'))).状态).toBe('已准入');

    // The community gets it with its funding, and is told; the other community's task is not shown.
    await worker.goto('/community/tasks');
    const card = worker.locator('main section.panel', { has: worker.getByRole('heading', { name: title }) });
    await expect(card).toHaveCount(1);
    expect(await facts(card)).toEqual({
      责任部门: '区城管局',
      依据的协助事项: 'A17',
      '经费（费随事转）': A17_FUNDING,
      完成期限: due,
      下沉到的社区: '广益佳苑社区、上马墩社区',
    });
    await expect(worker.locator('main')).not.toContainText(elsewhere);
    await expectNoSeriousA11yViolations(worker, 'community tasks');
    await worker.goto('/inbox');
    await expect(worker.locator('main .timeline li', { hasText: `新的工作任务已准入：${title}（经费：${A17_FUNDING}）` })).toHaveCount(1);
    await expect(worker.locator('main .timeline li', { hasText: elsewhere })).toHaveCount(0);
    // Community staff do not open the department's task pages.
    expect((await worker.request.get(path)).status()).toBe(403);

    // A grid worker of the community sees it too.
    const grid = await pageAs(browser, 'grid_worker');
    await grid.goto('/community/tasks');
    await expect(grid.getByRole('heading', { name: title })).toBeVisible();
    await expect(grid.locator('main')).not.toContainText(elsewhere);
    for (const p of [worker, street, grid]) await p.context().close();
  });

  test('the street officer refuses a task with a reason', async ({ page, browser }) => {
    const title = `门前三包劝导 ${unique('')}`;
    const reason = '任务内容与协助事项不符，请补充经费测算后重新申请。';
    await signIn(page, 'department_officer');
    const path = await fileTask(page, { title, item: 'A20', communities: ['广益佳苑社区'] });

    const street = await pageAs(browser, 'street_officer');
    await street.goto(path);
    // A refusal needs a reason.
    await street.getByRole('button', { name: '不予准入' }).click();
    await expect(street).toHaveURL(new RegExp(`${path}/reject$`));
    await expect(street.getByRole('alert')).toContainText('不予准入的理由');
    expect((await facts(street.locator('main'))).状态).toBe('待审批');
    await street.getByLabel('不予准入的理由').fill(reason);
    await street.getByRole('button', { name: '不予准入' }).click();
    await expect(street.getByRole('status')).toHaveText('已记录不予准入的理由。');
    expect(await facts(street.locator('main'))).toMatchObject({ 状态: '未准入', 审批意见: reason });
    await expect(street.getByRole('heading', { name: '审批' })).toHaveCount(0);

    await page.goto(path);
    expect(await facts(page.locator('main'))).toMatchObject({ 状态: '未准入', 审批意见: reason });
    const worker = await pageAs(browser, 'community_worker');
    await worker.goto('/community/tasks');
    await expect(worker.locator('main')).not.toContainText(title);
    for (const p of [worker, street]) await p.context().close();
  });

  test('a task decided already cannot be decided again', async ({ page, browser }) => {
    const title = `垃圾分类宣传 ${unique('')}`;
    await signIn(page, 'department_officer');
    const path = await fileTask(page, { title, item: 'A19', communities: ['上马墩社区'] });
    const street = await pageAs(browser, 'street_officer');
    const second = await street.context().newPage();
    await street.goto(path);
    await second.goto(path);
    await street.getByRole('button', { name: '批准准入' }).click();
    await expect(street.getByRole('status')).toHaveText('已批准准入，任务已送达社区。');
    const [res] = await Promise.all([
      second.waitForResponse((r) => r.url().endsWith('/approve')),
      second.getByRole('button', { name: '批准准入' }).click(),
    ]);
    expect(res.status()).toBe(409);
    await expect(second.getByRole('heading', { level: 1 })).toHaveText('出错了 409');
    // The message is about this task, not about a resident's registration.
    await expect(second.locator('main'), 'the 409 message fits a task').not.toContainText('注册');
    await street.context().close();
  });

  test('a task across two streets goes to the district; the street officer does not see it', async ({ page, browser }) => {
    const title = `跨街道垃圾分类动员 ${unique('')}`;
    await signIn(page, 'department_officer');
    const path = await fileTask(page, { title, item: 'A19', communities: ['广益佳苑社区', '江海新村社区'] });
    expect(await facts(page.locator('main'))).toMatchObject({
      审批单位: '崇安区',
      下沉到的社区: '广益佳苑社区、江海新村社区',
      '经费（费随事转）': A19_FUNDING,
      状态: '待审批',
    });

    // Not the street officer's to see or decide.
    const street = await pageAs(browser, 'street_officer');
    expect(await taskTitles(street)).not.toContain(title);
    expect((await street.goto(path)).status()).toBe(404);
    const csrf = await street.locator('input[name=_csrf]').first().inputValue();
    expect((await street.request.post(`${path}/approve`, { form: { _csrf: csrf }, maxRedirects: 0 })).status()).toBe(404);

    // The district administrator decides it.
    const admin = await pageAs(browser, 'district_admin');
    await admin.goto('/inbox');
    await expect(admin.locator('main .timeline li', { hasText: `有工作任务待您审批：${title}` })).toHaveCount(1);
    await admin.goto('/tasks');
    await admin.getByRole('link', { name: title }).click();
    await expect(admin.getByRole('heading', { name: '审批' })).toBeVisible();
    await admin.getByRole('button', { name: '批准准入' }).click();
    await expect(admin.getByRole('status')).toHaveText('已批准准入，任务已送达社区。');
    expect((await facts(admin.locator('main'))).状态).toBe('已准入');

    const worker = await pageAs(browser, 'community_worker');
    await worker.goto('/community/tasks');
    await expect(worker.getByRole('heading', { name: title })).toBeVisible();

    // The street officer was not asked to approve what they cannot open.
    await street.goto('/inbox');
    await expect(street.locator('main'), 'no approval request to a street officer for a district task').not.toContainText(title);
    for (const p of [street, admin, worker]) await p.context().close();
  });

  test('who may file, read and decide tasks', async ({ browser }) => {
    const cases = [
      ['street_officer', '/tasks/new', 403],
      ['district_admin', '/tasks/new', 403],
      ['community_worker', '/tasks', 403],
      ['department_officer', '/community/tasks', 403],
      ['department_officer', '/tasks/new', 200],
      ['grid_worker', '/community/tasks', 200],
      ['community_director', '/community/burden-reports', 200],
      ['grid_worker', '/community/burden-reports', 403],
      ['street_officer', '/admin/burden-reports', 403],
    ];
    const pages = {};
    for (const [role, path, status] of cases) {
      pages[role] ??= await pageAs(browser, role);
      expect((await pages[role].request.get(path, { maxRedirects: 0 })).status(), `${role} GET ${path}`).toBe(status);
    }
    // A department officer cannot approve (even their own department's task).
    const officer = pages.department_officer;
    await officer.goto('/tasks/new');
    const csrf = await officer.locator('input[name=_csrf]').first().inputValue();
    expect((await officer.request.post('/tasks/1/approve', { form: { _csrf: csrf }, maxRedirects: 0 })).status()).toBe(403);
    for (const p of Object.values(pages)) await p.context().close();
  });
});

// ---- burden reports ----

test('community_worker reports a burden; the district answers; the worker is told', async ({ page, browser }) => {
  const text = `区城管局要求社区每周报送门店巡查照片台账，不在清单内。${unique('#')}`;
  const answer = `已责成区城管局停止该要求，台账不再报送。${unique('#')}`;
  await login(page, 'community_worker');
  await page.getByRole('navigation', { name: '工作台导航' }).getByRole('link', { name: '负担举报' }).click();
  await expect(page).toHaveURL(/\/community\/burden-reports$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('负担举报');

  // A report needs a description.
  await page.getByLabel('提出要求的部门').selectOption({ label: '区城管局' });
  const [bad] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/community/burden-reports') && r.request().method() === 'POST'),
    page.getByRole('button', { name: '提交举报' }).click(),
  ]);
  expect(bad.status()).toBe(422);
  await expect(page.getByRole('alert')).toHaveText('请填写情况说明（4000 字以内）');

  await page.getByLabel('提出要求的部门').selectOption({ label: '区城管局' });
  await page.getByLabel('情况说明').fill(text);
  await page.getByRole('button', { name: '提交举报' }).click();
  await expect(page.getByRole('status')).toHaveText('举报已提交，区治理办会尽快答复。');
  const mine = page.locator('main section.panel', { hasText: text });
  await expect(mine.getByRole('heading')).toHaveText('广益佳苑社区 · 区城管局');
  await expect(mine.locator('p.meta')).toHaveText(/^\d{4}-\d\d-\d\d \d\d:\d\d · 待答复$/);
  await expectNoSeriousA11yViolations(page, 'burden reports (community)');

  // The community's director sees it as well.
  const director = await pageAs(browser, 'community_director');
  await director.goto('/community/burden-reports');
  await expect(director.locator('main section.panel', { hasText: text })).toHaveCount(1);
  await director.context().close();

  // The district administrator is told and answers.
  const admin = await pageAs(browser, 'district_admin');
  await admin.goto('/workbench');
  const open = await counterValue(admin.locator('main'), '待答复举报');
  expect(open).toBeGreaterThanOrEqual(1);
  await admin.goto('/inbox');
  await expect(admin.locator('main .timeline li', { hasText: '广益佳苑社区提交了一件负担举报' }).first()).toBeVisible();
  await admin.getByRole('navigation', { name: '工作台导航' }).getByRole('link', { name: '举报处理' }).click();
  await expect(admin).toHaveURL(/\/admin\/burden-reports$/);
  await expect(admin.getByRole('heading', { level: 1 })).toHaveText('负担举报处理');
  await expect(admin.getByRole('heading', { name: '我要举报' })).toHaveCount(0);
  const report = admin.locator('main section.panel', { hasText: text });
  await expect(report.getByRole('heading')).toHaveText('广益佳苑社区 · 区城管局');
  await expectNoSeriousA11yViolations(admin, 'burden reports (district)');
  // An empty answer is refused.
  const [empty] = await Promise.all([
    admin.waitForResponse((r) => r.url().endsWith('/answer')),
    report.getByRole('button', { name: '发送答复' }).click(),
  ]);
  expect(empty.status()).toBe(422);
  await expect(admin.getByRole('alert')).toHaveText('请填写答复内容');
  await report.getByLabel('答复：').fill(answer);
  await report.getByRole('button', { name: '发送答复' }).click();
  await expect(admin.getByRole('status')).toHaveText('已保存。');
  await expect(report.locator('p.meta')).toHaveText(/ · 已答复$/);
  await expect(report).toContainText(`答复： ${answer}`);
  await expect(report.getByRole('button', { name: '发送答复' })).toHaveCount(0);
  await admin.goto('/workbench');
  expect(await counterValue(admin.locator('main'), '待答复举报')).toBe(open - 1);
  await admin.context().close();

  // The worker sees the answer and has a notification.
  await page.goto('/community/burden-reports');
  await expect(mine.locator('p.meta')).toHaveText(/ · 已答复$/);
  await expect(mine).toContainText(`答复： ${answer}`);
  await page.getByRole('navigation', { name: '工作台导航' }).getByRole('link', { name: '消息' }).click();
  const note = page.locator('main .timeline li', { hasText: `您的负担举报已答复：${answer}` });
  await expect(note).toHaveCount(1);
  await expect(note.getByRole('link', { name: '查看' })).toHaveAttribute('href', '/community/burden-reports');
});

// ---- exports ----

test('exports: the lists and the burden catalogue as XLSX and CSV, for any signed-in user', async ({ page }) => {
  // Signed out, the exports send to the login page.
  const anon = await page.request.get('/exports/lists/lists-xlsx', { maxRedirects: 0 });
  expect(anon.status()).toBe(303);
  expect(anon.headers().location).toMatch(/^\/login\?next=/);

  await signIn(page, 'resident');
  const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  const HEADER = ['编号', '事项', '说明', '依据', '责任部门', '经费（费随事转）'];

  // What the pages show, read at the same moment.
  await page.goto('/lists/assistance');
  await expect(page.getByRole('link', { name: '导出清单（XLSX）' })).toHaveAttribute('href', '/exports/lists/lists-xlsx');
  await expect(page.getByRole('link', { name: '导出协助事项（CSV）' })).toHaveAttribute('href', '/exports/lists/assistance-csv');
  const shown = await tableRows(page.getByRole('table', { name: '协助政府工作事项' }));

  // The lists workbook: one sheet per list.
  const lists = await xlsxSheets(await download(page, '/exports/lists/lists-xlsx', { type: XLSX, filename: 'silian-lists.xlsx' }));
  expect(lists.map((s) => s.name)).toEqual(['社区依法履职事项', '社区协助政府工作事项', '政府行政事务']);
  for (const s of lists) expect(s.rows[0], `${s.name} header`).toEqual(HEADER);
  const [duty, assistance, affairs] = lists.map((s) => s.rows.slice(1));
  expect(duty.length).toBe(12);
  expect(affairs.length).toBe(17);
  expect(assistance.length, 'as many assistance rows as the page shows').toBe(shown.length);
  expect(assistance.map((r) => r[0])).toEqual(shown.map((r) => r[0]));
  const a17 = assistance.find((r) => r[0] === 'A17');
  expect([a17[1], a17[4], a17[5]]).toEqual(['协助巡查报告市容环境卫生问题', '区城管局', A17_FUNDING]);
  expect(assistance.find((r) => r[0] === 'A18')[5]).toBe(A18_FUNDING);
  // Every row as the page shows it: title and description, basis, department, funding.
  for (const [i, r] of assistance.entries()) {
    expect([r[0], `${r[1]} ${r[2]}`.trim(), r[3], r[4], r[5]], `row ${r[0]}`).toEqual(shown[i]);
  }
  expect(duty.every((r) => r[4] === '' && r[5] === ''), 'duties have no department or funding').toBe(true);

  // The assistance CSV holds the same rows as the sheet.
  const csv = csvRows(await download(page, '/exports/lists/assistance-csv', { type: 'text/csv', filename: 'silian-assistance-items.csv' }));
  expect(csv[0]).toEqual(HEADER);
  expect(csv.slice(1)).toEqual(assistance);

  // The burden workbook: one sheet, every entry of the catalogue.
  await page.goto('/burden');
  const entries = await tableRows(page.getByRole('table', { name: /^条目数 / }));
  const burden = await xlsxSheets(await download(page, '/exports/lists/burden-xlsx', { type: XLSX, filename: 'silian-burden-catalogue.xlsx' }));
  expect(burden.map((s) => s.name)).toEqual(['社区负担目录']);
  const [header, ...rows] = burden[0].rows;
  expect(header).toEqual(['编号', '类别', '名称', '设立部门', '处理', '并入', '决定日期', '决定文件']);
  expect(rows.length).toBe(entries.length);
  expect(rows.map((r) => [r[0], r[1], r[4]])).toEqual(entries.map((r) => [r[0], r[1], r[4]]));
  // The demo's entries: 125 cancelled (110 of them 创建达标评比 and 台账), 5 merged.
  const demo = rows.filter((r) => DEMO_BURDEN_CODE.test(r[0]));
  expect(demo.length).toBe(144);
  const cancelled = demo.filter((r) => r[4] === '取消');
  expect(cancelled.length).toBe(125);
  expect(cancelled.filter((r) => r[1] === '创建达标评比' || r[1] === '台账').length).toBe(110);
  expect(cancelled.filter((r) => r[1] === '创建达标评比').length).toBe(43);
  expect(cancelled.filter((r) => r[1] === '台账').length).toBe(67);
  const merged = demo.filter((r) => r[4] === '合并');
  expect(merged.map((r) => [r[0], r[5]])).toEqual([
    ['E048', '平安社区创建达标考核'],
    ['E049', '健康社区创建评比'],
    ['L073', '社区综合安全台账'],
    ['L074', '社区综合安全台账'],
    ['L075', '社区综合安全台账'],
  ]);
  expect(demo.filter((r) => r[4] === '保留').length).toBe(14);
  expect(rows.find((r) => r[0] === 'L001')).toEqual(['L001', '台账', '计划生育工作台账', '区卫健委', '取消', '', '2014-09-15', '崇政办发〔2014〕67号']);
  // The dashboard and the file agree.
  expect(rows.filter((r) => r[4] === '取消').length).toBe(await counterValue(page.locator('main'), '已取消'));
  expect(rows.filter((r) => r[4] === '合并').length).toBe(await counterValue(page.locator('main'), '已合并'));

  const burdenCsv = csvRows(await download(page, '/exports/lists/burden-csv', { type: 'text/csv', filename: 'silian-burden-catalogue.csv' }));
  expect(burdenCsv[0]).toEqual(header);
  expect(burdenCsv.slice(1)).toEqual(rows);
});
