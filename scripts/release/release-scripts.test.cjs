// Tests for the scripts the release workflow calls (scripts/release/*), with
// every input they handle. Run by scripts/test.sh: node --test scripts/release/
// The certificate cases make real keys, certificates and .pfx files with the
// openssl command.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const here = __dirname;
const repo = path.join(here, '..', '..');

function scratch(t) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'release-scripts-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function run(command, args, env = {}) {
  const r = spawnSync(command, args, { encoding: 'utf8', env: { PATH: process.env.PATH, ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// ---- check-version.cjs --------------------------------------------------

const WORKSPACE_CARGO = (version) => `[workspace]
members = ["."]

[workspace.package]
version = "${version}"   # the one version
edition = "2021"

[package]
name = "app"
version.workspace = true

[dependencies]
serde = { version = "1" }
`;

function project(t, { cargo, tauri }) {
  const dir = scratch(t);
  fs.writeFileSync(path.join(dir, 'Cargo.toml'), cargo);
  fs.writeFileSync(path.join(dir, 'tauri.conf.json'), JSON.stringify(tauri, null, 2));
  return dir;
}

function checkVersion(root, ...args) {
  return run(process.execPath, [path.join(here, 'check-version.cjs'), '--root', root, ...args]);
}

test('version: tag, tauri.conf.json and Cargo.toml agree', (t) => {
  const root = project(t, { cargo: WORKSPACE_CARGO('1.2.3'), tauri: { version: '1.2.3' } });
  const output = path.join(root, 'github-output');
  const r = run(process.execPath, [path.join(here, 'check-version.cjs'), '--root', root, 'v1.2.3'], {
    GITHUB_OUTPUT: output,
  });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /version 1\.2\.3: tag v1\.2\.3, tauri\.conf\.json and Cargo\.toml agree/);
  assert.equal(fs.readFileSync(output, 'utf8'), 'version=1.2.3\n');
});

test('version: a tag that disagrees with both files fails and says what to do', (t) => {
  const root = project(t, { cargo: WORKSPACE_CARGO('1.2.3'), tauri: { version: '1.2.3' } });
  const r = checkVersion(root, 'v1.2.4');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /the tag v1\.2\.4 does not match the version in the files \(Cargo\.toml 1\.2\.3, tauri\.conf\.json 1\.2\.3\)/);
  assert.match(r.stderr, /delete the tag/);
});

test('version: tauri.conf.json disagreeing with Cargo.toml fails, with or without a tag', (t) => {
  const root = project(t, { cargo: WORKSPACE_CARGO('1.2.3'), tauri: { version: '1.2.4' } });
  for (const args of [['v1.2.3'], ['v1.2.4'], []]) {
    const r = checkVersion(root, ...args);
    assert.equal(r.status, 1, args.join(' '));
    assert.match(r.stderr, /tauri\.conf\.json says 1\.2\.4 but Cargo\.toml says 1\.2\.3/);
  }
});

test('version: without a tag (a build started by hand) the two files are compared', (t) => {
  const root = project(t, { cargo: WORKSPACE_CARGO('0.4.0'), tauri: { version: '0.4.0' } });
  // The workflow passes "$TAG", which is empty on a run started by hand.
  for (const args of [[], ['']]) {
    const r = checkVersion(root, ...args);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /version 0\.4\.0: tauri\.conf\.json and Cargo\.toml agree/);
  }
});

test('version: a tag without the leading v fails', (t) => {
  const root = project(t, { cargo: WORKSPACE_CARGO('1.2.3'), tauri: { version: '1.2.3' } });
  const r = checkVersion(root, '1.2.3');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /does not start with "v"/);
});

test('version: a pre-release or build version fails, because MSI refuses it', (t) => {
  for (const version of ['1.3.0-beta.1', '1.3.0+abc', '1.3', '01.2.3']) {
    const root = project(t, { cargo: WORKSPACE_CARGO(version), tauri: { version } });
    const r = checkVersion(root, `v${version}`);
    assert.equal(r.status, 1, version);
    assert.match(r.stderr, /MSI \(WiX\) accepts only numbers/, version);
  }
});

test("version: numbers beyond MSI's range fail", (t) => {
  for (const version of ['256.0.0', '1.256.0', '1.0.65536']) {
    const root = project(t, { cargo: WORKSPACE_CARGO(version), tauri: { version } });
    const r = checkVersion(root, `v${version}`);
    assert.equal(r.status, 1, version);
    assert.match(r.stderr, /out of MSI's range/, version);
  }
  const root = project(t, { cargo: WORKSPACE_CARGO('255.255.65535'), tauri: { version: '255.255.65535' } });
  assert.equal(checkVersion(root, 'v255.255.65535').status, 0);
});

test("version: a package's own version wins over the workspace's", (t) => {
  const cargo = '[workspace.package]\nversion = "9.9.9"\n\n[package]\nname = "app"\nversion = "2.0.0"\n';
  const root = project(t, { cargo, tauri: { version: '2.0.0' } });
  assert.equal(checkVersion(root, 'v2.0.0').status, 0);
  assert.equal(checkVersion(root, 'v9.9.9').status, 1);
});

test("version: tauri.conf.json without a version takes Cargo.toml's, as Tauri does", (t) => {
  const root = project(t, { cargo: WORKSPACE_CARGO('3.1.0'), tauri: { productName: 'x' } });
  assert.equal(checkVersion(root, 'v3.1.0').status, 0);
  assert.equal(checkVersion(root, 'v3.1.1').status, 1);
});

test('version: tauri.conf.json naming a package.json reads the version there', (t) => {
  const root = project(t, { cargo: WORKSPACE_CARGO('1.0.0'), tauri: { version: './package.json' } });
  fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ version: '1.0.1' }));
  const r = checkVersion(root, 'v1.0.0');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /package\.json \(named by tauri\.conf\.json\) says 1\.0\.1 but Cargo\.toml says 1\.0\.0/);
});

test('version: unreadable or versionless files are named', (t) => {
  const noVersion = project(t, { cargo: '[package]\nname = "app"\n', tauri: { version: '1.0.0' } });
  assert.match(checkVersion(noVersion, 'v1.0.0').stderr, /Cargo\.toml: no version/);
  const badJson = project(t, { cargo: WORKSPACE_CARGO('1.0.0'), tauri: {} });
  fs.writeFileSync(path.join(badJson, 'tauri.conf.json'), '{ "version": ');
  const r = checkVersion(badJson, 'v1.0.0');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /tauri\.conf\.json: cannot be read as JSON/);
});

test('version: bad usage exits 2', (t) => {
  const root = project(t, { cargo: WORKSPACE_CARGO('1.0.0'), tauri: { version: '1.0.0' } });
  assert.equal(checkVersion(root, 'v1.0.0', 'v1.0.1').status, 2);
  assert.equal(checkVersion(root, '--tag', 'v1.0.0').status, 2);
});

test("version: this repository's files agree with each other and with a tag of their version", () => {
  const version = JSON.parse(fs.readFileSync(path.join(repo, 'tauri.conf.json'), 'utf8')).version;
  const r = run(process.execPath, [path.join(here, 'check-version.cjs'), `v${version}`]);
  assert.equal(r.status, 0, r.stderr);
});

// ---- windows-certificate.sh --------------------------------------------

function openssl(cwd, ...args) {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

function sha1Thumbprint(cwd, pem) {
  const out = execFileSync('openssl', ['x509', '-in', pem, '-noout', '-fingerprint', '-sha1'], { cwd, encoding: 'utf8' });
  return out.trim().split('=')[1].replace(/:/g, '').toUpperCase();
}

/** A CA, a code-signing certificate it issued, and .pfx files made from them. */
function certificates(t) {
  const dir = scratch(t);
  openssl(dir, 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=Test Root CA', '-days', '2',
    '-keyout', 'ca.key', '-out', 'ca.pem', '-addext', 'basicConstraints=critical,CA:TRUE');
  openssl(dir, 'req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=Test Code Signing', '-keyout', 'leaf.key',
    '-out', 'leaf.csr');
  openssl(dir, 'x509', '-req', '-in', 'leaf.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial',
    '-days', '2', '-out', 'leaf.pem');
  fs.writeFileSync(path.join(dir, 'ca-then-leaf.pem'),
    fs.readFileSync(path.join(dir, 'ca.pem'), 'utf8') + fs.readFileSync(path.join(dir, 'leaf.pem'), 'utf8'));
  const pw = ['-passout', 'pass:s3cret pass'];
  openssl(dir, 'pkcs12', '-export', '-in', 'leaf.pem', '-inkey', 'leaf.key', ...pw, '-out', 'alone.pfx');
  openssl(dir, 'pkcs12', '-export', '-in', 'leaf.pem', '-certfile', 'ca.pem', '-inkey', 'leaf.key', ...pw, '-out', 'chain.pfx');
  // OpenSSL always writes the key's certificate first; Windows tools may not.
  // With no encryption of the certificates and no MAC, the two certificate
  // bags can be swapped in place to make a .pfx that lists the CA first.
  openssl(dir, 'pkcs12', '-export', '-in', 'leaf.pem', '-certfile', 'ca.pem', '-inkey', 'leaf.key', ...pw,
    '-certpbe', 'NONE', '-nomac', '-out', 'open-bags.pfx');
  fs.writeFileSync(path.join(dir, 'ca-first.pfx'), swapCertificateBags(fs.readFileSync(path.join(dir, 'open-bags.pfx'))));
  openssl(dir, 'pkcs12', '-export', '-nokeys', '-in', 'ca-then-leaf.pem', ...pw, '-out', 'no-key.pfx');
  openssl(dir, 'pkcs12', '-export', '-in', 'leaf.pem', '-inkey', 'leaf.key', '-passout', 'pass:', '-out', 'no-password.pfx');
  return {
    dir,
    leaf: sha1Thumbprint(dir, 'leaf.pem'),
    ca: sha1Thumbprint(dir, 'ca.pem'),
    bytes: (name) => fs.readFileSync(path.join(dir, name)),
  };
}

/** Swaps the two adjacent certificate bags (PKCS#12 certBag, RFC 7292 4.2.3). */
function swapCertificateBags(pfx) {
  const certBagOid = Buffer.from('060b2a864886f70d010c0a0103', 'hex');
  const bags = [];
  for (let at = pfx.indexOf(certBagOid); at >= 0; at = pfx.indexOf(certBagOid, at + 1)) {
    const start = at - 4; // SEQUENCE, two-byte long-form length, then the OID
    assert.deepEqual([pfx[start], pfx[start + 1]], [0x30, 0x82], 'bag header');
    bags.push({ start, end: start + 4 + pfx.readUInt16BE(start + 2) });
  }
  assert.equal(bags.length, 2);
  assert.equal(bags[0].end, bags[1].start, 'adjacent bags');
  const [a, b] = bags;
  return Buffer.concat([pfx.subarray(0, a.start), pfx.subarray(b.start, b.end), pfx.subarray(a.start, a.end), pfx.subarray(b.end)]);
}

/** `certutil -encode`: BEGIN/END lines, 64-column base64, CRLF line ends. */
function certutilEncode(bytes) {
  const lines = bytes.toString('base64').match(/.{1,64}/g);
  return ['-----BEGIN CERTIFICATE-----', ...lines, '-----END CERTIFICATE-----', ''].join('\r\n');
}

function decode(certs, secret, password) {
  const out = path.join(certs.dir, `out-${Math.random().toString(16).slice(2)}.pfx`);
  const env = { WINDOWS_CERTIFICATE: secret };
  if (password !== undefined) env.WINDOWS_CERTIFICATE_PASSWORD = password;
  const r = run('bash', [path.join(here, 'windows-certificate.sh'), out], env);
  return { ...r, out };
}

test('certificate: a plain base64 secret of a .pfx with its chain gives the signing certificate, not the CA', (t) => {
  const certs = certificates(t);
  const r = decode(certs, certs.bytes('chain.pfx').toString('base64'), 's3cret pass');
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), certs.leaf);
  assert.notEqual(r.stdout.trim(), certs.ca);
  assert.deepEqual(fs.readFileSync(r.out), certs.bytes('chain.pfx'), 'the .pfx is written back byte for byte');
});

test('certificate: a certutil -encode secret (BEGIN/END lines, CRLF) decodes the same', (t) => {
  const certs = certificates(t);
  const r = decode(certs, certutilEncode(certs.bytes('chain.pfx')), 's3cret pass');
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), certs.leaf);
  assert.deepEqual(fs.readFileSync(r.out), certs.bytes('chain.pfx'));
});

test('certificate: a .pfx without a chain, in either encoding', (t) => {
  const certs = certificates(t);
  for (const secret of [certs.bytes('alone.pfx').toString('base64') + '\n', certutilEncode(certs.bytes('alone.pfx'))]) {
    const r = decode(certs, secret, 's3cret pass');
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), certs.leaf);
  }
});

test('certificate: a .pfx that lists the CA before the signing certificate still gives the signing one', (t) => {
  const certs = certificates(t);
  const listed = execFileSync('openssl', ['pkcs12', '-in', 'ca-first.pfx', '-nokeys', '-passin', 'pass:s3cret pass'], {
    cwd: certs.dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'],
  });
  assert.ok(listed.indexOf('CN = Test Root CA') < listed.indexOf('CN = Test Code Signing'), 'the CA comes first');
  const r = decode(certs, certs.bytes('ca-first.pfx').toString('base64'), 's3cret pass');
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), certs.leaf);
});

test('certificate: a .pfx with no password opens with the password secret unset', (t) => {
  const certs = certificates(t);
  const r = decode(certs, certs.bytes('no-password.pfx').toString('base64'), undefined);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), certs.leaf);
});

test('certificate: a wrong password fails, says so, prints no secret and leaves no file', (t) => {
  const certs = certificates(t);
  const secret = certs.bytes('chain.pfx').toString('base64');
  const r = decode(certs, secret, 'wrong');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /WINDOWS_CERTIFICATE_PASSWORD does not open it/);
  assert.equal(r.stdout, '');
  assert.ok(!r.stderr.includes('wrong') && !r.stderr.includes(secret.slice(0, 40)), r.stderr);
  assert.ok(!fs.existsSync(r.out), 'no half-made .pfx is left behind');
});

test('certificate: a .pfx without its private key fails with what to do', (t) => {
  const certs = certificates(t);
  const r = decode(certs, certs.bytes('no-key.pfx').toString('base64'), 's3cret pass');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /holds no private key/);
});

test('certificate: an empty, non-base64 or non-pfx secret fails with its reason', (t) => {
  const certs = certificates(t);
  const cases = [
    ['', /WINDOWS_CERTIFICATE is empty/],
    ['-----BEGIN CERTIFICATE-----\r\n-----END CERTIFICATE-----\r\n', /WINDOWS_CERTIFICATE is empty/],
    ['not base64 at all!', /is not base64/],
    ['QUJD', /not a \.pfx \(PKCS#12\) file/],
    [fs.readFileSync(path.join(certs.dir, 'leaf.pem')).toString('base64'), /not a \.pfx \(PKCS#12\) file/],
  ];
  for (const [secret, reason] of cases) {
    const r = decode(certs, secret, 's3cret pass');
    assert.equal(r.status, 1, JSON.stringify(secret));
    assert.match(r.stderr, reason, JSON.stringify(secret));
  }
});

// ---- github-env.sh ------------------------------------------------------

/** Reads a $GITHUB_ENV file the way the runner does. */
function parseGithubEnv(text) {
  const vars = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === '') continue;
    const heredoc = line.match(/^([^=<]+)<<(.+)$/);
    if (heredoc) {
      const [, name, delimiter] = heredoc;
      const value = [];
      for (i++; lines[i] !== delimiter; i++) {
        assert.ok(i < lines.length, `no closing ${delimiter}`);
        value.push(lines[i]);
      }
      vars[name] = value.join('\n');
    } else {
      const eq = line.indexOf('=');
      vars[line.slice(0, eq)] = line.slice(eq + 1);
    }
  }
  return vars;
}

test('github-env: multi-line and single-line values reach later steps whole', (t) => {
  const dir = scratch(t);
  const file = path.join(dir, 'github-env');
  const values = {
    APPLE_CERTIFICATE: 'MIIK\nQUJD\nREVG==\n',
    APPLE_API_KEY_PEM: '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----',
    APPLE_SIGNING_IDENTITY: 'Developer ID Application: Example Ltd (TEAMID1234)',
    TRICKY: 'a=b\nEVIL=1\nX<<Y',
    EMPTY: '',
  };
  const r = run('bash', [path.join(here, 'github-env.sh'), ...Object.keys(values)], { GITHUB_ENV: file, ...values });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(parseGithubEnv(fs.readFileSync(file, 'utf8')), values);
});

test('github-env: a bad name or no $GITHUB_ENV exits 2', (t) => {
  const file = path.join(scratch(t), 'github-env');
  assert.equal(run('bash', [path.join(here, 'github-env.sh'), 'NOT-A-NAME'], { GITHUB_ENV: file }).status, 2);
  assert.equal(run('bash', [path.join(here, 'github-env.sh'), 'A'], { A: 'x' }).status, 2);
  assert.ok(!fs.existsSync(file));
});

// ---- draft-release.sh ---------------------------------------------------

/** A stand-in `gh` on PATH: logs each call, answers `gh api` with FAKE_RELEASES
 * (a list) or, for a POST, {"id": FAKE_NEW_ID}, through the real jq filter. */
function fakeGh(t) {
  const dir = scratch(t);
  fs.writeFileSync(path.join(dir, 'gh'), `#!/usr/bin/env bash
printf '%s\\n' "$*" >>"$FAKE_GH_LOG"
filter=. body=$FAKE_RELEASES
while [ $# -gt 0 ]; do
  case $1 in
    --jq) filter=$2; shift ;;
    -f|-F) body="{\\"id\\": $FAKE_NEW_ID}" ;;
  esac
  shift
done
printf '%s' "$body" | jq -r "$filter"
`, { mode: 0o755 });
  return dir;
}

function draftRelease(t, releases, newId = '4242') {
  const bin = fakeGh(t);
  const log = path.join(bin, 'calls');
  const output = path.join(bin, 'github-output');
  fs.writeFileSync(log, '');
  const r = spawnSync('bash', [path.join(here, 'draft-release.sh'), 'v1.2.3'], {
    encoding: 'utf8',
    env: {
      PATH: `${bin}:${process.env.PATH}`, GH_REPO: 'owner/app', GITHUB_OUTPUT: output,
      FAKE_GH_LOG: log, FAKE_RELEASES: JSON.stringify(releases), FAKE_NEW_ID: newId,
    },
  });
  const calls = fs.readFileSync(log, 'utf8').trim().split('\n').filter(Boolean);
  const written = fs.existsSync(output) ? fs.readFileSync(output, 'utf8') : '';
  return { ...r, calls, written };
}

test('draft release: with none for the tag, one draft is created and its ID passed on', (t) => {
  const r = draftRelease(t, [{ id: 5, tag_name: 'v1.2.2', draft: false }, { id: 6, tag_name: 'v1.2.4', draft: true }]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), '4242');
  assert.equal(r.written, 'id=4242\n');
  assert.equal(r.calls.length, 2);
  assert.match(r.calls[1], /^api repos\/owner\/app\/releases -f tag_name=v1\.2\.3 -f name=Sign-in Doctor v1\.2\.3 -F draft=true -F prerelease=false/);
});

test("draft release: a re-run reuses the tag's draft and creates nothing", (t) => {
  const r = draftRelease(t, [{ id: 5, tag_name: 'v1.2.2', draft: false }, { id: 77, tag_name: 'v1.2.3', draft: true }]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), '77');
  assert.equal(r.written, 'id=77\n');
  assert.equal(r.calls.length, 1, 'only the lookup');
  assert.match(r.stderr, /Reusing draft release 77/);
});

test('draft release: a tag whose release is published is refused', (t) => {
  const r = draftRelease(t, [{ id: 78, tag_name: 'v1.2.3', draft: false }]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /already published; installers are never replaced/);
  assert.equal(r.calls.length, 1, 'nothing created');
  assert.equal(r.written, '');
});

test('draft release: an answer without an ID fails', (t) => {
  const r = draftRelease(t, [], 'null');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /no release ID/);
  assert.equal(r.written, '');
});

// ---- drop-assets.sh -----------------------------------------------------

function dropAssets(t, assets, ...args) {
  const bin = fakeGh(t);
  const log = path.join(bin, 'calls');
  fs.writeFileSync(log, '');
  const r = spawnSync('bash', [path.join(here, 'drop-assets.sh'), ...args], {
    encoding: 'utf8',
    env: { PATH: `${bin}:${process.env.PATH}`, GH_REPO: 'owner/app', FAKE_GH_LOG: log, FAKE_RELEASES: JSON.stringify(assets) },
  });
  const calls = fs.readFileSync(log, 'utf8').trim().split('\n').filter(Boolean);
  return { ...r, calls };
}

const MAC_ASSETS = [
  { id: 11, name: 'Sign-in.Doctor_0.2.0_universal.dmg' },
  { id: 12, name: 'Sign-in.Doctor_universal.app.tar.gz' },
  { id: 13, name: 'Sign-in.Doctor_0.2.0_x64_en-US.msi' },
];

test('drop assets: the .app.tar.gz beside the .dmg is deleted, nothing else', (t) => {
  const r = dropAssets(t, MAC_ASSETS, '4242', '.app.tar.gz');
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.calls.length, 2);
  assert.match(r.calls[0], /^api --paginate repos\/owner\/app\/releases\/4242\/assets --jq /);
  assert.equal(r.calls[1], 'api -X DELETE repos/owner/app/releases/assets/12');
  assert.match(r.stderr, /Removed Sign-in\.Doctor_universal\.app\.tar\.gz from release 4242/);
});

test('drop assets: none to drop (a re-run, or tauri-action no longer uploading it) is not an error', (t) => {
  const r = dropAssets(t, MAC_ASSETS.filter((a) => !a.name.endsWith('.tar.gz')), '4242', '.app.tar.gz');
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.calls.length, 1, 'only the listing');
  assert.match(r.stderr, /No \*\.app\.tar\.gz asset in release 4242/);
});

test('drop assets: bad usage exits 2 and calls nothing', (t) => {
  for (const args of [[], ['4242'], ['not-an-id', '.app.tar.gz'], ['4242', '']]) {
    const r = dropAssets(t, MAC_ASSETS, ...args);
    assert.equal(r.status, 2, args.join(' '));
    assert.deepEqual(r.calls, []);
  }
});
