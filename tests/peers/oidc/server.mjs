// A real OpenID Provider (npm oidc-provider, OpenID Certified) on 127.0.0.1,
// standing in for Microsoft Entra ID in tests.
//
// Usage: node oidc/server.mjs [--port N]   (0 or absent: an ephemeral port)
// Prints one JSON line {"issuer": "...", "port": N, "pid": N} once it listens,
// and exits on SIGTERM or SIGINT or when its stdin closes (so a crashed test
// never leaves it behind).
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

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

const users = new Map([
  ['alice', { email: 'alice@contoso.example', name: 'Alice Example', preferred_username: 'alice@contoso.example' }],
]);

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
  ],
  pkce: { required: () => true },
  features: {
    devInteractions: { enabled: true },
    deviceFlow: { enabled: true },
  },
  scopes: ['openid', 'profile', 'email', 'offline_access'],
  claims: { openid: ['sub'], profile: ['name', 'preferred_username'], email: ['email'] },
  async findAccount(_ctx, id) {
    const user = users.get(id);
    if (!user) return undefined;
    return { accountId: id, async claims() { return { sub: id, ...user }; } };
  },
});
provider.on('server_error', (_ctx, err) => console.error('oidc-provider server_error:', err));

server.on('request', provider.callback());

const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.resume();

console.log(JSON.stringify({ issuer, port, pid: process.pid }));
