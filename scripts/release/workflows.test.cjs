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

test('workflows: shell scripts keep LF line ends on a Windows checkout (Git Bash runs them)', () => {
  assert.match(read('.gitattributes'), /^\*\.sh text eol=lf$/m);
});
