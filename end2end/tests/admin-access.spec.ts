// The admin's path, round three (issue #23): access. A 403 names the
// permissions of the call that failed and only those the token lacks, with
// the right way to try again; a token that may read runs but not the
// workflow list still gets in by id or link; F5 after Sign in with
// Microsoft keeps the admin signed in without a stored token; a long UPN
// fits the header.
import { test, expect, type Page } from '@playwright/test';
import { EMULATOR_URL, busiestRun, emulatorToken, graphGet, panics, watchConsole } from './support';

const isAuthorize = (url: URL) => url.pathname.endsWith('/oauth2/v2.0/authorize');

/** Starts Sign in with Microsoft and picks the demo account whose role matches `account`. */
async function signInAs(page: Page, account: RegExp): Promise<void> {
  await page.getByRole('button', { name: 'Sign in with Microsoft' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to your account' })).toBeVisible();
  await page.getByRole('button', { name: account }).click();
}

/** Signs in by pasting a token with `scp`. */
async function pasteToken(page: Page, scp: string): Promise<void> {
  await page.getByLabel('Cloud').selectOption('custom');
  await page.getByLabel('Graph endpoint').fill(EMULATOR_URL);
  await page.getByLabel('Access token').fill(await emulatorToken({ scp }));
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

const READER = /Reports reader/;
const ADMIN = /Lifecycle Workflows Administrator/;

test.describe('item 2: the permission that is actually missing', () => {
  test('the reports reader is told the workflow list needs LifecycleWorkflows-Workflow.ReadBasic.All, on every screen', async ({ page }) => {
    const watcher = watchConsole(page);
    await page.goto('./workflows');
    await signInAs(page, READER);
    for (const [screen, heading] of [
      ['./workflows', 'Workflows'],
      ['./insights', 'Insights'],
      ['./failures', 'Failures'],
    ]) {
      if (screen !== './workflows') {
        await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: heading }).click();
      }
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      const alert = page.getByRole('alert').filter({ hasText: 'Access denied' });
      await expect(alert, screen).toContainText('GET workflows (the workflow list)');
      await expect(alert, screen).toContainText(
        'The token lacks LifecycleWorkflows-Workflow.ReadBasic.All (or LifecycleWorkflows.Read.All)',
      );
      // Nothing the token already has is named as missing.
      await expect(alert, screen).not.toContainText('Reports.Read.All');
      await expect(alert, screen).not.toContainText('User.ReadBasic.All');
      await expect(alert, screen).toContainText('HTTP 403');
      if (screen === './workflows') await page.screenshot({ path: 'test-results/admin-access-403.png' });
    }
    expect(panics(watcher.problems)).toEqual([]);
  });

  test('after Sign in with Microsoft a 403 offers another account (the picker), not another token', async ({ page }) => {
    const watcher = watchConsole(page);
    const prompts: (string | null)[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (isAuthorize(url) && request.method() === 'GET') prompts.push(url.searchParams.get('prompt'));
    });
    await page.goto('./insights');
    await signInAs(page, READER);
    const alert = page.getByRole('alert').filter({ hasText: 'Access denied' });
    await expect(alert).toBeVisible();
    await expect(alert.getByRole('button', { name: 'Use another token' })).toHaveCount(0);
    await alert.getByRole('button', { name: 'Sign in with another account' }).click();
    await expect(page.getByRole('heading', { name: 'Sign in to your account' })).toBeVisible();
    expect(prompts).toEqual([null, 'select_account']);
    await page.getByRole('button', { name: ADMIN }).click();
    // Back on the same screen, now with a token that may list workflows.
    await expect(page).toHaveURL(/\/insights$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Insights' })).toBeVisible();
    await expect(page.getByText(/Loading the runs of every workflow/)).toHaveCount(0, { timeout: 30_000 });
    await expect(page.getByRole('alert').filter({ hasText: 'Access denied' })).toHaveCount(0);
    expect(panics(watcher.problems)).toEqual([]);
  });

  test('a pasted token that is denied offers another token', async ({ page }) => {
    const watcher = watchConsole(page);
    await page.goto('./workflows');
    await pasteToken(page, 'LifecycleWorkflows-Reports.Read.All User.ReadBasic.All');
    const alert = page.getByRole('alert').filter({ hasText: 'Access denied' });
    await expect(alert).toContainText('The token lacks LifecycleWorkflows-Workflow.ReadBasic.All');
    await expect(alert.getByRole('button', { name: 'Sign in with another account' })).toHaveCount(0);
    await alert.getByRole('button', { name: 'Use another token' }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(page.getByLabel('Access token')).toBeVisible();
    expect(panics(watcher.problems)).toEqual([]);
  });
});

test.describe('item 3: a way in for a token that may read runs but not the workflow list', () => {
  let target: { wf: string; run: string; users: number };
  let upr = '';
  test.beforeAll(async () => {
    target = await busiestRun();
    const results = await graphGet(
      `/v1.0/identityGovernance/lifecycleWorkflows/workflows/${target.wf}/runs/${target.run}/userProcessingResults?$top=1`,
    );
    upr = results.value[0].id;
    expect(upr).toMatch(/^[0-9a-f-]{36}$/);
  });

  /** The door on the current screen, filled with `text` and submitted. */
  async function open(page: Page, text: string): Promise<void> {
    const door = page.getByRole('form', { name: 'Open a workflow or run' });
    await door.getByLabel('Open a workflow or run').fill(text);
    await door.getByRole('button', { name: 'Open' }).click();
  }

  test('the reports reader opens a workflow, a run and a user result by id, viewer link, Graph URL or admin center link', async ({ page }) => {
    const watcher = watchConsole(page);
    await page.goto('./workflows');
    await signInAs(page, READER);
    await expect(page.getByRole('alert').filter({ hasText: 'Access denied to GET workflows' })).toBeVisible();

    // Garbage gets a clear message and goes nowhere.
    await open(page, 'not a workflow');
    await expect(page.getByRole('alert').filter({ hasText: '“not a workflow” is neither a workflow id' })).toBeVisible();
    await expect(page).toHaveURL(/\/workflows$/);
    await page.screenshot({ path: 'test-results/admin-access-open-by-id.png' });

    // A Graph URL of the workflow: its runs, which this token may read.
    await open(page, `https://graph.microsoft.com/beta/identityGovernance/lifecycleWorkflows/workflows/${target.wf}`);
    await expect(page).toHaveURL(new RegExp(`/workflows/${target.wf}/runs$`));
    const runs = page.getByRole('table', { name: 'Runs of the workflow' });
    await expect(runs.getByRole('link', { name: /Open run/ }).first()).toBeVisible();

    for (const [text, url, heading] of [
      [target.wf.toUpperCase(), `/workflows/${target.wf}/runs$`, /Runs of/],
      [`https://viewer.contoso.com/lifecycle/workflows/${target.wf}/runs/${target.run}?q=a`, `/workflows/${target.wf}/runs/${target.run}\\?q=a$`, /Run of/],
      [`https://graph.microsoft.com/v1.0/identityGovernance/lifecycleWorkflows/workflows/${target.wf}/runs/${target.run}`, `/workflows/${target.wf}/runs/${target.run}$`, /Run of/],
      [`https://entra.microsoft.com/#view/Microsoft_AAD_LifecycleManagement/DetailedWorkflowMenuBlade/~/overview/workflowId/${target.wf}/workflowName/x`, `/workflows/${target.wf}/runs$`, /Runs of/],
    ] as const) {
      await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Workflows' }).click();
      await open(page, text);
      await expect(page, text).toHaveURL(new RegExp(url));
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    }
    // The workflow opened last lists its runs for this token.
    await expect(runs.getByRole('link', { name: /Open run/ }).first()).toBeVisible();

    // A Graph URL of one user result opens that user's page.
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Workflows' }).click();
    await open(page, `https://graph.microsoft.com/v1.0/identityGovernance/lifecycleWorkflows/workflows/${target.wf}/runs/${target.run}/userProcessingResults/${upr}/taskProcessingResults`);
    await expect(page).toHaveURL(new RegExp(`/workflows/${target.wf}/runs/${target.run}/users/${upr}$`));
    await expect(page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: /^Run of / })).toBeVisible();
    expect(panics(watcher.problems)).toEqual([]);
  });

  test('Failures and Insights offer the same door when the workflow list is denied', async ({ page }) => {
    const watcher = watchConsole(page);
    await page.goto('./failures');
    await signInAs(page, READER);
    await expect(page.getByRole('alert').filter({ hasText: 'Access denied to GET workflows' })).toBeVisible();
    await open(page, target.wf);
    await expect(page).toHaveURL(new RegExp(`/workflows/${target.wf}/runs$`));

    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Insights' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Access denied to GET workflows' })).toBeVisible();
    await open(page, `${new URL(page.url()).origin}/workflows/${target.wf}/runs/${target.run}`);
    await expect(page.getByRole('heading', { level: 1, name: /Run of/ })).toBeVisible();
    expect(panics(watcher.problems)).toEqual([]);
  });

  test('with the workflow list allowed, Failures and Insights show no door', async ({ page }) => {
    await page.goto('./failures');
    await signInAs(page, ADMIN);
    await expect(page.getByRole('heading', { level: 1, name: 'Failures' })).toBeVisible();
    await expect(page.getByText(/workflows loaded/)).toBeVisible();
    await expect(page.getByRole('form', { name: 'Open a workflow or run' })).toHaveCount(0);
  });
});

test.describe('item 4: F5 keeps you signed in, without storing a token', () => {
  const WF = '14879e66-9ea9-48d0-804d-8fea672d0341';
  const DEEP = `./workflows/${WF}/runs?range=90d&status=completedWithErrors`;

  /** Every token, code and verifier the page sent or received, as they pass by. */
  function watchSecrets(page: Page): string[] {
    const secrets: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.endsWith('/oauth2/v2.0/token') && request.method() === 'POST') {
        const body = new URLSearchParams(request.postData() ?? '');
        for (const key of ['code', 'code_verifier', 'refresh_token']) {
          const value = body.get(key);
          if (value) secrets.push(value);
        }
      }
    });
    page.on('response', async (response) => {
      if (!new URL(response.url()).pathname.endsWith('/oauth2/v2.0/token') || response.status() !== 200) return;
      const body = await response.json().catch(() => ({}));
      for (const key of ['access_token', 'refresh_token', 'id_token']) {
        if (typeof body[key] === 'string') secrets.push(body[key]);
      }
    });
    return secrets;
  }

  /** Neither storage nor the address bar holds any of `secrets`. */
  async function expectNoSecretKept(page: Page, secrets: string[]): Promise<void> {
    expect(secrets.length).toBeGreaterThan(0);
    const kept = await page.evaluate(() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage));
    for (const secret of secrets) {
      expect(kept).not.toContain(secret.slice(0, 24));
      expect(page.url()).not.toContain(secret.slice(0, 24));
    }
    expect(page.url()).not.toMatch(/[?&](code|state|error)=/);
    expect(Object.keys(JSON.parse(await page.evaluate(() => JSON.stringify(sessionStorage))))).toEqual(['lwv.signin.last']);
  }

  test('F5 on a deep link after Sign in with Microsoft is signed in on the same screen, silently', async ({ page }) => {
    const watcher = watchConsole(page);
    const secrets = watchSecrets(page);
    await page.goto(DEEP);
    await signInAs(page, ADMIN);
    await expect(page.getByRole('heading', { level: 1, name: /Runs of/ })).toBeVisible();
    const authorize: URL[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (isAuthorize(url)) authorize.push(url);
    });
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: /Runs of/ })).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`/workflows/${WF}/runs\\?range=90d&status=completedWithErrors$`));
    await expect(page.getByRole('group', { name: 'Filters' }).getByLabel('Completed with errors')).toBeChecked();
    await expect(page.getByRole('table', { name: 'Runs of the workflow' }).getByRole('link', { name: /Open run/ }).first()).toBeVisible();
    // One authorize request, without a page: prompt=none for the account signed in.
    expect(authorize.length).toBe(1);
    expect(authorize[0].searchParams.get('prompt')).toBe('none');
    expect(authorize[0].searchParams.get('login_hint')).toMatch(/^[^@\s]+@[^@\s]+$/);
    await expect(page.getByRole('heading', { name: 'Sign in to your account' })).toHaveCount(0);
    await expectNoSecretKept(page, secrets);
    expect(panics(watcher.problems)).toEqual([]);
  });

  test('without the sign-in session cookie a reload shows the normal sign-in screen, no error, and returns to the link after', async ({ page, context }) => {
    const watcher = watchConsole(page);
    const secrets = watchSecrets(page);
    await page.goto(DEEP);
    await signInAs(page, ADMIN);
    await expect(page.getByRole('heading', { level: 1, name: /Runs of/ })).toBeVisible();
    await context.clearCookies();
    const answers: string[] = [];
    page.on('response', (response) => {
      const url = new URL(response.url());
      if (isAuthorize(url) && url.searchParams.get('prompt') === 'none') {
        answers.push(new URL(response.headers()['location'] ?? 'http://x/').searchParams.get('error') ?? '');
      }
    });
    await page.reload();
    await expect(page.getByRole('button', { name: 'Sign in with Microsoft' })).toBeEnabled();
    // The silent try came back with login_required, which is no error to show.
    expect(answers).toEqual(['login_required']);
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(page.getByRole('alert')).toHaveCount(0);
    await page.screenshot({ path: 'test-results/admin-access-sign-in.png' });
    // The record of the last sign-in is gone with the session: no loop.
    expect(await page.evaluate(() => Object.keys(sessionStorage))).toEqual([]);
    await signInAs(page, ADMIN);
    await expect(page).toHaveURL(new RegExp(`/workflows/${WF}/runs\\?range=90d&status=completedWithErrors$`));
    await expectNoSecretKept(page, secrets);
    expect(panics(watcher.problems)).toEqual([]);
  });

  test('Sign out ends it: a reload stays signed out; Keep for this tab sits beside the Microsoft button, off', async ({ page }) => {
    await page.goto('./');
    const microsoft = page.getByRole('region', { name: 'Your Microsoft account' });
    await expect(microsoft.getByLabel('Keep for this tab')).not.toBeChecked();
    await expect(page.getByLabel(/Keep this token for this tab/)).not.toBeChecked();
    await signInAs(page, ADMIN);
    await expect(page.getByRole('heading', { level: 1, name: 'Workflows' })).toBeVisible();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('button', { name: 'Sign in with Microsoft' })).toBeVisible();
    const authorize: string[] = [];
    page.on('request', (request) => {
      if (isAuthorize(new URL(request.url()))) authorize.push(request.url());
    });
    await page.reload();
    await expect(page.getByRole('button', { name: 'Sign in with Microsoft' })).toBeEnabled();
    await expect(page.getByRole('heading', { level: 1, name: 'Workflows' })).toHaveCount(0);
    expect(authorize).toEqual([]);
    expect(await page.evaluate(() => JSON.stringify(sessionStorage))).toBe('{}');
  });
});

test.describe('item 18: a long UPN fits the header', () => {
  /** A demo token whose user has `upn` (the emulator reads its claims unsigned). */
  async function tokenFor(upn: string): Promise<string> {
    const [header, payload] = (await emulatorToken()).split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    claims.upn = upn;
    claims.unique_name = upn;
    return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
  }

  test('the UPN shortens with an ellipsis on one line at 1280 px and shows whole on hover and focus', async ({ page }) => {
    const watcher = watchConsole(page);
    const upn = 'maximilian.alexander.featherstonehaugh-wolfeschlegelsteinhausen@contoso-international-holdings.onmicrosoft.com';
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto('./workflows');
    await page.getByLabel('Cloud').selectOption('custom');
    await page.getByLabel('Graph endpoint').fill(EMULATOR_URL);
    await page.getByLabel('Access token').fill(await tokenFor(upn));
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Workflows' })).toBeVisible();

    const header = page.getByRole('banner');
    const brand = await header.getByText('Lifecycle Workflows viewer').boundingBox();
    const signOut = await header.getByRole('button', { name: 'Sign out' }).boundingBox();
    const bar = await header.boundingBox();
    const who = header.getByText(upn, { exact: true }).first();
    const whoBox = await who.boundingBox();
    expect(brand && signOut && bar && whoBox).toBeTruthy();
    // One row: brand, UPN and Sign out share a line; the header is one line high.
    expect(Math.abs(brand!.y + brand!.height / 2 - (whoBox!.y + whoBox!.height / 2))).toBeLessThan(8);
    expect(Math.abs(brand!.y + brand!.height / 2 - (signOut!.y + signOut!.height / 2))).toBeLessThan(8);
    expect(bar!.height).toBeLessThan(64);
    expect(whoBox!.height).toBeLessThan(24);
    // Shortened with an ellipsis, the whole UPN on hover.
    expect(await who.evaluate((e) => getComputedStyle(e).textOverflow)).toBe('ellipsis');
    expect(await who.evaluate((e) => e.scrollWidth > e.clientWidth)).toBe(true);
    const tooltip = page.getByRole('tooltip');
    await expect(tooltip).toBeHidden();
    await who.hover();
    await expect(tooltip).toBeVisible();
    await expect(tooltip).toHaveText(upn);
    const tip = await tooltip.boundingBox();
    expect(tip!.x + tip!.width).toBeLessThanOrEqual(1280);
    await page.screenshot({ path: 'test-results/admin-access-long-upn.png' });
    // And on keyboard focus.
    await page.mouse.move(600, 500);
    await expect(tooltip).toBeHidden();
    await who.focus();
    await expect(tooltip).toBeVisible();
    expect(panics(watcher.problems)).toEqual([]);
  });
});
