// Embedding in an admin portal (the lwv/1 contract, README "Embedding"): the
// sample portal (PORTAL_URL, another origin listed in the viewer's
// embed.hosts) frames the viewer and hands it the token; the security rules
// hold against pages on other origins, other windows, stale nonces, wrong
// shapes and tokens in the URL; a host's token gets the warnings a pasted
// one gets (audience, expiry) and stays in memory: no storage, no console
// line holds it. `cargo xtask test` starts the portal.
import { test, expect, type Page, type Request } from '@playwright/test';
import {
  EMULATOR_URL,
  addFaults,
  busiestRun,
  clearFaults,
  emulatorToken,
  panics,
  resetPageSize,
  setPageSize,
  watchConsole,
  workflowsSettled,
} from './support';

const SITE_URL = process.env.SITE_URL ?? 'http://127.0.0.1:8080/';
const PORTAL_URL = process.env.PORTAL_URL ?? 'http://127.0.0.1:8081/';
const SITE_ORIGIN = new URL(SITE_URL).origin;
const PORTAL_ORIGIN = new URL(PORTAL_URL).origin;
const HOSTILE_URL = 'http://hostile.test/';
const RESULTS = '*/userProcessingResults*';
const WAITING = 'Waiting for the portal to provide access…';

type Seen = { origin: string; data: { type: string; nonce?: string; path?: string; height?: number; reason?: string } };

// Host pages the test serves itself (page.route) have no network address, so
// Chromium's Local Network Access checks count them as public and would block
// their loopback viewer and emulator; real portals and viewers are both
// public. Same launch options as playwright.config.ts, plus that switch.
test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-features=LocalNetworkAccessChecks',
    ],
  },
});

let target: { wf: string; run: string; users: number };

test.beforeAll(async () => {
  await resetPageSize();
  target = await busiestRun();
});

test.afterEach(async () => {
  await clearFaults();
  await resetPageSize();
});

/** Records, in the top page only, every lwv: message it receives. */
async function recordMessages(page: Page): Promise<void> {
  await page.addInitScript(() => {
    if (window.top !== window) return;
    const seen: unknown[] = [];
    (window as unknown as { __lwv: unknown[] }).__lwv = seen;
    window.addEventListener('message', (e) => {
      if (typeof e.data?.type === 'string' && e.data.type.startsWith('lwv:')) seen.push({ origin: e.origin, data: e.data });
    });
  });
}

async function seen(page: Page, type?: string): Promise<Seen[]> {
  const all = await page.evaluate(() => (window as unknown as { __lwv?: Seen[] }).__lwv ?? []);
  return type ? all.filter((m) => m.data.type === type) : all;
}

/**
 * The bearer token of every Graph request the page (and its frames) makes,
 * so far, each time the returned function is called. A request whose
 * headers can no longer be read (the test ended before they were) is left
 * out instead of failing the test after it ended.
 */
function watchGraphTokens(page: Page): () => Promise<string[]> {
  const pending: Promise<string | null>[] = [];
  const onRequest = (request: Request) => {
    if (!request.url().startsWith(EMULATOR_URL) || request.url().includes('/_emulator/')) return;
    if (request.method() === 'OPTIONS') return;
    pending.push(
      request
        .allHeaders()
        .then((h) => (h['authorization'] ?? '').replace(/^Bearer /, ''))
        .catch(() => null),
    );
  };
  page.on('request', onRequest);
  return async () => {
    const seen = await Promise.all(pending);
    return seen.filter((t): t is string => t !== null);
  };
}

/** The viewer's debug lines ("lwv: ignored messages: …"). */
function watchDebug(page: Page): string[] {
  const lines: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'debug' && m.text().startsWith('lwv:')) lines.push(m.text());
  });
  return lines;
}

function ignoredCount(lines: string[], reason: string): number {
  const last = lines.at(-1) ?? '';
  const match = new RegExp(`${reason} (\\d+)`).exec(last);
  return match ? Number(match[1]) : 0;
}

/** A host page (served by the test) at `url` that frames the viewer at `viewerPath`. */
async function serveHost(page: Page, url: string, viewerPath: string, extra = ''): Promise<void> {
  await page.route(url, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><title>host</title><iframe id="viewer" title="viewer" src="${SITE_URL}${viewerPath}" style="width:1200px;height:700px"></iframe>${extra}`,
    }),
  );
}

/** Posts `message` to the viewer frame from the top page, aimed at the viewer's origin. */
async function postToViewer(page: Page, message: object, targetOrigin = SITE_ORIGIN): Promise<void> {
  await page.evaluate(
    ({ message, targetOrigin }) =>
      (document.getElementById('viewer') as HTMLIFrameElement).contentWindow!.postMessage(message, targetOrigin),
    { message, targetOrigin },
  );
}

test('the sample portal frames the viewer: workflows without a sign-in form, navigate, location, resize, theme', async ({ page }) => {
  const watcher = watchConsole(page);
  await recordMessages(page);
  await page.goto(PORTAL_URL);
  const viewer = page.frameLocator('#viewer');
  await expect(viewer.getByRole('table', { name: 'Lifecycle workflows' }).getByRole('link').first()).toBeVisible();
  await expect(viewer.getByLabel('Access token')).toHaveCount(0);
  await expect(viewer.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
  await expect(viewer.getByRole('combobox', { name: 'Cloud' })).toHaveCount(0);

  // Location and height arrive at the host, from the viewer's origin only.
  await expect.poll(async () => (await seen(page, 'lwv:location')).map((m) => m.data.path)).toContain('workflows');
  await expect(page.locator('#where')).toHaveText('workflows');
  await expect.poll(async () => (await seen(page, 'lwv:resize')).length).toBeGreaterThan(0);
  await expect
    .poll(async () => {
      const last = (await seen(page, 'lwv:resize')).at(-1)?.data.height;
      const frame = await page.locator('#viewer').evaluate((f) => (f as HTMLElement).style.height);
      return last !== undefined && last > 200 && frame === `${last}px`;
    })
    .toBe(true);
  const messages = await seen(page);
  expect(messages.length).toBeGreaterThan(0);
  expect(messages.filter((m) => m.origin !== SITE_ORIGIN)).toEqual([]);
  await page.screenshot({ path: 'test-results/embedded-portal.png', fullPage: true });

  // lwv:navigate opens a run; the host hears where the viewer went.
  const runPath = `workflows/${target.wf}/runs/${target.run}`;
  await postToViewer(page, { type: 'lwv:navigate', v: 1, path: runPath });
  await expect(viewer.getByRole('heading', { level: 1, name: /Run of/ })).toBeVisible();
  await expect(viewer.getByText(`${target.users} of ${target.users} users`, { exact: true })).toBeVisible();
  await expect(page.locator('#where')).toHaveText(runPath);
  // The first user's name has arrived (the screenshot shows names, not ids).
  await expect(viewer.getByRole('rowheader').first()).not.toHaveText(/^\s*[0-9a-f]{8}-[0-9a-f]{4}-/);
  await page.screenshot({ path: 'test-results/embedded-portal-run.png' });

  // The portal's own buttons drive the viewer too.
  await page.getByRole('button', { name: 'Onboarding runs, last 7 days' }).click();
  await expect(viewer.getByRole('heading', { level: 1, name: /^Runs of/ })).toBeVisible();
  await expect(page.locator('#where')).toHaveText(/^workflows\/14879e66-9ea9-48d0-804d-8fea672d0341\/runs\?.*range=7d/);

  // The host's scheme wins.
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await expect(viewer.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect
    .poll(() => viewer.locator('body').evaluate((b) => getComputedStyle(b).backgroundColor))
    .toBe('rgb(20, 23, 27)');
  await page.screenshot({ path: 'test-results/embedded-portal-dark.png', fullPage: true });
  expect(panics(watcher.problems)).toEqual([]);
});

test('an expiring token is renewed through lwv:token-request without losing rows', async ({ page }) => {
  await recordMessages(page);
  const tokens = watchGraphTokens(page);
  await setPageSize(3);
  await page.goto(`${PORTAL_URL}?expires_in=14`);
  const viewer = page.frameLocator('#viewer');
  await expect(viewer.getByRole('table', { name: 'Lifecycle workflows' })).toBeVisible();
  await postToViewer(page, { type: 'lwv:navigate', v: 1, path: `workflows/${target.wf}/runs/${target.run}` });
  const allRows = viewer.getByText(`${target.users} of ${target.users} users`, { exact: true });
  await expect(allRows).toBeVisible({ timeout: 30_000 });
  await expect
    .poll(async () => (await seen(page, 'lwv:token-request')).map((m) => m.data.reason), { timeout: 30_000 })
    .toContain('expiring');
  await expect(allRows).toBeVisible();
  await expect(viewer.getByText(WAITING)).toHaveCount(0);
  const request = (await seen(page, 'lwv:token-request'))[0];
  expect(request.data.nonce).toMatch(/^[0-9a-f]{32}$/);
  expect(request.data.nonce).not.toBe((await seen(page, 'lwv:ready'))[0].data.nonce);
  // A later Graph call carries the renewed token; the rows stayed.
  await postToViewer(page, { type: 'lwv:navigate', v: 1, path: `workflows/${target.wf}/runs` });
  await expect(viewer.getByRole('heading', { level: 1, name: /^Runs of/ })).toBeVisible();
  await expect.poll(async () => new Set(await tokens()).size).toBeGreaterThan(1);
  await expect(viewer.getByText(WAITING)).toHaveCount(0);
  await expect(viewer.getByLabel('Access token')).toHaveCount(0);
});

test('a 401 mid-load asks the host for a new token and the load resumes', async ({ page }) => {
  const watcher = watchConsole(page);
  await recordMessages(page);
  await page.goto(PORTAL_URL);
  const viewer = page.frameLocator('#viewer');
  await expect(viewer.getByRole('table', { name: 'Lifecycle workflows' })).toBeVisible();
  await workflowsSettled(viewer);
  await setPageSize(3);
  await addFaults([{ path: RESULTS, status: 401, every: 3, times: 1 }]);
  await postToViewer(page, { type: 'lwv:navigate', v: 1, path: `workflows/${target.wf}/runs/${target.run}` });
  await expect(viewer.getByText(`${target.users} of ${target.users} users`, { exact: true })).toBeVisible({ timeout: 30_000 });
  expect((await seen(page, 'lwv:token-request')).map((m) => m.data.reason)).toContain('expired');
  await expect(viewer.getByRole('alert')).toHaveCount(0);
  await expect(viewer.getByText(WAITING)).toHaveCount(0);
  expect(panics(watcher.problems)).toEqual([]);
});

test('a page on an origin not listed posts a token: never used, the viewer keeps waiting and never posts to it', async ({ page }) => {
  const debug = watchDebug(page);
  const tokens = watchGraphTokens(page);
  await recordMessages(page);
  // Even if the deployer forgot frame-ancestors: drop it so the hostile page can frame the viewer.
  await page.route(`${SITE_ORIGIN}/**`, async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers() };
    delete headers['content-security-policy'];
    await route.fulfill({ response, headers });
  });
  await serveHost(page, HOSTILE_URL, 'workflows');
  await page.goto(HOSTILE_URL);
  const viewer = page.frameLocator('#viewer');
  await expect(viewer.getByText(WAITING)).toBeVisible();
  const stolen = await emulatorToken({ expiresIn: 1234 });
  await postToViewer(page, { type: 'lwv:token', v: 1, nonce: 'guess', accessToken: stolen }, '*');
  await expect.poll(() => ignoredCount(debug, 'origin')).toBe(1);
  await expect(viewer.getByText(WAITING)).toBeVisible();
  await expect(viewer.getByRole('table')).toHaveCount(0);
  expect(await tokens()).toEqual([]);
  // The viewer posted only to its listed host: nothing reached this page.
  expect(await seen(page)).toEqual([]);
});

test('a listed origin is ignored from a window that is not the parent, with a stale nonce or a wrong shape', async ({ page }) => {
  const debug = watchDebug(page);
  const tokens = watchGraphTokens(page);
  await recordMessages(page);
  const host = `${PORTAL_ORIGIN}/__host`;
  const sibling = `${PORTAL_ORIGIN}/__sibling`;
  await page.route(sibling, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>sibling</title>' }));
  await serveHost(page, host, 'workflows', `<iframe id="sibling" title="sibling" src="${sibling}"></iframe>`);
  await page.goto(host);
  const viewer = page.frameLocator('#viewer');
  await expect(viewer.getByText(WAITING)).toBeVisible();
  await expect.poll(async () => (await seen(page, 'lwv:ready')).length).toBe(1);
  const ready = (await seen(page, 'lwv:ready'))[0];
  expect(ready.origin).toBe(SITE_ORIGIN);
  const nonce = ready.data.nonce!;
  expect(nonce).toMatch(/^[0-9a-f]{32}$/);
  const bad = await emulatorToken({ expiresIn: 1111 });
  const good = await emulatorToken({ expiresIn: 2222 });
  const message = (accessToken: string, extra: object = {}) => ({ type: 'lwv:token', v: 1, nonce, accessToken, graphEndpoint: EMULATOR_URL, ...extra });

  // Same listed origin, but another window (a sibling frame) posts it.
  const siblingFrame = page.frame({ url: sibling })!;
  await siblingFrame.evaluate(
    ({ m, origin }) => (window.parent.document.getElementById('viewer') as HTMLIFrameElement).contentWindow!.postMessage(m, origin),
    { m: message(bad), origin: SITE_ORIGIN },
  );
  await expect.poll(() => ignoredCount(debug, 'source')).toBe(1);
  // The parent, with a stale nonce, then with a wrong shape.
  await postToViewer(page, message(bad, { nonce: `${nonce.slice(1)}0` }));
  await expect.poll(() => ignoredCount(debug, 'nonce')).toBe(1);
  await postToViewer(page, message(bad, { scope: 'all' }));
  await expect.poll(() => ignoredCount(debug, 'shape')).toBe(1);
  await expect(viewer.getByText(WAITING)).toBeVisible();
  expect(await tokens()).toEqual([]);

  // The right answer opens the viewer; only that token ever reaches Graph.
  await postToViewer(page, message(good));
  await expect(viewer.getByRole('table', { name: 'Lifecycle workflows' }).getByRole('link').first()).toBeVisible();
  const sent = await tokens();
  expect(sent.length).toBeGreaterThan(0);
  expect(new Set(sent)).toEqual(new Set([good]));
  // The same nonce again is stale now.
  await postToViewer(page, message(bad));
  await expect.poll(() => ignoredCount(debug, 'nonce')).toBe(2);
});

test('a token in the frame URL is ignored; a host that never answers gets a hint for the deployer', async ({ page }) => {
  const debug = watchDebug(page);
  const tokens = watchGraphTokens(page);
  const token = await emulatorToken({ expiresIn: 3333 });
  const host = `${PORTAL_ORIGIN}/__host`;
  await serveHost(page, host, `workflows?access_token=${token}`);
  await page.goto(host);
  const viewer = page.frameLocator('#viewer');
  await expect(viewer.getByText(WAITING)).toBeVisible();
  await expect.poll(() => ignoredCount(debug, 'url-token')).toBe(1);
  await expect(viewer.getByRole('table')).toHaveCount(0);
  // Dropped from the frame's address (and history) too.
  const frame = page.frames().find((f) => f.url().startsWith(SITE_ORIGIN));
  expect(frame?.url()).not.toContain(token);
  // This host never answers: after 10 s the viewer says what to check.
  const hint = viewer.getByRole('alert').filter({ hasText: 'No answer from the portal after 10 seconds' });
  await expect(hint).toBeVisible({ timeout: 30_000 });
  await expect(hint).toContainText(PORTAL_ORIGIN);
  await expect(hint).toContainText('frame-ancestors');
  await page.screenshot({ path: 'test-results/embedded-waiting.png' });
  expect(await tokens()).toEqual([]);
  expect(await tokens()).toEqual([]);
});

test('frame-ancestors lists the portal in the served header and is in both generated host files', async () => {
  const page = await fetch(SITE_URL);
  expect(page.headers.get('content-security-policy')).toBe(`frame-ancestors 'self' ${PORTAL_ORIGIN}`);
  const swa = await (await fetch(`${SITE_URL}staticwebapp.config.json`)).json();
  expect(swa.globalHeaders['Content-Security-Policy']).toMatch(/^frame-ancestors 'self'/);
  expect(swa.navigationFallback.rewrite).toBe('/index.html');
  const headers = await (await fetch(`${SITE_URL}_headers`)).text();
  expect(headers).toMatch(/^\/\*\n/);
  expect(headers).toContain("  Content-Security-Policy: frame-ancestors 'self'");
});

/** `token` with some claims changed (graph-emulator's tokens are unsigned). */
function withClaims(token: string, change: Record<string, unknown>): string {
  const [head, payload, sig] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  return [head, Buffer.from(JSON.stringify({ ...claims, ...change })).toString('base64url'), sig].join('.');
}

/** Every console line and uncaught error of the page and its frames. */
function watchAllConsole(page: Page): string[] {
  const lines: string[] = [];
  page.on('console', (m) => lines.push(m.text()));
  page.on('pageerror', (e) => lines.push(e.message));
  return lines;
}

/** localStorage and sessionStorage of the viewer's frame, as one text. */
async function viewerStorage(page: Page): Promise<string> {
  const frame = page.frames().find((f) => f.url().startsWith(SITE_ORIGIN));
  expect(frame, 'the viewer frame').toBeTruthy();
  return frame!.evaluate(() => {
    const dump = (s: Storage) => Array.from({ length: s.length }, (_, i) => `${s.key(i)}=${s.getItem(s.key(i)!)}`).join('\n');
    return `${dump(localStorage)}\n${dump(sessionStorage)}`;
  });
}

/** The warnings the sign-in form shows for `token` pasted with the global cloud. */
async function pastedWarnings(page: Page, token: string): Promise<string[]> {
  const paste = await page.context().newPage();
  await paste.goto(SITE_URL);
  await paste.getByLabel('Cloud').selectOption('global');
  await paste.getByLabel('Access token').fill(token);
  const items = paste.locator('ul.warnings li');
  await expect(items.first()).toBeVisible();
  const texts = await items.allTextContents();
  await paste.close();
  return texts;
}

/** Minutes left change between two readings: compared without them. */
const sameMinutes = (texts: string[]) => texts.map((t) => t.replace(/expires in \d+ min/, 'expires in N min')).sort();

test('a host token for another audience or about to expire gets the warnings a pasted one gets, and stays in memory', async ({ page }) => {
  const lines = watchAllConsole(page);
  await recordMessages(page);
  const host = `${PORTAL_ORIGIN}/__host`;
  await serveHost(page, host, 'workflows');
  // The token is for Azure Resource Manager and has 5 minutes left.
  const token = withClaims(await emulatorToken({ expiresIn: 300 }), { aud: 'https://management.azure.com' });
  await page.goto(host);
  const viewer = page.frameLocator('#viewer');
  await expect.poll(async () => (await seen(page, 'lwv:ready')).length).toBe(1);
  const nonce = (await seen(page, 'lwv:ready'))[0].data.nonce!;
  // Graph's global endpoint, whose audience the token does not match.
  await postToViewer(page, { type: 'lwv:token', v: 1, nonce, accessToken: token, graphEndpoint: 'https://graph.microsoft.com' });
  const warnings = viewer.locator('.host-token-warnings li');
  await expect(warnings.filter({ hasText: 'This token is for https://management.azure.com, not https://graph.microsoft.com' })).toBeVisible();
  await expect(warnings.filter({ hasText: /This token expires in [45] min/ })).toBeVisible();
  await expect(warnings.first()).toHaveAttribute('role', 'alert');
  const embedded = await warnings.allTextContents();
  expect(sameMinutes(embedded)).toEqual(sameMinutes(await pastedWarnings(page, token)));
  await page.screenshot({ path: 'test-results/embedded-token-warnings.png' });
  // Memory only: not in the frame's storage, not in any console line.
  const stored = await viewerStorage(page);
  expect(stored.includes(token)).toBe(false);
  expect(stored.includes(token.split('.')[1])).toBe(false);
  expect(lines.filter((l) => l.includes(token) || l.includes(token.split('.')[1]))).toEqual([]);
});

test('the token the sample portal hands over is used for Graph and kept in no storage or console line', async ({ page }) => {
  const lines = watchAllConsole(page);
  const tokens = watchGraphTokens(page);
  await page.goto(PORTAL_URL);
  const viewer = page.frameLocator('#viewer');
  await expect(viewer.getByRole('table', { name: 'Lifecycle workflows' }).getByRole('link').first()).toBeVisible();
  await postToViewer(page, { type: 'lwv:navigate', v: 1, path: `workflows/${target.wf}/runs/${target.run}` });
  await expect(viewer.getByText(`${target.users} of ${target.users} users`, { exact: true })).toBeVisible({ timeout: 30_000 });
  const used = [...new Set(await tokens())];
  expect(used.length).toBeGreaterThan(0);
  const stored = await viewerStorage(page);
  for (const t of used) {
    expect(t.length).toBeGreaterThan(100);
    expect(stored.includes(t), 'the token in storage').toBe(false);
    expect(stored.includes(t.split('.')[1]), 'its claims in storage').toBe(false);
    expect(lines.filter((l) => l.includes(t) || l.includes(t.split('.')[1])), 'the token in a console line').toEqual([]);
  }
});
