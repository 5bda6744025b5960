// Shared helpers for the specs: the emulator's URLs, tokens, fault rules and
// a console watcher that fails a test on errors or panics.
import { expect, type Page, type FrameLocator, type ConsoleMessage } from '@playwright/test';

export const EMULATOR_URL = (process.env.EMULATOR_URL ?? 'http://127.0.0.1:8081').replace(/\/$/, '');

/** A token from graph-emulator, optionally with chosen scopes and lifetime. */
export async function emulatorToken(options: { scp?: string; expiresIn?: number } = {}): Promise<string> {
  const url = new URL(`${EMULATOR_URL}/_emulator/token`);
  if (options.scp !== undefined) url.searchParams.set('scp', options.scp);
  if (options.expiresIn !== undefined) url.searchParams.set('expires_in', String(options.expiresIn));
  const response = await fetch(url);
  expect(response.ok, `token endpoint answered ${response.status}`).toBeTruthy();
  const body = (await response.json()) as { access_token: string };
  return body.access_token;
}

/** Adds graph-emulator fault rules (see CONTRIBUTING.md). */
export async function addFaults(rules: object[]): Promise<void> {
  const response = await fetch(`${EMULATOR_URL}/_emulator/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ rules }),
  });
  expect(response.ok, `faults endpoint answered ${response.status}`).toBeTruthy();
}

/** Empties graph-emulator's log of Graph requests. */
export async function clearRequestLog(): Promise<void> {
  await fetch(`${EMULATOR_URL}/_emulator/requests`, { method: 'DELETE' });
}

/** The Graph requests graph-emulator answered since the log was emptied ("METHOD /path"). */
export async function requestLog(): Promise<string[]> {
  const response = await fetch(`${EMULATOR_URL}/_emulator/requests`);
  expect(response.ok, `requests endpoint answered ${response.status}`).toBeTruthy();
  return ((await response.json()) as { requests: string[] }).requests;
}

/** Removes every fault rule. */
export async function clearFaults(): Promise<void> {
  await fetch(`${EMULATOR_URL}/_emulator/faults`, { method: 'DELETE' });
}

/** Collects console errors and uncaught exceptions (a wasm panic is one). */
export function watchConsole(page: Page): { problems: string[] } {
  const watcher = { problems: [] as string[] };
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error') watcher.problems.push(message.text());
  });
  page.on('pageerror', (error) => watcher.problems.push(`uncaught: ${error.message}`));
  return watcher;
}

/** Errors that are expected from a test's own failing requests, not bugs. */
export function unexpectedProblems(problems: string[], allowed: RegExp[] = []): string[] {
  return problems.filter((text) => !allowed.some((pattern) => pattern.test(text)));
}

/** Sets graph-emulator's default page size (Graph's is 100), so small data pages. */
export async function setPageSize(rows: number): Promise<void> {
  const response = await fetch(`${EMULATOR_URL}/_emulator/paging`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ pageSize: rows }),
  });
  expect(response.ok, `paging endpoint answered ${response.status}`).toBeTruthy();
}

/** Back to Graph's default page size. */
export async function resetPageSize(): Promise<void> {
  await fetch(`${EMULATOR_URL}/_emulator/paging`, { method: 'DELETE' });
}

const LCW = '/v1.0/identityGovernance/lifecycleWorkflows';

/** GETs a Graph path on the emulator with a fresh token (for test set-up, not the viewer). */
export async function graphGet(path: string): Promise<any> {
  const token = await emulatorToken();
  const response = await fetch(`${EMULATOR_URL}${path}`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.ok, `${path} answered ${response.status}`).toBeTruthy();
  return response.json();
}

/** The demo tenant's run with the most user results: its ids and the result count. */
export async function busiestRun(): Promise<{ wf: string; run: string; users: number }> {
  const workflows = (await graphGet(`${LCW}/workflows?$top=999`)).value as { id: string }[];
  let best = { wf: '', run: '', users: -1 };
  for (const wf of workflows) {
    const runs = (await graphGet(`${LCW}/workflows/${wf.id}/runs?$top=999`)).value as { id: string; totalUsersCount?: number }[];
    for (const run of runs) {
      if ((run.totalUsersCount ?? 0) > best.users) best = { wf: wf.id, run: run.id, users: run.totalUsersCount ?? 0 };
    }
  }
  const results = await graphGet(`${LCW}/workflows/${best.wf}/runs/${best.run}/userProcessingResults?$top=999`);
  return { ...best, users: (results.value as unknown[]).length };
}

/** Opens a deep link and signs in to the demo tenant from the sign-in screen it leads to. */
export async function openSignedIn(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.getByRole('button', { name: 'Sign in to the demo tenant' }).click();
}

/** Hrefs of the user links in the user results table's row headers (one per rendered row). */
export async function userLinks(page: Page): Promise<string[]> {
  return page
    .getByRole('region', { name: 'User processing results' })
    .getByRole('rowheader')
    .getByRole('link')
    .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).getAttribute('href') ?? ''));
}

/** Console problems that are panics or uncaught errors (a wasm panic shows as both). */
export function panics(problems: string[]): string[] {
  return problems.filter((p) => /panick|uncaught|RuntimeError|unreachable/i.test(p));
}

/**
 * Waits until the workflows screen has its last runs and failures (one
 * `$batch` after the list), so a fault added next meets the screen the
 * test opens, not that batch.
 */
export async function workflowsSettled(page: Page | FrameLocator): Promise<void> {
  await expect(page.getByRole('table', { name: 'Lifecycle workflows' }).getByRole('rowheader').first()).toBeVisible();
  await expect(page.getByText('Loading the last runs and failures…')).toHaveCount(0, { timeout: 30_000 });
}

/** An RFC 4180 reader, for the exported CSV files. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; }
    else field += c;
  }
  return rows;
}

/** GETs a Graph path on `emulator` with a fresh token from it. */
export async function getOn(emulator: string, path: string): Promise<any> {
  const token = (await (await fetch(`${emulator}/_emulator/token`)).json()).access_token as string;
  const response = await fetch(`${emulator}${path}`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.ok, `${path} answered ${response.status}`).toBeTruthy();
  return response.json();
}

/**
 * The run with the most users on `emulator` (the 100,000-user run at
 * `--scale large`), with its pages set to 999 rows (undo with `resetPagingOn`).
 */
export async function largestRunOn(emulator: string): Promise<{ wf: string; run: string; users: number }> {
  let run = { wf: '', run: '', users: 0 };
  const workflows = (await getOn(emulator, `${LCW}/workflows?$top=999`)).value as { id: string }[];
  for (const wf of workflows) {
    const runs = (await getOn(emulator, `${LCW}/workflows/${wf.id}/runs?$top=999`)).value as { id: string; totalUsersCount?: number }[];
    for (const r of runs) {
      if ((r.totalUsersCount ?? 0) > run.users) run = { wf: wf.id, run: r.id, users: r.totalUsersCount ?? 0 };
    }
  }
  // Graph pages by 100; pages of 999 keep each load of the run to about
  // 100 requests (what is tested does not depend on the page size).
  const paging = await fetch(`${emulator}/_emulator/paging`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ pageSize: 999 }),
  });
  expect(paging.ok).toBeTruthy();
  return run;
}

/** Back to Graph's page size on `emulator`. */
export async function resetPagingOn(emulator: string): Promise<void> {
  if (emulator) await fetch(`${emulator}/_emulator/paging`, { method: 'DELETE' });
}
