// Starts the app: shows the checklist, loads the profile, runs the checks,
// and wires the views and keyboard shortcuts together.

import * as api from './api.js';
import * as about from './views/about.js';
import { $ } from './dom.js';
import * as checklist from './views/checklist.js';
import * as explainView from './views/explain.js';
import * as helpdesk from './views/helpdesk.js';
import * as history from './views/history.js';
import * as inspector from './views/inspector.js';
import * as presenter from './presenter.js';
import * as settings from './views/settings.js';
import { describeProblem } from './views/settings.js';
import * as signin from './views/signin.js';

const views = ['checklist', 'explain', 'inspector', 'helpdesk', 'history', 'settings'];

function show(view, { focus = false } = {}) {
  for (const name of views) {
    const selected = name === view;
    const tab = $(`#tab-${name}`);
    tab.setAttribute('aria-selected', String(selected));
    tab.tabIndex = selected ? 0 : -1;
    $(`#view-${name}`).hidden = !selected;
  }
  if (focus) $(`#tab-${view}`).focus();
}

function wireTabs() {
  views.forEach((name, index) => {
    const tab = $(`#tab-${name}`);
    tab.addEventListener('click', () => {
      show(name);
      if (name === 'history') history.load();
    });
    // The tab strip's keys (WAI-ARIA tabs pattern): arrows move and wrap
    // (up and down in the sidebar, left and right across the top; both
    // pairs work either way), Home and End go to the first and the last tab.
    tab.addEventListener('keydown', (e) => {
      const last = views.length - 1;
      const next = (index + 1) % views.length;
      const previous = (index + last) % views.length;
      const target = {
        ArrowDown: next,
        ArrowRight: next,
        ArrowUp: previous,
        ArrowLeft: previous,
        Home: 0,
        End: last,
      }[e.key];
      if (target === undefined) return;
      e.preventDefault();
      const name = views[target];
      show(name, { focus: true });
      if (name === 'history') history.load();
    });
  });
}

// The tabs run down the sidebar, or across the top in a small window
// (style.css decides): a screen reader is told which, for its arrow keys.
function followOrientation() {
  const strip = $('.tabs');
  const update = () => {
    const down = getComputedStyle(strip).flexDirection === 'column';
    strip.setAttribute('aria-orientation', down ? 'vertical' : 'horizontal');
  };
  update();
  window.addEventListener('resize', update);
}

function showProfile(report) {
  const value = (key) => report.settings.find((s) => s.key === key)?.value ?? '';
  $('#profile-line').textContent = `Authority: ${value('authority')} · Client: ${value('client_id')}`;
  const banner = $('#config-banner');
  banner.hidden = report.problems.length === 0;
  $('#config-banner-text').textContent = report.problems.length
    ? `A settings problem was found and skipped: ${describeProblem(report.problems[0])}`
    : '';
  settings.render(report);
}

async function start() {
  wireTabs();
  followOrientation();
  about.init();
  presenter.init();
  checklist.init({
    onOpenSettings: () => show('settings', { focus: true }),
    onReauthenticate: () => signin.reauthenticate(),
    onInspectToken: () => {
      show('inspector', { focus: true });
      inspector.inspectMine('id_token');
    },
  });
  inspector.init();
  explainView.init();
  helpdesk.init({ onShow: () => show('helpdesk') });
  history.init();
  signin.init({ onFinished: () => checklist.runChecks() });
  settings.init({ onProfileSaved: (report) => { showProfile(report); checklist.runChecks(); } });
  $('#config-banner-open').addEventListener('click', () => show('settings', { focus: true }));
  // Keyboard focus is always in view: WebKitGTK does not scroll the view's
  // own scrolling area to an element that Tab moves into.
  document.addEventListener('focusin', (e) => {
    if (e.target instanceof Element && e.target.matches(':focus-visible')) {
      e.target.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    }
  });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'F5') {
      e.preventDefault();
      show('checklist');
      checklist.runChecks();
    }
  });
  // A doctor starts by examining: the network checks are safe to run at once.
  // The run's first event draws the rows, so the checklist appears without
  // waiting for another round trip; the settings load alongside.
  const run = checklist.runChecks();
  try {
    showProfile(await api.getProfile());
  } catch (e) {
    $('#run-status').textContent = `Could not read the settings: ${e.message}`;
  }
  await run;
}

// WebKit paints nothing before the page's load event, and the window is
// shown only then (src-tauri/desktop.rs): start the first run after it, so
// the first paint never waits on the run (issue 15: cold start).
if (document.readyState === 'complete') {
  start();
} else {
  window.addEventListener('load', () => start(), { once: true });
}
