//! The issuer's signing keys, fetched from the discovery document's jwks_uri.

use super::validate::KeySource;
use crate::network::{FailedStep, HttpClient, Step};
use futures::future::BoxFuture;
use futures::FutureExt;
use jsonwebtoken::jwk::JwkSet;
use std::sync::Mutex;
use url::Url;

pub struct FetchedKeys {
    http: HttpClient,
    url: Url,
    cached: Mutex<Option<JwkSet>>,
}

impl FetchedKeys {
    pub fn new(http: HttpClient, url: Url) -> Self {
        Self {
            http,
            url,
            cached: Mutex::new(None),
        }
    }
}

impl KeySource for FetchedKeys {
    fn keys(&self, refresh: bool) -> BoxFuture<'_, Result<JwkSet, FailedStep>> {
        async move {
            if !refresh {
                if let Some(set) = self.cached.lock().ok().and_then(|c| c.clone()) {
                    return Ok(set);
                }
            }
            let answer = self.http.get_json(&self.url).await.map_err(FailedStep::from)?;
            if !(200..300).contains(&answer.status) {
                return Err(FailedStep::new(
                    Step::Keys,
                    format!("HTTP {} from {}", answer.status, self.url),
                ));
            }
            let set: JwkSet = serde_json::from_slice(&answer.body)
                .map_err(|e| FailedStep::new(Step::Keys, format!("the key set is not valid JSON Web Keys: {e}")))?;
            if let Ok(mut cached) = self.cached.lock() {
                *cached = Some(set.clone());
            }
            Ok(set)
        }
        .boxed()
    }
}
