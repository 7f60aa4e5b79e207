// Re-authenticate: forget the saved sign-in, sign in again in the system
// browser, show the waiting state (with Cancel and the paste box), then run
// the checklist again.

import * as api from '../api.js';
import { $ } from '../dom.js';

let running = false;
let afterSignIn = () => {};

export function init({ onFinished }) {
  afterSignIn = onFinished;
  $('#reauthenticate').addEventListener('click', () => reauthenticate());
  $('#device-sign-in').addEventListener('click', () => signInOnAnotherDevice());
  $('#signin-cancel').addEventListener('click', () => api.cancelSignIn());
  $('#device-code-cancel').addEventListener('click', () => api.cancelSignIn());
  $('#device-code-copy').addEventListener('click', async () => {
    try {
      await api.copyText($('#device-code-value').textContent);
      $('#device-code-copy').textContent = 'Copied';
    } catch (e) {
      $('#run-status').textContent = e.message;
    }
  });
  $('#signin-paste-use').addEventListener('click', async () => {
    const text = $('#signin-paste').value.trim();
    if (!text) {
      $('#signin-paste').focus();
      return;
    }
    await api.pasteSignInError(text);
  });
}

export function reauthenticate() {
  const prompt = $('#reauth-password').checked ? 'login' : 'select_account';
  return signIn('Opening your web browser to sign in…', (onProgress) => api.reauthenticate(prompt, onProgress));
}

export function signInOnAnotherDevice() {
  return signIn('Asking for a sign-in code…', (onProgress) => api.signInOnAnotherDevice(onProgress));
}

async function signIn(opening, start) {
  if (running) {
    $('#signin-paste').focus();
    return;
  }
  running = true;
  const panel = $('#signin-wait');
  const devicePanel = $('#device-code');
  const status = $('#run-status');
  $('#signin-paste').value = '';
  $('#signin-request-id').textContent = '';
  $('#reauthenticate').disabled = true;
  $('#device-sign-in').disabled = true;
  document.body.dataset.signin = 'starting';
  status.textContent = opening;
  try {
    const attempt = await start((progress) => {
      // The engine words each step (progress.words); the view only shows the right panel.
      status.textContent = progress.words;
      if (progress.stage === 'device_code_shown') {
        document.body.dataset.signin = 'device_code';
        $('#device-code-url').textContent = progress.verification_uri;
        $('#device-code-caveat').textContent = progress.caveat ?? '';
        $('#device-code-value').textContent = progress.user_code;
        devicePanel.dataset.verificationUriComplete = progress.verification_uri_complete ?? '';
        $('#device-code-expiry').textContent = `The code works until ${new Date(progress.expires_at).toLocaleTimeString()}.`;
        $('#device-code-copy').textContent = 'Copy code';
        devicePanel.hidden = false;
      } else if (progress.stage === 'waiting_for_browser') {
        document.body.dataset.signin = 'waiting';
        $('#signin-request-id').textContent = progress.client_request_id;
        panel.hidden = false;
      } else if (progress.stage === 'exchanging_code') {
        document.body.dataset.signin = 'exchanging';
      }
    });
    status.textContent = `${attempt.outcome_words} ${NEXT[attempt.outcome.kind] ?? ''}`.trim();
  } catch (e) {
    status.textContent = `Sign-in could not start: ${e.message}`;
  } finally {
    panel.hidden = true;
    devicePanel.hidden = true;
    running = false;
    $('#reauthenticate').disabled = false;
    $('#device-sign-in').disabled = false;
    document.body.dataset.signin = 'done';
  }
  afterSignIn();
}

/** What the window does next, after the engine's words for how the sign-in ended. */
const NEXT = {
  signed_in: 'Checking again…',
  refused: 'See the Sign-in row below.',
  failed: 'See the Sign-in row below.',
};
