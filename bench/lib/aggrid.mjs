// B5: the same rows (the same JSON objects the viewer fetched) in AG Grid
// Community on a plain page, timed by the same probe and the same drivers.
// The page, AG Grid's bundle and the rows come from a small HTTP server in
// this process (not `page.route`: a fulfilled body travels over the
// DevTools pipe, and 100,000 rows are more than it carries).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clickSorts, typeSearches } from './interact.mjs';
import { scrollFigures } from './viewer.mjs';
import { round, summary } from './stats.mjs';

const PACKAGE = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', 'ag-grid-community');
const VERSION = JSON.parse(readFileSync(join(PACKAGE, 'package.json'), 'utf8')).version;
const SCROLLER = '.ag-grid-viewport';

/** The plain page: a quick-filter box, a count line and the grid. */
const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>AG Grid peer</title>
<script src="/ag-grid-community.min.js"></script>
<style>body{margin:0;padding:12px;font-family:system-ui,sans-serif}#grid{height:612px;width:1240px}</style>
</head><body>
<label for="quick">Search users</label> <input id="quick" type="search">
<p class="count-line"></p>
<div id="grid"></div>
<script>
  const searched = { getQuickFilterText: (p) => String(p.value ?? '') };
  const unsearched = { getQuickFilterText: () => '' };
  const ms = (t) => (t ? Date.parse(t) : null);
  const columnDefs = [
    { headerName: 'User', field: 'subject.id', ...searched, width: 300 },
    { headerName: 'Status', field: 'processingStatus', ...unsearched },
    { headerName: 'Type', field: 'workflowExecutionType', ...unsearched },
    { headerName: 'Version', field: 'workflowVersion', ...unsearched, width: 90 },
    { headerName: 'Tasks', field: 'totalTasksCount', ...unsearched, width: 90 },
    { headerName: 'Failed', field: 'failedTasksCount', ...unsearched, width: 90 },
    { headerName: 'Unprocessed', field: 'totalUnprocessedTasksCount', ...unsearched, width: 110 },
    { headerName: 'Started', field: 'startedDateTime', ...unsearched },
    { headerName: 'Completed', field: 'completedDateTime', ...unsearched },
    { headerName: 'Duration', colId: 'duration', ...unsearched, width: 100,
      valueGetter: (p) => p.data.__durationMs },
    { headerName: 'Result id', field: 'id', ...searched, width: 300 },
  ];
  fetch('/rows.json').then((r) => r.json()).then((rows) => {
    // Parsed once at load, as the viewer parses its dates once per row.
    for (const row of rows) { const a = ms(row.startedDateTime), b = ms(row.completedDateTime); row.__durationMs = a && b ? b - a : null; }
    if (agGrid.ModuleRegistry && agGrid.AllCommunityModule) agGrid.ModuleRegistry.registerModules([agGrid.AllCommunityModule]);
    const count = document.querySelector('.count-line');
    const api = agGrid.createGrid(document.getElementById('grid'), {
      columnDefs, rowData: rows, animateRows: false, rowHeight: 40, suppressColumnVirtualisation: true,
      onModelUpdated: (e) => { count.textContent = e.api.getDisplayedRowCount() + ' of ' + rows.length + ' users'; },
    });
    document.getElementById('quick').addEventListener('input', (e) => api.setGridOption('quickFilterText', e.target.value));
    window.__agReady = rows.length;
  });
</script></body></html>`;

const AG_CONFIG = {
  count: '.count-line',
  firstRows: ['.ag-grid-scrolling-container .ag-row[row-index="0"]', '.ag-grid-scrolling-container .ag-row[row-index="1"]'],
  rowSelector: '.ag-grid-scrolling-container .ag-row',
  rowKey: null,
  keyAttr: 'row-id',
};

/** Serves the page, AG Grid's UMD bundle and the rows on a loopback port: { url, close }. */
async function servePage(rows) {
  const script = readFileSync(join(PACKAGE, 'dist', 'ag-grid-community.min.js'));
  const rowsJson = Buffer.from(JSON.stringify(rows));
  const server = createServer((request, response) => {
    const path = new URL(request.url, 'http://localhost').pathname;
    const [body, type] =
      path === '/ag-grid-community.min.js'
        ? [script, 'text/javascript']
        : path === '/rows.json'
          ? [rowsJson, 'application/json']
          : [PAGE, 'text/html; charset=utf-8'];
    response.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' });
    response.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () =>
      new Promise((resolve) => {
        server.close(resolve);
        server.closeAllConnections();
      }),
  };
}

/** The AG Grid figures: quick-filter keystrokes, sorts, scroll, memory. */
export async function benchAgGrid(context, rows, plan, log) {
  const server = await servePage(rows);
  try {
    return await measure(context, server.url, plan, log, rows.length);
  } finally {
    await server.close();
  }
}

async function measure(context, url, plan, log, rowCount) {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => window.__agReady, null, { timeout: plan.loadTimeoutMs, polling: 250 });
  await page.evaluate((config) => Object.assign(window.__bench.config, config), AG_CONFIG);
  await page.locator(AG_CONFIG.firstRows[0]).waitFor();
  log(`AG Grid ${VERSION} holds ${rowCount} rows`);
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  const typed = await typeSearches(page, page.getByLabel('Search users'), plan.needlesList, plan.interactionTimeoutMs, log);
  const header = (name) => page.getByRole('columnheader', { name, exact: true });
  const sorted = await clickSorts(page, header, plan.sortRounds, plan.interactionTimeoutMs, log);
  const scroll = await scrollFigures(page, SCROLLER, plan.scrollSteps);
  const filter = summary(typed.samples);
  const sort = summary(sorted.samples);
  await page.close();
  const figures = {
    ag_filter_p50_ms: filter.p50,
    ag_filter_p95_ms: filter.p95,
    ag_filter_keystrokes: filter.count,
    ag_filter_keystrokes_unchanged: typed.unchanged,
    ag_sort_p50_ms: sort.p50,
    ag_sort_p95_ms: sort.p95,
    ag_sort_clicks: sort.count,
    ag_sort_clicks_unchanged: sorted.unchanged,
    ag_scroll_frame_p95_ms: scroll?.p95 ?? null,
    ag_scroll_frames_over_16ms: scroll?.over16 ?? null,
    ag_dom_rows: scroll?.maxRows ?? null,
    ag_memory_mb: round(heap.usedSize / 1048576, 1),
  };
  return { figures, version: VERSION, sortByColumn: sorted.byColumn };
}
