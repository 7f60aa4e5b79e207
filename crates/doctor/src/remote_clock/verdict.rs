//! How far off is too far.

use crate::Status;
use serde::{Deserialize, Serialize};

/// Beyond 5 minutes sign-in breaks: Microsoft.IdentityModel's default clock
/// skew is 300 s, and Active Directory's Kerberos policy ("maximum tolerance
/// for computer clock synchronization") defaults to 5 minutes.
pub const FAIL_ABOVE_SECONDS: f64 = 300.0;
/// From 1 minute, libraries with tighter tolerances (MSAL Python checks ID
/// tokens with 120 s, jsonwebtoken's default leeway is 60 s) start to fail.
pub const WARN_FROM_SECONDS: f64 = 60.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Pass,
    Warn,
    Fail,
    /// No remote clock answered, so nothing is known.
    Unknown,
}

impl Verdict {
    /// `offset` is local − remote in seconds, or None when no source answered.
    pub fn for_offset(offset: Option<f64>) -> Self {
        match offset.map(f64::abs) {
            None => Verdict::Unknown,
            Some(size) if size.is_nan() => Verdict::Unknown,
            Some(size) if size > FAIL_ABOVE_SECONDS => Verdict::Fail,
            Some(size) if size >= WARN_FROM_SECONDS => Verdict::Warn,
            Some(_) => Verdict::Pass,
        }
    }

    /// The checklist row's status. Unknown is a warning, not a failure: the
    /// clock may well be right, but this check could not tell.
    pub fn status(self) -> Status {
        match self {
            Verdict::Pass => Status::Pass,
            Verdict::Warn | Verdict::Unknown => Status::Warn,
            Verdict::Fail => Status::Fail,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds_at_one_and_five_minutes_either_way() {
        let cases = [
            (Some(0.0), Verdict::Pass),
            (Some(59.99), Verdict::Pass),
            (Some(-59.99), Verdict::Pass),
            (Some(60.0), Verdict::Warn),
            (Some(-90.0), Verdict::Warn),
            (Some(300.0), Verdict::Warn),
            (Some(300.01), Verdict::Fail),
            (Some(-420.0), Verdict::Fail),
            (Some(f64::NAN), Verdict::Unknown),
            (None, Verdict::Unknown),
        ];
        for (offset, verdict) in cases {
            assert_eq!(Verdict::for_offset(offset), verdict, "{offset:?}");
        }
    }

    #[test]
    fn serializes_in_lower_case() {
        let json = serde_json::to_string(&[Verdict::Pass, Verdict::Warn, Verdict::Fail, Verdict::Unknown]);
        assert_eq!(json.ok().as_deref(), Some(r#"["pass","warn","fail","unknown"]"#));
    }
}
