// Makes oidc-provider fail the way Microsoft Entra ID does, for named test
// users, with Entra's error shapes: an AADSTS description carrying the
// Trace ID, Correlation ID and Timestamp, and Entra's extra JSON fields.
import { randomUUID } from 'node:crypto';

// Users who sign in fine but whose sign-in or refresh is then refused.
export const REFUSALS = {
  // The browser comes back with error=access_denied (Conditional Access on the authorize leg).
  'ca-redirect': { leg: 'redirect', code: 53003, error: 'access_denied' },
  // The token endpoint refuses the code with Entra's JSON error.
  'ca-token': { leg: 'token', code: 53003, error: 'interaction_required', suberror: 'message_only' },
  // Refreshes are refused: inactivity, and revocation by a password change.
  'refresh-expired': { leg: 'refresh', code: 700082, error: 'invalid_grant' },
  'refresh-revoked': { leg: 'refresh', code: 50173, error: 'invalid_grant' },
};

const MESSAGES = {
  7000215: "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app 'sp-secret'.",
  7000222: "The provided client secret keys for app 'sp-expired-secret' are expired. Visit the Azure portal to create new keys for your app.",
  700016: "Application with identifier 'unknown' was not found in the directory 'contoso'. This can happen if the application has not been installed by the administrator of the tenant.",
  7000112: "Application 'sp-disabled' is disabled.",
  700024: 'Client assertion is not within its valid time range.',
  700027: 'Client assertion failed signature validation.',
  53003: 'Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.',
  700082: 'The refresh token has expired due to inactivity. The token was issued on 2026-06-01T10:00:00.0000000Z and was inactive for 90.00:00:00.',
  50173: 'The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password.',
};

let lastError = null;
let lastTokens = null;

/** The tokens this provider issued last, so tests can prove they never leak into logs. */
export function lastIssuedTokens() {
  return lastTokens;
}

/** The last Entra-shaped error this provider sent, for tests to compare. */
export function lastEntraError() {
  return lastError;
}

/** Builds the error the way Entra writes it, and remembers it. */
export function entraError(refusal, correlationId) {
  const traceId = randomUUID();
  const correlation = correlationId || randomUUID();
  // Entra's timestamps look like "2023-05-29 05:46:34Z".
  const timestamp = new Date().toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  const description = `AADSTS${refusal.code}: ${MESSAGES[refusal.code]} Trace ID: ${traceId} Correlation ID: ${correlation} Timestamp: ${timestamp}`;
  const body = {
    error: refusal.error,
    error_description: description,
    error_codes: [refusal.code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlation,
    error_uri: `https://login.microsoftonline.com/error?code=${refusal.code}`,
  };
  if (refusal.suberror) body.suberror = refusal.suberror;
  lastError = { ...body, leg: refusal.leg };
  return body;
}

/**
 * Koa middleware for the token endpoint: after oidc-provider has handled
 * the request, swap its answer for an Entra error when the account is one
 * whose token or refresh leg is refused.
 */
export function tokenRefusals() {
  return async (ctx, next) => {
    await next();
    if (ctx.path !== '/token' || ctx.method !== 'POST' || ctx.status !== 200) return;
    const { access_token, refresh_token, id_token } = ctx.body || {};
    lastTokens = { access_token, refresh_token, id_token };
    const accountId = ctx.oidc?.entities?.Account?.accountId;
    const refusal = REFUSALS[accountId];
    const grant = ctx.oidc?.params?.grant_type;
    const leg = grant === 'refresh_token' ? 'refresh' : 'token';
    if (!refusal || refusal.leg !== leg) return;
    ctx.status = 400;
    ctx.body = entraError(refusal, ctx.get('client-request-id'));
  };
}

/**
 * Koa middleware for the authorize endpoint: Entra grants offline_access
 * whatever the prompt, while oidc-provider (following OIDC Core §11) drops
 * it unless prompt includes consent. Asking for consent as well keeps
 * Entra's behaviour; the automatic interactions grant it.
 */
export function offlineAccessLikeEntra() {
  return async (ctx, next) => {
    if (ctx.path === '/auth' && ctx.method === 'GET') {
      const query = new URLSearchParams(ctx.querystring);
      const scopes = (query.get('scope') || '').split(' ');
      const prompts = (query.get('prompt') || '').split(' ').filter(Boolean);
      if (scopes.includes('offline_access') && prompts.length && !prompts.includes('consent')) {
        query.set('prompt', [...prompts, 'consent'].join(' '));
        ctx.querystring = query.toString();
      }
    }
    return next();
  };
}

/**
 * Koa middleware for client credentials: oidc-provider answers a bad
 * client with a plain invalid_client; Entra names the problem with an
 * AADSTS code. Also refuses the expired-secret and disabled test apps.
 */
export function automationRefusals() {
  return async (ctx, next) => {
    await next();
    if (ctx.path !== '/token' || ctx.method !== 'POST') return;
    const clientId = ctx.oidc?.client?.clientId ?? ctx.oidc?.params?.client_id;
    // oidc-provider keeps the real reason out of the answer; server.mjs stores it here.
    const description = `${ctx.body?.error_description ?? ''} ${ctx.state.errorDetail ?? ''}`;
    let code = null;
    if (ctx.status === 200 && clientId === 'sp-expired-secret') code = 7000222;
    else if (ctx.status === 200 && clientId === 'sp-disabled') code = 7000112;
    else if (ctx.body?.error === 'invalid_client') {
      if (/not found/i.test(description) || !ctx.oidc?.client) code = 700016;
      else if (/expired|not active|iat|nbf|exp/i.test(description)) code = 700024;
      else if (ctx.oidc.client.tokenEndpointAuthMethod === 'private_key_jwt') code = 700027;
      else code = 7000215;
    }
    if (code === null) return;
    const error = code === 700016 ? 'unauthorized_client' : 'invalid_client';
    ctx.status = code === 700016 ? 400 : 401;
    ctx.body = entraError({ leg: 'client', code, error }, ctx.get('client-request-id'));
  };
}
