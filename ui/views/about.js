// The About box: the app's name, version and licence, and a link to the
// help page, which opens in the system browser (this window never loads
// remote pages). A native <dialog>: Escape closes it and focus returns.

import * as api from '../api.js';
import { $, h } from '../dom.js';

let dialog;

function build() {
  const status = h('p', { id: 'about-status', class: 'form-status', role: 'status', 'aria-live': 'polite' });
  const help = h('a', {
    id: 'about-help',
    href: '#',
    onclick: async (e) => {
      e.preventDefault();
      try {
        await api.openHelpPage();
        status.textContent = 'The help page opened in your web browser.';
      } catch (err) {
        status.textContent = err.message;
      }
    },
  }, 'Help page');
  dialog = h('dialog', { id: 'about', class: 'about', 'aria-labelledby': 'about-title' },
    h('div', { class: 'about-head' },
      // The header's icon, which the build writes into the page (src-tauri/ui_bundle.rs).
      h('img', { src: document.querySelector('.brand img')?.src ?? '', alt: '', width: 56, height: 56 }),
      h('div', {},
        h('h2', { id: 'about-title', text: 'Sign-in Doctor' }),
        h('p', { id: 'about-version', class: 'about-version' }))),
    h('p', {}, 'Works out why a Microsoft (Entra ID) sign-in fails, and hands help-desk what it needs.'),
    h('dl', { class: 'about-facts' },
      h('dt', {}, 'Licence'), h('dd', { id: 'about-licence' }),
      h('dt', {}, 'Help'), h('dd', {}, help, h('span', { id: 'about-help-address', class: 'about-address' }))),
    status,
    h('form', { method: 'dialog', class: 'form-actions' },
      h('button', { type: 'submit', class: 'primary', id: 'about-close' }, 'Close')));
  document.body.append(dialog);
}

async function open() {
  $('#about-status').textContent = '';
  try {
    const about = await api.about();
    $('#about-title').textContent = about.name;
    $('#about-version').textContent = `Version ${about.version}`;
    $('#about-licence').textContent = about.licence;
    $('#about-help-address').textContent = about.help_page;
  } catch (e) {
    $('#about-status').textContent = `Could not read the version: ${e.message}`;
  }
  dialog.showModal();
  $('#about-close').focus();
}

export function init() {
  build();
  $('#open-about').addEventListener('click', open);
}
