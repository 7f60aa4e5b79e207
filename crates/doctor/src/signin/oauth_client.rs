//! The `oauth2` crate's client, set up from the profile and the discovery
//! document, speaking through the app's own HTTP client.

use super::entra_error::{SignInError, TokenErrorBody};
use super::tokens::TokenAnswer;
use crate::network::{DiscoveryDocument, FailedStep, HttpClient, HttpFailure, Step};
use crate::profile::Profile;
use oauth2::basic::{BasicRevocationErrorResponse, BasicTokenIntrospectionResponse};
use oauth2::{
    AuthUrl, ClientId, EndpointNotSet, EndpointSet, RedirectUrl, RequestTokenError, StandardRevocableToken, TokenUrl,
};
use std::future::Future;
use std::pin::Pin;

/// A public client (RFC 6749 §2.1) with authorize and token endpoints, whose
/// errors keep Entra's extra fields (error_codes, trace_id, correlation_id…).
pub type OAuthClient = oauth2::Client<
    TokenErrorBody,
    TokenAnswer,
    BasicTokenIntrospectionResponse,
    StandardRevocableToken,
    BasicRevocationErrorResponse,
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointSet,
>;

/// A client for the discovered endpoints; an endpoint that is not a URL
/// fails the discovery step.
pub fn build(
    profile: &Profile,
    discovery: &DiscoveryDocument,
    redirect_uri: Option<&str>,
) -> Result<OAuthClient, FailedStep> {
    let unusable = |message: String| FailedStep::new(Step::Discovery, message);
    let auth_url = AuthUrl::new(discovery.authorization_endpoint.clone()).map_err(|e| {
        unusable(format!(
            "the authorize endpoint {} is not a URL: {e}",
            discovery.authorization_endpoint
        ))
    })?;
    let token_url = TokenUrl::new(discovery.token_endpoint.clone()).map_err(|e| {
        unusable(format!(
            "the token endpoint {} is not a URL: {e}",
            discovery.token_endpoint
        ))
    })?;
    let client = oauth2::Client::new(ClientId::new(profile.client_id.clone()))
        .set_auth_uri(auth_url)
        .set_token_uri(token_url);
    match redirect_uri {
        Some(uri) => RedirectUrl::new(uri.to_owned())
            .map(|url| client.clone().set_redirect_uri(url))
            .map_err(|e| unusable(format!("the redirect URI {uri} is not a URL: {e}"))),
        None => Ok(client),
    }
}

/// Sends oauth2's requests through [`HttpClient`], adding Microsoft's
/// per-attempt `client-request-id` so the service logs it as the
/// Correlation ID, and asking for it back. A named type rather than a
/// closure: oauth2's blanket impl for closures defeats `Send` inference.
pub struct TracedHttp<'a> {
    pub http: &'a HttpClient,
    pub client_request_id: &'a str,
}

impl<'c> oauth2::AsyncHttpClient<'c> for TracedHttp<'_> {
    type Error = HttpFailure;
    type Future = Pin<Box<dyn Future<Output = Result<oauth2::HttpResponse, HttpFailure>> + Send + 'c>>;

    fn call(&'c self, mut request: oauth2::HttpRequest) -> Self::Future {
        if let Ok(value) = http::HeaderValue::from_str(self.client_request_id) {
            request.headers_mut().insert("client-request-id", value);
            request
                .headers_mut()
                .insert("return-client-request-id", http::HeaderValue::from_static("true"));
        }
        Box::pin(self.http.send(request))
    }
}

/// What a token request can end in, apart from tokens.
#[derive(Debug)]
pub enum TokenRequestFailed {
    /// The service refused, with its reasons (boxed: they are large).
    Refused(Box<SignInError>),
    /// The request never got an answer the app could read.
    Failed(FailedStep),
}

impl From<RequestTokenError<HttpFailure, TokenErrorBody>> for TokenRequestFailed {
    // Keeps Entra's fields: the refusal is the one help-desk looks up.
    fn from(e: RequestTokenError<HttpFailure, TokenErrorBody>) -> Self {
        match e {
            RequestTokenError::ServerResponse(body) => Self::Refused(Box::new(SignInError::from_token_response(&body))),
            RequestTokenError::Request(HttpFailure(failure)) => Self::Failed(failure.into()),
            // Neither the parser's message nor the body is shown: either may hold token bytes.
            RequestTokenError::Parse(e, _body) => Self::Failed(FailedStep::new(
                Step::TokenAnswer,
                format!("The token endpoint's answer could not be read (at \"{}\").", e.path()),
            )),
            RequestTokenError::Other(message) => Self::Failed(FailedStep::new(Step::TokenAnswer, message)),
        }
    }
}
