use super::*;
use chrono::TimeZone;
use rcgen::{BasicConstraints, CertificateParams, DistinguishedName, DnType, IsCa, KeyPair};

fn at(y: i32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, 6, 1, 0, 0, 0).single().expect("valid")
}

/// A CA and a leaf it issued, both DER.
fn chain(ca_name: &str, leaf_years: (i32, i32)) -> Vec<CertificateDer<'static>> {
    let ca_key = KeyPair::generate().expect("key");
    let mut ca = CertificateParams::new(Vec::new()).expect("params");
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CommonName, ca_name);
    ca.distinguished_name = dn;
    let ca_cert = ca.self_signed(&ca_key).expect("ca");
    let issuer = rcgen::Issuer::new(ca, ca_key);
    let leaf_key = KeyPair::generate().expect("key");
    let mut leaf = CertificateParams::new(vec!["login.example".to_owned()]).expect("params");
    leaf.not_before = rcgen::date_time_ymd(leaf_years.0, 1, 1);
    leaf.not_after = rcgen::date_time_ymd(leaf_years.1, 1, 1);
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CommonName, "login.example");
    leaf.distinguished_name = dn;
    let leaf_cert = leaf.signed_by(&leaf_key, &issuer).expect("leaf");
    vec![leaf_cert.der().clone(), ca_cert.der().clone()]
}

#[test]
fn a_private_root_with_a_product_name_reads_as_inspection() {
    let reading = read_chain(&chain("Zscaler Root CA", (2020, 2030)), at(2026)).expect("reads");
    assert!(reading.inspected());
    assert!(!reading.public_root);
    assert_eq!(reading.product, Some("Zscaler"));
    assert_eq!(reading.root, "Zscaler Root CA");
    assert_eq!(reading.path_text(), "login.example ← issued by Zscaler Root CA");
    assert_eq!(reading.out_of_date, None);
}

#[test]
fn a_private_root_without_a_product_name_is_still_not_public() {
    let reading = read_chain(&chain("Acme Internal Root", (2020, 2030)), at(2026)).expect("reads");
    assert!(reading.inspected());
    assert_eq!(reading.product, None);
}

#[test]
fn dates_outside_the_chain_are_named() {
    let reading = read_chain(&chain("Acme Root", (2020, 2022)), at(2026)).expect("reads");
    assert!(matches!(reading.out_of_date, Some((ref s, DateError::Expired(_))) if s == "login.example"));
    let reading = read_chain(&chain("Acme Root", (2030, 2032)), at(2026)).expect("reads");
    assert!(matches!(reading.out_of_date, Some((_, DateError::NotYetValid(_)))));
}

#[test]
fn a_chain_up_to_a_public_root_is_public() {
    let root = webpki_root_certs::TLS_SERVER_ROOT_CERTS.first().expect("roots").clone();
    let reading = read_chain(&[root], at(2026)).expect("reads");
    assert!(reading.public_root, "{reading:?}");
    assert!(read_chain(&[CertificateDer::from(vec![1, 2, 3])], at(2026)).is_none());
}
