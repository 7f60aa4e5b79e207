//! The system proxy readers against recorded outputs of the real commands.

use super::*;

fn https(settings: &ProxySettings) -> String {
    settings.https.as_ref().map(|r| r.to_string()).unwrap_or_default()
}

#[test]
fn gnome_manual_and_auto() {
    let manual = "org.gnome.system.proxy autoconfig-url ''\n\
org.gnome.system.proxy ignore-hosts ['localhost', '127.0.0.0/8', '::1']\n\
org.gnome.system.proxy mode 'manual'\n\
org.gnome.system.proxy use-same-proxy true\n\
org.gnome.system.proxy.http host 'proxy.corp'\n\
org.gnome.system.proxy.http port 3128\n\
org.gnome.system.proxy.https host 'proxy.corp'\n\
org.gnome.system.proxy.https port 3129\n\
org.gnome.system.proxy.socks host ''\n";
    let s = parse_gsettings(manual).expect("settings");
    assert_eq!(https(&s), "proxy.corp:3129");
    assert_eq!(s.bypass, vec!["localhost", "127.0.0.0/8", "::1"]);
    assert!(s.source.contains("GNOME"));

    let auto =
        "org.gnome.system.proxy autoconfig-url 'http://wpad.corp/proxy.pac'\norg.gnome.system.proxy mode 'auto'\n";
    assert_eq!(
        parse_gsettings(auto).and_then(|s| s.pac_url).as_deref(),
        Some("http://wpad.corp/proxy.pac")
    );
    let none = parse_gsettings("org.gnome.system.proxy mode 'none'\n").expect("settings");
    assert!(!none.is_configured());
    assert!(parse_gsettings("No such schema “org.gnome.system.proxy”").is_none());
}

#[test]
fn kde_manual_with_a_space_before_the_port() {
    let text = "[Proxy Settings]\nProxyType=1\nhttpsProxy=http://proxy.corp 8080\nNoProxyFor=localhost,.corp\n";
    let s = parse_kioslaverc(text).expect("settings");
    assert_eq!(https(&s), "proxy.corp:8080");
    assert_eq!(s.bypass, vec!["localhost", ".corp"]);
    let pac = parse_kioslaverc("[Proxy Settings]\nProxyType=2\nProxy Config Script=http://wpad/wpad.dat\n");
    assert_eq!(pac.and_then(|s| s.pac_url).as_deref(), Some("http://wpad/wpad.dat"));
}

#[test]
fn macos_scutil() {
    let out = "<dictionary> {\n  ExceptionsList : <array> {\n    0 : *.local\n    1 : 169.254/16\n  }\n  FTPPassive : 1\n  HTTPEnable : 0\n  HTTPSEnable : 1\n  HTTPSPort : 8080\n  HTTPSProxy : proxy.corp\n  ProxyAutoConfigEnable : 1\n  ProxyAutoConfigURLString : http://wpad.corp/wpad.dat\n}\n";
    let s = parse_scutil(out).expect("settings");
    assert_eq!(https(&s), "proxy.corp:8080");
    assert!(s.http.is_none());
    assert_eq!(s.bypass, vec!["*.local", "169.254/16"]);
    assert_eq!(s.pac_url.as_deref(), Some("http://wpad.corp/wpad.dat"));
}

#[test]
fn windows_registry_and_winhttp() {
    let reg = "\r\nHKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\r\n    ProxyEnable    REG_DWORD    0x1\r\n    ProxyServer    REG_SZ    http=proxy.corp:80;https=proxy.corp:8443\r\n    ProxyOverride    REG_SZ    <local>;*.contoso.com\r\n";
    let s = parse_windows_registry(reg).expect("settings");
    assert_eq!(https(&s), "proxy.corp:8443");
    assert_eq!(s.bypass, vec!["<local>", "*.contoso.com"]);

    let off = "    ProxyEnable    REG_DWORD    0x0\r\n    AutoConfigURL    REG_SZ    http://wpad/wpad.dat\r\n";
    let s = parse_windows_registry(off).expect("settings");
    assert!(s.https.is_none());
    assert_eq!(s.pac_url.as_deref(), Some("http://wpad/wpad.dat"));

    let netsh = "\r\nCurrent WinHTTP proxy settings:\r\n\r\n    Proxy Server(s) :  proxy.corp:8080\r\n    Bypass List     :  <local>\r\n";
    let s = parse_netsh_winhttp(netsh).expect("settings");
    assert_eq!(https(&s), "proxy.corp:8080");
    assert_eq!(s.bypass, vec!["<local>"]);
    let direct = "Current WinHTTP proxy settings:\r\n\r\n    Direct access (no proxy server).\r\n";
    assert!(!parse_netsh_winhttp(direct).expect("settings").is_configured());
}

/// The Windows build (under Wine too, whose registry is a real one): a proxy
/// set in the user's Internet Options is what detection finds. Set with
/// reg.exe, as an administrator's script or a policy would write it.
#[cfg(windows)]
#[tokio::test]
async fn the_proxy_in_the_users_internet_options_is_found() {
    const KEY: &str = r"HKCU\Software\Microsoft\Windows\CurrentVersion\Internet Settings";
    async fn reg_add(name: &str, kind: &str, data: &str) {
        let args = ["add", KEY, "/v", name, "/t", kind, "/d", data, "/f"];
        crate::os_tool::run("reg", &args, std::time::Duration::from_secs(20))
            .await
            .unwrap_or_else(|e| panic!("reg add {name}: {e}"));
    }
    reg_add(
        "ProxyServer",
        "REG_SZ",
        "http=proxy.corp.example:80;https=proxy.corp.example:8443",
    )
    .await;
    reg_add("ProxyOverride", "REG_SZ", "<local>;*.contoso.com").await;
    reg_add("ProxyEnable", "REG_DWORD", "1").await;
    let found = detect().await;
    // Put back before asserting, so no other test sees this proxy.
    reg_add("ProxyEnable", "REG_DWORD", "0").await;
    assert_eq!(found.source, "Windows Internet Options (WinINET)");
    assert_eq!(https(&found), "proxy.corp.example:8443");
    assert_eq!(found.bypass, vec!["<local>", "*.contoso.com"]);
}
