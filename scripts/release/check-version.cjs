#!/usr/bin/env node
// The first step of a release: fails unless the tag, tauri.conf.json and
// Cargo.toml name the same version, and that version is one every installer
// accepts. A tag that disagrees would ship installers carrying the wrong
// version under it; Windows' MSI refuses a pre-release version outright.
//
//   node scripts/release/check-version.cjs [--root DIR] [TAG]
//
// TAG is the pushed tag (v1.2.3); without one (a build started by hand) only
// the two files are compared. Exit status: 0 they agree, 1 they do not (the
// message says which and what to change), 2 bad usage. When $GITHUB_OUTPUT is
// set, writes `version=1.2.3` to it for later jobs.
// Runs on the release workflow's Linux job, and anywhere with Node 18 or newer.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

class Disagreement extends Error {}

/** The version a Cargo.toml gives its package: its own, or the workspace's. */
function cargoVersion(text) {
  let table = '';
  const found = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*$/, '').trim();
    const header = line.match(/^\[([^\]]+)\]$/);
    if (header) {
      table = header[1].trim();
      continue;
    }
    const plain = line.match(/^version\s*=\s*"([^"]*)"$/);
    if (plain) found[table] = plain[1];
    if (/^version\s*\.\s*workspace\s*=\s*true$/.test(line) || /^version\s*=\s*\{\s*workspace\s*=\s*true\s*\}$/.test(line)) {
      found[table] = { workspace: true };
    }
  }
  const own = found['package'];
  if (typeof own === 'string') return own;
  if (own && own.workspace) {
    if (typeof found['workspace.package'] === 'string') return found['workspace.package'];
    throw new Disagreement('Cargo.toml: [package] takes its version from the workspace, but [workspace.package] has no version');
  }
  if (typeof found['workspace.package'] === 'string') return found['workspace.package'];
  throw new Disagreement('Cargo.toml: no version in [package] or [workspace.package]');
}

/** The version tauri.conf.json gives the installers (Tauri 2 rules). */
function tauriVersion(root, cargo) {
  const file = path.join(root, 'tauri.conf.json');
  let config;
  try {
    config = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Disagreement(`tauri.conf.json: cannot be read as JSON (${e.message})`);
  }
  const version = config.version;
  // Without one, Tauri takes Cargo.toml's: they agree by construction.
  if (version === undefined) return { version: cargo, from: 'Cargo.toml (tauri.conf.json has none)' };
  if (typeof version !== 'string') throw new Disagreement('tauri.conf.json: "version" is not a string');
  // Tauri 2 also accepts a path to a package.json holding the version.
  if (version.endsWith('.json')) {
    const target = path.resolve(root, version);
    try {
      const pkg = JSON.parse(fs.readFileSync(target, 'utf8'));
      return { version: String(pkg.version), from: `${path.relative(root, target)} (named by tauri.conf.json)` };
    } catch (e) {
      throw new Disagreement(`tauri.conf.json: "version" names ${version}, which cannot be read (${e.message})`);
    }
  }
  return { version, from: 'tauri.conf.json' };
}

/** Why a version cannot go into every installer, or null. */
function installerProblem(version) {
  const m = version.match(/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/);
  if (!m) {
    return `${version} is not MAJOR.MINOR.PATCH in plain numbers. Windows' MSI (WiX) accepts only numbers: no pre-release (-beta.1) or build (+abc) part. Publish a pre-release as e.g. 0.3.0 marked "pre-release" on GitHub instead.`;
  }
  // MSI's ProductVersion: major and minor at most 255, build at most 65535.
  const [major, minor, patch] = m.slice(1).map(Number);
  if (major > 255 || minor > 255 || patch > 65535) {
    return `${version} is out of MSI's range: major and minor at most 255, patch at most 65535.`;
  }
  return null;
}

function check(root, tag) {
  const cargo = cargoVersion(fs.readFileSync(path.join(root, 'Cargo.toml'), 'utf8'));
  const tauri = tauriVersion(root, cargo);
  const problems = [];
  if (tauri.version !== cargo) {
    problems.push(`${tauri.from} says ${tauri.version} but Cargo.toml says ${cargo}: set both to the same version.`);
  }
  if (tag !== undefined) {
    if (!tag.startsWith('v')) {
      problems.push(`the tag ${tag} does not start with "v": release tags are v<version>, e.g. v${cargo}.`);
    } else if (tag.slice(1) !== cargo || tag.slice(1) !== tauri.version) {
      problems.push(`the tag ${tag} does not match the version in the files (Cargo.toml ${cargo}, ${tauri.from} ${tauri.version}): delete the tag, set the version, commit, and tag again.`);
    }
  }
  const bad = installerProblem(cargo);
  if (bad) problems.push(bad);
  if (tauri.version !== cargo) {
    const badTauri = installerProblem(tauri.version);
    if (badTauri) problems.push(badTauri);
  }
  if (problems.length) throw new Disagreement(problems.join('\n'));
  return cargo;
}

function main(argv) {
  let root = path.join(__dirname, '..', '..');
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--root' && i + 1 < argv.length) root = argv[++i];
    else if (argv[i].startsWith('-')) return usage(`unknown option ${argv[i]}`);
    else rest.push(argv[i]);
  }
  if (rest.length > 1) return usage('one tag at most');
  const tag = rest[0] === '' ? undefined : rest[0];
  try {
    const version = check(root, tag);
    const what = tag === undefined ? 'tauri.conf.json and Cargo.toml agree' : `tag ${tag}, tauri.conf.json and Cargo.toml agree`;
    console.log(`version ${version}: ${what}`);
    if (process.env.GITHUB_OUTPUT) fs.appendFileSync(process.env.GITHUB_OUTPUT, `version=${version}\n`);
    return 0;
  } catch (e) {
    if (!(e instanceof Disagreement)) throw e;
    console.error(`release version check failed:\n${e.message}`);
    return 1;
  }
}

function usage(why) {
  console.error(`${why}\nusage: node scripts/release/check-version.cjs [--root DIR] [TAG]`);
  return 2;
}

process.exitCode = main(process.argv.slice(2));
