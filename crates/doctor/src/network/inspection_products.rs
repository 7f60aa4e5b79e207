//! Words in a certificate issuer's name that belong to TLS-inspection
//! products (the "middleboxes" that decrypt and re-sign HTTPS). A chain
//! issued by one of these means the network reads, and may rewrite, the
//! traffic to the sign-in service.

/// (substring, lower case; product as people know it)
const PRODUCTS: &[(&str, &str)] = &[
    ("zscaler", "Zscaler"),
    ("netskope", "Netskope"),
    ("palo alto", "Palo Alto Networks"),
    ("paloalto", "Palo Alto Networks"),
    ("fortinet", "Fortinet FortiGate"),
    ("fortigate", "Fortinet FortiGate"),
    ("blue coat", "Symantec (Blue Coat) ProxySG"),
    ("bluecoat", "Symantec (Blue Coat) ProxySG"),
    ("proxysg", "Symantec (Blue Coat) ProxySG"),
    ("cisco umbrella", "Cisco Umbrella"),
    ("opendns", "Cisco Umbrella"),
    ("forcepoint", "Forcepoint"),
    ("websense", "Forcepoint (Websense)"),
    ("sophos", "Sophos"),
    ("mcafee", "McAfee / Skyhigh Security"),
    ("skyhigh", "McAfee / Skyhigh Security"),
    ("check point", "Check Point"),
    ("checkpoint", "Check Point"),
    ("barracuda", "Barracuda"),
    ("cloudflare gateway", "Cloudflare Gateway"),
    ("cloudflare for teams", "Cloudflare Gateway"),
    ("iboss", "iboss"),
    ("menlo security", "Menlo Security"),
    ("squid", "Squid (ssl-bump)"),
    ("mitmproxy", "mitmproxy"),
    ("fiddler", "Fiddler"),
    ("charles proxy", "Charles Proxy"),
    ("kaspersky", "Kaspersky (HTTPS scanning)"),
    ("eset ssl filter", "ESET (SSL/TLS filtering)"),
    ("avast", "Avast (HTTPS scanning)"),
    ("avg ", "AVG (HTTPS scanning)"),
    ("bitdefender", "Bitdefender (encrypted web scan)"),
    ("untangle", "Untangle"),
    ("sonicwall", "SonicWall DPI-SSL"),
    ("watchguard", "WatchGuard"),
    ("tls inspection", "a TLS-inspection device"),
    ("ssl inspection", "a TLS-inspection device"),
    ("https inspection", "a TLS-inspection device"),
];

/// The product whose name appears in `issuer`, if any.
pub fn product_in(issuer: &str) -> Option<&'static str> {
    let issuer = issuer.to_ascii_lowercase();
    PRODUCTS
        .iter()
        .find(|(needle, _)| issuer.contains(needle))
        .map(|(_, product)| *product)
}

#[cfg(test)]
mod tests {
    use super::product_in;

    #[test]
    fn names_products_and_leaves_public_issuers_alone() {
        assert_eq!(
            product_in("CN=Zscaler Intermediate Root CA, O=Zscaler Inc."),
            Some("Zscaler")
        );
        assert_eq!(product_in("O=Fortinet, CN=FortiGate CA"), Some("Fortinet FortiGate"));
        assert_eq!(
            product_in("CN=Corporate TLS Inspection CA"),
            Some("a TLS-inspection device")
        );
        assert_eq!(product_in("CN=DigiCert Global Root G2, O=DigiCert Inc"), None);
        assert_eq!(product_in("CN=Microsoft Azure RSA TLS Issuing CA 03"), None);
    }
}
