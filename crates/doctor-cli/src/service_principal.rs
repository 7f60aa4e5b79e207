//! `service-principal`: tests an automation account's credentials.

use crate::console::say;
use doctor::clock::system_now;
use doctor::network::{fetch_discovery, HttpClient};
use doctor::secret::Secret;
use doctor::signin::{test_credentials, CertificateError, ClientCertificate, Credential, ServicePrincipalOutcome};
use doctor::Profile;
use serde_json::json;
use std::io::{self, Read};
use std::path::PathBuf;
use std::process::ExitCode;

/// Why the automation account's credential could not be read (exit 2).
#[derive(Debug, thiserror::Error)]
pub enum CredentialInputError {
    #[error("the environment variable {0} is not set")]
    NoVariable(String),
    #[error("could not read the secret from stdin: {0}")]
    Stdin(io::Error),
    #[error("could not read {}: {source}", path.display())]
    File { path: PathBuf, source: io::Error },
    #[error(transparent)]
    Certificate(#[from] CertificateError),
    #[error("give a secret (--secret-env VARIABLE or --secret-stdin) or a certificate (--certificate and --key)")]
    Missing,
}

/// Secrets come from an environment variable or stdin, never from the
/// command line, where shell history and process lists would show them.
pub fn read_credential(
    secret_env: Option<String>,
    secret_stdin: bool,
    certificate: Option<PathBuf>,
    key: Option<PathBuf>,
) -> Result<Credential, CredentialInputError> {
    if let Some(variable) = secret_env {
        let value = std::env::var(&variable).map_err(|_| CredentialInputError::NoVariable(variable))?;
        return Ok(Credential::Secret(Secret::new(value.trim().to_owned())));
    }
    if secret_stdin {
        let mut value = String::new();
        std::io::stdin()
            .read_to_string(&mut value)
            .map_err(CredentialInputError::Stdin)?;
        return Ok(Credential::Secret(Secret::new(value.trim().to_owned())));
    }
    match (certificate, key) {
        (Some(certificate), Some(key)) => {
            let read =
                |path: PathBuf| std::fs::read(&path).map_err(|source| CredentialInputError::File { path, source });
            let certificate = ClientCertificate::from_pem(&read(certificate)?, &read(key)?)?;
            Ok(Credential::Certificate(certificate))
        }
        _ => Err(CredentialInputError::Missing),
    }
}

pub async fn run(profile: &Profile, client_id: &str, credential: &Credential, scope: &str, json: bool) -> ExitCode {
    let mut profile = profile.clone();
    profile.client_id = client_id.to_owned();
    let http = HttpClient::system(&profile).await;
    let outcome = match fetch_discovery(&http, &profile.authority).await {
        Ok(discovery) => test_credentials(&profile, &discovery, &http, credential, scope, system_now()).await,
        Err(failure) => ServicePrincipalOutcome::Failed(failure.into()),
    };
    let (report, code) = match &outcome {
        ServicePrincipalOutcome::Accepted { expires_at, scopes } => (
            json!({"result": "accepted", "expires_at": expires_at, "scopes": scopes}),
            ExitCode::SUCCESS,
        ),
        ServicePrincipalOutcome::Refused { problem, error } => (
            json!({"result": "refused", "problem": problem, "explanation": problem.explanation(), "error": error}),
            ExitCode::from(1),
        ),
        ServicePrincipalOutcome::Failed(failure) => (
            json!({"result": "failed", "step": failure.step, "message": failure.message}),
            ExitCode::from(1),
        ),
    };
    if json {
        say!("{report:#}");
    } else {
        match &outcome {
            ServicePrincipalOutcome::Accepted { expires_at, .. } => {
                say!("Accepted: the automation account {client_id} can get tokens for {scope}.");
                if let Some(at) = expires_at {
                    say!("Token valid until {} UTC.", at.format("%Y-%m-%d %H:%M:%S"));
                }
            }
            ServicePrincipalOutcome::Refused { problem, error } => {
                say!("Refused: {}", problem.explanation());
                say!("  {error}");
                crate::output::print_help_desk_ids(error);
            }
            ServicePrincipalOutcome::Failed(failure) => say!("Failed ({}): {}", failure.step, failure.message),
        }
    }
    code
}
