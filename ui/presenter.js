// Presenter mode (on by default): for screen sharing, personal details are
// masked and text is larger. The engine marks each personal value in the
// text it sends (`segments`: `{text, personal?, masked?, what?}`) and gives
// its masked form; this file only renders the marks and never masks by
// itself. Values are rendered twice, real and masked, and CSS shows one.
// Each masked value is a button that reveals that one value; switching
// presenter mode on again masks everything again. The choice is
// remembered. index.html starts in presenter mode, so the default needs no
// repaint once the script runs.

import { h } from './dom.js';

const KEY = 'signin-doctor.presenter';

export function init() {
  const toggle = document.getElementById('presenter-mode');
  const apply = (on) => {
    document.body.classList.toggle('presenter', on);
    toggle.checked = on;
  };
  apply(localStorage.getItem(KEY) !== 'off');
  toggle.addEventListener('change', () => {
    localStorage.setItem(KEY, toggle.checked ? 'on' : 'off');
    if (toggle.checked) {
      for (const el of document.querySelectorAll('.personal.revealed')) el.classList.remove('revealed');
    }
    apply(toggle.checked);
  });
}

/** Whether presenter mode is on: the one place a view asks. */
export function presenterOn() {
  return document.body.classList.contains('presenter');
}

/** A text's segments; a text the engine sent without any is all plain. */
function segmentsOf(text, segments) {
  return segments?.length ? segments : [{ text }];
}

function personal(segment) {
  const span = h('span', { class: 'personal', dataset: { personal: segment.personal } });
  const reveal = h('button', {
    type: 'button', class: 'masked', text: segment.masked,
    title: `Hidden in presenter mode. Click to show the ${segment.what}.`,
    // The name says what it reveals, then what is on screen (label in name).
    'aria-label': `Show the ${segment.what}, ${segment.masked}`,
  });
  const hide = h('button', { type: 'button', class: 'hide-field', text: 'hide', 'aria-label': `Hide the ${segment.what} again` });
  reveal.addEventListener('click', () => { span.classList.add('revealed'); hide.focus(); });
  hide.addEventListener('click', () => { span.classList.remove('revealed'); reveal.focus(); });
  span.append(h('span', { class: 'real', text: segment.text }), reveal, hide);
  return span;
}

/** Text with each personal value in it maskable (for replaceChildren or h's children). */
export function marked(text, segments) {
  return segmentsOf(text, segments).map((s) => (s.personal ? personal(s) : s.text));
}

/** One personal value the engine sent as a field (`{text, personal, masked, what}`), maskable; null when absent. */
export function personalValue(value) {
  return value ? marked(value.text, [value]) : null;
}

/** Plain text for the clipboard, masked as the screen is when presenter mode is on. */
export function copyText(text, segments) {
  const masking = presenterOn();
  return segmentsOf(text, segments).map((s) => (s.personal && masking ? s.masked : s.text)).join('');
}
