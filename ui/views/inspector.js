// The token inspector: claims explained, verdicts, a live countdown to
// expiry, personal claims masked in presenter mode with a per-field reveal.

import * as api from '../api.js';
import { $, h } from '../dom.js';
import { marked } from '../presenter.js';

const ICON = { pass: '✓', warn: '!', fail: '✕' };

let countdown = null;
let sessionToken = null;

export function init() {
  $('#token-inspect').addEventListener('click', () => inspectPasted());
  $('#token-mine-id').addEventListener('click', () => inspectMine('id_token'));
  $('#token-mine-access').addEventListener('click', () => inspectMine('access_token'));
  $('#token-reveal').addEventListener('click', () => reveal());
}

async function inspectPasted() {
  const text = $('#token-input').value;
  sessionToken = null;
  await show(() => api.inspectToken(text));
}

export async function inspectMine(which) {
  sessionToken = which;
  await show(() => api.inspectSessionToken(which));
}

async function show(load) {
  const status = $('#token-status');
  status.textContent = '';
  try {
    render(await load());
  } catch (e) {
    $('#token-result').hidden = true;
    status.textContent = e.message;
  }
}

function render(inspection) {
  $('#token-result').hidden = false;
  $('#token-kind').textContent = inspection.kind_words; // the engine's words for the kind
  $('#token-verdicts').replaceChildren(...inspection.verdicts.map((v) =>
    h('li', { class: 'verdict', dataset: { status: v.status, id: v.id } },
      h('span', { class: 'verdict-icon', 'aria-hidden': 'true', text: ICON[v.status] }),
      h('span', { class: 'verdict-word', text: v.status_word }),
      h('span', { class: 'verdict-message', text: v.message }))));
  $('#token-claims tbody').replaceChildren(...inspection.explained_claims.map(row));
  $('#token-header tbody').replaceChildren(...inspection.explained_header.map(row));
  const raw = $('#token-raw');
  raw.hidden = !sessionToken;
  $('#token-raw-text').hidden = true;
  $('#token-raw-text').textContent = '';
  $('#token-raw-masked').textContent = 'The raw token is hidden.';
  $('#token-reveal').textContent = `Reveal the ${tokenWords()}`;
  startCountdown(inspection.expires_at);
}

function row(claim) {
  const value = marked(claim.value, claim.value_segments);
  const cells = [h('th', { scope: 'row' }, h('code', { text: claim.name })), h('td', { class: 'claim-value' }, value)];
  if (claim.time) {
    const t = new Date(claim.time);
    cells[1].append(h('div', { class: 'claim-time', text: `${t.toISOString().replace('T', ' ').slice(0, 19)} UTC · ${t.toLocaleString()} local` }));
  }
  return h('tr', { dataset: { claim: claim.name } }, ...cells, h('td', { class: 'claim-meaning', text: claim.meaning }));
}

function startCountdown(expiresAt) {
  clearInterval(countdown);
  const target = $('#token-countdown');
  if (!expiresAt) {
    target.textContent = 'No expiry time.';
    return;
  }
  const end = new Date(expiresAt).getTime();
  const tick = () => {
    const left = Math.round((end - Date.now()) / 1000);
    target.dataset.secondsLeft = String(left);
    target.textContent = left > 0 ? `Expires in ${span(left)}.` : `Expired ${span(-left)} ago.`;
  };
  tick();
  countdown = setInterval(tick, 1000);
}

function span(seconds) {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h) return `${h} h ${m} min`;
  if (m) return `${m} min ${s} s`;
  return `${s} s`;
}

/** Which token the reveal button shows, in its own words ("raw ID token"). */
function tokenWords() {
  return sessionToken === 'access_token' ? 'raw access token' : 'raw ID token';
}

async function reveal() {
  if (!sessionToken) return;
  const code = $('#token-raw-text');
  if (!code.hidden) {
    code.hidden = true;
    code.textContent = '';
    $('#token-reveal').textContent = `Reveal the ${tokenWords()}`;
    return;
  }
  try {
    code.textContent = await api.revealSessionToken(sessionToken);
    code.hidden = false;
    $('#token-reveal').textContent = `Hide the ${tokenWords()}`;
  } catch (e) {
    $('#token-status').textContent = e.message;
  }
}
