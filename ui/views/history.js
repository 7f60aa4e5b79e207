// History: past runs, newest first, filtered by AADSTS code.

import * as api from '../api.js';
import { $, h, timeBoth } from '../dom.js';
import { marked } from '../presenter.js';

export function init() {
  $('#history-filter').addEventListener('click', () => load());
  $('#history-all').addEventListener('click', () => {
    $('#history-code').value = '';
    load();
  });
  $('#history-code').addEventListener('keydown', (e) => {
    if (e.key === 'Enter') load();
  });
}

let latest = 0;

export async function load() {
  // A slower, older request must not overwrite a newer filter's answer.
  const mine = ++latest;
  const status = $('#history-status');
  const text = $('#history-code').value.trim().replace(/^AADSTS/i, '');
  const code = text ? Number(text) : null;
  if (text && !Number.isInteger(code)) {
    status.textContent = 'An error code is a number, such as 53003.';
    return;
  }
  try {
    const entries = await api.listHistory(code);
    if (mine !== latest) return;
    status.textContent = entries.length
      ? `${entries.length} run${entries.length === 1 ? '' : 's'}${code ? ` naming AADSTS${code}` : ''}.`
      : code ? `No run named AADSTS${code}.` : 'No runs yet.';
    $('#history-list').replaceChildren(...entries.map(entry));
  } catch (e) {
    status.textContent = e.message;
  }
}

function entry(run) {
  const codes = run.codes.length ? ` · ${run.codes.map((c) => `AADSTS${c}`).join(', ')}` : '';
  return h('li', { class: 'history-entry', dataset: { status: run.overall } },
    h('p', { class: 'history-head' },
      h('strong', { text: run.overall_word ?? run.overall }),
      ` · ${timeBoth(run.started_at)}${codes}`),
    run.diagnosis ? h('p', { class: 'history-diagnosis', text: run.diagnosis.headline }) : null,
    h('ul', { class: 'history-rows' },
      run.rows.map((row) => h('li', {}, h('span', { class: 'history-word', text: `${row.status_word ?? row.status}:` }), ' ',
        h('span', { text: `${row.title}: ` }), ...marked(row.summary, row.summary_segments)))));
}
