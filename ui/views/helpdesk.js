// Help-desk: the packet a user sent (Open packet…, a paste, or a file the
// system hands the app), what it says, then the help-desk sign-in and the
// answer: which Conditional Access policy refused the user and why. The
// engine reads the packet and words every sentence; this view lays it out.

import * as api from '../api.js';
import { $, h } from '../dom.js';
import { marked, personalValue, presenterOn } from '../presenter.js';

let showView = () => {};
let reading = null;

export function init({ onShow }) {
  showView = onShow;
  $('#packet-open').addEventListener('click', () => openPacket());
  $('#packet-read').addEventListener('click', () => readPasted());
  $('#helpdesk-sign-in').addEventListener('click', () => lookUp());
  $('#helpdesk-cancel').addEventListener('click', () => api.cancelHelpDeskLookup());
  $('#helpdesk-forget').addEventListener('click', () => forgetHelpDeskSignIn());
  $('#answer-copy').addEventListener('click', () => copyAnswer());
  // Packet files double-clicked (first launch or a second one) arrive here.
  api.watchOpenedPackets((opened) => {
    showView();
    showOpened(opened);
  }).catch((e) => { $('#packet-status').textContent = e.message; });
}

async function openPacket() {
  const status = $('#packet-status');
  status.textContent = '';
  try {
    const opened = await api.openPacket();
    if (opened) showOpened(opened);
  } catch (e) {
    status.textContent = e.message;
  }
}

async function readPasted() {
  const status = $('#packet-status');
  status.textContent = '';
  try {
    show(await api.readPacket($('#packet-input').value), 'the pasted text');
  } catch (e) {
    failed(e.message);
  }
}

function showOpened(opened) {
  if (opened.reading) show(opened.reading, opened.file);
  else failed(opened.problem?.message ?? `${opened.file} could not be read.`);
}

/** A packet that gave nothing: the verdict, and the previous packet's view is cleared. */
function failed(message) {
  reading = null;
  $('#packet-status').textContent = message;
  $('#packet-result').hidden = true;
  $('#helpdesk-signin').hidden = true;
  $('#answer').hidden = true;
}

const code = (value) => h('code', { text: value });

function utc(iso) {
  return iso ? `${iso.replace('T', ' ').replace('Z', '')} UTC` : null;
}

function show(r, from) {
  reading = r;
  $('#packet-status').textContent = `Read ${from} as ${r.kind_words}.`;
  const result = $('#packet-result');
  result.hidden = false;
  result.dataset.kind = r.kind;
  $('#packet-source').textContent = r.generated_at
    ? `Made ${utc(r.generated_at)}${r.presenter_mode ? ', in presenter mode' : ''}.`
    : '';
  $('#packet-error').replaceChildren(...(r.error_code
    ? [h('strong', { text: `AADSTS${r.error_code}${r.error_name ? ` ${r.error_name}` : ''}` }), r.error_summary ? `: ${r.error_summary}` : '']
    : ['No error code in this packet.']));
  let user = null;
  if (r.user) user = personalValue(r.user);
  else if (r.user_masked_in_packet) user = `${r.user_masked_in_packet} (masked in the packet)`;
  const facts = [
    ['Request ID', r.request_id && code(r.request_id)],
    ['Correlation ID', r.correlation_id && code(r.correlation_id)],
    ['Time', utc(r.timestamp)],
    ['User', user],
    ['Cloud', r.cloud_words],
    ['Authority', r.authority],
    ['Tenant', r.tenant],
    ["The app's client-request-id", r.client_request_id && code(r.client_request_id)],
  ].filter(([, value]) => value);
  $('#packet-facts').replaceChildren(...facts.flatMap(([label, value]) => [
    h('dt', { text: label }), h('dd', {}, value),
  ]));
  $('#packet-notes').replaceChildren(...r.notes.map((note) => h('li', { text: note })));
  $('#packet-notes').hidden = r.notes.length === 0;

  const w = r.what_if;
  const inputs = [
    ['User', personalValue(w.user)],
    ['Application (client app ID)', w.app_id && code(w.app_id)],
    ['Target resource', w.resource],
    ['Device platform', w.platform],
    ['Client app type', w.client_app_type],
    ['Device state', w.device_state],
    ['Authentication flow', w.flow],
    ['IP address', personalValue(w.ip_address)],
    ['Country', w.country],
  ].filter(([, value]) => value);
  $('#packet-what-if').replaceChildren(...inputs.flatMap(([label, value]) => [
    h('dt', { text: label }), h('dd', {}, value),
  ]));
  $('#packet-not-in').textContent = w.not_in_packet.length
    ? `Not in the packet, so What If does not evaluate them: ${w.not_in_packet.join(', ')}.`
    : '';
  $('#helpdesk-signin').hidden = false;
  $('#answer').hidden = true;
}

// ---- The help-desk sign-in and the answer ----

let looking = false;

/**
 * What the engine is doing, in its words. A wait is reported again each
 * second as it counts down: repainted, not announced again.
 */
function progress(p) {
  const wait = $('#answer-wait');
  $('#answer').hidden = false;
  wait.setAttribute('aria-live', p.kind === 'waiting' && p.next_try_in_seconds < p.seconds ? 'off' : 'polite');
  wait.dataset.kind = p.kind;
  wait.textContent = p.words;
  if (p.kind === 'signed_in') {
    $('#helpdesk-status').textContent = p.words;
    // When the sign-in completed, so the time to the answer can be measured.
    $('#answer').dataset.signedInAt = String(Date.now());
  }
}

async function lookUp() {
  if (looking || !reading) return;
  looking = true;
  const button = $('#helpdesk-sign-in');
  button.disabled = true;
  $('#helpdesk-cancel').hidden = false;
  $('#helpdesk-status').textContent = '';
  $('#answer').hidden = false;
  // The wait, and then the answer, are shown where the help-desk person looks.
  $('#answer').scrollIntoView({ block: 'nearest' });
  for (const name of ['data-found', 'data-signed-in-at', 'data-shown-at']) $('#answer').removeAttribute(name);
  clearAnswer();
  try {
    const answer = await api.lookUpAsHelpDesk(progress);
    let said = 'The sign-in was not found.';
    if (answer.found) said = 'Found the sign-in.';
    else if (answer.problem) said = 'The lookup stopped: the answer below says why and what to do.';
    $('#helpdesk-status').textContent = said;
    renderAnswer(answer);
    $('#answer').scrollIntoView({ block: 'start' });
  } catch (e) {
    $('#helpdesk-status').textContent = e.message;
    $('#answer').hidden = true;
  } finally {
    $('#answer-wait').setAttribute('aria-live', 'polite');
    delete $('#answer-wait').dataset.kind;
    looking = false;
    button.disabled = false;
    $('#helpdesk-cancel').hidden = true;
    $('#answer-wait').textContent = '';
  }
}

function clearAnswer() {
  $('#answer-body').hidden = true;
  for (const id of ['#answer-blocking', '#answer-entry', '#answer-report-only', '#answer-what-if', '#answer-matches']) {
    $(id).replaceChildren();
  }
  $('#answer-problem').hidden = true;
  $('#answer-copy-status').textContent = '';
}

const yesNo = (value) => (value === true ? 'yes' : value === false ? 'no' : null);

function policy(p) {
  return h('li', { class: 'policy', dataset: { policyId: p.id, unmet: p.unmet ?? '' } },
    h('p', { class: 'policy-name', text: p.name }),
    p.grant_controls?.length ? h('p', { class: 'policy-controls', text: `Grant controls: ${p.grant_controls.join(', ')}` }) : null,
    p.why ? h('p', { class: 'policy-unmet' }, h('strong', { text: 'Not met: ' }), ...marked(p.why, p.why_segments)) : null,
    p.fix ? h('p', { class: 'policy-fix' }, h('strong', { text: 'Fix: ' }), p.fix) : null);
}

function renderAnswer(a) {
  const answer = $('#answer');
  answer.hidden = false;
  answer.dataset.found = String(Boolean(a.found));
  answer.dataset.shownAt = String(Date.now());
  $('#answer-body').hidden = false;
  const problem = $('#answer-problem');
  problem.hidden = !a.problem;
  problem.dataset.kind = a.problem?.kind ?? '';
  problem.replaceChildren(...(a.problem ? [h('p', {}, ...marked(a.problem.message, a.problem.message_segments))] : []));

  const blocking = a.blocking_policies ?? [];
  $('#answer-blocking').replaceChildren(...(blocking.length
    ? blocking.map(policy)
    : [h('li', { class: 'none', text: a.found ? 'No policy with the result "failure" in this entry.' : 'None found.' })]));

  const s = a.sign_in;
  const location = s?.location ? [s.location.city, s.location.state, s.location.country].filter(Boolean).join(', ') : null;
  const device = s?.device;
  const entry = s ? [
    ['Time', utc(s.created_at)],
    ['User', personalValue(s.user)],
    ['Application', s.app && `${s.app}${s.app_id ? ` (${s.app_id})` : ''}`],
    ['Resource', s.resource],
    ['Client app', s.client_app],
    ['Protocol', s.protocol],
    ['IP address', personalValue(s.ip_address)],
    ['Location', location],
    ['Device name', personalValue(device?.name)],
    ['Device', device && [device.os, device.browser].filter(Boolean).join(' · ')],
    ['Device ID', device?.id && code(device.id)],
    ['Compliant', yesNo(device?.compliant)],
    ['Managed', yesNo(device?.managed)],
    ['Trust type', device?.trust_type],
    ['Error code', s.error_code && `AADSTS${s.error_code}`],
    ['Failure reason', s.failure_reason && marked(s.failure_reason, s.failure_reason_segments)],
    ['Request ID', s.id && code(s.id)],
    ['Correlation ID', s.correlation_id && code(s.correlation_id)],
  ].filter(([, value]) => value) : [];
  $('#answer-entry').replaceChildren(...entry.flatMap(([label, value]) => [h('dt', { text: label }), h('dd', {}, value)]));
  $('#answer-entry-title').hidden = entry.length === 0;

  const reportOnly = a.report_only_failures ?? [];
  $('#answer-report-only').replaceChildren(...(reportOnly.length ? reportOnly.map(policy) : [h('li', { class: 'none', text: 'None.' })]));

  const whatIf = a.what_if;
  const whatIfBox = $('#answer-what-if');
  if (!whatIf) {
    whatIfBox.replaceChildren(h('p', { class: 'help', text: 'Not run.' }));
  } else {
    whatIfBox.replaceChildren(...[
      whatIf.problem ? h('p', { text: whatIf.problem.message }) : null,
      h('ul', { class: 'policies' }, (whatIf.policies ?? []).map((p) => h('li', { class: 'policy', dataset: { applies: String(p.applies) } },
        h('span', { class: 'policy-name', text: p.name }),
        p.applies ? ` applies${p.grant_controls?.length ? `: ${p.grant_controls.join(', ')}` : ''}` : ` does not apply (${(p.reasons ?? []).join(', ')})`))),
      whatIf.not_evaluated?.length ? h('p', { class: 'help', text: `Not evaluated (not in the packet): ${whatIf.not_evaluated.join(', ')}.` }) : null,
    ].filter(Boolean));
  }

  const matches = a.matches ?? [];
  $('#answer-matches-title').hidden = matches.length === 0;
  $('#answer-matches').hidden = matches.length === 0;
  $('#answer-matches').replaceChildren(...matches.map((m) => h('li', {},
    `${utc(m.created_at)} · `, ...(personalValue(m.user) ?? []), ` · ${m.app ?? ''}${m.error_code ? ` · AADSTS${m.error_code}` : ''} · `, code(m.id))));
}

/** Forget: the help-desk sign-in is deleted; the engine says so. */
async function forgetHelpDeskSignIn() {
  const status = $('#helpdesk-status');
  try {
    status.textContent = await api.forgetHelpDeskSignIn();
  } catch (e) {
    status.textContent = e.message;
  }
}

async function copyAnswer() {
  const presenter = presenterOn();
  const status = $('#answer-copy-status');
  try {
    await api.copyHelpDeskAnswer(presenter);
    status.textContent = presenter
      ? 'Copied the answer (e-mail addresses and IP addresses masked; IDs kept). Paste it into the ticket.'
      : 'Copied the answer. Paste it into the ticket.';
  } catch (e) {
    status.textContent = e.message;
  }
}
