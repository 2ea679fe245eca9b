// Screenshots of the main pages at phone and desktop width, for docs/screenshots/.
// They also check that each page renders at that width without sideways scrolling.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect, signIn, registerResident } from '../support/fixtures.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = process.env.SILIAN_SCREENSHOT_DIR || path.resolve(here, '../../../docs/screenshots');

const WIDTHS = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1366, height: 900 },
};

// [file name stem, account to sign in as (or null), path, prefs to set first]
const SHOTS = [
  ['home', null, '/'],
  ['login', null, '/login'],
  ['register', null, '/register'],
  ['home-large-text', null, '/', 'large=1'],
  ['home-english', null, '/', 'lang=en'],
  ['workbench-admin', 'district_admin', '/workbench'],
  ['units-admin', 'district_admin', '/admin/units'],
  ['accounts-admin', 'district_admin', '/admin/accounts'],
  ['workbench-worker', 'community_worker', '/workbench'],
  ['registrations-worker', 'community_worker', '/community/registrations'],
  ['lists-assistance', null, '/lists/assistance'],
  ['lists-diff', null, '/lists/assistance/diff?from=1&to=2'],
  ['burden', null, '/burden'],
  ['task-new-department', 'department_officer', '/tasks/new'],
  ['community-tasks-worker', 'community_worker', '/community/tasks'],
  ['appeal-new-resident', 'resident', '/appeals/new'],
  ['my-appeals-resident', 'resident', '/my/appeals'],
  ['my-appeal-resident', 'resident', '/my/appeals/2'],
  ['appeals-street', 'street_officer', '/appeals'],
  ['appeal-detail-street', 'street_officer', '/appeals/5'],
  ['appeal-detail-department', 'department_officer', '/appeals/4'],
  ['appeal-kpi-admin', 'district_admin', '/kpi/appeals'],
  ['appeal-admin', 'district_admin', '/admin/appeals'],
  ['appeal-board', null, '/board'],
  ['topics', null, '/deliberation'],
  ['topic-proposal', null, '/deliberation/topics/3'],
  ['meeting-noticed', null, '/deliberation/meetings/2'],
  ['decision-signed-off', null, '/deliberation/decisions/1'],
  ['record', null, '/record'],
];

test.beforeAll(() => fs.mkdirSync(outDir, { recursive: true }));

test('there is a registration waiting, so that the registrations page is not empty', async ({ page }) => {
  await registerResident(page, { display_name: '周晓燕', address: '广益路3号2单元201室' });
  await expect(page).toHaveURL(/\/login$/);
});

for (const [size, viewport] of Object.entries(WIDTHS)) {
  test(`screenshots at ${size} width (${viewport.width}x${viewport.height})`, async ({ browser }) => {
    const contexts = new Map();
    for (const [stem, who, target, prefs] of SHOTS) {
      const key = `${who}|${prefs ?? ''}`;
      if (!contexts.has(key)) {
        const ctx = await browser.newContext({ viewport, deviceScaleFactor: 1 });
        const page = await ctx.newPage();
        if (prefs) await page.goto(`/prefs?${prefs}&back=/`);
        if (who) await signIn(page, who);
        contexts.set(key, page);
      }
      const page = contexts.get(key);
      const res = await page.goto(target);
      expect(res.status(), `${stem} loads`).toBe(200);
      await page.evaluate(() => document.fonts.ready);
      // No sideways scrolling at this width (a table may scroll inside its own box).
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${stem} fits ${viewport.width}px without sideways scrolling`).toBeLessThanOrEqual(0);
      const file = path.join(outDir, `${stem}-${size}.png`);
      await page.screenshot({ path: file, fullPage: false, animations: 'disabled', caret: 'hide' });
      expect(fs.statSync(file).size, `${file} is reasonably small`).toBeLessThan(600_000);
    }
    for (const page of contexts.values()) await page.context().close();
  });
}
