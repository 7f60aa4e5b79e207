use super::*;
use crate::secret::Secret;
use crate::store::{Keychain, ProxyAccount, ProxyPasswords, StoreError};
use std::collections::HashMap;
use std::io::Write;

/// The keychain's bound where the test is not about it.
const BOUND: Duration = Duration::from_secs(5);

fn no_env(_: &str) -> Option<String> {
    None
}

fn locations_with_user(text: &str) -> (tempfile::TempDir, ConfigLocations) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("config.toml");
    std::fs::File::create(&path)
        .and_then(|mut f| f.write_all(text.as_bytes()))
        .expect("write config");
    let locations = ConfigLocations {
        system: Some(dir.path().join("no-system-file.toml")),
        user: Some(path),
    };
    (dir, locations)
}

#[test]
fn defaults_point_at_microsoft_global_cloud_and_a_public_client() {
    let loaded = load(&ConfigLocations::default(), &no_env);
    assert!(loaded.problems.is_empty());
    let p = &loaded.profile;
    assert_eq!(
        p.authority.to_string(),
        "https://login.microsoftonline.com/organizations/v2.0"
    );
    assert_eq!(p.client_id, "04b07795-8ddb-461a-bbee-02f9e1bf7b46");
    assert_eq!(p.check_timeout, Duration::from_secs(10));
    assert!(p.scopes.contains(&"openid".to_owned()));
    for key in SettingKey::ALL {
        assert_eq!(p.source(key), &Source::Default, "{key:?}");
        assert!(key.parse(key.default_value()).is_ok(), "default of {key:?} parses");
    }
}

/// Each row of `SETTINGS` writes and reads its own field, with the kind its
/// parser gives: every setting given a value of its own comes back as given.
#[test]
fn every_setting_lands_in_its_own_field() {
    let given = |key: SettingKey| match key {
        SettingKey::Authority => "https://login.microsoftonline.us/contoso.example/v2.0",
        SettingKey::ClientId => "11111111-2222-3333-4444-555555555555",
        SettingKey::RedirectUri => "http://127.0.0.1:8400",
        SettingKey::Scopes => "openid User.Read",
        SettingKey::LoginHint => "alice@contoso.example",
        SettingKey::NtpServers => "ntp.contoso.example:123",
        SettingKey::CheckTimeout => "42",
        SettingKey::SignInTimeout => "600",
        SettingKey::StatusFeed => "https://status.contoso.example/feed",
        SettingKey::ConnectivityCheckUrl => "http://portal.contoso.example/test",
        SettingKey::Proxy => "direct",
        SettingKey::HelpdeskClientId => "22222222-3333-4444-5555-666666666666",
        SettingKey::HelpdeskScopes => "openid AuditLog.Read.All",
        SettingKey::HelpdeskLoginHint => "desk@contoso.example",
        SettingKey::GraphUrl => "https://graph.contoso.example/",
    };
    let env = |name: &str| {
        SettingKey::ALL
            .into_iter()
            .find(|key| key.env_var() == name)
            .map(|key| given(key).to_owned())
    };
    let loaded = load(&ConfigLocations::default(), &env);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let defaults = Profile::defaults();
    for key in SettingKey::ALL {
        let expected = key.parse(given(key)).expect("a valid value");
        assert_eq!(key.read(&loaded.profile), expected, "{key:?}");
        assert_ne!(key.read(&defaults), expected, "{key:?} must differ from its default");
        assert_eq!(
            loaded.profile.source(key),
            &Source::Environment {
                variable: key.env_var()
            },
            "{key:?}"
        );
    }
}

#[test]
fn file_values_name_their_file_and_line_and_environment_wins() {
    let (_dir, locations) = locations_with_user(
        "# deployed by IT\nclient_id = \"11111111-2222-3333-4444-555555555555\"\nscopes = [\"openid\", \"User.Read\"]\nauthority = \"https://login.microsoftonline.us/contoso.onmicrosoft.com/v2.0/\"\n",
    );
    let env: HashMap<&str, &str> = HashMap::from([("SIGNIN_DOCTOR_AUTHORITY", "http://127.0.0.1:4000")]);
    let loaded = load(&locations, &|name| env.get(name).map(|v| v.to_string()));
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let p = &loaded.profile;
    assert_eq!(p.client_id, "11111111-2222-3333-4444-555555555555");
    assert_eq!(p.scopes, vec!["openid", "User.Read"]);
    assert_eq!(
        p.source(SettingKey::ClientId),
        &Source::File {
            path: locations.user.clone().expect("user path"),
            line: 2
        }
    );
    assert_eq!(p.authority.to_string(), "http://127.0.0.1:4000");
    assert_eq!(
        p.source(SettingKey::Authority),
        &Source::Environment {
            variable: "SIGNIN_DOCTOR_AUTHORITY"
        }
    );
    let report = ProfileReport::from(&loaded);
    let authority = &report.settings[0];
    assert_eq!(authority.source.kind, "environment");
    assert_eq!(report.settings[1].source.kind, "user_file");
    assert!(report.settings[1].source.detail.ends_with("config.toml, line 2"));
}

#[test]
fn malformed_file_names_file_and_line_and_defaults_still_apply() {
    let (_dir, locations) = locations_with_user("client_id = \"abc\"\n\nauthority = https://oops\n");
    let loaded = load(&locations, &no_env);
    assert_eq!(loaded.problems.len(), 1);
    let problem = &loaded.problems[0];
    assert_eq!(problem.line, Some(3));
    assert!(problem.origin.ends_with("config.toml"));
    assert!(problem.to_string().contains("line 3"), "{problem}");
    assert_eq!(loaded.profile.client_id, SettingKey::ClientId.default_value());
}

#[test]
fn unknown_keys_and_bad_values_are_reported_and_skipped() {
    let (_dir, locations) = locations_with_user(
        "client_id = \"abc\"\natuhority = \"https://x\"\ncheck_timeout_seconds = 0\nauthority = \"http://login.example.com/v2.0\"\n",
    );
    let loaded = load(&locations, &no_env);
    let lines: Vec<Option<usize>> = loaded.problems.iter().map(|p| p.line).collect();
    assert_eq!(lines.len(), 3, "{:?}", loaded.problems);
    assert!(lines.contains(&Some(2)) && lines.contains(&Some(3)) && lines.contains(&Some(4)));
    assert!(loaded.problems.iter().any(|p| p.message.contains("atuhority")));
    assert!(loaded.problems.iter().any(|p| p.message.contains("plain http")));
    assert_eq!(loaded.profile.client_id, "abc");
    assert_eq!(loaded.profile.check_timeout, Duration::from_secs(10));
}

#[test]
fn bad_environment_value_is_reported_and_ignored() {
    let loaded = load(&ConfigLocations::default(), &|name| {
        (name == "SIGNIN_DOCTOR_CHECK_TIMEOUT_SECONDS").then(|| "soon".to_owned())
    });
    assert_eq!(loaded.problems.len(), 1);
    assert_eq!(
        loaded.problems[0].origin,
        "environment variable SIGNIN_DOCTOR_CHECK_TIMEOUT_SECONDS"
    );
    assert_eq!(loaded.profile.check_timeout, Duration::from_secs(10));
}

#[test]
fn saving_keeps_comments_removes_cleared_values_and_rejects_bad_ones() {
    let (_dir, locations) =
        locations_with_user("# keep me\nclient_id = \"abc\"\nredirect_uri = \"http://localhost\"\n");
    let path = locations.user.clone().expect("user path");
    save_edits(
        &path,
        &[
            (
                SettingKey::Authority,
                "https://login.microsoftonline.com/contoso.com/v2.0".to_owned(),
            ),
            (SettingKey::Scopes, "openid User.Read".to_owned()),
            (SettingKey::CheckTimeout, "7".to_owned()),
            (SettingKey::RedirectUri, String::new()),
        ],
        &Keychain,
        BOUND,
    )
    .expect("save");
    let text = std::fs::read_to_string(&path).expect("read back");
    assert!(text.starts_with("# keep me\n"), "{text}");
    assert!(!text.contains("redirect_uri"), "{text}");
    let loaded = load(&locations, &no_env);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert_eq!(loaded.profile.scopes, vec!["openid", "User.Read"]);
    assert_eq!(loaded.profile.check_timeout, Duration::from_secs(7));
    assert_eq!(
        loaded.profile.authority.to_string(),
        "https://login.microsoftonline.com/contoso.com/v2.0"
    );
    assert_eq!(loaded.profile.source(SettingKey::RedirectUri), &Source::Default);

    let refused = save_edits(
        &path,
        &[(SettingKey::Authority, "ftp://x".to_owned())],
        &Keychain,
        BOUND,
    );
    assert!(matches!(refused, Err(SaveError::Invalid { .. })));
    assert_eq!(std::fs::read_to_string(&path).expect("unchanged"), text);
}

#[test]
fn saving_over_a_malformed_file_is_refused_with_its_line() {
    let (_dir, locations) = locations_with_user("a = 1\nb = \n");
    let path = locations.user.clone().expect("user path");
    match save_edits(&path, &[(SettingKey::ClientId, "x".to_owned())], &Keychain, BOUND) {
        Err(SaveError::Malformed { line, .. }) => assert_eq!(line, 2),
        other => panic!("expected Malformed, got {other:?}"),
    }
}

#[test]
fn authority_rules_and_discovery_url() {
    let global = Authority::microsoft_global();
    assert_eq!(
        global.discovery_url().as_str(),
        "https://login.microsoftonline.com/organizations/v2.0/.well-known/openid-configuration"
    );
    let local = Authority::parse("http://127.0.0.1:4000/").expect("loopback http");
    assert_eq!(
        local.discovery_url().as_str(),
        "http://127.0.0.1:4000/.well-known/openid-configuration"
    );
    assert_eq!(local.port(), 4000);
    assert!(!local.uses_tls());
    assert!(
        Authority::parse("http://localhost:4000").is_err(),
        "names are not loopback-proof"
    );
    assert!(Authority::parse("http://10.0.0.1").is_err());
    assert!(Authority::parse("https://login.microsoftonline.com/x/v2.0?x=1").is_err());
    assert!(Authority::parse("not a url").is_err());
    assert!(Authority::parse("http://[::1]:8080").is_ok());
}

/// RFC 8252 §7.3: the app listens on loopback, so the redirect must be a
/// loopback `http` address; anything else is refused from the file and the
/// environment alike, and the default stays in force.
#[test]
fn the_redirect_must_be_a_loopback_http_address() {
    for good in [
        "http://localhost",
        "http://localhost:0/",
        "http://127.0.0.1/callback",
        "http://[::1]:8400/",
    ] {
        assert!(SettingKey::RedirectUri.parse(good).is_ok(), "{good}");
    }
    let refused = [
        "https://app.contoso.example/callback",
        "myapp://auth",
        "http://192.168.1.5/",
        "http://localhost.evil.example/",
        "http://user@localhost/",
        "file:///tmp/x",
    ];
    for bad in refused {
        let why = SettingKey::RedirectUri.parse(bad).expect_err(bad);
        assert_eq!(why, InvalidValue::RedirectNotLoopback(bad.to_owned()), "{bad}");
        assert!(why.to_string().contains("RFC 8252"), "{why}");

        let (_dir, locations) = locations_with_user(&format!("redirect_uri = \"{bad}\"\n"));
        let from_file = load(&locations, &no_env);
        assert_eq!(from_file.problems.len(), 1, "{bad}: {:?}", from_file.problems);
        assert!(
            from_file.problems[0].message.contains("loopback"),
            "{}",
            from_file.problems[0]
        );
        assert_eq!(from_file.profile.redirect_uri, "http://localhost");

        let from_env = load(&ConfigLocations::default(), &|name| {
            (name == "SIGNIN_DOCTOR_REDIRECT_URI").then(|| bad.to_owned())
        });
        assert_eq!(from_env.problems.len(), 1, "{bad}");
        assert_eq!(
            from_env.problems[0].origin,
            "environment variable SIGNIN_DOCTOR_REDIRECT_URI"
        );
        assert_eq!(from_env.profile.redirect_uri, "http://localhost");
    }
}

/// The machine-wide file is an admin's: on Unix it counts only when root
/// owns it and no one else may write it; otherwise it is ignored, and the
/// profile view says why.
#[cfg(unix)]
#[test]
fn the_machine_wide_file_is_trusted_only_when_root_owns_it_and_alone_may_write_it() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let system = dir.path().join("system.toml");
    std::fs::write(&system, "client_id = \"from-the-admin\"\n").expect("write");
    let locations = ConfigLocations {
        system: Some(system.clone()),
        user: Some(dir.path().join("no-user-file.toml")),
    };
    let set_mode = |mode: u32| std::fs::set_permissions(&system, std::fs::Permissions::from_mode(mode)).expect("chmod");
    let running_as_root = rustix::process::geteuid().is_root();

    if running_as_root {
        std::os::unix::fs::chown(&system, Some(0), Some(0)).expect("chown root");
        set_mode(0o644);
        let trusted = load(&locations, &no_env);
        assert!(trusted.problems.is_empty(), "{:?}", trusted.problems);
        assert_eq!(trusted.profile.client_id, "from-the-admin");

        for mode in [0o664, 0o646, 0o666] {
            set_mode(mode);
            let loaded = load(&locations, &no_env);
            assert_eq!(
                loaded.profile.client_id,
                SettingKey::ClientId.default_value(),
                "{mode:o}"
            );
            assert_eq!(loaded.problems.len(), 1, "{mode:o}");
            assert!(
                loaded.problems[0].message.contains("writable by"),
                "{}",
                loaded.problems[0]
            );
        }
        set_mode(0o644);
        std::os::unix::fs::chown(&system, Some(1000), Some(1000)).expect("chown user");
    }
    // Owned by an ordinary user (whoever runs the test, if not root).
    let loaded = load(&locations, &no_env);
    assert_eq!(loaded.profile.client_id, SettingKey::ClientId.default_value());
    assert_eq!(loaded.problems.len(), 1, "{:?}", loaded.problems);
    let problem = &loaded.problems[0];
    assert!(problem.origin.ends_with("system.toml"), "{problem}");
    assert!(
        problem.message.contains("not owned by root") && problem.message.contains("ignored"),
        "{problem}"
    );
    let report = ProfileReport::from(&loaded);
    assert_eq!(report.problems.len(), 1, "the profile view shows it");
}

/// Windows (issue 13 item 15): a file in the user's own temp folder is
/// owned by that user (or, elevated, by Administrators with the user's own
/// full-control entry inherited), so it is never trusted as the admin's.
#[cfg(windows)]
#[test]
fn a_machine_wide_file_an_ordinary_user_may_change_is_ignored_on_windows() {
    let dir = tempfile::tempdir().expect("temp dir");
    let system = dir.path().join("system.toml");
    std::fs::write(&system, "client_id = \"from-anyone\"\n").expect("write");
    let locations = ConfigLocations {
        system: Some(system),
        user: Some(dir.path().join("no-user-file.toml")),
    };
    let loaded = load(&locations, &no_env);
    assert_eq!(loaded.profile.client_id, SettingKey::ClientId.default_value());
    assert_eq!(loaded.problems.len(), 1, "{:?}", loaded.problems);
    assert!(loaded.problems[0].message.contains("ignored"), "{}", loaded.problems[0]);
}

/// A keychain that refuses everything (fault injection: no Secret Service,
/// a locked keychain).
#[derive(Clone, Debug)]
struct RefusingKeychain;

impl ProxyPasswords for RefusingKeychain {
    fn save_proxy_password(&self, _: &ProxyAccount, _: &Secret<String>) -> Result<(), StoreError> {
        Err(StoreError::Unavailable("no Secret Service".to_owned()))
    }
    fn load_proxy_password(&self, _: &ProxyAccount) -> Result<Option<Secret<String>>, StoreError> {
        Err(StoreError::Unavailable("no Secret Service".to_owned()))
    }
    fn forget_proxy_password(&self, _: &ProxyAccount) -> Result<(), StoreError> {
        Err(StoreError::Unavailable("no Secret Service".to_owned()))
    }
}

#[test]
fn a_proxy_password_the_keychain_refuses_is_never_written_to_the_file() {
    let (_dir, locations) = locations_with_user("# mine\n");
    let path = locations.user.clone().expect("user path");
    let refused = save_edits(
        &path,
        &[
            (SettingKey::ClientId, "11111111-2222-3333-4444-555555555555".to_owned()),
            (SettingKey::Proxy, "http://alice:Hunter-77@proxy.corp:3128".to_owned()),
        ],
        &RefusingKeychain,
        BOUND,
    );
    match refused {
        Err(e @ SaveError::ProxyPassword { .. }) => {
            let words = e.to_string();
            assert!(words.contains("alice@proxy.corp:3128"), "{words}");
            assert!(!words.contains("Hunter-77"), "{words}");
        }
        other => panic!("expected ProxyPassword, got {other:?}"),
    }
    // Nothing at all was saved, the other edit included.
    assert_eq!(std::fs::read_to_string(&path).expect("unchanged"), "# mine\n");
}

#[test]
fn a_proxy_without_a_password_is_saved_as_given_without_the_keychain() {
    let (_dir, locations) = locations_with_user("");
    let path = locations.user.clone().expect("user path");
    for proxy in ["http://proxy.corp:3128", "http://alice@proxy.corp:3128"] {
        save_edits(
            &path,
            &[(SettingKey::Proxy, proxy.to_owned())],
            &RefusingKeychain,
            BOUND,
        )
        .expect("saved");
        let text = std::fs::read_to_string(&path).expect("read back");
        assert!(text.contains(&format!("proxy = \"{proxy}\"")), "{text}");
    }
}

#[test]
fn a_password_written_into_the_file_by_hand_is_used_and_named_as_a_problem() {
    let (_dir, locations) = locations_with_user("proxy = \"http://alice:Hunter-77@proxy.corp:3128\"\n");
    let loaded = load(&locations, &no_env);
    assert_eq!(
        loaded.profile.proxy,
        ProxyChoice::Fixed("http://alice:Hunter-77@proxy.corp:3128".to_owned())
    );
    let words: Vec<String> = loaded.problems.iter().map(|p| p.to_string()).collect();
    assert!(words.iter().any(|w| w.contains("in clear text")), "{words:?}");
    assert!(!words.iter().any(|w| w.contains("Hunter-77")), "{words:?}");
}

/// A keychain that never answers (fault injection: a Secret Service waiting
/// on an unlock prompt nobody sees). Each call blocks for an hour.
#[derive(Clone, Debug)]
struct SilentKeychain;

impl ProxyPasswords for SilentKeychain {
    fn save_proxy_password(&self, _: &ProxyAccount, _: &Secret<String>) -> Result<(), StoreError> {
        std::thread::sleep(Duration::from_secs(3600));
        Ok(())
    }
    fn load_proxy_password(&self, _: &ProxyAccount) -> Result<Option<Secret<String>>, StoreError> {
        std::thread::sleep(Duration::from_secs(3600));
        Ok(None)
    }
    fn forget_proxy_password(&self, _: &ProxyAccount) -> Result<(), StoreError> {
        std::thread::sleep(Duration::from_secs(3600));
        Ok(())
    }
}

/// Issue 23 item 9: Save waits for the keychain one bound at most, then
/// says why nothing was saved; clearing a proxy does not wait on it either.
#[test]
fn saving_waits_for_a_silent_keychain_one_bound_at_most() {
    let (_dir, locations) = locations_with_user("# mine\n");
    let path = locations.user.clone().expect("user path");
    let bound = Duration::from_millis(500);
    let started = std::time::Instant::now();
    let refused = save_edits(
        &path,
        &[(SettingKey::Proxy, "http://alice:Hunter-77@proxy.corp:3128".to_owned())],
        &SilentKeychain,
        bound,
    );
    let took = started.elapsed();
    assert!(took < Duration::from_millis(1500), "Save waited {took:?}");
    match refused {
        Err(e @ SaveError::ProxyPassword { .. }) => {
            let words = e.to_string();
            assert!(words.contains("did not answer within 0.5 s"), "{words}");
            assert!(words.contains("nothing was saved"), "{words}");
            assert!(!words.contains("Hunter-77"), "{words}");
        }
        other => panic!("expected ProxyPassword, got {other:?}"),
    }
    assert_eq!(std::fs::read_to_string(&path).expect("unchanged"), "# mine\n");

    // Clearing a proxy forgets its password as a courtesy: a silent keychain
    // does not hold up the save.
    std::fs::write(&path, "proxy = \"http://alice@proxy.corp:3128\"\n").expect("write");
    let started = std::time::Instant::now();
    save_edits(&path, &[(SettingKey::Proxy, String::new())], &SilentKeychain, bound).expect("saved");
    let took = started.elapsed();
    assert!(took < Duration::from_millis(1500), "Save waited {took:?}");
    assert!(!std::fs::read_to_string(&path).expect("read").contains("proxy"));
}
