//! Addresses the public sign-in service can never have: a DNS answer that
//! points the sign-in host at one of these was rewritten on the way (a
//! hosts-file entry, a filtering DNS, a captive portal, or malware).

use std::net::IpAddr;

/// What kind of non-public address `ip` is, or `None` for a public one.
pub fn private_kind(ip: IpAddr) -> Option<&'static str> {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            if v4.is_loopback() {
                Some("loopback (this computer)")
            } else if v4.is_private() {
                Some("private network")
            } else if v4.is_link_local() {
                Some("link-local")
            } else if v4.is_unspecified() {
                Some("unspecified (0.0.0.0, a blocking DNS answer)")
            } else if a == 100 && (64..128).contains(&b) {
                Some("carrier-grade NAT")
            } else {
                None
            }
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return private_kind(IpAddr::V4(v4));
            }
            let first = v6.segments()[0];
            if v6.is_loopback() {
                Some("loopback (this computer)")
            } else if v6.is_unspecified() {
                Some("unspecified (::, a blocking DNS answer)")
            } else if first & 0xfe00 == 0xfc00 {
                Some("private network (unique local)")
            } else if first & 0xffc0 == 0xfe80 {
                Some("link-local")
            } else {
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::private_kind;

    #[test]
    fn private_loopback_and_blocking_answers_are_named() {
        for (ip, private) in [
            ("127.0.0.1", true),
            ("10.1.2.3", true),
            ("192.168.1.1", true),
            ("0.0.0.0", true),
            ("100.64.0.1", true),
            ("::1", true),
            ("fd00::1", true),
            ("::ffff:10.0.0.1", true),
            ("20.190.151.6", false),
            ("2603:1026::1", false),
        ] {
            let parsed = ip.parse().expect("ip");
            assert_eq!(private_kind(parsed).is_some(), private, "{ip}");
        }
    }
}
