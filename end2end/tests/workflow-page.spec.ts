// The workflow screen (workflows/{id}): the emulator's trigger, scope and
// tasks (with argument values) in an admin's words, for workflows of
// different trigger kinds; the rule as written one click away; the page
// keeps working without task definitions and with hostile data.
import { test, expect, type Page } from '@playwright/test';
import { addFaults, clearFaults, graphGet, openSignedIn, panics, watchConsole } from './support';

const LCW = '/v1.0/identityGovernance/lifecycleWorkflows';
const NS = '#microsoft.graph.identityGovernance.';

type Task = { id: string; displayName: string; executionSequence: number; taskDefinitionId: string; arguments: { name: string; value: string }[] };
type Wf = { id: string; displayName: string; executionConditions: any; tasks: Task[] };
type Def = { id: string; displayName: string };

/** The admin center's names of the time-based trigger attributes. */
const ATTRIBUTE = { employeeHireDate: 'Employee hire date', employeeLeaveDateTime: 'Employee leave date time', createdDateTime: 'Created date time' } as Record<string, string>;

let workflows: Wf[] = [];
let definitions: Def[] = [];

test.use({ viewport: { width: 1280, height: 2000 } });

test.beforeAll(async () => {
  workflows = (await graphGet(`${LCW}/workflows?$expand=tasks`)).value;
  definitions = (await graphGet(`${LCW}/taskDefinitions`)).value;
});

test.afterEach(async () => {
  await clearFaults();
});

const kind = (w: Wf) => String(w.executionConditions?.['@odata.type'] ?? '').replace(NS, '');
const triggerKind = (w: Wf) => String(w.executionConditions?.trigger?.['@odata.type'] ?? '').replace(NS, '');

/** A time-based workflow whose rule has several top-level clauses and days before. */
function timeBased(): Wf {
  const w = workflows.find((w) => triggerKind(w) === 'timeBasedAttributeTrigger' && w.executionConditions.trigger.offsetInDays < 0 && / and \(/.test(w.executionConditions.scope.rule));
  expect(w, 'a time-based workflow with days before and an and-rule').toBeTruthy();
  return w!;
}

function membership(): Wf {
  const w = workflows.find((w) => triggerKind(w) === 'membershipChangeTrigger');
  expect(w, 'a membership change workflow').toBeTruthy();
  return w!;
}

function onDemand(): Wf {
  const w = workflows.find((w) => kind(w) === 'onDemandExecutionOnly');
  expect(w, 'an on-demand-only workflow').toBeTruthy();
  return w!;
}

/** The tasks in execution order, as the page should list them. */
async function expectTasks(page: Page, w: Wf) {
  const tasks = [...w.tasks].sort((a, b) => a.executionSequence - b.executionSequence);
  expect(tasks.length).toBeGreaterThan(0);
  const list = page.getByRole('list', { name: 'Tasks in execution order' });
  await expect(list.getByRole('heading', { level: 3 })).toHaveText(tasks.map((t) => t.displayName));
  for (const t of tasks) {
    const def = definitions.find((d) => d.id === t.taskDefinitionId);
    expect(def, `definition of ${t.displayName}`).toBeTruthy();
    await expect(page.getByLabel(`Task ${t.displayName}`)).toContainText(def!.displayName);
    if (t.arguments.length > 0) {
      await expect(page.getByRole('list', { name: `Arguments of ${t.displayName}` }).getByRole('listitem')).toHaveText(
        t.arguments.map((a) => `${a.name} = ${a.value === '' ? '(empty)' : a.value}`),
      );
    }
  }
}

test('a time-based workflow reads as days before the attribute, its rule one clause a line, and its tasks with arguments', async ({ page }) => {
  const console = watchConsole(page);
  const w = timeBased();
  const t = w.executionConditions.trigger;
  await openSignedIn(page, `./workflows/${w.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(w.displayName);
  await expect(page.getByLabel('Trigger')).toHaveText(`${Math.abs(t.offsetInDays)} days before ${ATTRIBUTE[t.timeBasedAttribute]}`);
  const rule: string = w.executionConditions.scope.rule;
  const clauses = rule.split(/(?<=\)) (?=(?:and|or) \()/);
  expect(clauses.length).toBeGreaterThan(2);
  await expect(page.getByRole('list', { name: 'Scope' }).getByRole('listitem')).toHaveText(clauses);
  await expectTasks(page, w);
  await page.screenshot({ path: '/tmp/workflow-page.png', fullPage: true });
  // The rule as written, one click away (kept in the URL), and back.
  await page.getByRole('button', { name: 'Show the rule as written' }).click();
  await expect(page.getByLabel('Scope rule as written')).toHaveText(rule);
  await expect(page).toHaveURL(/[?&]rule=raw/);
  await page.getByRole('button', { name: 'Show the rule clause by clause' }).click();
  await expect(page.getByRole('list', { name: 'Scope' }).getByRole('listitem')).toHaveCount(clauses.length);
  // Links: runs, failures of this workflow, the admin center.
  await expect(page.getByRole('link', { name: 'Runs', exact: true })).toHaveAttribute('href', new RegExp(`/workflows/${w.id}/runs$`));
  await expect(page.getByRole('link', { name: 'Failures of this workflow' })).toHaveAttribute('href', new RegExp(`/failures\\?workflow=${w.id}$`));
  await expect(page.getByRole('link', { name: /Open in Entra admin center/ })).toHaveAttribute('href', new RegExp(w.id));
  expect(panics(console.problems)).toEqual([]);
});

test('a membership change workflow reads as added to its group, and who created and changed it is named', async ({ page }) => {
  const w = membership();
  const group = w.executionConditions.scope.groups[0];
  const full = await graphGet(`${LCW}/workflows/${w.id}?$expand=createdBy,lastModifiedBy`);
  await openSignedIn(page, `./workflows/${w.id}`);
  const verb = w.executionConditions.trigger.changeType === 'add' ? 'added to' : 'removed from';
  await expect(page.getByLabel('Trigger')).toHaveText(`When ${verb} group ${group.displayName}`);
  await expect(page.getByRole('list', { name: 'Scope' }).getByRole('listitem')).toHaveText([`Members of ${group.displayName}`]);
  await expect(page.getByRole('button', { name: 'Show the rule as written' })).toHaveCount(0);
  await expectTasks(page, w);
  const history = page.getByLabel('Created and changed', { exact: true }).last();
  await expect(history).toContainText(full.createdBy.displayName);
  await expect(history).toContainText(full.lastModifiedBy.displayName);
  await expect(page.getByLabel('Workflow', { exact: true })).toContainText(String(full.version));
});

test('an on-demand-only workflow says so; the runs screen links its definition', async ({ page }) => {
  const w = onDemand();
  await openSignedIn(page, `./workflows/${w.id}/runs`);
  await page.getByRole('link', { name: 'Workflow definition' }).click();
  await expect(page).toHaveURL(new RegExp(`/workflows/${w.id}$`));
  await expect(page.getByLabel('Trigger')).toHaveText('On demand only');
  await expectTasks(page, w);
});

test('without access to task definitions the tasks keep their own names and a note says why', async ({ page }) => {
  const console = watchConsole(page);
  const w = timeBased();
  await addFaults([{ path: '*/taskDefinitions', status: 403 }]);
  await openSignedIn(page, `./workflows/${w.id}`);
  await expect(page.getByRole('note').filter({ hasText: 'Task definition names could not be read' })).toBeVisible();
  const tasks = [...w.tasks].sort((a, b) => a.executionSequence - b.executionSequence);
  await expect(page.getByRole('list', { name: 'Tasks in execution order' }).getByRole('heading', { level: 3 })).toHaveText(tasks.map((t) => t.displayName));
  await expect(page.getByLabel(`Task ${tasks[0].displayName}`)).toContainText(tasks[0].taskDefinitionId);
  await expect(page.getByLabel('Trigger')).not.toBeEmpty();
  expect(panics(console.problems)).toEqual([]);
});

test('hostile definitions: an unknown trigger, a 4,000-character rule, markup in an argument, no tasks, null createdBy', async ({ page }) => {
  const console = watchConsole(page);
  const w = timeBased();
  const path = `*/workflows/${w.id}`;
  await addFaults([{
    path,
    merge: {
      executionConditions: { '@odata.type': `${NS}triggerAndScopeBasedConditions`, trigger: { '@odata.type': `${NS}moonPhaseTrigger`, phase: 'full' }, scope: { '@odata.type': `${NS}ruleBasedSubjectSet`, rule: Array(100).fill("(extensionAttribute1 eq 'x<b>y</b>')").join(' or ') } },
      createdBy: null,
      tasks: [{ id: 't1', displayName: 'Hostile task', executionSequence: 1, isEnabled: true, continueOnError: false, taskDefinitionId: '22085229-5809-45e8-97fd-270d28d66910', arguments: [{ name: 'groupID', value: '<script>window.pwned=1</script><img src=x onerror="window.pwned=2">' }] }],
    },
  }]);
  await openSignedIn(page, `./workflows/${w.id}`);
  await expect(page.getByLabel('Trigger')).toHaveText('Unknown trigger (moonPhaseTrigger)');
  await expect(page.getByRole('list', { name: 'Scope' }).getByRole('listitem')).toHaveCount(100);
  await expect(page.getByRole('list', { name: 'Arguments of Hostile task' }).getByRole('listitem')).toHaveText(
    ['groupID = <script>window.pwned=1</script><img src=x onerror="window.pwned=2">'],
  );
  expect(await page.evaluate(() => (window as any).pwned)).toBeUndefined();
  await expect(page.getByLabel('Created and changed', { exact: true }).last()).toContainText('Created by—');
  await clearFaults();
  await addFaults([{ path, merge: { tasks: [], executionConditions: { '@odata.type': `${NS}somethingNew` } } }]);
  await openSignedIn(page, `./workflows/${w.id}`);
  await expect(page.getByText('This workflow has no tasks.')).toBeVisible();
  await expect(page.getByLabel('Trigger')).toHaveText('Unknown execution conditions (somethingNew)');
  await expect(page.getByText('"@odata.type": "#microsoft.graph.identityGovernance.somethingNew"')).toBeVisible();
  expect(panics(console.problems)).toEqual([]);
});
