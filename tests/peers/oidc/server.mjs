// A real OpenID Provider (npm oidc-provider, OpenID Certified) on 127.0.0.1,
// standing in for Microsoft Entra ID in tests.
//
// Usage: node oidc/server.mjs [--port N]   (0 or absent: an ephemeral port)
// Prints one JSON line {"issuer": "...", "port": N, "pid": N} once it listens,
// and exits on SIGTERM or SIGINT or when its stdin closes (so a crashed test
// never leaves it behind).
import { execFileSync } from 'node:child_process';
import { createPublicKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Provider, { errors, interactionPolicy } from 'oidc-provider';
import { autoInteractions } from './auto-interactions.mjs';
import {
  automationRefusals, lastEntraError, lastIssuedTokens, offlineAccessLikeEntra, tokenRefusals,
} from './entra.mjs';

const portArg = process.argv.indexOf('--port');
const wantedPort = portArg > 0 ? Number(process.argv[portArg + 1]) : 0;

// Bind first so the issuer can name the real port.
const server = createServer();
await new Promise((resolve, reject) => {
  server.once('error', reject);
  server.listen(wantedPort, '127.0.0.1', resolve);
});
const { port } = server.address();
const issuer = `http://127.0.0.1:${port}`;

// An automation account's certificate, as an admin would upload it to an
// app registration: the test reads the key and certificate from these files.
const spDir = mkdtempSync(join(tmpdir(), 'signin-doctor-sp-'));
const spKey = join(spDir, 'key.pem');
const spCert = join(spDir, 'cert.pem');
execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', spKey, '-out', spCert,
  '-subj', '/CN=signin-doctor-automation-test', '-days', '2'], { stdio: 'ignore' });
const spJwk = { ...createPublicKey(readFileSync(spCert)).export({ format: 'jwk' }), use: 'sig', alg: 'RS256' };

const automation = (client_id, extra) => ({
  client_id, grant_types: ['client_credentials'], response_types: [], redirect_uris: [], scope: 'api', ...extra,
});

// Alice has a display name that is not e-mail-shaped, as real accounts do.
const person = (id, name = id) => ({ email: `${id}@contoso.example`, name, preferred_username: `${id}@contoso.example` });
const users = new Map([
  ['alice', person('alice', 'Alice Example')],
  ...['ca-redirect', 'ca-token', 'refresh-expired', 'refresh-revoked'].map((id) => [id, person(id)]),
  // Help-desk staff for the Graph peer (tests/peers/src/graph.rs gives them their roles).
  ...['helpdesk', 'helpdesk-noroles', 'helpdesk-nopolicy', 'helpdesk-nologs'].map((id) => [id, person(id)]),
]);

// Microsoft Graph as a resource server: the help-desk client's access tokens
// are JWTs for this audience carrying the delegated scopes granted, which the
// Graph peer verifies against this provider's JWKS.
const GRAPH = 'https://graph.microsoft.com';
const GRAPH_SCOPES = 'AuditLog.Read.All Directory.Read.All Policy.Read.All Policy.Read.ConditionalAccess';
const HELPDESK_CLIENT = 'signin-doctor-helpdesk';
const GRAPH_SERVER = { scope: GRAPH_SCOPES, audience: GRAPH, accessTokenFormat: 'jwt', accessTokenTTL: 3600, jwt: { sign: { alg: 'RS256' } } };
// Scopes a test user's tenant never consented to (an admin has not granted them).
export const NOT_CONSENTED = {
  'helpdesk-nopolicy': ['Policy.Read.All', 'Policy.Read.ConditionalAccess'],
  'helpdesk-nologs': ['AuditLog.Read.All'],
};

// Entra accepts prompt=select_account; oidc-provider learns it as a prompt of its own.
const { Prompt, Check, base } = interactionPolicy;
const policy = base();
policy.add(
  new Prompt(
    { name: 'select_account', requestable: true },
    new Check('select_account_prompt', 'account selection was requested', (ctx) =>
      ctx.oidc.promptPending('select_account') ? Check.REQUEST_PROMPT : Check.NO_NEED_TO_PROMPT),
  ),
  0,
);

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: 'signin-doctor-tests',
      application_type: 'native',
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code'],
      response_types: ['code'],
      // Loopback redirects match on any port for native clients (RFC 8252 §7.3).
      redirect_uris: ['http://127.0.0.1/callback'],
    },
    // The help-desk sign-in: same shape, its access tokens are for Graph.
    {
      client_id: HELPDESK_CLIENT,
      application_type: 'native',
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code'],
      response_types: ['code'],
      redirect_uris: ['http://127.0.0.1/callback'],
    },
    // Automation accounts (service principals) for the credential test.
    automation('sp-secret', { client_secret: 'correct-secret', token_endpoint_auth_method: 'client_secret_post' }),
    automation('sp-expired-secret', { client_secret: 'old-secret', token_endpoint_auth_method: 'client_secret_post' }),
    automation('sp-disabled', { client_secret: 'correct-secret', token_endpoint_auth_method: 'client_secret_post' }),
    automation('sp-cert', { token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [spJwk] } }),
  ],
  pkce: { required: () => true },
  // Microsoft clients send a per-attempt client-request-id; Entra logs it as the Correlation ID.
  extraParams: ['client-request-id'],
  interactions: { policy },
  // Entra puts the profile claims in the ID token, not only behind userinfo.
  conformIdTokenClaims: false,
  // Entra issues a refresh token whenever offline_access is granted, without
  // insisting on prompt=consent (which OIDC Core §11 allows servers to require).
  async issueRefreshToken(_ctx, client, code) {
    return client.grantTypeAllowed('refresh_token') && code.scopes.has('offline_access');
  },
  ttl: { AccessToken: 3600, IdToken: 3600, RefreshToken: 86400, AuthorizationCode: 600, DeviceCode: 600, Interaction: 600, Session: 86400, Grant: 86400 },
  features: {
    devInteractions: { enabled: true },
    resourceIndicators: {
      enabled: true,
      // Entra's bare Graph scopes ("AuditLog.Read.All") mean Graph: no resource parameter needed.
      async defaultResource(_ctx, client, oneOf) {
        if (oneOf) return oneOf;
        return client?.clientId === HELPDESK_CLIENT ? GRAPH : undefined;
      },
      async useGrantedResource() { return true; },
      async getResourceServerInfo(_ctx, resource) {
        if (resource !== GRAPH) throw new errors.InvalidTarget();
        return GRAPH_SERVER;
      },
    },
    clientCredentials: { enabled: true },
    deviceFlow: {
      enabled: true,
      // For test users (login_hint) the "user on the other device" confirms at
      // once, so headless Chromium can finish the device flow by itself.
      async userCodeConfirmSource(ctx, form, _client, _deviceInfo, userCode) {
        const hint = ctx.oidc.entities.DeviceCode?.params?.login_hint;
        const auto = hint && users.has(hint);
        ctx.body = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Confirm device</title>${
          auto ? "<script>addEventListener('DOMContentLoaded',()=>document.forms[0].submit())</script>" : ''
        }</head><body><h1>Confirm device</h1><p>Code <code>${userCode}</code></p>${form}
        <button type="submit" form="op.deviceConfirmForm">Continue</button></body></html>`;
      },
    },
  },
  scopes: ['openid', 'profile', 'email', 'offline_access', 'api'],
  claims: { openid: ['sub'], profile: ['name', 'preferred_username'], email: ['email'] },
  async findAccount(_ctx, id) {
    const user = users.get(id);
    if (!user) return undefined;
    return { accountId: id, async claims() { return { sub: id, ...user }; } };
  },
});
provider.on('server_error', (_ctx, err) => console.error('oidc-provider server_error:', err));
// Keeps the reason a client failed to authenticate, for the Entra-shaped answer.
provider.on('grant.error', (ctx, err) => { ctx.state.errorDetail = err.error_detail; });
provider.use(offlineAccessLikeEntra());
provider.use(autoInteractions(provider, users, NOT_CONSENTED));
provider.use(tokenRefusals());
provider.use(automationRefusals());

// For engine tests that need no browser: an access token this provider issues
// for Graph, for the test user named in ?user=, with the scopes that user's tenant consented to.
async function helpdeskToken(url) {
  const user = url.searchParams.get('user') || 'helpdesk';
  const refused = NOT_CONSENTED[user] || [];
  const scope = GRAPH_SCOPES.split(' ').filter((s) => !refused.includes(s)).join(' ');
  const client = await provider.Client.find(HELPDESK_CLIENT);
  const token = new provider.AccessToken({
    accountId: user, client, scope, resourceServer: new provider.ResourceServer(GRAPH, GRAPH_SERVER),
  });
  return { access_token: await token.save(), scope };
}

const handle = provider.callback();
server.on('request', (req, res) => {
  // For tests: the Entra-shaped error this provider sent last.
  const probes = { '/_test/last-error': lastEntraError, '/_test/last-tokens': lastIssuedTokens };
  const url = new URL(req.url, issuer);
  if (url.pathname === '/_test/helpdesk-token') {
    helpdeskToken(url).then((body) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(body));
    }, (err) => { res.statusCode = 500; res.end(String(err)); });
    return;
  }
  if (probes[req.url]) {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(probes[req.url]()));
    return;
  }
  handle(req, res);
});

const stop = () => {
  rmSync(spDir, { recursive: true, force: true });
  server.close(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.resume();

console.log(JSON.stringify({ issuer, port, pid: process.pid, sp_key: spKey, sp_certificate: spCert }));
