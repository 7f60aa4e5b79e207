// The home screen: one row per check, filled in live as the run streams.

import * as api from '../api.js';
import { $, h, timeBoth } from '../dom.js';
import { copyText, marked } from '../presenter.js';

// Icons only: each status's word comes from the engine with the data
// (status_word). "Not run" is the view's own state, before any run.
const ICON = { not_run: '–', pending: '…', running: '◌', pass: '✓', warn: '!', fail: '✕', skipped: '–' };
const NOT_RUN = 'Not run';

let list;
let statusLine;
let runButton;
let activeRun = 0;
let requests = 0;
let openSettings = () => {};
let reauthenticate = () => {};
let inspectToken = () => {};

export function init({ onOpenSettings, onReauthenticate, onInspectToken }) {
  reauthenticate = onReauthenticate;
  inspectToken = onInspectToken;
  list = $('#checklist');
  statusLine = $('#run-status');
  runButton = $('#run-checks');
  openSettings = onOpenSettings;
  runButton.addEventListener('click', () => runChecks());
}

/** Shows the rows before any run. */
export function showPlan(checks) {
  list.replaceChildren(...checks.map((check) => row(check.id, check.title, 'not_run', NOT_RUN, 'Not run yet.')));
}

/**
 * Starts a run (cancelling one in flight). `data-requested` and
 * `data-completed` on the list count runs, so anyone watching (tests,
 * assistive tech) can tell which run the rows belong to.
 */
export async function runChecks() {
  const mine = ++requests;
  list.dataset.requested = String(mine);
  statusLine.textContent = 'Running the checks…';
  showChecking(); // the last run's answer, until this one has its own
  list.dataset.runState = 'running';
  list.setAttribute('aria-busy', 'true');
  try {
    const summary = await api.runChecks(onEvent);
    if (mine !== requests) return;
    // Progress events normally filled every row already; this covers any still in flight.
    for (const result of summary.results) {
      const li = list.querySelector(`li[data-check-id="${CSS.escape(result.id)}"]`);
      if (li && ['pending', 'running', 'not_run'].includes(li.dataset.status)) update(result.id, result);
    }
    finish(summary);
    list.dataset.completed = String(mine);
  } catch (e) {
    if (e.kind === 'cancelled' || mine !== requests) return; // a newer run took over; it reports for itself
    // With no run to draw them, still show what would be checked.
    if (!list.children.length) showPlan(await api.listChecks().catch(() => []));
    $('#diagnosis').hidden = true;
    list.dataset.runState = 'error';
    list.removeAttribute('aria-busy');
    statusLine.textContent = `The checks could not run: ${e.message}`;
    list.dataset.completed = String(mine);
  }
}

function onEvent(event) {
  if (event.run_id < activeRun) return; // from a run that was replaced
  switch (event.event) {
    case 'run_started':
      activeRun = event.run_id;
      list.dataset.runId = String(event.run_id);
      list.replaceChildren(...event.checks.map((c) => row(c.id, c.title, event.status, event.status_word, 'Waiting to start.')));
      break;
    case 'check_running':
      update(event.id, { status: event.status, status_word: event.status_word, summary: `${event.status_word}…` });
      break;
    case 'check_finished':
      update(event.result.id, event.result);
      break;
    case 'run_finished':
      break; // the run's own promise finishes it, with the same summary
    default:
      break;
  }
}

function finish(summary) {
  const count = (status) => summary.results.filter((r) => r.status === status).length;
  const parts = [`${count('pass')} passed`];
  if (count('warn')) parts.push(`${count('warn')} with warnings`);
  if (count('fail')) parts.push(`${count('fail')} failed`);
  if (count('skipped')) parts.push(`${count('skipped')} skipped`);
  statusLine.textContent = `Finished ${timeBoth(summary.started_at)} in ${duration(summary.elapsed_ms)}: ${parts.join(', ')}.`;
  list.dataset.runState = 'finished';
  list.dataset.elapsedMs = String(summary.elapsed_ms); // the engine's own figure, for tests and benchmarks
  list.removeAttribute('aria-busy');
  showDiagnosis(summary);
}

/**
 * The engine's headline above the rows: the likely cause, the next step,
 * and links to the rows that show it. Its words never name a person, so
 * presenter mode needs nothing here.
 */
function showDiagnosis(summary) {
  const box = $('#diagnosis');
  const diagnosis = summary.diagnosis;
  if (!diagnosis) {
    box.hidden = true;
    return;
  }
  box.dataset.cause = diagnosis.cause;
  box.dataset.status = summary.overall;
  $('#diagnosis-headline').textContent = diagnosis.headline;
  const who = diagnosis.who_acts_words;
  $('#diagnosis-who').textContent = `Next step (${who}):`;
  $('#diagnosis-next').textContent = diagnosis.next_step;
  $('#diagnosis-next-line').hidden = false;
  const rowLink = (result) => {
    const link = h('button', { type: 'button', class: 'link', text: result.title, dataset: { checkId: result.id } });
    link.addEventListener('click', () => showRow(result.id));
    return link;
  };
  const links = diagnosis.evidence
    .map((id) => summary.results.find((r) => r.id === id))
    .filter(Boolean)
    .map(rowLink);
  $('#diagnosis-evidence').replaceChildren(...links);
  $('#diagnosis-evidence-line').hidden = links.length === 0;
  // Every other failed or warned row is one click away too, so no scroll hides one.
  const others = summary.results
    .filter((r) => (r.status === 'fail' || r.status === 'warn') && !diagnosis.evidence.includes(r.id))
    .map(rowLink);
  $('#diagnosis-others').replaceChildren(...others);
  $('#diagnosis-others-line').hidden = others.length === 0;
  box.hidden = false;
}

/**
 * The box keeps its place while a run is in flight, so the rows below do
 * not jump when the answer arrives.
 */
function showChecking() {
  const box = $('#diagnosis');
  box.hidden = false;
  box.dataset.status = 'running';
  delete box.dataset.cause;
  $('#diagnosis-headline').textContent = 'Checking each step between this computer and Microsoft sign-in…';
  for (const line of ['#diagnosis-next-line', '#diagnosis-evidence-line', '#diagnosis-others-line']) $(line).hidden = true;
}

/** Scrolls to a row, opens its details and puts the focus there. */
function showRow(id) {
  const li = list.querySelector(`li[data-check-id="${CSS.escape(id)}"]`);
  if (!li) return;
  const details = li.querySelector('details');
  if (details) details.open = true;
  li.scrollIntoView({ block: 'start' });
  const title = li.querySelector('.check-title');
  title.tabIndex = -1;
  title.focus();
}

function duration(ms) {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function row(id, title, status, word, summary) {
  const li = h('li', { class: 'check', dataset: { checkId: id, status } });
  li.append(
    h('div', { class: 'check-head' },
      badge(status, word),
      h('div', { class: 'check-text' },
        h('h2', { class: 'check-title', text: title }),
        h('p', { class: 'check-summary', text: summary })),
      h('div', { class: 'check-actions' })),
  );
  return li;
}

function badge(status, word) {
  return h('span', { class: 'status-badge' },
    h('span', { class: 'status-icon', 'aria-hidden': 'true', text: ICON[status] ?? ICON.pending }),
    h('span', { class: 'status-word', text: word ?? status }));
}

function update(id, result) {
  const li = list.querySelector(`li[data-check-id="${CSS.escape(id)}"]`);
  if (!li) return;
  li.dataset.status = result.status;
  li.querySelector('.status-badge').replaceWith(badge(result.status, result.status_word));
  li.querySelector('.check-summary').replaceChildren(...marked(result.summary, result.summary_segments));
  li.querySelector('.check-details')?.remove();
  const actions = li.querySelector('.check-actions');
  actions.replaceChildren(...(result.actions ?? []).map((action) => actionButton(action, result)));
  const details = detailsFor(result);
  if (details) li.append(details);
}

function detailsFor(result) {
  const fixes = result.fix_steps ?? [];
  const evidence = result.evidence ?? [];
  if (!fixes.length && !evidence.length) return null;
  const label = fixes.length ? 'How to fix, and details' : 'Details';
  return h('details', { class: 'check-details' },
    h('summary', { text: label }),
    fixes.length ? h('div', { class: 'fix' },
      h('h3', { text: 'How to fix' }),
      h('ol', { class: 'fix-steps' }, fixes.map((step) => h('li', { text: step })))) : null,
    evidence.length ? h('dl', { class: 'evidence' },
      evidence.map((e) => [h('dt', { text: e.label }), h('dd', {}, marked(e.value, e.value_segments))])) : null,
    result.started_at ? h('p', { class: 'checked-at', text: `Checked ${timeBoth(result.started_at)}, took ${result.elapsed_ms} ms.` }) : null);
}

function actionButton(action, result) {
  const run = {
    run_again: () => runChecks(),
    open_settings: () => openSettings(),
    reauthenticate: () => reauthenticate(),
    inspect_token: () => inspectToken(),
    copy_details: async (button) => {
      try {
        await api.copyText(asText(result));
        flash(button, 'Copied');
      } catch (e) {
        flash(button, 'Copy failed');
        statusLine.textContent = e.message;
      }
    },
  }[action.kind];
  if (!run) return null;
  const button = h('button', { type: 'button', class: 'small', dataset: { action: action.kind }, text: action.label });
  button.addEventListener('click', () => run(button));
  return button;
}

function flash(button, text) {
  const before = button.textContent;
  button.textContent = text;
  setTimeout(() => { button.textContent = before; }, 1500);
}

/** A row as plain text, for pasting into a ticket. */
function asText(result) {
  const lines = [
    `${result.title}: ${result.status_word ?? result.status}`,
    copyText(result.summary, result.summary_segments),
    `Checked at ${result.started_at} (UTC)`,
    ...(result.evidence ?? []).map((e) => `${e.label}: ${copyText(e.value, e.value_segments)}`),
  ];
  if (result.fix_steps?.length) {
    lines.push('How to fix:', ...result.fix_steps.map((s, i) => `${i + 1}. ${s}`));
  }
  return lines.join('\n');
}
