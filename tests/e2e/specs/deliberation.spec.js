// Deliberation (协商议事), C4 first part: topics (议题) and where they come from — a resident's
// proposal gathering one co-signature per household, an appeal that is the community's own
// matter taken to the council, a topic raised by the council or the street — and the
// councils kept by the community's director; the public list and pages; axe on the pages.
//
// Demo (src/modules/deliberation/seed/demo_seed.cpp): 广益佳苑社区 has a consultation council
// (threshold 5 households; members 李秀英 = community_director and 陈建国 = council_member have
// accounts) and a supervisory committee; a topic from each source: topic 1 from the
// community-matter appeal 小区停车位不够 and topic 2 raised by the council, both on the agenda
// of the noticed meeting 2026年第4次议事协商会 a week ahead (待会议表决), topic 3 the demo
// resident's proposal (征集联署中), and topic 4 楼道照明改造, a matter settled last spring
// (已验收公开, three entries on the public record). The demo appeals
// (src/modules/appeals/seed/demo_seed.cpp) of 广益佳苑社区 with a community route are
// 小区停车位不够 (公共事务, topic 1), 楼上卫生间漏水 and 楼道堆放杂物 (邻里纠纷; the latter is
// left for deliberation_flow.spec.js, on a server of its own). Tests that change the
// council restore it.
import { test, expect, signIn, registerResident, unique, expectNoSeriousA11yViolations } from '../support/fixtures.js';
import { pageAs, facts, tableRows } from '../support/lists.js';

const COMMUNITY = '广益佳苑社区';
const THRESHOLD = 5; // the demo council's households needed to put a proposal on the list

// ---- helpers ----

// The co-signing panel's "n / m".
const progress = (page) => page.locator('section.panel', { has: page.getByRole('heading', { name: '居民联署' }) }).locator('strong');
// The topic's own text (the first panel), not a comment's.
const topicBody = (page) => page.locator('main section.panel').first().locator('p.prewrap');
const cosignButton = (page) => page.getByRole('button', { name: '我家联署' });
const flash = (page, text) => page.getByRole('status').filter({ hasText: text });

// Fills /deliberation/propose as the signed-in resident and submits it.
async function fillProposal(page, title, body) {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('我要提议');
  await page.getByLabel('议题名称').fill(title);
  await page.getByLabel('议题内容').fill(body);
  const [response] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/deliberation/propose' && r.request().method() === 'POST'),
    page.getByRole('button', { name: '提交议题' }).click(),
  ]);
  return response;
}

// Proposes a topic as the signed-in resident; returns its id. The page ends on the topic.
async function propose(page, title, body) {
  await page.goto('/deliberation/propose');
  await fillProposal(page, title, body);
  await expect(page).toHaveURL(/\/deliberation\/topics\/\d+$/);
  await expect(flash(page, '议题已提交，您家已作为第一户联署。')).toBeVisible();
  return Number(page.url().match(/\/topics\/(\d+)$/)[1]);
}

// The rows of the public list, filtered by the query string.
async function listRows(page, query = '') {
  await page.goto(`/deliberation${query}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('协商议题');
  if (await page.getByText('暂无议题。').count()) return [];
  return tableRows(page.getByRole('table', { name: '协商议题' }));
}

// Registers a resident of 广益佳苑社区 at an address of their own (so a new household), and has
// the community worker verify them. Returns what was registered.
async function verifiedResidentOfNewHousehold(browser, display_name) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const me = await registerResident(page, {
    display_name,
    address: `广益路${100 + (Date.now() % 90000)}号2单元301室`,
  });
  await expect(page).toHaveURL(/\/login$/);
  await ctx.close();

  const worker = await pageAs(browser, 'community_worker');
  await worker.goto('/community/registrations');
  const card = worker.locator('section.registration', { has: worker.getByRole('heading', { name: display_name }) });
  await expect(card).toHaveCount(1);
  await expect(card).toContainText('该住址尚无家庭户，核实后将新建家庭户。');
  await card.getByRole('button', { name: '核实通过' }).click();
  await expect(worker.getByRole('status')).toHaveText('已核实，居民已加入家庭户。');
  await worker.context().close();
  return me;
}

// ---- a resident's proposal ----

test('the demo resident proposes a topic from the topics page; it collects co-signatures with the household as the first', async ({ page }) => {
  const title = `楼道照明改造 ${unique('t')}`;
  const body = '3号楼楼道声控灯损坏较多，晚上老人上下楼不安全，建议统一更换为感应灯。';
  await signIn(page, 'resident');
  const before = await listRows(page, '?source=proposal');

  // The public list offers the resident the proposal form (not the council's).
  await page.goto('/deliberation');
  await expect(page.getByRole('link', { name: '提出议题' })).toHaveCount(0);
  await page.getByRole('link', { name: '我要提议' }).click();
  await expect(page).toHaveURL(/\/deliberation\/propose$/);
  await expect(page.locator('main .hint')).toHaveText(`列入议事所需联署户数： ${THRESHOLD}`);
  await fillProposal(page, title, body);

  await expect(page).toHaveURL(/\/deliberation\/topics\/\d+$/);
  const id = Number(page.url().match(/\/topics\/(\d+)$/)[1]);
  await expect(flash(page, '议题已提交，您家已作为第一户联署。')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  expect(await facts(page.locator('main'))).toEqual({ 所在社区: COMMUNITY, 来源: '居民提议', 状态: '征集联署中' });
  await expect(topicBody(page)).toHaveText(body);
  await expect(progress(page)).toHaveText(`1 / ${THRESHOLD}`);
  await expect(page.locator('main meter')).toHaveAttribute('value', '1');
  await expect(page.locator('main meter')).toHaveAttribute('max', String(THRESHOLD));
  // The household has signed: no button, a plain statement.
  await expect(page.getByText('您家已联署此议题。', { exact: true })).toBeVisible();
  await expect(cosignButton(page)).toHaveCount(0);
  // One household is far from a fifth of the community's 200: no residents' meeting yet.
  await expect(page.getByText('依法应召集居民会议讨论')).toHaveCount(0);
  await expect(page.locator('main ol.timeline li')).toHaveText([/^\d{4}-\d\d-\d\d \d\d:\d\d 居民提出议题$/]);

  // On the public list, with its progress; exactly one more proposal.
  const after = await listRows(page, '?source=proposal');
  expect(after.length).toBe(before.length + 1);
  const row = after.find((r) => r[0] === title);
  expect(row).toEqual([title, COMMUNITY, '居民提议', `征集联署中 ${1} / ${THRESHOLD}`, expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d$/)]);
  await page.getByRole('link', { name: title }).click();
  await expect(page).toHaveURL(new RegExp(`/deliberation/topics/${id}$`));

  // Posting a co-signature for its own topic again is refused: one per household.
  const csrf = await page.locator('input[name=_csrf]').first().inputValue();
  const again = await page.request.post(`/deliberation/topics/${id}/cosign`, { form: { _csrf: csrf } });
  expect(again.status()).toBe(409);
  expect(await again.text()).toContain('您家已联署过此议题，每户限一次。');
  await page.reload();
  await expect(progress(page)).toHaveText(`1 / ${THRESHOLD}`);
});

test('a proposal without a title shows the error summary, keeps the text and stores nothing', async ({ page }) => {
  await signIn(page, 'resident');
  const before = await listRows(page);
  const body = `小区北门人行道地砖松动，雨天踩上去溅水 ${unique('b')}`;

  // An empty title (past the browser's own `required` check) reaches the server's.
  await page.goto('/deliberation/propose');
  await page.locator('main form.form').evaluate((f) => f.setAttribute('novalidate', ''));
  const response = await fillProposal(page, '', body);
  expect(response.status()).toBe(422);
  await expect(page).toHaveURL(/\/deliberation\/propose$/);
  const summary = page.locator('.error-summary');
  await expect(summary).toHaveAttribute('role', 'alert');
  await expect(summary.getByRole('heading')).toHaveText('请修改以下内容后再提交');
  await expect(summary).toContainText('请填写议题名称（不超过120字）。');
  await expect(summary).toContainText('尚未保存，请修改后重试。');
  await expect(page.getByLabel('议题内容')).toHaveValue(body);
  await expect(page.getByLabel('议题名称')).toHaveValue('');
  await expectNoSeriousA11yViolations(page, 'propose form with errors');

  // Only spaces is no title either (the browser lets it through).
  await page.locator('main form.form').evaluate((f) => f.removeAttribute('novalidate'));
  expect((await fillProposal(page, '   ', body)).status()).toBe(422);
  await expect(summary).toContainText('请填写议题名称（不超过120字）。');
  await expect(page.getByLabel('议题内容')).toHaveValue(body);

  // A title without a body is refused too.
  await page.locator('main form.form').evaluate((f) => f.setAttribute('novalidate', ''));
  expect((await fillProposal(page, '人行道地砖修补', '')).status()).toBe(422);
  await expect(summary).toContainText('请填写议题内容（不超过4000字）。');
  await expect(page.getByLabel('议题名称')).toHaveValue('人行道地砖修补');

  // Nothing was created.
  expect(await listRows(page)).toEqual(before);
});

test('a second household co-signs: a newly registered and verified resident signs once, progress 2 / 5', async ({ browser }) => {
  test.setTimeout(60_000);
  const title = `增设楼道扶手 ${unique('t')}`;
  const proposer = await pageAs(browser, 'resident');
  const id = await propose(proposer, title, '老年住户多，建议在1至3号楼楼道加装扶手，方便老人上下楼。');
  await expect(progress(proposer)).toHaveText(`1 / ${THRESHOLD}`);

  // A resident of another household: only after registering and being verified.
  const me = await verifiedResidentOfNewHousehold(browser, '沈佳怡');
  const ctx = await browser.newContext();
  const neighbour = await ctx.newPage();
  await signIn(neighbour, me.username, me.password);
  await neighbour.goto(`/deliberation/topics/${id}`);
  await expect(neighbour.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(progress(neighbour)).toHaveText(`1 / ${THRESHOLD}`);
  await expect(neighbour.getByText('您家已联署此议题。')).toHaveCount(0);
  await expect(cosignButton(neighbour)).toBeVisible();
  await expectNoSeriousA11yViolations(neighbour, 'topic page (collecting, with co-sign button)');

  await cosignButton(neighbour).click();
  await expect(neighbour).toHaveURL(new RegExp(`/deliberation/topics/${id}$`));
  await expect(flash(neighbour, '联署成功，感谢参与。')).toBeVisible();
  await expect(progress(neighbour)).toHaveText(`2 / ${THRESHOLD}`);
  await expect(neighbour.locator('main meter')).toHaveAttribute('value', '2');
  await expect(cosignButton(neighbour)).toHaveCount(0);
  await expect(neighbour.getByText('您家已联署此议题。', { exact: true })).toBeVisible();
  // Still collecting: 2 of 5.
  expect((await facts(neighbour.locator('main'))).状态).toBe('征集联署中');
  const steps = (await neighbour.locator('main ol.timeline li').allInnerTexts()).map((t) => t.replace(/^\S+ \S+ /, ''));
  expect(steps).toEqual(['居民提出议题', '一户居民联署']);

  // Signing twice is refused and changes nothing.
  const csrf = await neighbour.locator('input[name=_csrf]').first().inputValue();
  const twice = await neighbour.request.post(`/deliberation/topics/${id}/cosign`, { form: { _csrf: csrf } });
  expect(twice.status()).toBe(409);
  expect(await twice.text()).toContain('您家已联署过此议题，每户限一次。');

  // The proposer and the public list see the same count.
  await proposer.reload();
  await expect(progress(proposer)).toHaveText(`2 / ${THRESHOLD}`);
  const row = (await listRows(proposer, '?status=collecting')).find((r) => r[0] === title);
  expect(row?.[3]).toBe(`征集联署中 2 / ${THRESHOLD}`);

  // Staff cannot co-sign (they have no household to sign for).
  const worker = await pageAs(browser, 'community_worker');
  await worker.goto(`/deliberation/topics/${id}`);
  await expect(cosignButton(worker)).toHaveCount(0);
  const workerCsrf = await worker.locator('input[name=_csrf]').first().inputValue();
  expect((await worker.request.post(`/deliberation/topics/${id}/cosign`, { form: { _csrf: workerCsrf } })).status()).toBe(403);
  await proposer.goto(`/deliberation/topics/${id}`);
  await expect(progress(proposer)).toHaveText(`2 / ${THRESHOLD}`);

  for (const p of [proposer, worker]) await p.context().close();
  await ctx.close();
});

// ---- an appeal taken to the council ----

test('the community worker takes a community-matter appeal to the council; the link leads to the same topic afterwards', async ({ browser }) => {
  test.setTimeout(60_000);
  const worker = await pageAs(browser, 'community_worker');

  // Find the demo's 邻里纠纷 appeal about the leaking bathroom on the appeals list, filtered
  // to the community and the category.
  await worker.goto('/appeals');
  const search = worker.getByRole('search');
  const place = await search.locator('#place option', { hasText: COMMUNITY }).getAttribute('value');
  await search.locator('#place').selectOption(place);
  await search.locator('#category').selectOption({ label: '邻里纠纷' });
  await search.getByRole('button', { name: '查询' }).click();
  await expect(worker).toHaveURL(/[?&]place=\d+/);
  const rows = worker.locator('main tbody tr');
  await expect(rows.first()).toBeVisible();
  for (const r of await tableRows(worker.locator('main table'))) expect(r[1]).toBe('邻里纠纷');
  const row = rows.filter({ hasText: '漏水' });
  await expect(row).toHaveCount(1);
  const no = (await row.locator('td').first().innerText()).trim();
  await row.getByRole('link', { name: no }).click();
  await expect(worker).toHaveURL(/\/appeals\/\d+$/);
  const appealId = Number(worker.url().match(/\/appeals\/(\d+)$/)[1]);
  await expect(worker.locator('main')).toContainText('社区自治事项，可转为协商议题');

  await worker.getByRole('link', { name: '诉求转为协商议题' }).click();
  await expect(worker).toHaveURL(new RegExp(`/deliberation/from-appeal/${appealId}$`));
  await expect(worker.getByRole('heading', { level: 1 })).toHaveText('诉求转为协商议题');
  await expect(worker.getByRole('heading', { name: `来源诉求 ${no}` })).toBeVisible();
  await expect(worker.locator('main')).toContainText('楼上卫生间漏水到我家天花板，协商多次没有结果。');
  // The topic takes the appeal's words; there is no body to write.
  await expect(worker.getByLabel('议题内容')).toHaveCount(0);
  await expectNoSeriousA11yViolations(worker, 'from-appeal form');

  // A blank title is refused and nothing is made of the appeal yet.
  await worker.getByLabel('议题名称').fill('  ');
  await worker.getByRole('button', { name: '提交议题' }).click();
  await expect(worker.locator('.error-summary')).toContainText('请填写议题名称（不超过120字）。');
  await expect(worker).toHaveURL(new RegExp(`/deliberation/from-appeal/${appealId}$`));
  await expect(worker.getByRole('heading', { name: `来源诉求 ${no}` })).toBeVisible();

  const title = `楼上漏水邻里协商 ${unique('t')}`;
  await worker.getByLabel('议题名称').fill(title);
  await worker.getByRole('button', { name: '提交议题' }).click();
  await expect(worker).toHaveURL(/\/deliberation\/topics\/\d+$/);
  const topicId = Number(worker.url().match(/\/topics\/(\d+)$/)[1]);
  await expect(flash(worker, '议题已提出，已通知议事会成员。')).toBeVisible();
  await expect(worker.getByRole('heading', { level: 1 })).toHaveText(title);
  expect(await facts(worker.locator('main'))).toEqual({ 所在社区: COMMUNITY, 来源: `居民诉求 (${no})`, 状态: '已列入议事' });
  // Staff get a link back into the appeal.
  await expect(worker.locator('main dl.facts').getByRole('link', { name: no })).toHaveAttribute('href', `/appeals/${appealId}`);
  await expect(topicBody(worker)).toHaveText('楼上卫生间漏水到我家天花板，协商多次没有结果。');
  // Not a proposal: no co-signing.
  await expect(worker.getByRole('heading', { name: '居民联署' })).toHaveCount(0);
  await expect(worker.locator('main ol.timeline li')).toHaveText([new RegExp(`由居民诉求 ${no} 转为议题 · 社工 张丽华$`)]);

  // The link on the appeal now leads to that topic, not to a second one.
  await worker.goto(`/appeals/${appealId}`);
  await worker.getByRole('link', { name: '诉求转为协商议题' }).click();
  await expect(worker).toHaveURL(new RegExp(`/deliberation/topics/${topicId}$`));
  await expect(worker.getByRole('heading', { level: 1 })).toHaveText(title);
  // Posting the form again is refused.
  const csrf = await worker.locator('input[name=_csrf]').first().inputValue();
  const again = await worker.request.post(`/deliberation/from-appeal/${appealId}`, { form: { _csrf: csrf, title: '重复' } });
  expect(again.status()).toBe(409);
  expect(await again.text()).toContain('该诉求已转为议题。');
  expect((await listRows(worker, '?source=appeal')).filter((r) => r[0] === title || r[0] === '重复').map((r) => r[0])).toEqual([title]);

  // The council's members with accounts are told: the director's inbox.
  const director = await pageAs(browser, 'community_director');
  await director.goto('/inbox');
  const note = director.locator('main .timeline li', { hasText: `新议题列入议事：${title}` });
  await expect(note).toHaveCount(1);
  await expect(note.getByRole('link', { name: '查看' })).toHaveAttribute('href', `/deliberation/topics/${topicId}`);

  // The public sees the appeal's number, without a link and without the resident's address.
  const visitor = await browser.newContext();
  const anon = await visitor.newPage();
  await anon.goto(`/deliberation/topics/${topicId}`);
  expect((await facts(anon.locator('main'))).来源).toBe(`居民诉求 (${no})`);
  await expect(anon.locator('main a[href^="/appeals/"]')).toHaveCount(0);
  await expect(anon.locator('main')).not.toContainText('广益路1号2单元');
  await expect(anon.locator('main')).not.toContainText('王建国');
  // The timeline names no staff for the public.
  await expect(anon.locator('main ol.timeline li')).toHaveText([new RegExp(`由居民诉求 ${no} 转为议题$`)]);

  await visitor.close();
  for (const p of [worker, director]) await p.context().close();
});

test('an appeal that is not the community\'s own matter has no link and cannot become a topic', async ({ page }) => {
  await signIn(page, 'community_worker');
  // The demo's 垃圾清运 appeal of 广益佳苑社区 goes to a department.
  await page.goto(`/appeals?q=${encodeURIComponent('垃圾桶满了')}`);
  const row = page.locator('main tbody tr').filter({ hasText: '垃圾桶满了' });
  await expect(row).toHaveCount(1);
  const no = (await row.locator('td').first().innerText()).trim();
  await row.getByRole('link', { name: no }).click();
  const appealId = Number(page.url().match(/\/appeals\/(\d+)$/)[1]);
  await expect(page.getByRole('link', { name: '诉求转为协商议题' })).toHaveCount(0);
  await expect(page.locator('main')).not.toContainText('社区自治事项，可转为协商议题');
  // Typed by hand, the page says so and offers no form; posting one anyway is refused.
  await page.goto(`/deliberation/from-appeal/${appealId}`);
  await expect(page.locator('main')).toContainText('该诉求不属于社区自治事项，不能转为协商议题。');
  await expect(page.getByLabel('议题名称')).toHaveCount(0);
  await expect(page.getByRole('button', { name: '提交议题' })).toHaveCount(0);
  const csrf = await page.locator('input[name=_csrf]').first().inputValue();
  const response = await page.request.post(`/deliberation/from-appeal/${appealId}`, { form: { _csrf: csrf, title: '垃圾清运' } });
  expect(response.status()).toBe(409);
  expect(await response.text()).toContain('该诉求不属于社区自治事项，不能转为协商议题。');
  expect((await listRows(page, '?source=appeal')).map((r) => r[0])).not.toContain('垃圾清运');
});

// ---- the council and the street ----

test('a council member raises a topic (议事会提出); the street raises one too (街道提出)', async ({ browser }) => {
  const member = await pageAs(browser, 'council_member');
  await member.goto('/deliberation');
  await expect(member.getByRole('link', { name: '我要提议' })).toHaveCount(0);
  await member.getByRole('link', { name: '提出议题' }).click();
  await expect(member).toHaveURL(/\/deliberation\/raise$/);
  await expect(member.getByRole('heading', { level: 1 })).toHaveText('提出议题');
  // The council member acts for their own community only.
  await expect(member.getByLabel('所在社区').locator('option')).toHaveText([COMMUNITY]);
  await expectNoSeriousA11yViolations(member, 'raise form');

  // An empty body is refused; what was typed is kept.
  const title = `小区宠物管理公约 ${unique('t')}`;
  await member.locator('main form.form').evaluate((f) => f.setAttribute('novalidate', ''));
  await member.getByLabel('议题名称').fill(title);
  await member.getByRole('button', { name: '提交议题' }).click();
  await expect(member.locator('.error-summary')).toContainText('请填写议题内容（不超过4000字）。');
  await expect(member.getByLabel('议题名称')).toHaveValue(title);
  await expect(member.getByLabel('所在社区')).toHaveValue(await member.getByLabel('所在社区').locator('option').first().getAttribute('value'));

  const body = '近期多起犬只伤人和随地便溺投诉，建议议事会协商制定文明养宠公约。';
  await member.getByLabel('议题内容').fill(body);
  await member.getByRole('button', { name: '提交议题' }).click();
  await expect(member).toHaveURL(/\/deliberation\/topics\/\d+$/);
  await expect(flash(member, '议题已提出，已通知议事会成员。')).toBeVisible();
  await expect(member.getByRole('heading', { level: 1 })).toHaveText(title);
  expect(await facts(member.locator('main'))).toEqual({ 所在社区: COMMUNITY, 来源: '议事会提出', 状态: '已列入议事' });
  await expect(topicBody(member)).toHaveText(body);
  await expect(member.locator('main ol.timeline li')).toHaveText([/ 议事会提出议题 · 议事会成员 陈建国$/]);
  const row = (await listRows(member, '?source=council')).find((r) => r[0] === title);
  expect(row?.slice(0, 4)).toEqual([title, COMMUNITY, '议事会提出', '已列入议事']);

  // The street officer picks one of the street's communities; the topic is the street's.
  const street = await pageAs(browser, 'street_officer');
  await street.goto('/deliberation/raise');
  const options = await street.getByLabel('所在社区').locator('option').allInnerTexts();
  expect(options).toContain(COMMUNITY);
  expect(options.length).toBeGreaterThan(1);
  const streetTitle = `背街小巷停车整治 ${unique('t')}`;
  await street.getByLabel('所在社区').selectOption({ label: COMMUNITY });
  await street.getByLabel('议题名称').fill(streetTitle);
  await street.getByLabel('议题内容').fill('广益路沿线背街小巷乱停车严重，需街道与社区协商划线停车方案。');
  await street.getByRole('button', { name: '提交议题' }).click();
  await expect(street).toHaveURL(/\/deliberation\/topics\/\d+$/);
  expect(await facts(street.locator('main'))).toEqual({ 所在社区: COMMUNITY, 来源: '街道提出', 状态: '已列入议事' });

  // Residents cannot raise; a resident's proposal is the way.
  const resident = await pageAs(browser, 'resident');
  expect((await resident.request.get('/deliberation/raise')).status()).toBe(403);
  for (const p of [member, street, resident]) await p.context().close();
});

test('the community director edits the council: threshold, a member added and removed, an invalid term refused', async ({ page }) => {
  test.setTimeout(60_000);
  await signIn(page, 'community_director');
  await page.goto('/workbench');
  await page.getByRole('navigation', { name: '工作台导航' }).getByRole('link', { name: '议事会与监委会' }).click();
  await expect(page).toHaveURL(/\/deliberation\/councils$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('议事会与监委会');
  await expect(page.getByLabel('所在社区')).toHaveValue(/\d+/);
  await expect(page.getByLabel('所在社区').locator('option:checked')).toHaveText(COMMUNITY);
  await expectNoSeriousA11yViolations(page, 'councils page');

  const council = page.locator('section.panel', { has: page.getByRole('heading', { name: '协商议事委员会', exact: true }) });
  const supervisory = page.locator('section.panel', { has: page.getByRole('heading', { name: '社区事务监督委员会', exact: true }) });
  await expect(council.getByLabel('居民提议所需联署户数')).toHaveValue(String(THRESHOLD));
  // The supervisory committee has no threshold.
  await expect(supervisory.getByLabel('居民提议所需联署户数')).toHaveCount(0);
  const members = (section) => section.locator('tbody tr');
  // Column 0 is the member's number (used for written ballots), column 1 the name.
  const names = async (section) => (await tableRows(section.locator('table'))).map((r) => r[1]);
  expect(await names(council)).toEqual(['李秀英', '陈建国', '赵美华', '周德明']);
  expect(await names(supervisory)).toEqual(['杨静', '孙桂兰']);

  try {
    // The threshold: 6 households; a resident's proposal form then says so.
    await council.getByLabel('居民提议所需联署户数').fill('6');
    await council.getByRole('button', { name: '保存' }).click();
    await expect(page).toHaveURL(/\/deliberation\/councils\?community=\d+$/);
    await expect(flash(page, '已保存。')).toBeVisible();
    await expect(council.getByLabel('居民提议所需联署户数')).toHaveValue('6');
    const resident = await pageAs(page.context().browser(), 'resident');
    await resident.goto('/deliberation/propose');
    await expect(resident.locator('main .hint')).toHaveText('列入议事所需联署户数： 6');
    await resident.context().close();

    // The supervisory committee saves without a threshold.
    await supervisory.getByLabel('名称').fill('广益佳苑社区事务监督委员会');
    await supervisory.getByRole('button', { name: '保存' }).click();
    await expect(flash(page, '已保存。')).toBeVisible();
    await expect(supervisory.getByLabel('名称')).toHaveValue('广益佳苑社区事务监督委员会');
    await expect(council.getByLabel('居民提议所需联署户数')).toHaveValue('6');

    // A threshold of 0 for the consultation council is refused.
    await council.getByLabel('居民提议所需联署户数').fill('0');
    await council.getByRole('button', { name: '保存' }).click();
    await expect(page.locator('.error-summary')).toContainText('协商议事委员会须规定居民提议所需联署户数（至少1户）。');
    // The refused form keeps what was typed, with the error beside it; nothing was stored.
    await expect(council.getByLabel('居民提议所需联署户数')).toHaveValue('0');
    await expect(council.locator('.field-error')).toHaveText('协商议事委员会须规定居民提议所需联署户数（至少1户）。');
    await expect(supervisory.locator('.field-error')).toHaveCount(0);
    await page.goto('/deliberation/councils');
    await expect(council.getByLabel('居民提议所需联署户数')).toHaveValue('6');

    // An invalid term: the end before the start.
    await council.getByLabel('任期开始').first().fill('2028-01-01');
    await council.getByLabel('任期结束').first().fill('2027-01-01');
    const [bad] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      council.getByRole('button', { name: '保存' }).click(),
    ]);
    expect(bad.status()).toBe(422);
    await expect(page.locator('.error-summary')).toContainText('任期日期无效：请填写开始和结束日期，结束须晚于开始。');
    await expect(page.locator('.error-summary')).toContainText('尚未保存，请修改后重试。');
    await expectNoSeriousA11yViolations(page, 'councils page with an error');
    // The refused dates are kept in the form; nothing stored: the term is still the demo's.
    await expect(council.locator('#start-consultation')).toHaveValue('2028-01-01');
    await expect(council.locator('#end-consultation')).toHaveValue('2027-01-01');
    await page.goto('/deliberation/councils');
    await expect(council.locator('#start-consultation')).toHaveValue('2025-01-01');
    await expect(council.locator('#end-consultation')).toHaveValue('2027-12-31');

    // A member: added with position, sector and term...
    const name = '钱文杰';
    await council.getByLabel('姓名').fill(name);
    await council.getByLabel('职务').selectOption({ label: '副主任' });
    await council.getByLabel('界别').selectOption({ label: '专业人士' });
    await council.locator('#m-start-consultation').fill('2026-01-01');
    await council.locator('#m-end-consultation').fill('2027-12-31');
    await council.getByRole('button', { name: '添加成员' }).click();
    await expect(flash(page, '成员已添加。')).toBeVisible();
    const added = members(council).filter({ hasText: name });
    // The first cell is the member's number, which written ballots name.
    await expect(added.locator('td')).toHaveText([/^\d+$/, name, '副主任', '专业人士', '2026-01-01 – 2027-12-31', '移除']);
    // Listed by position: the chair, the vice chair, then the members.
    expect(await names(council)).toEqual(['李秀英', name, '陈建国', '赵美华', '周德明']);
    expect(await names(supervisory)).toEqual(['杨静', '孙桂兰']);

    // ...a term beyond the council's is refused...
    await council.getByLabel('姓名').fill('孔令辉');
    await council.locator('#m-start-consultation').fill('2026-01-01');
    await council.locator('#m-end-consultation').fill('2029-12-31');
    await council.getByRole('button', { name: '添加成员' }).click();
    await expect(page.locator('.error-summary')).toContainText('成员任期须在委员会任期之内。');
    expect(await names(council)).not.toContain('孔令辉');
    // (the refused member form keeps what was typed)
    await expect(council.getByLabel('姓名')).toHaveValue('孔令辉');
    await expect(council.locator('#m-end-consultation')).toHaveValue('2029-12-31');
    // ...an unknown platform account too...
    await council.locator('#m-end-consultation').fill('2027-12-31');
    await council.getByLabel('姓名').fill('孔令辉');
    await council.getByLabel('平台账号（可选）').fill(unique('nobody-'));
    await council.getByRole('button', { name: '添加成员' }).click();
    await expect(page.locator('.error-summary')).toContainText('找不到该平台账号。');
    expect(await names(council)).not.toContain('孔令辉');

    // ...and the added member removed again.
    await members(council).filter({ hasText: name }).getByRole('button', { name: '移除' }).click();
    await expect(flash(page, '成员已移除。')).toBeVisible();
    expect(await names(council)).toEqual(['李秀英', '陈建国', '赵美华', '周德明']);
  } finally {
    // Back to the demo's threshold, for the tests that count co-signatures against it.
    await page.goto('/deliberation/councils');
    await page.locator('#threshold-consultation').fill(String(THRESHOLD));
    await page.locator('section.panel', { has: page.locator('#threshold-consultation') }).getByRole('button', { name: '保存' }).click();
    await expect(page.locator('#threshold-consultation')).toHaveValue(String(THRESHOLD));
  }

  // Others may not keep the council.
  for (const who of ['council_member', 'community_worker']) {
    const other = await pageAs(page.context().browser(), who);
    expect((await other.request.get('/deliberation/councils')).status(), who).toBe(403);
    await other.context().close();
  }
});

// ---- the public ----

test('an anonymous visitor sees the list and a topic page, without propose, raise or co-sign', async ({ page }) => {
  await page.goto('/');
  await page.locator('main .tiles').getByRole('link', { name: '协商议题' }).click();
  await expect(page).toHaveURL(/\/deliberation$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('协商议题');
  await expect(page.getByRole('link', { name: '我要提议' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: '提出议题' })).toHaveCount(0);
  const rows = await tableRows(page.getByRole('table', { name: '协商议题' }));
  // The demo's topics, one per source, and the settled matter, each at its stage.
  const status = Object.fromEntries(rows.map((r) => [r[0], r[3]]));
  expect(status['小区公共区域停车秩序整治']).toBe('待会议表决');
  expect(status['加装电梯费用分摊方案']).toBe('待会议表决');
  expect(status['增设小区充电桩']).toMatch(/^征集联署中 \d+ \/ 5$/);
  expect(status['楼道照明改造']).toBe('已验收公开');
  await expectNoSeriousA11yViolations(page, 'topics list');

  // The filters keep to their lists.
  await page.getByLabel('来源').selectOption({ label: '居民提议' });
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page).toHaveURL(/[?&]source=proposal/);
  await expect(page.getByLabel('来源')).toHaveValue('proposal');
  const proposals = await tableRows(page.getByRole('table', { name: '协商议题' }));
  expect(proposals.map((r) => r[0])).toContain('增设小区充电桩');
  for (const r of proposals) expect(r[2]).toBe('居民提议');
  await page.getByLabel('来源').selectOption({ label: '议事会提出' });
  await page.getByLabel('状态').selectOption({ label: '征集联署中' });
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page.getByText('暂无议题。')).toBeVisible();
  await page.getByLabel('来源').selectOption({ label: '全部来源' });
  await page.getByRole('button', { name: '查询' }).click();
  for (const r of await tableRows(page.getByRole('table', { name: '协商议题' }))) expect(r[3]).toMatch(/^征集联署中 \d+ \/ \d+$/);

  // The demo resident's proposal: progress, but nothing to press.
  await page.goto('/deliberation');
  await page.getByRole('link', { name: '增设小区充电桩' }).click();
  await expect(page).toHaveURL(/\/deliberation\/topics\/\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('增设小区充电桩');
  expect(await facts(page.locator('main'))).toEqual({ 所在社区: COMMUNITY, 来源: '居民提议', 状态: '征集联署中' });
  await expect(progress(page)).toHaveText(/^\d+ \/ 5$/);
  await expect(cosignButton(page)).toHaveCount(0);
  await expect(page.getByText('您家已联署此议题。')).toHaveCount(0);
  await expectNoSeriousA11yViolations(page, 'topic page (anonymous)');
  await page.getByRole('link', { name: '返回议题列表' }).click();
  await expect(page).toHaveURL(/\/deliberation$/);

  // The forms send an anonymous visitor to sign in; posting is refused.
  for (const path of ['/deliberation/propose', '/deliberation/raise', '/deliberation/councils']) {
    await page.goto(path);
    await expect(page, path).toHaveURL(/\/login\?next=/);
  }
  expect((await page.request.get('/deliberation/topics/999999')).status()).toBe(404);
});
