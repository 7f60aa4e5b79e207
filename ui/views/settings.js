// The Settings view: the profile in effect, where each value came from, and
// a form that saves edits to the user's config file.

import * as api from '../api.js';
import { $, h } from '../dom.js';

let profile = null;
let onSaved = () => {};

export function init({ onProfileSaved }) {
  onSaved = onProfileSaved;
  $('#settings-form').addEventListener('submit', (e) => {
    e.preventDefault();
    save();
  });
  $('#settings-revert').addEventListener('click', () => render(profile));
  $('#forget-me').addEventListener('click', async () => {
    const status = $('#forget-status');
    try {
      await api.forgetMe();
      status.textContent = 'The saved sign-in was deleted from this computer.';
    } catch (e) {
      status.textContent = e.message;
    }
  });
}

export function render(report) {
  profile = report;
  const fields = $('#settings-fields');
  fields.replaceChildren(...report.settings.map(field));
  const problems = $('#settings-problems');
  problems.hidden = report.problems.length === 0;
  problems.replaceChildren(
    h('p', { text: 'Some settings could not be used, so the values below fall back to the layer beneath them:' }),
    h('ul', {}, report.problems.map((p) => h('li', { text: describeProblem(p) }))),
  );
  $('#settings-files').replaceChildren(
    h('dt', { text: report.user_config_words }), h('dd', { text: report.user_config ?? 'none on this system' }),
    h('dt', { text: report.system_config_words }), h('dd', { text: report.system_config ?? 'none on this system' }),
  );
}

export function describeProblem(p) {
  return p.line ? `${p.origin}, line ${p.line}: ${p.message}` : `${p.origin}: ${p.message}`;
}

function field(setting) {
  const id = `setting-${setting.key}`;
  const helpId = `${id}-help`;
  const sourceId = `${id}-source`;
  const input = h('input', {
    id, name: setting.key, type: 'text', value: setting.value, spellcheck: 'false', autocomplete: 'off',
    'aria-describedby': `${helpId} ${sourceId}`,
  });
  const overridden = setting.source.kind === 'environment';
  const source = h('p', { class: 'source', id: sourceId, dataset: { kind: setting.source.kind } },
    // Where the value came from, in the engine's words.
    h('span', { class: 'source-kind', text: setting.source.kind_words }),
    setting.source.kind === 'default' ? '' : ` · ${overridden ? setting.env_var : setting.source.detail}`);
  const reset = h('button', { type: 'button', class: 'link', text: 'Use default' });
  reset.addEventListener('click', () => {
    input.value = setting.default_value;
    input.dataset.reset = 'true';
    input.focus();
  });
  // A personal value (the engine says which, and what it is) is dotted out in presenter mode until shown.
  let show = null;
  if (setting.personal_words) {
    input.classList.add('personal-input');
    // Its name says what it reveals; the visible word starts the name.
    const what = setting.personal_words;
    show = h('button', {
      type: 'button', class: 'link reveal-input', text: 'Show', 'aria-label': `Show the ${what}`, 'aria-controls': id,
    });
    show.addEventListener('click', () => {
      const shown = input.classList.toggle('revealed');
      show.textContent = shown ? 'Hide' : 'Show';
      show.setAttribute('aria-label', `${shown ? 'Hide' : 'Show'} the ${what}`);
    });
  }
  return h('div', { class: 'field' },
    h('label', { for: id, text: setting.label }),
    h('div', { class: 'field-row' }, input, show, reset),
    h('p', { class: 'help', id: helpId, text: setting.help }),
    source,
    overridden ? h('p', { class: 'override-note', text: `${setting.env_var} is set, so it wins over anything saved here.` }) : null);
}

async function save() {
  const status = $('#settings-status');
  const edits = [];
  for (const setting of profile.settings) {
    const input = document.getElementById(`setting-${setting.key}`);
    if (input.dataset.reset === 'true' && input.value.trim() === setting.default_value) {
      edits.push({ key: setting.key, value: '' });
    } else if (input.value.trim() !== setting.value) {
      edits.push({ key: setting.key, value: input.value.trim() });
    }
  }
  if (!edits.length) {
    status.textContent = 'Nothing changed.';
    return;
  }
  status.textContent = 'Saving…';
  try {
    const report = await api.saveSettings(edits);
    render(report);
    status.textContent = `Saved to ${report.user_config}.`;
    onSaved(report);
  } catch (e) {
    status.textContent = `Not saved: ${e.message}`;
  }
}
