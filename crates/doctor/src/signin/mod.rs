//! Signing in the way a Microsoft desktop client does, and capturing
//! everything help-desk needs when the service refuses.

mod advice;
mod attempt;
mod browser;
mod device_code;
mod entra_error;
mod interactive;
mod loopback;
mod oauth_client;
mod outcome_words;
/// Public only for the fuzz target `redirect_page`.
#[doc(hidden)]
pub mod pages;
mod probes;
pub(crate) mod progress_words;
mod reauthenticate;
mod refresh;
mod run;
mod service_principal;
mod session;
mod tokens;

pub use attempt::{Attempt, AttemptOutcome, Flow};
pub use browser::{web_page, Browser, BrowserError};
pub use entra_error::{ErrorSource, SignInError, TokenErrorBody};
pub use interactive::{exchange_code, InteractiveSignIn, Prompt};
pub use loopback::{judge_request, LoopbackListener, Redirect, Refusal, WaitEnded};
pub use oauth_client::{build as build_client, OAuthClient, TokenRequestFailed};
pub use outcome_words::fixed_outcome_words;
pub(crate) use probes::{after_sign_in, without_tokens};
pub use probes::{RefreshProbe, SignInProbe};
pub use progress_words::{sign_in_progress_words, DEVICE_CODE_CAVEAT};
pub use reauthenticate::{forget, reauthenticate, sign_in_on_another_device, ForgetError, SignInContext};
pub use refresh::{redeem, RefreshOutcome, RefreshRefusal};
pub use run::{Interruption, SignInProgress};
pub use service_principal::{
    test_credentials, CertificateError, ClientCertificate, Credential, CredentialProblem, ServicePrincipalOutcome,
};
pub use session::{IssuedFor, Session, SessionTokenError, WhichToken, NOT_SIGNED_IN, OTHER_AUTHORITY};
pub use tokens::{Account, RawIdToken, TokenSet};
#[doc(hidden)]
pub use {device_code::DeviceAuthorization, tokens::TokenAnswer};
