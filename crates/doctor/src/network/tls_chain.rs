//! The certificate chain the sign-in host presented, read in words: who it
//! was issued to and by, until when, and whether it ends in a public root
//! (Mozilla's root program, the default set every platform's store starts
//! from) or in a root someone added, as TLS-inspection products do.

use super::inspection_products;
use chrono::{DateTime, Utc};
use rustls::pki_types::CertificateDer;
use std::collections::HashSet;
use std::sync::OnceLock;
use x509_parser::prelude::{FromDer, X509Certificate, X509Name};

/// One certificate, as a person reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CertificateFacts {
    pub subject: String,
    pub issuer: String,
    pub not_before: Option<DateTime<Utc>>,
    pub not_after: Option<DateTime<Utc>>,
}

/// What the chain says about the network in between.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChainReading {
    pub certificates: Vec<CertificateFacts>,
    /// The name of the root the chain ends in (the top certificate's issuer).
    pub root: String,
    /// The root is one of the public roots every platform ships.
    pub public_root: bool,
    /// An inspection product named in an issuer, if any.
    pub product: Option<&'static str>,
    /// The first certificate whose dates do not include `now`: (subject, why).
    pub out_of_date: Option<(String, DateError)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateError {
    Expired(DateTime<Utc>),
    NotYetValid(DateTime<Utc>),
}

impl ChainReading {
    /// Signs that something on the network decrypts and re-signs HTTPS.
    pub fn inspected(&self) -> bool {
        self.product.is_some() || !self.public_root
    }

    /// "A ← B ← C", leaf first.
    pub fn path_text(&self) -> String {
        let mut names: Vec<&str> = self.certificates.iter().map(|c| c.subject.as_str()).collect();
        if self.certificates.last().is_some_and(|top| top.subject != top.issuer) {
            names.push(&self.root);
        }
        names.join(" ← issued by ")
    }
}

/// Reads the chain (leaf first, as sent). `None` when nothing could be parsed.
pub fn read_chain(chain: &[CertificateDer<'_>], now: DateTime<Utc>) -> Option<ChainReading> {
    let parsed: Vec<X509Certificate<'_>> = chain
        .iter()
        .filter_map(|der| X509Certificate::from_der(der.as_ref()).ok().map(|(_, c)| c))
        .collect();
    let top = parsed.last()?;
    let certificates: Vec<CertificateFacts> = parsed.iter().map(facts).collect();
    let public = public_root_subjects();
    let public_root = public.contains(top.issuer().as_raw()) || public.contains(top.subject().as_raw());
    let product = certificates
        .iter()
        .find_map(|c| inspection_products::product_in(&c.issuer));
    let out_of_date = certificates.iter().find_map(|c| {
        match (c.not_before, c.not_after) {
            (_, Some(after)) if after < now => Some(DateError::Expired(after)),
            (Some(before), _) if before > now => Some(DateError::NotYetValid(before)),
            _ => None,
        }
        .map(|e| (c.subject.clone(), e))
    });
    Some(ChainReading {
        root: name_text(top.issuer()),
        certificates,
        public_root,
        product,
        out_of_date,
    })
}

fn facts(cert: &X509Certificate<'_>) -> CertificateFacts {
    let validity = cert.validity();
    CertificateFacts {
        subject: name_text(cert.subject()),
        issuer: name_text(cert.issuer()),
        not_before: DateTime::from_timestamp(validity.not_before.timestamp(), 0),
        not_after: DateTime::from_timestamp(validity.not_after.timestamp(), 0),
    }
}

/// "Common name (Organisation)", or the name's other values when it has neither.
fn name_text(name: &X509Name<'_>) -> String {
    let first = |mut values: Box<dyn Iterator<Item = String> + '_>| values.next();
    let cn = first(Box::new(
        name.iter_common_name()
            .filter_map(|a| a.as_str().ok().map(str::to_owned)),
    ));
    let org = first(Box::new(
        name.iter_organization()
            .filter_map(|a| a.as_str().ok().map(str::to_owned)),
    ));
    match (cn, org) {
        (Some(cn), Some(org)) if !cn.contains(&org) => format!("{cn} ({org})"),
        (Some(cn), _) => cn,
        (None, Some(org)) => org,
        // The other attributes' values as written; x509-parser's own Display
        // would link its whole OID registry just to print the short names.
        (None, None) => {
            let values: Vec<&str> = name.iter_attributes().filter_map(|a| a.as_str().ok()).collect();
            if values.is_empty() {
                "(a certificate with no name)".to_owned()
            } else {
                values.join(", ")
            }
        }
    }
}

/// The subject names of Mozilla's public roots, read once.
fn public_root_subjects() -> &'static HashSet<Vec<u8>> {
    static SUBJECTS: OnceLock<HashSet<Vec<u8>>> = OnceLock::new();
    SUBJECTS.get_or_init(|| {
        webpki_root_certs::TLS_SERVER_ROOT_CERTS
            .iter()
            .filter_map(|der| X509Certificate::from_der(der.as_ref()).ok())
            .map(|(_, cert)| cert.subject().as_raw().to_vec())
            .collect()
    })
}

#[cfg(test)]
#[path = "tls_chain_tests.rs"]
mod tests;
