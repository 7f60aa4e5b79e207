//! jsonwebtoken's cryptography on `ring`, the library rustls already uses for
//! TLS: one crypto stack in the binary instead of two (jsonwebtoken's
//! `rust_crypto` feature would add the RustCrypto `rsa`, `p256`, `p384`,
//! `ed25519-dalek` and `hmac` crates beside it).
//!
//! It covers exactly what the engine does with JSON Web Signatures:
//! - verifying ID tokens with the algorithms validate.rs allows: RS256/384/512
//!   (RSASSA-PKCS1-v1_5, RFC 7518 §3.3), ES256/ES384 (ECDSA, RFC 7518 §3.4)
//!   and PS256/384/512 (RSASSA-PSS, RFC 7518 §3.5);
//! - signing a client assertion RS256 with an RSA private key (service_principal.rs);
//! - the JWK helpers those paths can reach (RSA public components, thumbprint digests).
//!
//! Everything else (HMAC, EdDSA, EC signing) is answered with a clear error,
//! never a panic: the engine refuses those algorithms before any key is used.

use jsonwebtoken::crypto::{CryptoProvider, JwtSigner, JwtVerifier, KeyUtils};
use jsonwebtoken::errors::{Error, ErrorKind};
use jsonwebtoken::jwk::{EllipticCurve, ThumbprintHash};
use jsonwebtoken::signature::{self, Signer, Verifier};
use jsonwebtoken::{Algorithm, AlgorithmFamily, DecodingKey, DecodingKeyKind, EncodingKey};
use ring::rand::SystemRandom;
use ring::signature::{
    EcdsaVerificationAlgorithm, RsaEncoding, RsaKeyPair, RsaParameters, RsaPublicKeyComponents, UnparsedPublicKey,
};
use std::sync::Once;
use x509_parser::prelude::FromDer;

/// The provider; installed by [`ensure_jwt_crypto`].
static RING_PROVIDER: CryptoProvider = CryptoProvider {
    signer_factory: new_signer,
    verifier_factory: new_verifier,
    key_utils: KeyUtils {
        rsa_pub_components_from_private_key: rsa_components_from_private_key,
        rsa_pub_components_from_public_key: rsa_components_from_public_key,
        ec_pub_components_from_private_key: ec_components_from_private_key,
        ed_pub_components_from_private_key: ed_components_from_private_key,
        compute_digest,
    },
};

/// Makes jsonwebtoken use `ring` in this process. Without it jsonwebtoken
/// (built with no crypto feature) would panic on its first signature, so every
/// engine path that signs or verifies calls this first; it is cheap after the
/// first call. When a provider is already installed (another caller got there
/// first), that one stays.
pub fn ensure_jwt_crypto() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        // Err only means a provider is already installed: nothing to do.
        let _ = RING_PROVIDER.install_default();
    });
}

/// An error for what this provider deliberately does not do.
fn not_supported(what: &str) -> Error {
    ErrorKind::Provider(format!(
        "{what} is not supported: Sign-in Doctor verifies only RS*, PS* and ES256/ES384 signatures and signs only RS256"
    ))
    .into()
}

fn signature_error(why: impl std::fmt::Display) -> signature::Error {
    signature::Error::from_source(why.to_string())
}

/// An RSA private key as ring reads it: `EncodingKey::from_rsa_pem` gives the
/// PKCS#1 `RSAPrivateKey` (it unwraps a PKCS#8 PEM); a DER given directly may
/// still be PKCS#8. ring takes 2048 to 4096-bit keys.
fn rsa_key_pair(der: &[u8]) -> Result<RsaKeyPair, ring::error::KeyRejected> {
    RsaKeyPair::from_der(der).or_else(|pkcs1_error| RsaKeyPair::from_pkcs8(der).map_err(|_| pkcs1_error))
}

/// Checks that ring can sign with this RSA private key (from `EncodingKey::as_bytes`),
/// so a key that cannot sign is refused before anything is sent.
pub(crate) fn check_rsa_signing_key(key: &EncodingKey) -> Result<(), Error> {
    if key.family() != AlgorithmFamily::Rsa {
        return Err(ErrorKind::InvalidKeyFormat.into());
    }
    rsa_key_pair(key.as_bytes())
        .map(|_| ())
        .map_err(|e| ErrorKind::InvalidRsaKey(format!("ring cannot sign with it ({e})")).into())
}

/// RS256 signing (RFC 7518 §3.3): the one algorithm client assertions use.
struct Rs256Signer(RsaKeyPair);

impl Signer<Vec<u8>> for Rs256Signer {
    fn try_sign(&self, msg: &[u8]) -> Result<Vec<u8>, signature::Error> {
        let encoding: &'static dyn RsaEncoding = &ring::signature::RSA_PKCS1_SHA256;
        let mut signature = vec![0; self.0.public().modulus_len()];
        self.0
            .sign(encoding, &SystemRandom::new(), msg, &mut signature)
            .map_err(signature_error)?;
        Ok(signature)
    }
}

impl JwtSigner for Rs256Signer {
    fn algorithm(&self) -> Algorithm {
        Algorithm::RS256
    }
}

fn new_signer(algorithm: &Algorithm, key: &EncodingKey) -> Result<Box<dyn JwtSigner>, Error> {
    match algorithm {
        Algorithm::RS256 => {
            if key.family() != AlgorithmFamily::Rsa {
                return Err(ErrorKind::InvalidKeyFormat.into());
            }
            let pair = rsa_key_pair(key.as_bytes()).map_err(|e| ErrorKind::InvalidRsaKey(e.to_string()))?;
            Ok(Box::new(Rs256Signer(pair)))
        }
        other => Err(not_supported(&format!("signing with {other:?}"))),
    }
}

/// How a signature is checked: RSA with ring's parameters, or ECDSA with a
/// fixed-length (r || s) signature as JWS carries it (RFC 7518 §3.4).
#[derive(Clone, Copy)]
enum Check {
    Rsa(&'static RsaParameters),
    Ecdsa(&'static EcdsaVerificationAlgorithm),
}

struct RingVerifier {
    algorithm: Algorithm,
    check: Check,
    key: DecodingKey,
}

impl Verifier<Vec<u8>> for RingVerifier {
    fn verify(&self, msg: &[u8], signature: &Vec<u8>) -> Result<(), signature::Error> {
        match (self.check, self.key.kind()) {
            // From a JWK's n and e.
            (Check::Rsa(params), DecodingKeyKind::RsaModulusExponent { n, e }) => RsaPublicKeyComponents { n, e }
                .verify(params, msg, signature)
                .map_err(signature_error),
            // From a PEM or DER key: the PKCS#1 RSAPublicKey.
            (Check::Rsa(params), DecodingKeyKind::SecretOrDer(der)) => UnparsedPublicKey::new(params, der)
                .verify(msg, signature)
                .map_err(signature_error),
            // The uncompressed point 0x04 || x || y (from a JWK's x and y, or a PEM key).
            (Check::Ecdsa(alg), DecodingKeyKind::SecretOrDer(point)) => UnparsedPublicKey::new(alg, point)
                .verify(msg, signature)
                .map_err(signature_error),
            (Check::Ecdsa(_), DecodingKeyKind::RsaModulusExponent { .. }) => {
                Err(signature_error("an RSA key cannot check an ECDSA signature"))
            }
        }
    }
}

impl JwtVerifier for RingVerifier {
    fn algorithm(&self) -> Algorithm {
        self.algorithm
    }
}

fn new_verifier(algorithm: &Algorithm, key: &DecodingKey) -> Result<Box<dyn JwtVerifier>, Error> {
    use ring::signature as s;
    let (family, check) = match algorithm {
        // RFC 7518 §3.3: RSASSA-PKCS1-v1_5.
        Algorithm::RS256 => (AlgorithmFamily::Rsa, Check::Rsa(&s::RSA_PKCS1_2048_8192_SHA256)),
        Algorithm::RS384 => (AlgorithmFamily::Rsa, Check::Rsa(&s::RSA_PKCS1_2048_8192_SHA384)),
        Algorithm::RS512 => (AlgorithmFamily::Rsa, Check::Rsa(&s::RSA_PKCS1_2048_8192_SHA512)),
        // RFC 7518 §3.5: RSASSA-PSS, MGF1 with the same hash, salt as long as the hash.
        Algorithm::PS256 => (AlgorithmFamily::Rsa, Check::Rsa(&s::RSA_PSS_2048_8192_SHA256)),
        Algorithm::PS384 => (AlgorithmFamily::Rsa, Check::Rsa(&s::RSA_PSS_2048_8192_SHA384)),
        Algorithm::PS512 => (AlgorithmFamily::Rsa, Check::Rsa(&s::RSA_PSS_2048_8192_SHA512)),
        // RFC 7518 §3.4: ECDSA on P-256 / P-384, signature as fixed-length r || s.
        Algorithm::ES256 => (AlgorithmFamily::Ec, Check::Ecdsa(&s::ECDSA_P256_SHA256_FIXED)),
        Algorithm::ES384 => (AlgorithmFamily::Ec, Check::Ecdsa(&s::ECDSA_P384_SHA384_FIXED)),
        other => return Err(not_supported(&format!("verifying {other:?}"))),
    };
    if key.family() != family {
        return Err(ErrorKind::InvalidKeyFormat.into());
    }
    Ok(Box::new(RingVerifier {
        algorithm: *algorithm,
        check,
        key: key.clone(),
    }))
}

/// (n, e) of an RSA private key (DER), for `Jwk::from_encoding_key`.
fn rsa_components_from_private_key(der: &[u8]) -> Result<(Vec<u8>, Vec<u8>), Error> {
    let pair = rsa_key_pair(der).map_err(|e| ErrorKind::InvalidRsaKey(e.to_string()))?;
    let components = RsaPublicKeyComponents::<Vec<u8>>::from(pair.public());
    Ok((components.n, components.e))
}

/// (n, e) of a PKCS#1 `RSAPublicKey` (DER), for `Jwk::from_decoding_key`;
/// ring has no parser for it, x509-parser (already used for certificates) does.
fn rsa_components_from_public_key(der: &[u8]) -> Result<(Vec<u8>, Vec<u8>), Error> {
    let (_, key) = x509_parser::public_key::RSAPublicKey::from_der(der)
        .map_err(|e| ErrorKind::InvalidRsaKey(format!("not an RSA public key ({e})")))?;
    // DER integers carry a leading 0 when the top bit is set; JWK's n and e do not.
    let unsigned = |bytes: &[u8]| bytes.iter().skip_while(|b| **b == 0).copied().collect::<Vec<u8>>();
    Ok((unsigned(key.modulus), unsigned(key.exponent)))
}

fn ec_components_from_private_key(_: &[u8], _: Algorithm) -> Result<(EllipticCurve, Vec<u8>, Vec<u8>), Error> {
    Err(not_supported("an EC private key"))
}

fn ed_components_from_private_key(_: &[u8], _: &EllipticCurve) -> Result<Vec<u8>, Error> {
    Err(not_supported("an EdDSA private key"))
}

/// JWK thumbprints (RFC 7638).
fn compute_digest(data: &[u8], hash: ThumbprintHash) -> Result<Vec<u8>, Error> {
    let algorithm = match hash {
        ThumbprintHash::SHA256 => &ring::digest::SHA256,
        ThumbprintHash::SHA384 => &ring::digest::SHA384,
        ThumbprintHash::SHA512 => &ring::digest::SHA512,
        other => return Err(not_supported(&format!("the thumbprint hash {other:?}"))),
    };
    Ok(ring::digest::digest(algorithm, data).as_ref().to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jsonwebtoken::jwk::Jwk;

    const KEY_PEM: &[u8] = include_bytes!("../../tests/fixtures/token/issuer-test-key.pem");
    const N_B64URL: &str = include_str!("../../tests/fixtures/token/issuer-test-key.n.b64url");

    /// A token signed here verifies against the same key as a JWK (n, e) and
    /// fails once altered.
    #[test]
    fn rs256_round_trip() {
        ensure_jwt_crypto();
        let key = EncodingKey::from_rsa_pem(KEY_PEM).expect("test key");
        let header = jsonwebtoken::Header::new(Algorithm::RS256);
        let token = jsonwebtoken::encode(&header, &serde_json::json!({"a": 1}), &key).expect("signs");
        let public = DecodingKey::from_rsa_components(N_B64URL.trim(), "AQAB").expect("public key");
        let mut validation = jsonwebtoken::Validation::new(Algorithm::RS256);
        validation.required_spec_claims.clear();
        assert!(jsonwebtoken::decode::<serde_json::Value>(&token, &public, &validation).is_ok());
        let altered = token.replacen("eyJhIjoxfQ", "eyJhIjoyfQ", 1);
        assert_ne!(altered, token);
        assert!(jsonwebtoken::decode::<serde_json::Value>(&altered, &public, &validation).is_err());
    }

    /// The JWK helpers give the checked-in key's published n and e.
    #[test]
    fn rsa_components_and_thumbprint() {
        ensure_jwt_crypto();
        let key = EncodingKey::from_rsa_pem(KEY_PEM).expect("test key");
        let jwk = Jwk::from_encoding_key(&key, Algorithm::RS256).expect("jwk");
        let jsonwebtoken::jwk::AlgorithmParameters::RSA(rsa) = &jwk.algorithm else {
            panic!("not RSA: {jwk:?}");
        };
        assert_eq!(rsa.n, N_B64URL.trim());
        assert_eq!(rsa.e, "AQAB");
        assert!(!jwk.thumbprint(ThumbprintHash::SHA256).expect("thumbprint").is_empty());
    }

    /// A compact JWS over `{"a":1}` for `alg`, signed by `sign`.
    fn jws(alg: &str, sign: impl Fn(&[u8]) -> Vec<u8>) -> String {
        use base64::engine::general_purpose::URL_SAFE_NO_PAD;
        use base64::Engine;
        let input = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(format!(r#"{{"alg":"{alg}"}}"#)),
            URL_SAFE_NO_PAD.encode(r#"{"a":1}"#)
        );
        let signature = sign(input.as_bytes());
        format!("{input}.{}", URL_SAFE_NO_PAD.encode(signature))
    }

    fn verifies(token: &str, key: &DecodingKey, algorithm: Algorithm) -> bool {
        let mut validation = jsonwebtoken::Validation::new(algorithm);
        validation.required_spec_claims.clear();
        jsonwebtoken::decode::<serde_json::Value>(token, key, &validation).is_ok()
    }

    /// PS256/384/512 (RFC 7518 §3.5), signed by ring directly, verify against (n, e).
    #[test]
    fn rsa_pss_verifies() {
        ensure_jwt_crypto();
        let der = EncodingKey::from_rsa_pem(KEY_PEM).expect("test key");
        let pair = rsa_key_pair(der.as_bytes()).expect("ring reads the test key");
        let public = DecodingKey::from_rsa_components(N_B64URL.trim(), "AQAB").expect("public key");
        let cases: [(Algorithm, &'static dyn RsaEncoding); 3] = [
            (Algorithm::PS256, &ring::signature::RSA_PSS_SHA256),
            (Algorithm::PS384, &ring::signature::RSA_PSS_SHA384),
            (Algorithm::PS512, &ring::signature::RSA_PSS_SHA512),
        ];
        for (algorithm, encoding) in cases {
            let token = jws(&format!("{algorithm:?}"), |input| {
                let mut signature = vec![0; pair.public().modulus_len()];
                pair.sign(encoding, &SystemRandom::new(), input, &mut signature)
                    .expect("ring signs");
                signature
            });
            assert!(verifies(&token, &public, algorithm), "{algorithm:?}");
            // A PSS signature is not a PKCS#1 v1.5 one.
            let (input, signature) = token.rsplit_once('.').expect("three parts");
            let as_rs256 = jsonwebtoken::crypto::verify(signature, input.as_bytes(), &public, Algorithm::RS256);
            assert!(matches!(as_rs256, Ok(false)), "{algorithm:?} as RS256");
        }
    }

    /// ES256/ES384 (RFC 7518 §3.4): the JWK's x and y make the point ring checks.
    #[test]
    fn ecdsa_verifies() {
        use base64::engine::general_purpose::URL_SAFE_NO_PAD;
        use base64::Engine;
        use ring::signature::{EcdsaKeyPair, KeyPair};
        ensure_jwt_crypto();
        let rng = SystemRandom::new();
        let cases = [
            (Algorithm::ES256, &ring::signature::ECDSA_P256_SHA256_FIXED_SIGNING, 32),
            (Algorithm::ES384, &ring::signature::ECDSA_P384_SHA384_FIXED_SIGNING, 48),
        ];
        for (algorithm, signing, size) in cases {
            let pkcs8 = EcdsaKeyPair::generate_pkcs8(signing, &rng).expect("key");
            let pair = EcdsaKeyPair::from_pkcs8(signing, pkcs8.as_ref(), &rng).expect("pair");
            let point = pair.public_key().as_ref();
            let (x, y) = point[1..].split_at(size);
            let public = DecodingKey::from_ec_components(&URL_SAFE_NO_PAD.encode(x), &URL_SAFE_NO_PAD.encode(y))
                .expect("public key");
            let token = jws(&format!("{algorithm:?}"), |input| {
                pair.sign(&rng, input).expect("ring signs").as_ref().to_vec()
            });
            assert!(verifies(&token, &public, algorithm), "{algorithm:?}");
            let altered = token.replacen("eyJhIjoxfQ", "eyJhIjoyfQ", 1);
            assert!(!verifies(&altered, &public, algorithm), "{algorithm:?} altered");
            // An EC key never checks an RSA algorithm.
            assert!(!verifies(&token, &public, Algorithm::RS256));
        }
    }

    /// What the engine never uses is an error, not a panic.
    #[test]
    fn other_algorithms_are_errors() {
        ensure_jwt_crypto();
        let secret = EncodingKey::from_secret(b"s");
        let header = jsonwebtoken::Header::new(Algorithm::HS256);
        assert!(jsonwebtoken::encode(&header, &serde_json::json!({}), &secret).is_err());
        let mut validation = jsonwebtoken::Validation::new(Algorithm::HS256);
        validation.required_spec_claims.clear();
        let forged = "eyJhbGciOiJIUzI1NiJ9.e30.c2ln";
        assert!(
            jsonwebtoken::decode::<serde_json::Value>(forged, &DecodingKey::from_secret(b"s"), &validation).is_err()
        );
        assert!(check_rsa_signing_key(&EncodingKey::from_rsa_der(b"not a key")).is_err());
    }
}
