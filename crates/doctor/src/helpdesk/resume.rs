//! Reuses the help-desk sign-in saved in the keychain (its own entry), so a
//! second lookup needs no browser: the refresh token is redeemed, and the
//! new one saved back, unless Forget was pressed meanwhile.

use crate::network::fetch_discovery;
use crate::signin::{redeem, RefreshOutcome, SignInContext, TokenSet};
use crate::store::within;

/// The tokens from the saved help-desk session, or `None` when there is
/// none or it is no longer accepted (then sign in as help-desk).
pub async fn resume_saved(ctx: &SignInContext<'_>) -> Option<TokenSet> {
    // Forget pressed from here on wins over this run's save.
    let since = ctx.session.forgets();
    let bound = ctx.profile.check_timeout;
    let key = ctx.profile.session_key();
    let load_key = key.clone();
    let saved = within(bound, &ctx.token_store, move |store| {
        store.load_refresh_token(&load_key)
    })
    .await
    .ok()??;
    let discovery = fetch_discovery(ctx.http, &ctx.profile.authority).await.ok()?;
    match redeem(ctx.profile.clone(), discovery, ctx.http.clone(), saved, ctx.now.clone()).await {
        RefreshOutcome::Refreshed { tokens, .. } => {
            // RFC 9700 §4.14.2: a rotated refresh token replaces the saved
            // one; not after Forget (the keychain must end empty then).
            if let Some(rotated) = tokens.refresh_token.clone() {
                let _ = ctx
                    .session
                    .save_unless_forgotten(&ctx.token_store, key, rotated, since, bound)
                    .await;
            }
            Some(tokens)
        }
        RefreshOutcome::Refused { .. } | RefreshOutcome::Failed(_) => None,
    }
}
