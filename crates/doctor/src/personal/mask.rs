//! One masking rule per kind of personal value. Each keeps just enough for
//! the user to recognise their own value on a shared screen, and no more.

use std::net::IpAddr;

const DOTS: &str = "•••";

/// The first character and dots: "LAPTOP-7" → "L•••".
pub fn first_letter(value: &str) -> String {
    match value.trim().chars().next() {
        Some(first) => format!("{first}{DOTS}"),
        None => DOTS.to_owned(),
    }
}

/// "alice@contoso.example" → "a•••@c•••.example"; a bare name → "a•••".
pub fn address(value: &str) -> String {
    match value.rsplit_once('@') {
        Some((local, domain)) => format!("{}@{}", first_letter(local), domain_name(domain)),
        None => first_letter(value),
    }
}

/// "contoso.example" → "c•••.example": the top-level domain stays.
fn domain_name(domain: &str) -> String {
    match domain.rsplit_once('.') {
        Some((_, top)) if !top.is_empty() => format!("{}.{top}", first_letter(domain)),
        _ => first_letter(domain),
    }
}

/// "Alice Example" → "A••• E•••": each word's initial.
pub fn name(value: &str) -> String {
    let words: Vec<String> = value.split_whitespace().map(first_letter).collect();
    if words.is_empty() {
        DOTS.to_owned()
    } else {
        words.join(" ")
    }
}

/// "203.0.113.7" → "203.0.113.•••" (the network, not the host);
/// "2001:db8:1:2::7" → "2001:db8:1:•••" (the /48).
pub fn ip_address(value: &str) -> String {
    match value.trim().parse::<IpAddr>() {
        Ok(IpAddr::V4(v4)) => {
            let [a, b, c, _] = v4.octets();
            format!("{a}.{b}.{c}.{DOTS}")
        }
        Ok(IpAddr::V6(v6)) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{DOTS}", s[0], s[1], s[2])
        }
        Err(_) => first_letter(value),
    }
}

/// The 8-4-4-4-12 hex shape of a GUID (any case, no braces): the one check the
/// masking rules, the error page reader and the packet reader share.
pub(crate) fn is_guid(value: &str) -> bool {
    let bytes = value.as_bytes();
    bytes.len() == 36
        && bytes.iter().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => *b == b'-',
            _ => b.is_ascii_hexdigit(),
        })
}

/// A GUID keeps its first group: "0b6b1e0e-5c7d-…" → "0b6b1e0e-•••".
pub fn identifier(value: &str) -> String {
    let value = value.trim();
    if is_guid(value) {
        format!("{}-{DOTS}", &value[..8])
    } else {
        first_letter(value)
    }
}

/// A tenant GUID as an identifier; a tenant domain as a domain.
pub fn tenant(value: &str) -> String {
    let value = value.trim();
    if is_guid(value) {
        identifier(value)
    } else {
        domain_name(value)
    }
}

#[cfg(test)]
mod tests {
    use crate::personal::PersonalKind;

    #[test]
    fn addresses_keep_their_first_letters_and_top_level_domain() {
        assert_eq!(PersonalKind::Email.mask("alice@contoso.example"), "a•••@c•••.example");
        assert_eq!(PersonalKind::Upn.mask("alice@contoso.example"), "a•••@c•••.example");
        assert_eq!(PersonalKind::Upn.mask("alice"), "a•••");
        assert_eq!(PersonalKind::Email.mask("élise@fabrikam"), "é•••@f•••");
        assert_eq!(PersonalKind::Email.mask(""), "•••");
    }

    #[test]
    fn names_keep_only_initials() {
        assert_eq!(PersonalKind::DisplayName.mask("Alice Example"), "A••• E•••");
        assert_eq!(PersonalKind::DisplayName.mask("alice"), "a•••");
        assert_eq!(PersonalKind::DisplayName.mask("  "), "•••");
    }

    #[test]
    fn ip_addresses_keep_their_network() {
        assert_eq!(PersonalKind::IpAddress.mask("203.0.113.7"), "203.0.113.•••");
        assert_eq!(PersonalKind::IpAddress.mask("2001:db8:1:2::7"), "2001:db8:1:•••");
        assert_eq!(PersonalKind::IpAddress.mask("not an address"), "n•••");
    }

    #[test]
    fn device_names_keep_their_first_letter() {
        assert_eq!(PersonalKind::DeviceName.mask("ALICE-LAPTOP"), "A•••");
    }

    #[test]
    fn tenants_and_object_ids_keep_their_first_group() {
        let guid = "72f988bf-86f1-41af-91ab-2d7cd011db47";
        assert_eq!(PersonalKind::Tenant.mask(guid), "72f988bf-•••");
        assert_eq!(PersonalKind::ObjectId.mask(guid), "72f988bf-•••");
        assert_eq!(PersonalKind::Tenant.mask("contoso.onmicrosoft.com"), "c•••.com");
        assert_eq!(PersonalKind::ObjectId.mask("alice"), "a•••");
    }

    #[test]
    fn no_rule_leaves_the_whole_value() {
        let kinds = [
            (PersonalKind::Email, "alice@contoso.example"),
            (PersonalKind::DisplayName, "Alice Example"),
            (PersonalKind::Upn, "alice@contoso.example"),
            (PersonalKind::IpAddress, "203.0.113.7"),
            (PersonalKind::DeviceName, "ALICE-LAPTOP"),
            (PersonalKind::Tenant, "72f988bf-86f1-41af-91ab-2d7cd011db47"),
            (PersonalKind::ObjectId, "0b6b1e0e-5c7d-4a7b-9d7e-1f2a3b4c5d6e"),
        ];
        for (kind, value) in kinds {
            let masked = kind.mask(value);
            assert!(!masked.contains(value), "{kind:?}: {masked}");
            assert!(masked.contains('•'), "{kind:?}: {masked}");
        }
    }
}
