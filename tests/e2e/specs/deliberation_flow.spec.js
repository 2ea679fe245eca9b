// One matter, one deliberation, one decision (一事一议一决), end to end in the browser: a
// resident's appeal that is the community's own matter becomes a topic through the appeal
// page's link; the community director convenes a council meeting with it on the agenda and
// publishes the notice (at least three days ahead: the agenda is frozen); once the meeting
// has started the council votes — two members online with their accounts, the two members
// without accounts by written ballot — and the close publishes the tally and the decision;
// the director assigns an execution task to the community worker, who reports progress;
// the supervisory committee objects, the task is reported done, the committee signs off;
// a household rates the outcome; the public record shows the tally, the decision and the
// sign-off with its chain intact. axe on the meeting, vote (open and closed), decision and
// record pages.
//
// The meeting's start must be days after its notice, and votes open only after the start,
// so this file runs against a server of its own whose clock it moves forward
// (support/clock-server.js, libfaketime): the demo is loaded at the real time and the
// shared server of global-setup.js is left alone. Sessions last 12 hours, so everyone
// signs in again after the clock has moved.
//
// Demo (src/modules/deliberation/seed/demo_seed.cpp, src/modules/appeals/seed/demo_seed.cpp):
// 广益佳苑社区's council has four members in term — 李秀英 (community_director, chair),
// 陈建国 (council_member), 赵美华 and 周德明 (no accounts) — and its supervisory committee
// 杨静 (supervisor) and 孙桂兰; the public record holds the settled matter's three entries.
// The appeal 邻居在楼道堆放杂物 (邻里纠纷, routed to the community) is not yet a topic.
import { test, expect, signIn, expectNoSeriousA11yViolations } from '../support/fixtures.js';
import { facts, tableRows } from '../support/lists.js';
import { startServerWithClock } from '../support/clock-server.js';

const COMMUNITY = '广益佳苑社区';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TOPIC = '楼道堆放杂物清理与消防通道维护';
const MEETING = '楼道消防安全专题议事会';
const QUESTION = '是否同意限期清理楼道堆放杂物，并建立每月巡查制度';
const DECISION = '一、两周内清理各楼道堆放的杂物，无人认领的由社区统一处置；\n二、物业每月巡查楼道和消防通道，发现堆放即时劝导清理。';
const TASK = '清理各楼道堆放杂物并张贴消防提示';

let server;
const pages = [];

// "YYYY-MM-DDTHH:MM" in Beijing (what a datetime-local field of the site takes).
function beijing(ms) {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(ms))
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}
const shown = (ms) => beijing(ms).replace('T', ' ');

// A fresh browser context on this file's server, signed in as `user` (or anonymous).
async function as(browser, user) {
  const ctx = await browser.newContext({ baseURL: server.baseURL });
  const page = await ctx.newPage();
  if (user) await signIn(page, user);
  pages.push(page);
  return page;
}

async function closeAll() {
  while (pages.length) await pages.pop().context().close();
}

const flash = (page, text) => page.getByRole('status').filter({ hasText: text });
const panel = (page, heading) => page.locator('main section.panel', { has: page.getByRole('heading', { name: heading, exact: true }) });
// The timeline of a topic page, without the times.
async function timeline(page) {
  return (await page.locator('main ol.timeline li').allInnerTexts()).map((t) => t.replace(/^\d{4}-\d\d-\d\d \d\d:\d\d /, ''));
}

// What the flow has made, for the later steps.
const made = {};

test.describe.serial('one matter, one deliberation, one decision', () => {
  test.beforeAll(async () => {
    server = await startServerWithClock('flow');
  });
  test.afterAll(async () => {
    await closeAll();
    if (server) await server.stop();
  });
  test.afterEach(closeAll);

  test('the community worker makes the community-matter appeal a topic through the appeal page', async ({ browser }) => {
    const worker = await as(browser, 'community_worker');
    await worker.goto(`/appeals?q=${encodeURIComponent('楼道堆放杂物')}`);
    const row = worker.locator('main tbody tr').filter({ hasText: '楼道堆放杂物' });
    await expect(row).toHaveCount(1);
    made.appealNo = (await row.locator('td').first().innerText()).trim();
    await row.getByRole('link', { name: made.appealNo }).click();
    await expect(worker).toHaveURL(/\/appeals\/\d+$/);
    made.appeal = Number(worker.url().match(/\/appeals\/(\d+)$/)[1]);
    await expect(worker.locator('main')).toContainText('社区自治事项，可转为协商议题');

    await worker.getByRole('link', { name: '诉求转为协商议题' }).click();
    await expect(worker).toHaveURL(new RegExp(`/deliberation/from-appeal/${made.appeal}$`));
    await expect(worker.locator('main')).toContainText('邻居在楼道堆放杂物，存在消防隐患。');
    await worker.getByLabel('议题名称').fill(TOPIC);
    await worker.getByRole('button', { name: '提交议题' }).click();
    await expect(worker).toHaveURL(/\/deliberation\/topics\/\d+$/);
    made.topic = Number(worker.url().match(/\/topics\/(\d+)$/)[1]);
    await expect(flash(worker, '议题已提出，已通知议事会成员。')).toBeVisible();
    expect(await facts(worker.locator('main'))).toEqual({ 所在社区: COMMUNITY, 来源: `居民诉求 (${made.appealNo})`, 状态: '已列入议事' });
  });

  test('the director convenes a meeting with the topic on the agenda and publishes the notice; the agenda is frozen', async ({ browser }) => {
    const director = await as(browser, 'community_director');
    await director.goto('/deliberation');
    await director.getByRole('link', { name: '议事会议' }).click();
    await expect(director).toHaveURL(/\/deliberation\/meetings$/);
    await director.getByRole('link', { name: '召集会议' }).click();
    await expect(director.getByRole('heading', { level: 1 })).toHaveText('召集会议');

    // Four days ahead, on the hour: more than the council's three days of notice.
    made.starts = Math.ceil((server.now() + 4 * DAY) / HOUR) * HOUR;
    made.ends = made.starts + 2 * HOUR;
    await director.getByLabel('所在社区').selectOption({ label: COMMUNITY });
    await director.getByLabel('会议名称').fill(MEETING);
    await director.getByLabel('会议类型').selectOption({ label: '议事会议' });
    await director.getByLabel('开始时间').fill(beijing(made.starts));
    await director.getByLabel('结束时间').fill(beijing(made.ends));
    await director.getByLabel('地点', { exact: true }).fill('广益佳苑社区党群服务中心二楼会议室');
    // The demo's own topics 1 and 2 are on the demo's noticed meeting already: not offered.
    const agenda = director.getByRole('group', { name: '议程' });
    await expect(agenda.getByRole('checkbox')).toHaveCount(1);
    await agenda.getByLabel(`${TOPIC}（${COMMUNITY}）`).check();
    await director.getByRole('button', { name: '保存会议' }).click();

    await expect(director).toHaveURL(/\/deliberation\/meetings\/\d+$/);
    made.meeting = Number(director.url().match(/\/meetings\/(\d+)$/)[1]);
    await expect(flash(director, '会议已创建，请确定议程后公布通知。')).toBeVisible();
    await expect(director.getByRole('heading', { level: 1 })).toHaveText(MEETING);
    expect(await facts(director.locator('main'))).toMatchObject({
      所在社区: COMMUNITY,
      会议类型: '议事会议',
      开始时间: `${shown(made.starts)} – ${shown(made.ends)}`,
      状态: '筹备中',
    });
    const items = panel(director, '议程').locator('ol li');
    await expect(items).toHaveText([`${TOPIC} 已列入议事`]);
    // A draft is the convener's own: the public does not see it.
    const visitor = await as(browser, null);
    expect((await visitor.request.get(`/deliberation/meetings/${made.meeting}`)).status()).toBe(404);

    // The notice: the agenda can no longer change and the topic awaits the vote.
    await director.getByRole('button', { name: '公布会议通知' }).click();
    await expect(flash(director, '会议通知已公布。')).toBeVisible();
    expect((await facts(director.locator('main'))).状态).toMatch(/^已发通知 · 通知公布于 \d{4}-\d\d-\d\d \d\d:\d\d$/);
    await expect(items).toHaveText([`${TOPIC} 待会议表决`]);
    await expect(director.getByRole('button', { name: '加入议程' })).toHaveCount(0);
    await expect(director.getByRole('button', { name: '公布会议通知' })).toHaveCount(0);
    // Not started yet: no vote can be opened, nor attendance or minutes kept.
    await expect(director.getByRole('button', { name: '发起表决' })).toHaveCount(0);
    await expect(director.getByRole('button', { name: '保存纪要' })).toHaveCount(0);
    const csrf = await director.locator('input[name=_csrf]').first().inputValue();
    const early = await director.request.post(`/deliberation/meetings/${made.meeting}/votes`, {
      form: { _csrf: csrf, topic: String(made.topic), question: QUESTION, rule: 'simple_majority', electorate: 'council', closes: beijing(made.ends) },
    });
    expect(early.status()).toBe(409);
    const frozen = await director.request.post(`/deliberation/meetings/${made.meeting}/agenda`, { form: { _csrf: csrf, topic: '2' } });
    expect(frozen.status()).toBe(409);
    await expectNoSeriousA11yViolations(director, 'meeting page (noticed, convener)');

    // Now public, and the council member has been told.
    await visitor.goto(`/deliberation/meetings/${made.meeting}`);
    await expect(visitor.getByRole('heading', { level: 1 })).toHaveText(MEETING);
    await expect(panel(visitor, '议程').locator('ol li')).toHaveText([`${TOPIC} 待会议表决`]);
    await expect(visitor.getByRole('heading', { name: '会议筹备' })).toHaveCount(0);
    await expectNoSeriousA11yViolations(visitor, 'meeting page (noticed, public)');
    const member = await as(browser, 'council_member');
    await member.goto('/inbox');
    await expect(member.locator('main .timeline li', { hasText: `会议通知：${MEETING}` })).toHaveCount(1);
    await member.goto(`/deliberation/topics/${made.topic}`);
    expect((await facts(member.locator('main'))).状态).toBe('待会议表决');
    expect(await timeline(member)).toEqual([`由居民诉求 ${made.appealNo} 转为议题 · 社工 张丽华`, `列入会议议程：${MEETING} · 社区书记 李秀英`]);
  });

  test('after the start the council votes: two online ballots, two written ballots by member number; the close publishes the tally and the decision', async ({ browser }) => {
    test.setTimeout(90_000);
    // Half an hour into the meeting.
    server.advanceTo(made.starts + 30 * 60_000);
    const director = await as(browser, 'community_director');
    await director.goto(`/deliberation/meetings/${made.meeting}`);
    // The meeting has started: its minutes can be kept.
    await director.getByLabel('会议纪要').fill(`一、${TOPIC}：与会成员一致认为楼道堆物存在消防隐患，应限期清理并建立巡查制度。`);
    await director.getByRole('button', { name: '保存纪要' }).click();
    await expect(flash(director, '会议纪要已保存。')).toBeVisible();
    await expect(panel(director, '会议纪要')).toContainText('应限期清理并建立巡查制度');

    // And a vote opened on the noticed agenda's topic; it closes by default at the meeting's end.
    const open = director.locator('main form', { has: director.getByRole('button', { name: '发起表决' }) });
    await expect(open).toHaveCount(1);
    await expect(open.getByLabel('议题')).toHaveValue(String(made.topic));
    await expect(open.getByLabel('截止时间')).toHaveValue(beijing(made.ends));
    await open.getByLabel('表决事项').fill(QUESTION);
    await open.getByLabel('表决规则').selectOption({ label: '出席人员过半数' });
    await open.getByLabel('表决人').selectOption({ label: '议事会成员' });
    await open.getByRole('button', { name: '发起表决' }).click();
    await expect(director).toHaveURL(/\/deliberation\/votes\/\d+$/);
    made.vote = Number(director.url().match(/\/votes\/(\d+)$/)[1]);
    await expect(flash(director, '表决已开始。')).toBeVisible();
    await expect(director.getByRole('heading', { level: 1 })).toHaveText(`表决：${TOPIC}`);
    await expect(director.locator('main p.lead')).toHaveText(QUESTION);
    const about = await facts(director.locator('main'));
    expect(about.表决规则).toBe('出席人员过半数 · 通过： 超过1/2');
    expect(about.表决人).toBe('议事会成员 · 4');
    expect(about.表决时间).toMatch(new RegExp(`^${shown(made.starts).slice(0, 10)} \\d\\d:\\d\\d – ${shown(made.ends)}$`));
    await expect(director.getByText('已收表决票： 0')).toBeVisible();
    await expectNoSeriousA11yViolations(director, 'vote page (open, convener)');

    // The chair votes online.
    const ballot = panel(director, '您的表决票');
    await ballot.getByRole('group', { name: QUESTION }).getByLabel('同意', { exact: true }).check();
    await ballot.getByRole('button', { name: '投票' }).click();
    await expect(flash(director, '已投票，截止前可以改投。')).toBeVisible();
    await expect(panel(director, '您的表决票').getByRole('status')).toHaveText('您已投： 同意（网上）表决截止前可以改投。');

    // The council member votes online, then changes the ballot before the close.
    const member = await as(browser, 'council_member');
    await member.goto(`/deliberation/meetings/${made.meeting}`);
    await member.getByRole('link', { name: '表决', exact: true }).click();
    await expect(member).toHaveURL(new RegExp(`/deliberation/votes/${made.vote}$`));
    await expect(member.getByRole('heading', { name: '表决管理' })).toHaveCount(1); // a council member convenes too
    await panel(member, '您的表决票').getByLabel('不同意').check();
    await panel(member, '您的表决票').getByRole('button', { name: '投票' }).click();
    await expect(panel(member, '您的表决票').getByRole('status')).toHaveText('您已投： 不同意（网上）表决截止前可以改投。');
    await panel(member, '您的表决票').getByLabel('同意', { exact: true }).check();
    await panel(member, '您的表决票').getByRole('button', { name: '投票' }).click();
    await expect(panel(member, '您的表决票').getByRole('status')).toHaveText('您已投： 同意（网上）表决截止前可以改投。');
    await expect(member.getByText('已收表决票： 2')).toBeVisible();

    // A resident is not in the council's electorate: no ballot form.
    const resident = await as(browser, 'resident');
    await resident.goto(`/deliberation/votes/${made.vote}`);
    await expect(resident.getByRole('heading', { name: '您的表决票' })).toHaveCount(0);
    await expect(resident.getByRole('heading', { name: '表决管理' })).toHaveCount(0);

    // Written ballots of the two members without accounts. The form asks for the member's
    // number, which no page shows: the councils page only carries it in the address of each
    // member's remove button (product gap, see the report), which is where it is read here.
    await director.goto('/deliberation/councils');
    const council = panel(director, '协商议事委员会');
    const number = async (name) => {
      const action = await council.locator('tbody tr', { hasText: name }).locator('form').getAttribute('action');
      return action.match(/\/members\/(\d+)\/remove$/)[1];
    };
    const zhao = await number('赵美华');
    const zhou = await number('周德明');

    await director.goto(`/deliberation/votes/${made.vote}`);
    const written = director.locator('main form', { has: director.getByRole('button', { name: '登记书面票' }) });
    // An unknown number is refused.
    await written.getByLabel('书面票：议事会成员编号').fill('99999');
    await written.getByLabel('意见').selectOption({ label: '同意' });
    await written.getByRole('button', { name: '登记书面票' }).click();
    await expect(director.locator('main')).toContainText('找不到该表决人：请填写当前议事会成员编号或本社区登记的户地址。');
    await director.goto(`/deliberation/votes/${made.vote}`);
    await expect(director.getByText('已收表决票： 2')).toBeVisible();

    await written.getByLabel('书面票：议事会成员编号').fill(zhao);
    await written.getByLabel('意见').selectOption({ label: '同意' });
    await written.getByRole('button', { name: '登记书面票' }).click();
    await expect(flash(director, '书面票已登记。')).toBeVisible();
    await written.getByLabel('书面票：议事会成员编号').fill(zhou);
    await written.getByLabel('意见').selectOption({ label: '弃权' });
    await written.getByRole('button', { name: '登记书面票' }).click();
    await expect(flash(director, '书面票已登记。')).toBeVisible();
    await expect(director.getByText('已收表决票： 4')).toBeVisible();

    // Everyone has voted: the vote may close before its time. A passed vote needs the
    // decision's text.
    const close = director.locator('main form', { has: director.getByRole('button', { name: '截止并公布结果' }) });
    await expect(close.getByLabel('出席但未投票的人数')).toHaveValue('0');
    await close.getByRole('button', { name: '截止并公布结果' }).click();
    await expect(director.locator('main')).toContainText('表决通过时须填写决议内容（不超过4000字）。');
    await director.goto(`/deliberation/votes/${made.vote}`);
    await close.getByLabel('决议内容（表决通过时必填）').fill(DECISION);
    await close.getByRole('button', { name: '截止并公布结果' }).click();
    await expect(flash(director, '表决已截止，结果已公布。')).toBeVisible();

    const tally = director.getByRole('table', { name: /^计票结果 · / });
    expect(await tableRows(tally)).toEqual([['3', '0', '1', '4']]);
    await expect(panel(director, '计票结果').locator('p[role=status]')).toHaveText('表决通过 · 达到规则规定的同意比例。');
    await expect(panel(director, '决议').locator('p.prewrap')).toHaveText(DECISION);
    // Closed: no ballots, no management.
    await expect(director.getByRole('heading', { name: '您的表决票' })).toHaveCount(0);
    await expect(director.getByRole('heading', { name: '表决管理' })).toHaveCount(0);
    await expectNoSeriousA11yViolations(director, 'vote page (closed)');

    // The public sees the same tally; who voted how is not shown.
    const visitor = await as(browser, null);
    await visitor.goto(`/deliberation/votes/${made.vote}`);
    expect(await tableRows(visitor.getByRole('table', { name: /^计票结果 · / }))).toEqual([['3', '0', '1', '4']]);
    await expect(visitor.locator('main')).not.toContainText('赵美华');
    await expectNoSeriousA11yViolations(visitor, 'vote page (closed, public)');
    await visitor.getByRole('link', { name: '执行与监督' }).click();
    await expect(visitor).toHaveURL(/\/deliberation\/decisions\/\d+$/);
    made.decision = Number(visitor.url().match(/\/decisions\/(\d+)$/)[1]);
  });

  test('the decision is carried out: a task for the community worker, a progress report, an objection, the task done, the sign-off', async ({ browser }) => {
    test.setTimeout(90_000);
    const director = await as(browser, 'community_director');
    await director.goto(`/deliberation/topics/${made.topic}`);
    expect((await facts(director.locator('main'))).状态).toBe('已形成决议');
    await panel(director, '决议').getByRole('link', { name: '执行与监督' }).click();
    await expect(director).toHaveURL(new RegExp(`/deliberation/decisions/${made.decision}$`));
    await expect(director.getByRole('heading', { level: 1 })).toHaveText(`决议：${TOPIC}`);
    expect(await facts(director.locator('main'))).toMatchObject({ 所在社区: COMMUNITY, 状态: '已形成决议' });
    await expect(director.locator('main section.panel').first().locator('p.prewrap')).toHaveText(DECISION);
    await expect(director.getByText('尚未分解执行任务。')).toBeVisible();
    // Already on the public record: the tally and the decision.
    await expect(panel(director, '公开记录').locator('li')).toHaveText([/^#4 计票结果 [0-9a-f]{64}$/, /^#5 决议 [0-9a-f]{64}$/]);
    await expectNoSeriousA11yViolations(director, 'decision page (decided, convener)');

    // The task, due in two weeks (of the server's days).
    const due = beijing(server.now() + 14 * DAY).slice(0, 10);
    await director.getByLabel('任务', { exact: true }).fill(TASK);
    await director.getByLabel('责任人（平台账号）').fill('community_worker');
    await director.getByLabel('完成期限').fill(due);
    await director.getByRole('button', { name: '添加执行任务' }).click();
    await expect(flash(director, '执行任务已添加，已通知责任方。')).toBeVisible();
    expect((await facts(director.locator('main'))).状态).toBe('执行中');
    const task = director.locator('main article.task');
    await expect(task.getByRole('heading', { level: 3 })).toHaveText(TASK);
    await expect(task.locator('p').first()).toHaveText(`责任方： 社工 张丽华 · 完成期限 ${due}`);

    // The community worker is told and reports progress from the decision page.
    const worker = await as(browser, 'community_worker');
    await worker.goto('/inbox');
    const note = worker.locator('main .timeline li', { hasText: `您有一项决议执行任务：${TASK}，期限 ${due}` });
    await expect(note).toHaveCount(1);
    await note.getByRole('link', { name: '查看' }).click();
    await expect(worker).toHaveURL(new RegExp(`/deliberation/decisions/${made.decision}$`));
    const mine = worker.locator('main article.task');
    await mine.getByLabel('进展情况').fill('已清理1至3号楼楼道杂物，张贴消防提示12处；4号楼正在通知住户自行清理。');
    await mine.getByRole('button', { name: '报告进展' }).click();
    await expect(flash(worker, '进展已报告。')).toBeVisible();
    await expect(mine.locator('ol.timeline li')).toHaveText([/社工 张丽华：已清理1至3号楼楼道杂物/]);
    // Only the task's owner reports.
    await expect(task.getByRole('button', { name: '报告进展' })).toHaveCount(0);

    // The supervisory committee: signing off with a task still open is refused; an objection
    // needs its reason and tells the council.
    const supervisor = await as(browser, 'supervisor');
    await supervisor.goto(`/deliberation/decisions/${made.decision}`);
    const review = panel(supervisor, '监督验收（监事）');
    await expect(review.getByText('监督委员会尚未验收。')).toBeVisible();
    await expectNoSeriousA11yViolations(supervisor, 'decision page (executing, supervisor)');
    await review.getByRole('group', { name: '验收意见' }).getByLabel('验收通过，签字确认').check();
    await review.getByRole('button', { name: '提交' }).click();
    await expect(supervisor.locator('main')).toContainText('还有执行任务未完成，不能验收。');
    await supervisor.goto(`/deliberation/decisions/${made.decision}`);
    await review.getByRole('radio', { name: '提出异议' }).check();
    await review.getByRole('button', { name: '提交' }).click();
    await expect(supervisor.locator('main')).toContainText('提出异议须写明理由（不超过2000字）。');
    await supervisor.goto(`/deliberation/decisions/${made.decision}`);
    await review.getByRole('radio', { name: '提出异议' }).check();
    const objection = '4号楼二单元楼道仍停放电动自行车并堆放纸箱，未达到决议要求。';
    await review.getByLabel('说明（提出异议须写明理由）').fill(objection);
    await review.getByRole('button', { name: '提交' }).click();
    await expect(flash(supervisor, '监督意见已记录。')).toBeVisible();
    await expect(review.locator('ol.timeline li')).toHaveText([new RegExp(`监委会成员 杨静 · 提出异议：${objection}$`)]);
    expect((await facts(supervisor.locator('main'))).状态).toBe('执行中');
    await director.goto('/inbox');
    await expect(director.locator('main .timeline li', { hasText: `监督委员会对决议执行提出异议：${TOPIC}` })).toHaveCount(1);

    // The worker reports the task done.
    await worker.reload();
    await mine.getByLabel('进展情况').fill('4号楼电动自行车已移至集中充电点，纸箱已清运，全部楼道复查合格。');
    await mine.getByLabel('任务已完成').check();
    await mine.getByRole('button', { name: '报告进展' }).click();
    await expect(flash(worker, '进展已报告。')).toBeVisible();
    await expect(mine.getByRole('heading', { level: 3 })).toHaveText(`${TASK} 已完成`);
    await expect(mine.locator('ol.timeline li')).toHaveCount(2);
    await expect(mine.getByRole('button', { name: '报告进展' })).toHaveCount(0);

    // The sign-off: the matter is settled and goes on the public record.
    await supervisor.reload();
    await review.getByRole('radio', { name: '验收通过，签字确认' }).check();
    await review.getByLabel('说明（提出异议须写明理由）').fill('复查各楼道已清理完毕，消防通道畅通，验收合格。');
    await review.getByRole('button', { name: '提交' }).click();
    await expect(flash(supervisor, '监督意见已记录。')).toBeVisible();
    expect((await facts(supervisor.locator('main'))).状态).toBe('已验收公开');
    await expect(review.locator('ol.timeline li')).toHaveText([/ · 提出异议：/, /监委会成员 杨静 · 验收通过，签字确认：复查各楼道已清理完毕/]);
    await expect(review.getByRole('button', { name: '提交' })).toHaveCount(0);
    await expect(panel(supervisor, '公开记录').locator('li')).toHaveText([/^#4 计票结果 /, /^#5 决议 /, /^#6 监督验收 [0-9a-f]{64}$/]);
    await expectNoSeriousA11yViolations(supervisor, 'decision page (signed off)');
  });

  test('a household rates the outcome; the public sees the whole story and the record chain intact', async ({ browser }) => {
    const resident = await as(browser, 'resident');
    await resident.goto(`/deliberation/decisions/${made.decision}`);
    const ratings = panel(resident, '居民评价');
    await expect(ratings.locator('p').first()).toHaveText('满意 0 · 基本满意 0 · 不满意 0');
    await ratings.getByRole('group', { name: '您对议题的办理结果是否满意？' }).getByLabel('满意', { exact: true }).check();
    await ratings.getByRole('button', { name: '提交评价' }).click();
    await expect(flash(resident, '评价已提交，每户一次，可以修改。')).toBeVisible();
    await expect(ratings.locator('p').first()).toHaveText('满意 1 · 基本满意 0 · 不满意 0');
    await expect(ratings.getByRole('status')).toHaveText('您家的评价： 满意');
    await expectNoSeriousA11yViolations(resident, 'decision page (resident, rated)');

    // The public: the decision page without forms, the topic's whole timeline without staff
    // names, and the record.
    const visitor = await as(browser, null);
    await visitor.goto(`/deliberation/decisions/${made.decision}`);
    await expect(visitor.locator('main form')).toHaveCount(0);
    await expect(panel(visitor, '居民评价').locator('p').first()).toHaveText('满意 1 · 基本满意 0 · 不满意 0');
    await expectNoSeriousA11yViolations(visitor, 'decision page (public)');
    await visitor.goto(`/deliberation/topics/${made.topic}`);
    expect((await facts(visitor.locator('main'))).状态).toBe('已验收公开');
    expect(await timeline(visitor)).toEqual([
      `由居民诉求 ${made.appealNo} 转为议题`,
      `列入会议议程：${MEETING}`,
      `发起表决：${QUESTION}`,
      '表决通过（yes=3 no=0 abstain=1 present=4 electorate=4）',
      `分解执行任务：${TASK}`,
      '监督委员会提出异议：4号楼二单元楼道仍停放电动自行车并堆放纸箱，未达到决议要求。',
      `执行任务完成：${TASK}`,
      '监督委员会验收通过',
    ]);

    await visitor.goto('/deliberation');
    await visitor.getByRole('link', { name: '公开记录' }).click();
    await expect(visitor).toHaveURL(/\/record$/);
    await expect(visitor.getByRole('heading', { level: 1 })).toHaveText('公开记录');
    await expect(visitor.locator('main p[role=status]')).toHaveText('记录链完整，已校验条数： 6');
    const rows = await tableRows(visitor.getByRole('table', { name: '公开记录' }));
    const ours = rows.filter((r) => r[3].startsWith(TOPIC));
    expect(ours.map((r) => [r[0], r[2]]).sort()).toEqual([['4', '计票结果'], ['5', '决议'], ['6', '监督验收']]);
    const byKind = Object.fromEntries(ours.map((r) => [r[2], r]));
    expect(byKind['计票结果'][3]).toContain(QUESTION);
    expect(byKind['计票结果'][3]).toContain('rule=simple_majority yes=3 no=0 abstain=1 present=4 electorate=4 quorum=yes passed=yes');
    expect(byKind['决议'][3]).toContain('两周内清理各楼道堆放的杂物');
    expect(byKind['监督验收'][3]).toContain(`- ${TASK}`);
    for (const r of ours) expect(r[4]).toMatch(/^[0-9a-f]{64}$/);
    // The head of the chain is the sign-off's hash.
    await expect(visitor.locator('main p', { hasText: '最新哈希：' }).locator('code')).toHaveText(byKind['监督验收'][4]);
    await expectNoSeriousA11yViolations(visitor, 'public record');

    // The JSON copy holds the same six entries, each linked to the one before.
    const json = await (await visitor.request.get('/record.json')).json();
    expect(json.entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    for (let i = 1; i < json.entries.length; i += 1) expect(json.entries[i].prev_hash).toBe(json.entries[i - 1].hash);
    expect(json.entries.slice(3).map((e) => [e.kind, e.ref])).toEqual([
      ['deliberation.tally', `topic:${made.topic}`],
      ['deliberation.decision', `topic:${made.topic}`],
      ['deliberation.sign_off', `topic:${made.topic}`],
    ]);
  });
});
