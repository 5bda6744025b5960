// The admin's path (issue "a bad morning"), items 9, 11 and 12: every table
// says its time zone once, a quarantined workflow says why where its badge
// is, and each workflow and run has a way out to the Entra admin center.
import { test, expect } from '@playwright/test';
import { busiestRun, graphGet, openSignedIn } from './support';

const LWF = '/v1.0/identityGovernance/lifecycleWorkflows';

test.describe('times with their zone', () => {
  test.use({ timezoneId: 'Europe/Berlin' });

  test('each table says its zone once and shows times in it', async ({ page }) => {
    const target = await busiestRun();
    const run = await graphGet(`${LWF}/workflows/${target.wf}/runs/${target.run}`);
    await openSignedIn(page, `./workflows/${target.wf}/runs`);
    await expect(page.getByText(/^Times in Europe\/Berlin \(UTC\+0[12]:00\)/)).toHaveCount(1);

    await openSignedIn(page, `./workflows/${target.wf}/runs/${target.run}`);
    await expect(page.getByText(/^Times in Europe\/Berlin \(UTC\+0[12]:00\)/)).toHaveCount(1);
    // The run's start time is shown in Berlin time, its UTC value on hover.
    const started = new Date(run.startedDateTime);
    const berlin = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    }).format(started);
    const facts = page.locator('dl.facts');
    const startedTime = facts.locator('div', { hasText: 'Started' }).locator('time');
    await expect(startedTime).toContainText(berlin);
    await expect(startedTime).toHaveAttribute('title', `UTC: ${started.toISOString()}`);

    await openSignedIn(page, './workflows');
    await expect(page.getByText(/^Times in Europe\/Berlin/)).toHaveCount(1);

    // The user page's task times say their zone once too.
    const users = await graphGet(
      `${LWF}/workflows/${target.wf}/runs/${target.run}/userProcessingResults?$top=1`,
    );
    const upr = users.value[0].id as string;
    await openSignedIn(page, `./workflows/${target.wf}/runs/${target.run}/users/${upr}`);
    await expect(page.getByRole('heading', { name: 'Tasks in execution order' })).toBeVisible();
    await expect(page.getByText(/^Times in Europe\/Berlin \(UTC\+0[12]:00\)/)).toHaveCount(1);
  });
});

test('a quarantined workflow says why, since when and which threshold', async ({ page }) => {
  const list = await graphGet(`${LWF}/workflows`);
  const quarantined = list.value.find((w: any) => w.quarantineDetails?.quarantineReason);
  expect(quarantined, 'the demo tenant has a quarantined workflow').toBeTruthy();
  const reason: string = quarantined.quarantineDetails.quarantineReason;
  expect(reason).toBeTruthy();

  await openSignedIn(page, './workflows');
  const row = page.getByRole('row', { name: new RegExp(quarantined.displayName) });
  const notice = row.getByRole('group', { name: 'Quarantine' });
  await expect(notice).toContainText('Quarantined');
  await expect(notice).toContainText(reason);
  await expect(notice).toContainText('count threshold');
  await expect(notice).toContainText('since');

  await row.getByRole('link', { name: quarantined.displayName }).click();
  const head = page.getByRole('group', { name: 'Quarantine', exact: true });
  await expect(head).toContainText(reason);
});

test('each workflow and run links to its page in the Entra admin center', async ({ page }) => {
  const target = await busiestRun();
  const wf = await graphGet(`${LWF}/workflows/${target.wf}`);
  const expected =
    'https://entra.microsoft.com/#view/Microsoft_AAD_LifecycleManagement/DetailedWorkflowMenuBlade/~/overview/' +
    `workflowId/${target.wf}/workflowName/${encodeURIComponent(wf.displayName)}`;

  await openSignedIn(page, `./workflows/${target.wf}/runs`);
  const onRuns = page.getByRole('link', { name: /Open in Entra admin center/ });
  await expect(onRuns).toHaveAttribute('href', expected);
  await expect(onRuns).toHaveAttribute('target', '_blank');
  await expect(onRuns).toHaveAttribute('rel', /noopener/);

  await openSignedIn(page, `./workflows/${target.wf}/runs/${target.run}`);
  const onRun = page.getByRole('link', { name: /Open in Entra admin center/ });
  await expect(onRun).toHaveAttribute('href', expected);
  await expect(onRun).toHaveAttribute('title', /Workflow history/);
});
