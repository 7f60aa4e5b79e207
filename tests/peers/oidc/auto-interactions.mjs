// Completes the provider's interactions without a person, for test users
// named in login_hint, so a headless browser can run the whole sign-in.
// Without a known login_hint the provider's own login pages are shown.
import { entraError, REFUSALS } from './entra.mjs';

export function autoInteractions(provider, users, notConsented = {}) {
  return async (ctx, next) => {
    const match = ctx.method === 'GET' && ctx.path.match(/^\/interaction\/([^/]+)$/);
    if (!match) return next();
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    const hint = details.params.login_hint;
    if (!hint || !users.has(hint)) return next();

    let result;
    const prompt = details.prompt.name;
    const refusal = REFUSALS[hint];
    if (refusal?.leg === 'redirect') {
      // Entra checks Conditional Access after the password: the user "signed in", then is refused.
      result = entraError(refusal, details.params['client-request-id']);
    } else if (prompt === 'select_account') {
      result = { select_account: {} };
    } else if (prompt === 'login') {
      result = { login: { accountId: hint } };
    } else if (prompt === 'consent') {
      const grant = details.grantId
        ? await provider.Grant.find(details.grantId)
        : new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
      const missing = details.prompt.details;
      if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
      if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
      for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes || {})) {
        const refused = notConsented[details.session.accountId] || [];
        const granted = scopes.filter((s) => !refused.includes(s));
        if (granted.length) grant.addResourceScope(indicator, granted.join(' '));
        const rejected = scopes.filter((s) => refused.includes(s));
        if (rejected.length) grant.rejectResourceScope(indicator, rejected.join(' '));
      }
      result = { consent: { grantId: await grant.save() } };
    } else {
      return next();
    }
    const to = await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: true });
    ctx.redirect(to);
  };
}
