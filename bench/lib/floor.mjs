// The browser's own floor on this machine, measured in the same run as the
// viewer: a plain page with no framework, timed by the same probe and the
// same drivers. It shows what any table pays here regardless of its code:
//   - floor_keystroke_*: an `input` handler that only rewrites the count
//     line and the first two rows' keys (keydown to the next paint);
//   - floor_rewrite_keystroke_*: an `input` handler that rewrites the text
//     of every visible row (what a filter or sort that changes the rows on
//     screen must at least pay: style, layout and paint of the table);
//   - floor_scroll_empty_*: frames while scrolling an empty 4,000,000 px
//     container (browser scrolling, no content);
//   - floor_scroll_rows_*: the same scroll with the cheapest possible
//     virtual table: 37 rows of 11 cells whose text is rewritten in place
//     from precomputed strings on every scroll event.
import { typeSearches } from './interact.mjs';
import { scrollFigures } from './viewer.mjs';
import { summary } from './stats.mjs';

const ORIGIN = 'http://floor.bench.localhost';
const ROWS = 100_000;
const ROW_PX = 40;
const POOL = 37;

/** The plain page: search box, count line, a vanilla virtual table, an empty scroller. */
const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Floor</title>
<style>
body{margin:0;padding:12px;font-family:system-ui,sans-serif;font-size:0.9rem}
.scroller{height:612px;width:1240px;overflow:auto;border:1px solid #ccc;position:relative}
.tall{height:${ROWS * ROW_PX}px}
table{position:absolute;top:0;left:0;border-collapse:separate;border-spacing:0;width:100%;table-layout:fixed}
td{height:${ROW_PX - 1}px;padding:0 0.5rem;border-bottom:1px solid #ddd;white-space:nowrap;overflow:hidden}
</style></head><body>
<label for="quick">Search users</label> <input id="quick" type="search">
<label for="rewrite">Rewrite rows</label> <input id="rewrite" type="search">
<p class="count-line">${ROWS} of ${ROWS} users</p>
<div class="scroller" id="rows"><div class="tall"></div><table><tbody></tbody></table></div>
<div class="scroller" id="empty"><div class="tall"></div></div>
<script>
  const text = (i, c) => c === 0 ? 'user-' + i.toString(16).padStart(8, '0') + '-aaaa-bbbb' : c === 1 ? (i % 5 ? 'Completed' : 'Failed') : String((i * 7919 + c) % 1000);
  const tbody = document.querySelector('#rows tbody');
  const table = document.querySelector('#rows table');
  const cells = [];
  for (let r = 0; r < ${POOL}; r += 1) {
    const tr = document.createElement('tr');
    tr.dataset.row = String(r);
    const row = [];
    for (let c = 0; c < 11; c += 1) { const td = document.createElement('td'); tr.appendChild(td); row.push(td); }
    tbody.appendChild(tr);
    cells.push(row);
  }
  const fill = (first, salt) => {
    for (let r = 0; r < ${POOL}; r += 1) {
      const i = first + r;
      tbody.rows[r].dataset.key = String(i + salt);
      for (let c = 0; c < 11; c += 1) cells[r][c].textContent = i < ${ROWS} ? text(i, c) : '';
    }
  };
  const show = (first, salt) => {
    table.style.transform = 'translateY(' + first * ${ROW_PX} + 'px)';
    fill(first, salt);
  };
  show(0, 0);
  const scroller = document.getElementById('rows');
  scroller.addEventListener('scroll', () => show(Math.floor(scroller.scrollTop / ${ROW_PX}), 0));
  const count = document.querySelector('.count-line');
  document.getElementById('quick').addEventListener('input', (e) => {
    const n = e.target.value.length;
    count.textContent = (${ROWS} >> n) + ' of ${ROWS} users';
    for (let r = 0; r < 2; r += 1) tbody.rows[r].dataset.key = e.target.value + r;
  });
  document.getElementById('rewrite').addEventListener('input', (e) => {
    const v = e.target.value;
    let h = 7;
    for (const ch of v) h = (h * 31 + ch.charCodeAt(0)) % 90000;
    count.textContent = (${ROWS} >> v.length) + ' of ${ROWS} users';
    fill(h, v.length);
  });
</script></body></html>`;

const FLOOR_CONFIG = {
  count: '.count-line',
  firstRows: ['#rows tr[data-row="0"]', '#rows tr[data-row="1"]'],
  rowSelector: '#rows tbody tr',
  rowKey: null,
  keyAttr: 'data-key',
};

/** Floor figures: trivial keystroke, empty scroll, vanilla virtual table scroll. */
export async function benchFloor(context, plan, log) {
  const page = await context.newPage();
  await page.route(`${ORIGIN}/**`, (route) => route.fulfill({ body: PAGE, contentType: 'text/html' }));
  await page.goto(`${ORIGIN}/`);
  await page.evaluate((config) => Object.assign(window.__bench.config, config), FLOOR_CONFIG);
  const typed = await typeSearches(page, page.getByLabel('Search users'), plan.needlesList, plan.interactionTimeoutMs, log);
  const keys = summary(typed.samples);
  const rewritten = await typeSearches(page, page.getByLabel('Rewrite rows'), plan.needlesList, plan.interactionTimeoutMs, log);
  const rewrite = summary(rewritten.samples);
  const empty = await scrollFigures(page, '#empty', plan.scrollSteps);
  const rows = await scrollFigures(page, '#rows', plan.scrollSteps);
  await page.close();
  log(`floor: keystroke p95 ${keys.p95} ms, rewrite keystroke p95 ${rewrite.p95} ms, empty scroll frame p95 ${empty?.p95} ms, vanilla rows scroll frame p95 ${rows?.p95} ms`);
  return {
    floor_keystroke_p50_ms: keys.p50,
    floor_keystroke_p95_ms: keys.p95,
    floor_rewrite_keystroke_p50_ms: rewrite.p50,
    floor_rewrite_keystroke_p95_ms: rewrite.p95,
    floor_scroll_empty_frame_p95_ms: empty?.p95 ?? null,
    floor_scroll_empty_frames_over_16ms: empty?.over16 ?? null,
    floor_scroll_rows_frame_p95_ms: rows?.p95 ?? null,
    floor_scroll_rows_frames_over_16ms: rows?.over16 ?? null,
  };
}
