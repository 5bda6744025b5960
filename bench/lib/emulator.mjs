// Talking to graph-emulator from Node: a token, the run to open, and the
// same result pages the viewer fetched (for the AG Grid page).

import { readFileSync } from 'node:fs';

const LCW = '/v1.0/identityGovernance/lifecycleWorkflows';

/** A demo token from the emulator. */
export async function token(emulatorUrl) {
  const response = await fetch(`${emulatorUrl}/_emulator/token`);
  if (!response.ok) throw new Error(`token endpoint answered ${response.status}`);
  return (await response.json()).access_token;
}

/** GET every page of a collection, following @odata.nextLink. */
async function getAll(url, bearer) {
  const rows = [];
  let next = url;
  while (next) {
    const response = await fetch(next, { headers: { Authorization: `Bearer ${bearer}` } });
    if (!response.ok) throw new Error(`GET ${next} answered ${response.status}`);
    const body = await response.json();
    rows.push(...(body.value ?? []));
    next = body['@odata.nextLink'];
  }
  return rows;
}

/**
 * The run with the most users (the 100,000-user run at `--scale large`):
 * { workflowId, workflowName, runId, users }.
 */
export async function biggestRun(emulatorUrl) {
  const bearer = await token(emulatorUrl);
  const workflows = await getAll(`${emulatorUrl}${LCW}/workflows`, bearer);
  let best = null;
  for (const workflow of workflows) {
    const runs = await getAll(`${emulatorUrl}${LCW}/workflows/${workflow.id}/runs`, bearer);
    for (const run of runs) {
      const users = run.totalUsersCount ?? 0;
      if (!best || users > best.users) {
        best = { workflowId: workflow.id, workflowName: workflow.displayName, runId: run.id, users };
      }
    }
  }
  if (!best) throw new Error('the emulator has no runs');
  return best;
}

/**
 * Fetches the recorded requests in order; returns the rows (each passed
 * through `keep`, to hold only what is needed of large runs) and the time
 * it took.
 */
export async function fetchPages(requests, keep = (row) => row) {
  const started = performance.now();
  const rows = [];
  for (const request of requests) {
    const response = await fetch(request.url, { headers: { Authorization: request.authorization } });
    if (!response.ok) throw new Error(`GET ${request.url} answered ${response.status}`);
    for (const row of (await response.json()).value ?? []) rows.push(keep(row));
  }
  return { rows, ms: performance.now() - started };
}

/** Resident memory of a local process in MB (Linux `VmRSS`), or null. */
export function residentMb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1]);
    return Number.isFinite(kb) ? Math.round(kb / 102.4) / 10 : null;
  } catch (_) {
    return null;
  }
}
