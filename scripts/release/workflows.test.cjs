// Checks on the workflow files that actionlint cannot make: one Rust version
// everywhere, and tauri-action pinned by commit with only inputs its pinned
// release reads. Run by scripts/test.sh: node --test scripts/release/
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const repo = path.join(__dirname, '..', '..');
const read = (file) => fs.readFileSync(path.join(repo, file), 'utf8');
const ci = read('.github/workflows/ci.yml');
const release = read('.github/workflows/release.yml');

test('workflows: every job builds with the Rust of Cargo.toml rust-version', () => {
  const rustVersion = read('Cargo.toml').match(/^rust-version\s*=\s*"([^"]+)"/m)[1];
  const images = [...ci.matchAll(/image:\s*rust:([\d.]+)-/g)].map((m) => m[1]);
  const toolchains = [...`${ci}\n${release}`.matchAll(/toolchain:\s*"?([\w.]+)"?/g)].map((m) => m[1]);
  assert.deepEqual(images, [rustVersion], 'the Linux container');
  assert.ok(toolchains.length >= 2, 'Windows/macOS in ci.yml and the release builds name a toolchain');
  for (const t of toolchains) assert.equal(t, rustVersion);
  assert.doesNotMatch(`${ci}\n${release}`, /rust-toolchain@stable/, 'a floating stable toolchain');
});

test('workflows: cargo-deny is the version scripts/install-deps.sh installs, read from one file', () => {
  const version = read('scripts/cargo-deny-version').trim();
  assert.match(version, /^\d+\.\d+\.\d+$/);
  assert.match(read('scripts/install-deps.sh'), /^\s*deny_version=\$\(cat scripts\/cargo-deny-version\)$/m);
  // Each job that installs cargo-deny reads the file in a step of its own.
  const installs = [...ci.matchAll(/tool: cargo-deny@([^,\n]+)/g)].map((m) => m[1]);
  assert.equal(installs.length, 2, 'the Linux test job and the advisories job');
  for (const v of installs) assert.equal(v, '${{ steps.deny.outputs.version }}');
  assert.equal([...ci.matchAll(/run: echo "version=\$\(cat scripts\/cargo-deny-version\)" >>"\$GITHUB_OUTPUT"/g)].length, 2);
  assert.doesNotMatch(`${ci}\n${release}`, /uses:\s*EmbarkStudios\/cargo-deny-action/, 'a cargo-deny of its own choosing');
});

test('workflows: every runner image is named, none is a moving -latest', () => {
  const labels = `${ci}\n${release}`.split('\n').filter((l) => /^\s*(-\s+)?(runs-on|os):/.test(l));
  assert.ok(labels.length >= 8, labels.join('\n'));
  for (const l of labels) assert.doesNotMatch(l, /-latest\b/);
  assert.match(release, /^\s*os: macos-15$/m, 'the DMG is built on a named macOS');
});

// The inputs of tauri-action action-v1.0.0 (its README's Usage section and
// action.yml at that tag).
const TAURI_ACTION_V1_INPUTS = new Set([
  'releaseId', 'tagName', 'releaseName', 'releaseBody', 'releaseCommitish', 'releaseDraft', 'prerelease',
  'generateReleaseNotes', 'owner', 'repo', 'githubBaseUrl', 'isGitea', 'projectPath', 'retryAttempts',
  'uploadUpdaterJson', 'updaterJsonPreferNsis', 'tauriScript', 'args', 'releaseAssetNamePattern',
  'uploadPlainBinary', 'uploadWorkflowArtifacts', 'workflowArtifactNamePattern', 'uploadUpdaterSignatures', 'mobile',
]);

test('workflows: tauri-action is pinned by commit and given only inputs that release reads', () => {
  const lines = release.split('\n');
  const uses = lines.map((l, i) => [l, i]).filter(([l]) => /uses:\s*tauri-apps\/tauri-action@/.test(l));
  assert.equal(uses.length, 1);
  const [line, at] = uses[0];
  assert.match(line, /@1deb371b0cd8bd54025b384f1cd735e725c4060f # action-v1\.0\.0$/);
  // The step's keys sit at the indent of `uses:`; its inputs two deeper, under `with:`.
  const indent = line.match(/^(\s*)/)[1].length;
  let inWith = false;
  const inputs = [];
  for (let i = at + 1; i < lines.length; i++) {
    const l = lines[i];
    if (l.trim() === '' || /^\s*#/.test(l)) continue;
    const depth = l.match(/^(\s*)/)[1].length;
    if (depth < indent || /^\s*- /.test(l)) break;
    if (depth === indent) inWith = /^\s*with:\s*$/.test(l);
    const input = l.match(/^\s*([A-Za-z]+):/);
    if (inWith && input && depth === indent + 2) inputs.push(input[1]);
  }
  assert.ok(inputs.includes('releaseId') && inputs.includes('args'), `found inputs: ${inputs}`);
  for (const input of inputs) assert.ok(TAURI_ACTION_V1_INPUTS.has(input), `${input} is not an input of action-v1.0.0`);
});

test('workflows: on a release, the macOS job removes the .app.tar.gz that tauri-action uploads beside the .dmg', () => {
  const step = release.slice(release.indexOf('- name: Keep only the .dmg for macOS'));
  assert.match(step, /if: runner\.os == 'macOS' && needs\.release\.outputs\.id != ''/);
  assert.match(step, /run: scripts\/release\/drop-assets\.sh "\$RELEASE_ID" \.app\.tar\.gz$/m);
  assert.ok(release.indexOf('uses: tauri-apps/tauri-action@') < release.indexOf('- name: Keep only the .dmg for macOS'));
});

test('workflows: shell scripts keep LF line ends on a Windows checkout (Git Bash runs them)', () => {
  assert.match(read('.gitattributes'), /^\*\.sh text eol=lf$/m);
});

// ---- scripts/lint-workflows.cjs: its own checks on `uses:` ------------------

const { usesProblems, FIRST_NODE24 } = require('../lint-workflows.cjs');
const SHA = 'a'.repeat(40);
const problemsOf = (...uses) => usesProblems(uses.map((u) => `      - uses: ${u}`).join('\n'));

test('lint: a remote action not pinned by a full commit SHA fails', () => {
  for (const spec of ['actions/checkout@v7', 'actions/checkout@v7.0.1', 'dtolnay/rust-toolchain@master',
    `actions/checkout@${SHA.slice(0, 12)}`, 'actions/checkout']) {
    const found = problemsOf(spec);
    assert.equal(found.length, 1, spec);
    assert.match(found[0].message, /not pinned by a full commit SHA/);
  }
});

test('lint: a pin without its release in a trailing comment fails', () => {
  const [p] = problemsOf(`actions/checkout@${SHA}`);
  assert.match(p.message, /no trailing comment naming its release/);
});

test('lint: a release known to run on Node 20 fails, with the first Node 24 one named', () => {
  const cases = [
    ['actions/checkout', 'v4.2.2'], ['actions/setup-node', 'v4'], ['actions/upload-artifact', 'v5.0.0'],
    ['Swatinem/rust-cache', 'v2.8.2'], ['tauri-apps/tauri-action', 'action-v0.6.2'],
  ];
  for (const [action, release] of cases) {
    const found = problemsOf(`${action}@${SHA} # ${release}`);
    assert.equal(found.length, 1, `${action} ${release}`);
    assert.match(found[0].message, /runs on Node 20 or older/);
    assert.ok(found[0].message.endsWith(`use ${FIRST_NODE24[action]} or newer`));
  }
});

test('lint: Node 24 releases, other actions and local ones pass; the line is named', () => {
  assert.deepEqual(problemsOf(
    `actions/checkout@${SHA} # v5.0.0`, `actions/upload-artifact@${SHA} # v6.0.0`,
    `Swatinem/rust-cache@${SHA} # v2.10`, `tauri-apps/tauri-action@${SHA} # action-v1.0.0`,
    `dtolnay/rust-toolchain@${SHA} # master, 2026-03-27`, './.github/actions/local',
  ), []);
  const [p] = usesProblems(`steps:\n  - run: true\n  - uses: actions/setup-node@${SHA} # v4.4.0\n`);
  assert.equal(p.line, 3);
  // A comment that is no release cannot be checked, so it fails too.
  assert.match(problemsOf(`actions/checkout@${SHA} # latest`)[0].message, /not a release to check against v5\.0\.0/);
});

test("lint: this repository's workflows pass the checks on `uses:`", () => {
  assert.deepEqual(usesProblems(ci), []);
  assert.deepEqual(usesProblems(release), []);
  assert.ok((`${ci}\n${release}`.match(/^\s*(-\s+)?uses:/gm) ?? []).length >= 15);
});
