// "Explain an error": any pasted error text → the code, what it means, who
// can fix it, the steps, and the IDs help-desk needs; and the packet.

import * as api from '../api.js';
import { $, h } from '../dom.js';
import { marked, presenterOn } from '../presenter.js';

export function init() {
  $('#error-explain').addEventListener('click', () => explainPasted());
  $('#error-open').addEventListener('click', () => explainFile());
  $('#error-copy').addEventListener('click', () => copyPacket($('#error-status')));
  $('#copy-packet').addEventListener('click', () => copyPacket($('#run-status')));
  $('#error-export').addEventListener('click', () => exportPacket($('#error-status')));
  $('#export-packet').addEventListener('click', () => exportPacket($('#run-status')));
}

async function explainPasted() {
  const status = $('#error-status');
  status.textContent = '';
  try {
    render(await api.explainError($('#error-input').value));
  } catch (e) {
    status.textContent = e.message;
  }
}

/** Open a log file…: the engine reads the file; the view gets only the answer. */
async function explainFile() {
  const status = $('#error-status');
  const button = $('#error-open');
  status.textContent = '';
  button.disabled = true;
  try {
    const opened = await api.explainLogFile();
    if (!opened) return;
    render(opened.explanation, opened.read_words);
  } catch (e) {
    status.textContent = e.message;
  } finally {
    button.disabled = false;
  }
}

/** `source` says what was read (a file's name and size); the engine's words. */
function render(e, source = null) {
  $('#error-result').hidden = false;
  // A file's words say what was read of it (and what was not); a paste past the limit has its own.
  const read = source ?? e.not_read ?? '';
  $('#error-source').hidden = !read;
  $('#error-source').textContent = read;
  $('#error-result').dataset.code = e.code ?? '';
  $('#error-code').textContent = e.code ? `AADSTS${e.code}${e.name ? ` ${e.name}` : ''}` : 'No error code found';
  const parts = [];
  // The engine sends the words with the ids; the view keeps no copy.
  if (e.category_words) parts.push(e.category_words);
  if (e.who_fixes_words) parts.push(`who can fix it: ${e.who_fixes_words}`);
  $('#error-category').textContent = parts.join(' · ');
  $('#error-summary').textContent = e.summary;
  $('#error-steps').replaceChildren(...e.steps.map((s) => h('li', { text: s })));
  const ids = [
    ['Request ID (Trace ID)', e.trace_id], ['Correlation ID', e.correlation_id], ['Timestamp (UTC)', e.timestamp],
    ['Application ID', e.app_id], ['OAuth error', e.error],
    ['Also named', e.other_codes.length ? e.other_codes.map((c) => `AADSTS${c}`).join(', ') : null],
  ].filter(([, v]) => v);
  $('#error-ids').replaceChildren(...ids.map(([label, value]) => [h('dt', { text: label }), h('dd', { text: value })]).flat());
  renderPage(e.page);
}

/** The error page's Troubleshooting details: the facts Conditional Access evaluated. */
function renderPage(page) {
  const p = page ?? {};
  // The IP address and the device ID come marked, so presenter mode masks them.
  const facts = [
    ['App name', p.app_name && [p.app_name]],
    ['IP address', p.ip_address && marked(p.ip_address, p.ip_address_segments)],
    ['Device identifier', p.device_id && marked(p.device_id, p.device_id_segments)],
    ['Device platform', p.device_platform && [p.device_platform]],
    ['Device state', p.device_state && [p.device_state]],
    ['Resource', p.resource && [p.resource]],
  ].filter(([, value]) => value);
  $('#error-page-facts').hidden = facts.length === 0;
  $('#error-page').replaceChildren(...facts.map(([label, value]) => [h('dt', { text: label }), h('dd', {}, value)]).flat());
}

/** Copies the packet; the pasted error is included when there is one. */
async function copyPacket(status) {
  const presenter = presenterOn();
  try {
    await api.copyHelpDeskPacket(presenter, $('#error-input').value || null);
    status.textContent = presenter
      ? 'Copied for help-desk (e-mail addresses masked; IDs kept). Paste it into your ticket or chat.'
      : 'Copied for help-desk. Paste it into your ticket or chat.';
  } catch (e) {
    status.textContent = e.message;
  }
}

/** Saves the packet where the user chooses, in the format the file name says. */
async function exportPacket(status) {
  const presenter = presenterOn();
  try {
    const path = await api.exportHelpDeskPacket(presenter, $('#error-input').value || null);
    if (path) status.textContent = `Saved the report for help-desk to ${path}.`;
  } catch (e) {
    status.textContent = e.message;
  }
}
