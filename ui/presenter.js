// Presenter mode (on by default): for screen sharing, personal details
// (e-mail addresses, names) are masked and text is larger. Values are
// rendered twice, real and masked, and CSS shows one. Each masked value is
// a button that reveals that one value; switching presenter mode on again
// masks everything again. The choice is remembered. index.html starts in
// presenter mode, so the default needs no repaint once the script runs.

import { h } from './dom.js';

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
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

/** "alice@contoso.example" → "a•••@c•••.example". */
export function maskEmail(email) {
  const [local, domain] = email.split('@');
  const dot = domain.lastIndexOf('.');
  return `${local[0]}•••@${domain[0]}•••${domain.slice(dot)}`;
}

function personal(real, masked) {
  const span = h('span', { class: 'personal' });
  const reveal = h('button', {
    type: 'button', class: 'masked', text: masked,
    title: 'Hidden in presenter mode. Click to show this one value.',
    'aria-label': 'Hidden in presenter mode. Show this value',
  });
  const hide = h('button', { type: 'button', class: 'hide-field', text: 'hide', 'aria-label': 'Hide this value again' });
  reveal.addEventListener('click', () => { span.classList.add('revealed'); hide.focus(); });
  hide.addEventListener('click', () => { span.classList.remove('revealed'); reveal.focus(); });
  span.append(h('span', { class: 'real', text: real }), reveal, hide);
  return span;
}

/** Text with every e-mail address in it maskable. */
export function withEmailsMasked(text) {
  const parts = [];
  let last = 0;
  for (const match of text.matchAll(EMAIL)) {
    parts.push(text.slice(last, match.index), personal(match[0], maskEmail(match[0])));
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  return parts.filter((p) => p !== '');
}

/** Plain text (for the clipboard) as presenter mode shows it. */
export function maskedText(text, personalValue = false) {
  if (!document.body.classList.contains('presenter')) return text;
  if (personalValue && !text.match(EMAIL)) return '••••••';
  return text.replace(EMAIL, (email) => maskEmail(email));
}

/** A value that names a person: fully masked in presenter mode. */
export function wholly(text) {
  return personal(text, '••••••');
}
