// Shared helpers for the specs: the emulator's URLs, tokens, fault rules and
// a console watcher that fails a test on errors or panics.
import { expect, type Page, type ConsoleMessage } from '@playwright/test';

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
