// Resident self-registration and its verification by the community worker, across two
// browser contexts (the resident's phone and the worker's desk).
import { test, expect, login, registerResident, mobile, unique } from '../support/fixtures.js';

test('a resident registers, the community worker confirms, the resident is verified and notified', async ({ browser }) => {
  const residentCtx = await browser.newContext();
  const workerCtx = await browser.newContext();
  const resident = await residentCtx.newPage();
  const worker = await workerCtx.newPage();

  // 1. The resident registers at an address that has no household yet.
  const me = await registerResident(resident, {
    display_name: '赵小梅',
    address: `广益路${Date.now() % 100000}号3单元502室`,
  });
  await expect(resident).toHaveURL(/\/login$/);
  await expect(resident.getByRole('status')).toHaveText('注册成功，请登录。社区工作人员将尽快核实您的家庭户。');

  // 2. Signed in but not yet verified: no role, status "待核实".
  await login(resident, me.username, me.password);
  await expect(resident).toHaveURL(/\/$/);
  await expect(resident.locator('.account .who')).toHaveText('赵小梅');
  await expect(resident.locator('main')).toContainText('您的注册正在等待社区工作人员核实家庭户信息。');
  await resident.goto('/my/household');
  const facts = resident.locator('main dl.facts');
  await expect(facts).toContainText('广益佳苑社区');
  await expect(facts).toContainText(me.address);
  await expect(facts).toContainText('待核实');
  await expect(resident.locator('main')).toContainText('社区工作人员核实后会通知您。');
  await resident.goto('/inbox');
  await expect(resident.locator('main')).toContainText('暂无消息。');
  // No staff pages for an unverified resident.
  expect((await resident.request.get('/community/registrations')).status()).toBe(403);

  // 3. The community worker sees the registration, with the phone number masked.
  await login(worker, 'community_worker');
  await expect(worker.locator('.counters a[href="/community/registrations"] .value')).not.toHaveText('0');
  await worker.getByRole('navigation', { name: '工作台导航' }).getByRole('link', { name: '注册核实' }).click();
  await expect(worker.getByRole('heading', { level: 1 })).toHaveText('居民注册核实');
  const card = worker.locator('section.registration', { has: worker.getByRole('heading', { name: '赵小梅' }) });
  await expect(card).toHaveCount(1);
  await expect(card).toContainText('广益佳苑社区');
  await expect(card).toContainText('该住址尚无家庭户，核实后将新建家庭户。');
  await expect(card.locator('dl.facts')).not.toContainText(me.phone);
  await expect(card.locator('dl.facts')).toContainText(me.phone.slice(-4));
  await expect(card.getByLabel('核实后的住址')).toHaveValue(me.address);
  await card.getByRole('button', { name: '核实通过' }).click();
  await expect(worker).toHaveURL(/\/community\/registrations$/);
  await expect(worker.getByRole('status')).toHaveText('已核实，居民已加入家庭户。');
  await expect(worker.getByRole('heading', { name: '赵小梅' })).toHaveCount(0);

  // The new household is in the community's list, with one member.
  await worker.goto(`/community/households?q=${encodeURIComponent(me.address)}`);
  await expect(worker.locator('main tbody tr')).toHaveCount(1);
  await expect(worker.locator('main tbody tr td').nth(1)).toHaveText(me.address);
  await expect(worker.locator('main tbody tr td').nth(2)).toHaveText('1');

  // 4. The resident is now verified, has the resident role and a notification.
  await resident.goto('/my/household');
  await expect(facts).toContainText('已核实');
  await expect(facts).not.toContainText('待核实');
  await expect(resident.locator('main dl.facts dt', { hasText: '所属家庭户' })).toHaveCount(1);
  await resident.goto('/');
  await expect(resident.locator('main .role-list li')).toHaveText(['居民 · 广益佳苑社区']);
  await resident.goto('/inbox');
  const item = resident.locator('main .timeline li');
  await expect(item).toHaveCount(1);
  await expect(item).toContainText(`您的家庭户已核实：${me.address}`);
  await expect(item).toHaveClass(/unread/);
  await expect(item.getByRole('link', { name: '查看' })).toHaveAttribute('href', '/my/household');
  await item.getByRole('button', { name: '标为已读' }).click();
  await expect(resident).toHaveURL(/\/inbox$/);
  await expect(resident.locator('main .timeline li')).not.toHaveClass(/unread/);
  await expect(resident.getByRole('button', { name: '标为已读' })).toHaveCount(0);

  await residentCtx.close();
  await workerCtx.close();
});

test('the community worker rejects a registration with a reason; the resident is told why', async ({ browser }) => {
  const residentCtx = await browser.newContext();
  const workerCtx = await browser.newContext();
  const resident = await residentCtx.newPage();
  const worker = await workerCtx.newPage();

  const me = await registerResident(resident, { display_name: '钱多多' });
  await expect(resident).toHaveURL(/\/login$/);

  await login(worker, 'community_worker');
  await worker.goto('/community/registrations');
  const card = worker.locator('section.registration', { has: worker.getByRole('heading', { name: '钱多多' }) });
  // A rejection needs a reason.
  await card.getByRole('button', { name: '不予通过' }).click();
  await expect(worker.getByRole('alert')).toHaveText('请填写不予通过的原因（200 字以内）。');
  await worker.locator('section.registration', { has: worker.getByRole('heading', { name: '钱多多' }) })
    .getByLabel('不通过的原因').fill('住址与户籍信息不符');
  await worker.locator('section.registration', { has: worker.getByRole('heading', { name: '钱多多' }) })
    .getByRole('button', { name: '不予通过' }).click();
  await expect(worker.getByRole('status')).toHaveText('已记录不予通过的原因并通知居民。');
  await expect(worker.getByRole('heading', { name: '钱多多' })).toHaveCount(0);

  await login(resident, me.username, me.password);
  await resident.goto('/my/household');
  await expect(resident.locator('main dl.facts')).toContainText('未通过');
  await resident.goto('/inbox');
  await expect(resident.locator('main .timeline li')).toContainText('您的注册未通过核实，原因：住址与户籍信息不符');
  await expect(resident.locator('main .role-list')).toHaveCount(0);

  await residentCtx.close();
  await workerCtx.close();
});

test('bad registration input re-renders with field errors and keeps what was typed', async ({ page }) => {
  const typed = { display_name: '孙晓明', username: unique('e2e-bad-'), phone: '12345', address: '广益路1号' };
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/register') && r.request().method() === 'POST'),
    registerResident(page, { ...typed, password: 'short' }),
  ]);
  expect(response.status()).toBe(422);
  await expect(page).toHaveURL(/\/register$/);

  // The summary lists each problem and links to its field.
  const summary = page.locator('.error-summary');
  await expect(summary).toHaveAttribute('role', 'alert');
  await expect(summary.getByRole('heading')).toHaveText('请修改以下内容后再提交');
  await expect(summary.getByRole('link')).toHaveText(['密码: 密码至少 8 位', '手机号码: 请输入 11 位手机号码']);
  for (const href of await summary.getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href'))))
    await expect(page.locator(href), `summary link ${href} has a target`).toHaveCount(1);

  // Each error sits next to its field.
  const phoneField = page.locator('.field', { has: page.locator('#phone') });
  await expect(phoneField.locator('.field-error')).toHaveText('请输入 11 位手机号码');
  await expect(page.locator('.field', { has: page.locator('#password') }).locator('.field-error')).toHaveText('密码至少 8 位');
  await expect(page.locator('.field', { has: page.locator('#display_name') }).locator('.field-error')).toHaveCount(0);

  // What was typed is kept (but never the password).
  await expect(page.locator('#display_name')).toHaveValue(typed.display_name);
  await expect(page.locator('#username')).toHaveValue(typed.username);
  await expect(page.locator('#phone')).toHaveValue(typed.phone);
  await expect(page.locator('#address')).toHaveValue(typed.address);
  await expect(page.locator('#community')).toHaveValue('guangyi-jiayuan');
  await expect(page.locator('#password')).toHaveValue('');

  // Correcting the fields lets the registration through.
  await page.locator('#password').fill('Long-enough-1');
  await page.locator('#phone').fill(mobile());
  await page.getByRole('button', { name: '提交注册' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('status')).toContainText('注册成功');
});

test('registration refuses a taken username, an empty form and an unknown community', async ({ page }) => {
  // The demo resident's username is taken.
  await registerResident(page, { username: 'resident', display_name: '冒名者' });
  await expect(page.locator('.field', { has: page.locator('#username') }).locator('.field-error')).toHaveText('该用户名已被使用');
  await expect(page.locator('#display_name')).toHaveValue('冒名者');

  // Everything empty: one error per field.
  await page.goto('/register');
  await page.getByRole('button', { name: '提交注册' }).click();
  await expect(page.locator('.error-summary li')).toHaveCount(6);
  for (const id of ['display_name', 'username', 'password', 'phone', 'community', 'address'])
    await expect(page.locator('.field', { has: page.locator(`#${id}`) }).locator('.field-error'), id).toHaveCount(1);

  // A community code that does not exist (a tampered form).
  const csrf = await page.locator('input[name=_csrf]').inputValue();
  const res = await page.request.post('/register', {
    form: { _csrf: csrf, display_name: '某人', username: unique('e2e-x-'), password: 'Long-enough-1',
      phone: mobile(), community: 'no-such-community', address: '某路1号' },
  });
  expect(res.status()).toBe(422);
  expect(await res.text()).toContain('请选择列表中的社区');
});
