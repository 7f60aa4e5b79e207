// Presenter mode: for screen sharing, personal details (e-mail addresses,
// names) are masked and text is larger. Values are rendered twice, real
// and masked, and CSS shows one; the choice is remembered.

import { h } from './dom.js';

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const KEY = 'signin-doctor.presenter';

export function init() {
  const toggle = document.getElementById('presenter-mode');
  const apply = (on) => {
    document.body.classList.toggle('presenter', on);
    toggle.checked = on;
  };
  apply(localStorage.getItem(KEY) === 'on');
  toggle.addEventListener('change', () => {
    localStorage.setItem(KEY, toggle.checked ? 'on' : 'off');
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
  return h('span', { class: 'personal' },
    h('span', { class: 'real', text: real }),
    h('span', { class: 'masked', text: masked, 'aria-hidden': 'true' }));
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

/** A value that names a person: fully masked in presenter mode. */
export function wholly(text) {
  return personal(text, '••••••');
}
