//! A proxy's password lives in the OS keychain. The settings file names only
//! the proxy's user and address (`http://alice@proxy.corp:3128`): that is the
//! reference the password is found by, so no password is ever on disk.

use super::keychain::{classify, delete, entry};
use super::token_store::StoreError;
use super::Keychain;
use crate::secret::Secret;
use std::fmt;
use std::time::Duration;
use url::Url;

/// Whose proxy password it is: the user name and the proxy's address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProxyAccount {
    user: String,
    host: String,
    port: u16,
}

impl ProxyAccount {
    /// The account a proxy URL names; `None` when it names no user.
    pub fn of(url: &Url) -> Option<Self> {
        let user = percent_encoding::percent_decode_str(url.username())
            .decode_utf8_lossy()
            .into_owned();
        if user.is_empty() {
            return None;
        }
        Some(Self {
            user,
            host: url.host_str()?.to_ascii_lowercase(),
            port: url.port_or_known_default()?,
        })
    }

    /// The keychain item's name.
    fn item_name(&self) -> String {
        format!("proxy/{self}/password")
    }
}

impl fmt::Display for ProxyAccount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}@{}:{}", self.user, self.host, self.port)
    }
}

/// Where proxy passwords are kept. The app uses the OS keychain; tests put a
/// refusing store in its place to show nothing falls back to the file.
pub trait ProxyPasswords: fmt::Debug + Send + Sync {
    fn save_proxy_password(&self, account: &ProxyAccount, password: &Secret<String>) -> Result<(), StoreError>;
    fn load_proxy_password(&self, account: &ProxyAccount) -> Result<Option<Secret<String>>, StoreError>;
    /// Missing entries are fine.
    fn forget_proxy_password(&self, account: &ProxyAccount) -> Result<(), StoreError>;
}

impl ProxyPasswords for Keychain {
    fn save_proxy_password(&self, account: &ProxyAccount, password: &Secret<String>) -> Result<(), StoreError> {
        entry(&account.item_name())?
            .set_password(password.expose())
            .map_err(classify)
    }

    fn load_proxy_password(&self, account: &ProxyAccount) -> Result<Option<Secret<String>>, StoreError> {
        match entry(&account.item_name())?.get_password() {
            Ok(password) => Ok(Some(Secret::new(password))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(classify(e)),
        }
    }

    fn forget_proxy_password(&self, account: &ProxyAccount) -> Result<(), StoreError> {
        delete(&account.item_name())
    }
}

/// The saved password for `account`, read on a blocking thread and waited on
/// for at most `bound` (a Secret Service may sit on an unlock prompt).
pub async fn proxy_password_within(
    bound: Duration,
    account: ProxyAccount,
) -> Result<Option<Secret<String>>, StoreError> {
    let read = tokio::task::spawn_blocking(move || Keychain.load_proxy_password(&account));
    match tokio::time::timeout(bound, read).await {
        Ok(Ok(answer)) => answer,
        Ok(Err(e)) => Err(StoreError::Failed(format!("the keychain call did not finish: {e}"))),
        Err(_) => Err(StoreError::TimedOut(bound)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_account_is_the_user_and_address_never_the_password() {
        let url = Url::parse("http://al%40ice:pw@Proxy.Corp:3128").expect("url");
        let account = ProxyAccount::of(&url).expect("has a user");
        assert_eq!(account.to_string(), "al@ice@proxy.corp:3128");
        assert_eq!(account.item_name(), "proxy/al@ice@proxy.corp:3128/password");
        let default_port = Url::parse("http://bob@proxy").expect("url");
        assert_eq!(
            ProxyAccount::of(&default_port).expect("user").to_string(),
            "bob@proxy:80"
        );
        assert!(ProxyAccount::of(&Url::parse("http://proxy:3128").expect("url")).is_none());
    }
}
