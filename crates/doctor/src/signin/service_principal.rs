//! The automation-account test: client credentials (RFC 6749 §4.4) with a
//! client secret or a certificate (a signed client assertion, RFC 7523 §2.2
//! as Entra takes it), and what a refusal means.

use super::entra_error::SignInError;
use super::oauth_client::{self, TokenRequestFailed, TracedHttp};
use crate::clock::Now;
use crate::network::{DiscoveryDocument, FailedStep, HttpClient, Step};
use crate::profile::Profile;
use crate::secret::Secret;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Utc};
use oauth2::{AuthType, ClientSecret, Scope, TokenResponse};
use serde::Serialize;
use sha1::Digest as _;

/// How long a client assertion is valid; Entra accepts up to 10 minutes of lifetime.
const ASSERTION_LIFETIME_SECONDS: i64 = 600;

/// What the automation account proves itself with.
#[derive(Debug)]
pub enum Credential {
    Secret(Secret<String>),
    /// An X.509 certificate registered on the app, and its private key.
    Certificate(ClientCertificate),
}

/// Why a certificate or its key cannot be used; found before anything is sent.
#[derive(Debug, thiserror::Error)]
pub enum CertificateError {
    #[error("the certificate is not PEM: {0}")]
    NotPem(#[from] pem::PemError),
    #[error("the certificate file holds a {0}, not a CERTIFICATE")]
    NotCertificate(String),
    #[error("the private key is not an RSA PEM key: {0}")]
    NotRsaKey(jsonwebtoken::errors::Error),
    #[error("could not sign the client assertion: {0}")]
    Signing(jsonwebtoken::errors::Error),
}

#[derive(Debug)]
pub struct ClientCertificate {
    /// SHA-1 thumbprint of the certificate (the `x5t` header Entra looks up).
    pub thumbprint_sha1: String,
    /// SHA-256 thumbprint (`x5t#S256`).
    pub thumbprint_sha256: String,
    key_pem: Secret<Vec<u8>>,
}

impl ClientCertificate {
    /// Reads a PEM certificate and its PEM private key (RSA).
    pub fn from_pem(certificate: &[u8], private_key: &[u8]) -> Result<Self, CertificateError> {
        let parsed = pem::parse(certificate)?;
        if parsed.tag() != "CERTIFICATE" {
            return Err(CertificateError::NotCertificate(parsed.tag().to_owned()));
        }
        // Fails early on a key that cannot sign, before anything is sent.
        let key = jsonwebtoken::EncodingKey::from_rsa_pem(private_key).map_err(CertificateError::NotRsaKey)?;
        crate::token::check_rsa_signing_key(&key).map_err(CertificateError::NotRsaKey)?;
        Ok(Self {
            thumbprint_sha1: URL_SAFE_NO_PAD.encode(sha1::Sha1::digest(parsed.contents())),
            thumbprint_sha256: URL_SAFE_NO_PAD.encode(sha2::Sha256::digest(parsed.contents())),
            key_pem: Secret::new(private_key.to_vec()),
        })
    }

    /// A client assertion for `audience` (the token endpoint), signed RS256.
    pub fn assertion(
        &self,
        client_id: &str,
        audience: &str,
        now: DateTime<Utc>,
    ) -> Result<Secret<String>, CertificateError> {
        #[derive(Serialize)]
        struct Claims<'a> {
            aud: &'a str,
            iss: &'a str,
            sub: &'a str,
            jti: String,
            nbf: i64,
            iat: i64,
            exp: i64,
        }
        let mut header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::RS256);
        header.x5t = Some(self.thumbprint_sha1.clone());
        header.x5t_s256 = Some(self.thumbprint_sha256.clone());
        let claims = Claims {
            aud: audience,
            // RFC 7523 §3: iss and sub are the client ID.
            iss: client_id,
            sub: client_id,
            jti: uuid::Uuid::new_v4().to_string(),
            nbf: now.timestamp(),
            iat: now.timestamp(),
            exp: now.timestamp() + ASSERTION_LIFETIME_SECONDS,
        };
        let key =
            jsonwebtoken::EncodingKey::from_rsa_pem(self.key_pem.expose()).map_err(CertificateError::NotRsaKey)?;
        crate::token::ensure_jwt_crypto();
        jsonwebtoken::encode(&header, &claims, &key)
            .map(Secret::new)
            .map_err(CertificateError::Signing)
    }
}

/// What a refusal says about the credential, from the AADSTS code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CredentialProblem {
    WrongSecret,
    ExpiredSecret,
    AppNotFound,
    AppDisabled,
    AssertionOutsideValidTime,
    CertificateNotAccepted,
    PublicClientSentCredential,
    Other,
}

impl CredentialProblem {
    pub fn classify(error: &SignInError) -> Self {
        match error.code {
            Some(7000215) => Self::WrongSecret,
            Some(7000222) => Self::ExpiredSecret,
            Some(700016) => Self::AppNotFound,
            Some(7000112) => Self::AppDisabled,
            Some(700024) | Some(500133) => Self::AssertionOutsideValidTime,
            Some(700027) | Some(700023) => Self::CertificateNotAccepted,
            Some(700025) => Self::PublicClientSentCredential,
            _ => Self::Other,
        }
    }

    pub fn explanation(self) -> &'static str {
        match self {
            Self::WrongSecret => "The client secret is wrong. Use the secret's Value (shown once when it was created), not its Secret ID.",
            Self::ExpiredSecret => "The client secret has expired. Create a new one on the app registration (Certificates & secrets) and update the automation.",
            Self::AppNotFound => "No application with this client ID exists in this tenant. Check the client ID, the tenant in the authority, and the cloud (global, US Government, China).",
            Self::AppDisabled => "The application is disabled in this tenant. An administrator must enable it (Enterprise applications › Properties › Enabled for users to sign in).",
            Self::AssertionOutsideValidTime => "The signed client assertion was outside its valid time: this computer's clock is probably wrong. Check the date, time and time zone.",
            Self::CertificateNotAccepted => "The certificate's signature was not accepted: the certificate may not be uploaded to the app registration, or the key does not match it.",
            Self::PublicClientSentCredential => "This application is a public client and must not send a secret or certificate.",
            Self::Other => "The service refused the automation account's credentials.",
        }
    }
}

pub enum ServicePrincipalOutcome {
    Accepted {
        expires_at: Option<DateTime<Utc>>,
        scopes: Vec<String>,
    },
    Refused {
        problem: CredentialProblem,
        error: Box<SignInError>,
    },
    Failed(FailedStep),
}

/// Asks for an app-only token for `scope` (Entra: `<resource>/.default`).
pub async fn test_credentials(
    profile: &Profile,
    discovery: &DiscoveryDocument,
    http: &HttpClient,
    credential: &Credential,
    scope: &str,
    now: Now,
) -> ServicePrincipalOutcome {
    let client = match oauth_client::build(profile, discovery, None) {
        Ok(client) => client.set_auth_type(AuthType::RequestBody),
        Err(failure) => return ServicePrincipalOutcome::Failed(failure),
    };
    let client_request_id = uuid::Uuid::new_v4().to_string();
    let traced = TracedHttp {
        http,
        client_request_id: &client_request_id,
    };
    let answer = match credential {
        Credential::Secret(secret) => {
            let client = client.set_client_secret(ClientSecret::new(secret.expose().clone()));
            client
                .exchange_client_credentials()
                .add_scope(Scope::new(scope.to_owned()))
                .request_async(&traced)
                .await
        }
        Credential::Certificate(certificate) => {
            let assertion = match certificate.assertion(&profile.client_id, &discovery.token_endpoint, now()) {
                Ok(assertion) => assertion,
                Err(e) => return ServicePrincipalOutcome::Failed(FailedStep::new(Step::Certificate, e.to_string())),
            };
            client
                .exchange_client_credentials()
                .add_scope(Scope::new(scope.to_owned()))
                // RFC 7523 §2.2 / OIDC Core §9 private_key_jwt.
                .add_extra_param(
                    "client_assertion_type",
                    "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                )
                .add_extra_param("client_assertion", assertion.expose().clone())
                .request_async(&traced)
                .await
        }
    };
    match answer {
        Ok(answer) => ServicePrincipalOutcome::Accepted {
            expires_at: super::tokens::expires_at(now(), answer.expires_in()),
            scopes: answer
                .scopes()
                .map(|s| s.iter().map(|s| s.to_string()).collect())
                .unwrap_or_default(),
        },
        Err(e) => match TokenRequestFailed::from(e) {
            TokenRequestFailed::Refused(error) => ServicePrincipalOutcome::Refused {
                problem: CredentialProblem::classify(&error),
                error,
            },
            TokenRequestFailed::Failed(failure) => ServicePrincipalOutcome::Failed(failure),
        },
    }
}
