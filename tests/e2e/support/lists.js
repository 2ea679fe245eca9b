// Helpers for the lists specs (两张清单, 准入, 负担目录): reading tables and fact lists,
// dates in the residents' time zone, CSV and XLSX files.
import ExcelJS from 'exceljs';
import { expect, signIn } from './fixtures.js';

// A page in a fresh browser context, signed in as `user`. Close it with page.context().close().
export async function pageAs(browser, user) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await signIn(page, user);
  return page;
}

// The date `days` from today in Beijing (the users' day), as YYYY-MM-DD.
export function beijingDate(days = 0) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + days * 86_400_000));
}

// The text of every cell of every body row of a table, as arrays of trimmed strings.
export async function tableRows(table) {
  await expect(table).toBeVisible();
  return table.evaluate((t) =>
    [...t.tBodies].flatMap((b) => [...b.rows]).map((r) => [...r.cells].map((c) => c.innerText.replace(/\s+/g, ' ').trim())),
  );
}

// The column headers of a table.
export async function tableHeaders(table) {
  return table.locator('thead th').allInnerTexts();
}

// A `dl.facts` as { term: description }.
export async function facts(scope) {
  return scope.locator('dl.facts').first().evaluate((dl) => {
    const out = {};
    for (const dt of dl.querySelectorAll('dt')) out[dt.textContent.trim()] = dt.nextElementSibling.textContent.trim();
    return out;
  });
}

// The number shown in a dashboard counter with that label.
export async function counterValue(scope, label) {
  const counter = scope.locator('.counters .counter', { has: scope.page().locator('.label', { hasText: label }) });
  await expect(counter).toHaveCount(1);
  return Number(await counter.locator('.value').innerText());
}

// RFC 4180 CSV (quoted fields, doubled quotes, CRLF) into rows of strings.
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

// Downloads a file through the page's own (signed-in) request context.
export async function download(page, path, { type, filename }) {
  const res = await page.request.get(path, { maxRedirects: 0 });
  expect(res.status(), `download ${path}`).toBe(200);
  expect(res.headers()['content-type']).toContain(type);
  expect(res.headers()['content-disposition']).toBe(`attachment; filename="${filename}"`);
  return res.body();
}

// A CSV export: checks the UTF-8 byte order mark and returns the rows.
export function csvRows(buffer) {
  expect([...buffer.subarray(0, 3)], 'CSV starts with the UTF-8 BOM').toEqual([0xef, 0xbb, 0xbf]);
  const text = buffer.subarray(3).toString('utf8');
  expect(text.endsWith('\r\n'), 'CSV lines end with CRLF').toBe(true);
  return parseCsv(text);
}

// An XLSX workbook as [{ name, rows }], every row padded to the header's width with ''.
export async function xlsxSheets(buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer);
  return wb.worksheets.map((ws) => {
    const rows = [];
    ws.eachRow({ includeEmpty: true }, (row) => {
      // row.values is sparse (index 0 and blank cells are holes): Array.from visits the holes.
      rows.push(Array.from(row.values.slice(1), (v) => (v === null || v === undefined ? '' : String(v))));
    });
    const width = rows[0]?.length ?? 0;
    return { name: ws.name, rows: rows.map((r) => [...r, ...Array(Math.max(0, width - r.length)).fill('')]) };
  });
}
