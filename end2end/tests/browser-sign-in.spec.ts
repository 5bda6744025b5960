// "Sign in with Microsoft": the authorization code flow with PKCE against
// graph-emulator's identity endpoints (its sign-in page, token endpoint and
// settable lifetimes). The code never stays in the address bar or history,
// no token reaches localStorage (nor sessionStorage without "Keep for this
// tab"), deep links survive the round trip, renewal is silent, the end of
// the refresh token asks to sign in again and comes back to the same view,
// and Cancel, a reused code, a forged state and a wrong verifier each say
// what happened and redeem nothing.
import { test, expect, type Page, type Route } from '@playwright/test';
import { EMULATOR_URL, addFaults, clearFaults, panics, watchConsole, workflowsSettled } from './support';

const WF = '14879e66-9ea9-48d0-804d-8fea672d0341';
const DEEP_LINK = `./workflows/${WF}/runs?range=90d&status=completedWithErrors`;

const isAuthorize = (url: URL) => url.pathname.endsWith('/oauth2/v2.0/authorize');
const isToken = (url: URL) => url.pathname.endsWith('/oauth2/v2.0/token');

/** Sets the identity provider's lifetimes (seconds). */
async function setLifetimes(lifetimes: object): Promise<void> {
  const response = await fetch(`${EMULATOR_URL}/_emulator/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(lifetimes),
  });
  expect(response.ok, `lifetimes answered ${response.status}`).toBeTruthy();
}

/** How many codes and refresh tokens the emulator has exchanged for tokens. */
async function redeemed(): Promise<{ codes: number; refreshes: number }> {
  const body = await (await fetch(`${EMULATOR_URL}/_emulator/tokens`)).json();
  return { codes: body.codesRedeemed, refreshes: body.refreshTokensRedeemed };
}

/** Every token endpoint answer's tokens, as the page receives them. */
function watchTokens(page: Page): { secrets: string[]; grants: string[] } {
  const seen = { secrets: [] as string[], grants: [] as string[] };
  page.on('request', (request) => {
    if (isToken(new URL(request.url())) && request.method() === 'POST') {
      seen.grants.push(new URLSearchParams(request.postData() ?? '').get('grant_type') ?? '');
    }
  });
  page.on('response', async (response) => {
    if (!isToken(new URL(response.url())) || response.status() !== 200) return;
    const body = await response.json().catch(() => ({}));
    for (const key of ['access_token', 'refresh_token', 'id_token']) {
      if (typeof body[key] === 'string') seen.secrets.push(body[key]);
    }
  });
  return seen;
}

/** Starts the sign-in and picks the emulator's first (administrator) account. */
async function signInWithMicrosoft(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign in with Microsoft' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to your account' })).toBeVisible();
  await page.getByRole('button', { name: /^Sign in as / }).first().click();
}

/** Rewrites the emulator's redirect back to the viewer (after the account is chosen). */
async function rewriteRedirect(page: Page, change: (params: URLSearchParams) => void): Promise<void> {
  await page.route(isAuthorize, async (route: Route) => {
    if (route.request().method() !== 'POST') return route.continue();
    const response = await route.fetch({ maxRedirects: 0 });
    const location = new URL(response.headers()['location']);
    change(location.searchParams);
    await route.fulfill({ status: 302, headers: { location: location.toString() } });
  });
}

async function storageText(page: Page): Promise<string> {
  return page.evaluate(() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage));
}

test.afterEach(async () => {
  await fetch(`${EMULATOR_URL}/_emulator/tokens`, { method: 'DELETE' });
  await clearFaults();
});

test('signs in through the emulator and lands on the workflows with no code kept and no token stored', async ({ page }) => {
  const watcher = watchConsole(page);
  const tokens = watchTokens(page);
  await page.goto('./');
  await expect(page.getByRole('button', { name: 'Sign in with Microsoft' })).toBeVisible();
  await page.screenshot({ path: 'test-results/browser-sign-in-screen.png' });
  await page.getByRole('button', { name: 'Sign in with Microsoft' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to your account' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Sign in as / })).toHaveCount(3);
  await page.screenshot({ path: 'test-results/browser-sign-in-emulator-page.png' });
  await page.getByRole('button', { name: /^Sign in as / }).first().click();

  await expect(page.getByRole('heading', { name: 'Workflows' })).toBeVisible();
  await expect(page).toHaveURL(/\/workflows$/);
  expect(page.url()).not.toMatch(/[?&](code|state)=/);
  expect(tokens.grants).toEqual(['authorization_code']);
  expect(tokens.secrets.length).toBeGreaterThanOrEqual(2);
  const stored = await storageText(page);
  for (const secret of tokens.secrets) expect(stored).not.toContain(secret.slice(0, 40));
  // The round trip's verifier, state and nonce are gone; what stays is the
  // record of the sign-in (no secret) that lets a reload sign in again.
  expect(await page.evaluate(() => Object.keys(sessionStorage))).toEqual(['lwv.signin.last']);
  const record = JSON.parse((await page.evaluate(() => sessionStorage.getItem('lwv.signin.last'))) ?? '{}');
  expect(Object.keys(record).sort()).toEqual(['apiVersion', 'authority', 'clientId', 'cloud', 'endpoint', 'keep', 'tenant', 'upn']);

  // No history entry of the site holds the code: one step back is the emulator's page.
  await page.goBack();
  expect(page.url()).not.toMatch(/[?&]code=/);
  expect(page.url()).toContain('/oauth2/v2.0/authorize');
  expect(panics(watcher.problems)).toEqual([]);
});

test('a deep link with its filters survives the round trip', async ({ page }) => {
  const watcher = watchConsole(page);
  await page.goto(DEEP_LINK);
  await signInWithMicrosoft(page);
  await expect(page.getByRole('heading', { name: /Runs of/ })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/workflows/${WF}/runs\\?range=90d&status=completedWithErrors$`));
  await expect(page.getByRole('group', { name: 'Filters' }).getByLabel('Completed with errors')).toBeChecked();
  await expect(page.getByLabel('Date range')).toHaveValue('90d');
  expect(panics(watcher.problems)).toEqual([]);
});

test('the access token is renewed before it expires without interrupting the admin', async ({ page }) => {
  const watcher = watchConsole(page);
  const tokens = watchTokens(page);
  await setLifetimes({ accessTokenSeconds: 20 });
  await page.goto(DEEP_LINK);
  await signInWithMicrosoft(page);
  const table = page.getByRole('table', { name: 'Runs of the workflow' });
  await expect(table.getByRole('link', { name: /Open run/ }).first()).toBeVisible();
  const url = page.url();
  const visited: string[] = [];
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) visited.push(frame.url());
  });

  const renewal = await page.waitForResponse(
    (r) => isToken(new URL(r.url())) && (r.request().postData() ?? '').includes('grant_type=refresh_token'),
  );
  expect(renewal.status()).toBe(200);
  // The renewed token is the one Graph gets from now on: the next screen loads.
  await table.getByRole('link', { name: /Open run/ }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: /Run of/ })).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(url);
  await expect(table.getByRole('link', { name: /Open run/ }).first()).toBeVisible();
  expect(tokens.grants.slice(0, 2)).toEqual(['authorization_code', 'refresh_token']);
  await expect(page.getByRole('button', { name: 'Sign in with Microsoft' })).toHaveCount(0);
  // Never sent back to sign in, never to the sign-in service.
  expect(visited.filter((u) => u.includes('/sign-in') || u.includes('/oauth2/'))).toEqual([]);
  expect(panics(watcher.problems)).toEqual([]);
});

test('when the refresh token ends the admin signs in again and returns to the same view', async ({ page }) => {
  const watcher = watchConsole(page);
  await setLifetimes({ accessTokenSeconds: 10, refreshTokenSeconds: 12 });
  await page.goto(DEEP_LINK);
  await signInWithMicrosoft(page);
  await expect(page.getByRole('heading', { name: /Runs of/ })).toBeVisible();
  const view = page.url();

  await expect(page.getByText('Your sign-in has ended; sign in again.')).toBeVisible({ timeout: 45_000 });
  await expect(page.getByRole('button', { name: 'Sign in with Microsoft' })).toBeVisible();
  await page.screenshot({ path: 'test-results/browser-sign-in-ended.png' });
  await setLifetimes({ accessTokenSeconds: 3600, refreshTokenSeconds: 86400 });
  await signInWithMicrosoft(page);
  await expect(page).toHaveURL(view);
  await expect(page.getByRole('group', { name: 'Filters' }).getByLabel('Completed with errors')).toBeChecked();
  expect(panics(watcher.problems)).toEqual([]);
});

test('Cancel says so and redeems nothing', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const watcher = watchConsole(page);
  const tokens = watchTokens(page);
  await page.goto('./');
  await page.getByRole('button', { name: 'Sign in with Microsoft' }).click();
  await page.getByRole('button', { name: 'Cancel' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'You cancelled the sign-in' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('AADSTS65004 (access_denied)');
  await expect(alert).toContainText(/Trace ID: [0-9a-f-]{36}/);
  // The code and ids copy as one line for a support ticket.
  const facts = (await alert.locator('code').textContent()) ?? '';
  expect(facts).toMatch(/^AADSTS65004 \(access_denied\) · Trace ID: [0-9a-f-]{36}( · Correlation ID: [0-9a-f-]{36})?$/);
  await alert.getByRole('button', { name: 'Copy error details' }).click();
  await expect(alert.getByRole('status').filter({ hasText: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(facts);
  expect(page.url()).not.toMatch(/[?&](error|state)=/);
  expect(tokens.grants).toEqual([]);
  expect(panics(watcher.problems)).toEqual([]);
});

test('a reused code is refused and signs nobody in', async ({ page }) => {
  const watcher = watchConsole(page);
  let firstCode = '';
  await rewriteRedirect(page, (params) => {
    firstCode = params.get('code') ?? '';
  });
  await page.goto('./');
  await signInWithMicrosoft(page);
  await expect(page.getByRole('heading', { name: 'Workflows' })).toBeVisible();
  expect(firstCode).not.toBe('');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.unrouteAll();

  const before = await redeemed();
  await rewriteRedirect(page, (params) => params.set('code', firstCode));
  await signInWithMicrosoft(page);
  const alert = page.getByRole('alert').filter({ hasText: 'refused the sign-in code' });
  await expect(alert).toContainText('already used');
  await expect(alert).toContainText('AADSTS54005 (invalid_grant)');
  await page.screenshot({ path: 'test-results/browser-sign-in-reused-code.png' });
  expect(await redeemed()).toEqual(before);
  await expect(page.getByRole('heading', { name: 'Workflows' })).toHaveCount(0);
  expect(panics(watcher.problems)).toEqual([]);
});

test('a forged state is refused before anything is redeemed', async ({ page }) => {
  const watcher = watchConsole(page);
  const tokens = watchTokens(page);
  await rewriteRedirect(page, (params) => params.set('state', 'forged-by-an-attacker'));
  await page.goto('./');
  await signInWithMicrosoft(page);
  await expect(page.getByRole('alert').filter({ hasText: 'state mismatch' })).toContainText('nothing was redeemed');
  expect(tokens.grants).toEqual([]);
  expect(page.url()).not.toMatch(/[?&](code|state)=/);
  expect(await page.evaluate(() => Object.keys(sessionStorage))).toEqual([]);
  expect(panics(watcher.problems)).toEqual([]);
});

test('a wrong PKCE verifier is refused and signs nobody in', async ({ page }) => {
  const watcher = watchConsole(page);
  await page.route(isToken, async (route) => {
    const body = new URLSearchParams(route.request().postData() ?? '');
    body.set('code_verifier', 'A'.repeat(43));
    await route.continue({ postData: body.toString() });
  });
  const before = await redeemed();
  await page.goto('./');
  await signInWithMicrosoft(page);
  const alert = page.getByRole('alert').filter({ hasText: 'refused the sign-in code' });
  await expect(alert).toContainText('PKCE verifier');
  await expect(alert).toContainText('AADSTS501481 (invalid_grant)');
  expect(await redeemed()).toEqual(before);
  await expect(page.getByRole('heading', { name: 'Workflows' })).toHaveCount(0);
  expect(panics(watcher.problems)).toEqual([]);
});

test('a 401 renews the token once through the refresh token and the load goes on', async ({ page }) => {
  const watcher = watchConsole(page);
  const tokens = watchTokens(page);
  await page.goto('./');
  await signInWithMicrosoft(page);
  const workflows = page.getByRole('table', { name: 'Lifecycle workflows' });
  await expect(workflows.getByRole('link').first()).toBeVisible();
  await workflowsSettled(page);
  await addFaults([{ path: '*/workflows/*/runs', status: 401, times: 1 }]);
  await workflows.getByRole('link').first().click();
  await expect(page.getByRole('table', { name: 'Runs of the workflow' })).toBeVisible();
  expect(tokens.grants).toEqual(['authorization_code', 'refresh_token']);
  await expect(page.getByRole('button', { name: 'Sign in with Microsoft' })).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(panics(watcher.problems)).toEqual([]);
});

test('Keep for this tab keeps the refresh token in sessionStorage only; a reload still renews; Sign out clears it', async ({ page }) => {
  const watcher = watchConsole(page);
  const tokens = watchTokens(page);
  await setLifetimes({ accessTokenSeconds: 20 });
  await page.goto('./');
  await page.getByLabel(/Keep for this tab/).check();
  await signInWithMicrosoft(page);
  await expect(page.getByRole('heading', { name: 'Workflows' })).toBeVisible();
  const kept = await page.evaluate(() => sessionStorage.getItem('lwv.refresh') ?? '');
  const firstRefresh = tokens.secrets[1];
  expect(kept).toContain(firstRefresh);
  expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain(firstRefresh.slice(0, 20));

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Workflows' })).toBeVisible();
  const renewal = await page.waitForResponse(
    (r) => isToken(new URL(r.url())) && (r.request().postData() ?? '').includes('grant_type=refresh_token'),
  );
  expect(renewal.status()).toBe(200);
  const rotated = (await renewal.json()).refresh_token as string;
  await expect.poll(() => page.evaluate(() => sessionStorage.getItem('lwv.refresh') ?? '')).toContain(rotated);
  expect(await page.evaluate(() => sessionStorage.getItem('lwv.refresh') ?? '')).not.toContain(firstRefresh);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in with Microsoft' })).toBeVisible();
  expect(await storageText(page)).not.toContain(rotated.slice(0, 20));
  expect(panics(watcher.problems)).toEqual([]);
});

test('an own app registration is remembered in localStorage, without any token', async ({ page }) => {
  const watcher = watchConsole(page);
  await page.goto('./');
  await page.getByText('Use your own app registration').click();
  await page.getByLabel('Application (client) ID').fill('11111111-2222-3333-4444-555555555555');
  await page.getByLabel('Tenant').fill('contoso.onmicrosoft.com');
  await page.getByRole('button', { name: 'Remember' }).click();
  await expect(page.getByText(/App registration 11111111-2222-3333-4444-555555555555 in contoso.onmicrosoft.com/)).toBeVisible();
  await page.screenshot({ path: 'test-results/browser-sign-in-own-registration.png' });
  const stored = await page.evaluate(() => localStorage.getItem('lwv.appRegistration'));
  expect(JSON.parse(stored ?? '{}')).toEqual({ clientId: '11111111-2222-3333-4444-555555555555', tenant: 'contoso.onmicrosoft.com' });
  await page.reload();
  await expect(page.getByText(/App registration 11111111-2222-3333-4444-555555555555/)).toBeVisible();
  await page.getByText('Use your own app registration').click();
  await page.getByRole('button', { name: 'Forget' }).click();
  await expect(page.getByText(/App registration 5f1c3b0a-7d29-4c4e-9a51-3b2f8e6d1c70/)).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem('lwv.appRegistration'))).toBeNull();
  expect(panics(watcher.problems)).toEqual([]);
});

test('under a sub-path the redirect URI is the sub-path and the admin comes back to the deep link', async ({ page }) => {
  const watcher = watchConsole(page);
  const base = (process.env.SUBPATH_SITE_URL ?? 'http://127.0.0.1:8080/lifecycle/').replace(/\/?$/, '/');
  let redirectUri = '';
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (isAuthorize(url) && request.method() === 'GET') redirectUri = url.searchParams.get('redirect_uri') ?? '';
  });
  const link = `${base}workflows/${WF}/runs?status=completedWithErrors`;
  await page.goto(link);
  await signInWithMicrosoft(page);
  await expect(page.getByRole('heading', { name: /Runs of/ })).toBeVisible();
  await expect(page).toHaveURL(link);
  expect(redirectUri).toBe(base);
  expect(panics(watcher.problems)).toEqual([]);
});

test('an app whose redirect URI is of type Web is explained', async ({ page }) => {
  const watcher = watchConsole(page);
  const before = await redeemed();
  await page.goto('./');
  await page.getByText('Use your own app registration').click();
  // graph-emulator registers this app's redirect URIs as "Web", not "Single-page application".
  await page.getByLabel('Application (client) ID').fill('0e4c2d6b-1a35-4f8e-b7c9-2d5a8e1f3b60');
  await page.getByRole('button', { name: 'Remember' }).click();
  await signInWithMicrosoft(page);
  const alert = page.getByRole('alert').filter({ hasText: 'Single-page application' });
  await expect(alert).toContainText('AADSTS9002326 (invalid_request)');
  await expect(alert).toContainText(/Correlation ID: [0-9a-f-]{36}/);
  expect(await redeemed()).toEqual(before);
  await page.getByText('Use your own app registration').click();
  await page.getByRole('button', { name: 'Forget' }).click();
  expect(panics(watcher.problems)).toEqual([]);
});

test('missing admin consent names the permissions to grant', async ({ page }) => {
  const watcher = watchConsole(page);
  const tokens = watchTokens(page);
  await page.goto('./');
  await page.getByText('Use your own app registration').click();
  // graph-emulator registers this single-page app without admin consent.
  await page.getByLabel('Application (client) ID').fill('7a3d9e2f-4b1c-4d6a-8e5f-9c0b1a2d3e4f');
  await page.getByRole('button', { name: 'Remember' }).click();
  await page.getByRole('button', { name: 'Sign in with Microsoft' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'Grant admin consent' });
  await expect(alert).toContainText('LifecycleWorkflows-Reports.Read.All');
  await expect(alert).toContainText('LifecycleWorkflows-Workflow.ReadBasic.All');
  await expect(alert).toContainText('AADSTS65001 (consent_required)');
  expect(tokens.grants).toEqual([]);
  expect(panics(watcher.problems)).toEqual([]);
});
