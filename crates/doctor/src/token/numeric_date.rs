//! Reading a time claim (exp, nbf, iat…) as a moment. The number comes from
//! a pasted or received token, so any value must give an answer, never a
//! panic: chrono holds about ±262,000 years, JSON numbers go further.

use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

/// What a time claim holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumericDate {
    Missing,
    At(DateTime<Utc>),
    /// Not a JSON number (a string, null, an object…).
    NotANumber,
    /// A number no calendar date can hold.
    OutOfRange,
}

impl NumericDate {
    /// The claim `name` of `claims`, read as RFC 7519 §2's NumericDate:
    /// seconds since 1970-01-01 UTC, possibly non-integer.
    pub fn of(claims: &Map<String, Value>, name: &str) -> Self {
        match claims.get(name) {
            None => NumericDate::Missing,
            Some(value) => Self::from_value(value),
        }
    }

    pub fn from_value(value: &Value) -> Self {
        let Value::Number(number) = value else {
            return NumericDate::NotANumber;
        };
        let moment = match number.as_i64() {
            Some(seconds) => DateTime::from_timestamp(seconds, 0),
            None => number.as_f64().and_then(fractional),
        };
        moment.map_or(NumericDate::OutOfRange, NumericDate::At)
    }

    pub fn moment(self) -> Option<DateTime<Utc>> {
        match self {
            NumericDate::At(moment) => Some(moment),
            _ => None,
        }
    }
}

/// A non-integer (or past-i64) number of seconds; `None` when out of range.
fn fractional(seconds: f64) -> Option<DateTime<Utc>> {
    // Anything past ±2^62 s is far outside chrono's range; this also keeps the casts exact.
    const LIMIT: f64 = 4.6e18;
    if !seconds.is_finite() || seconds.abs() > LIMIT {
        return None;
    }
    let whole = seconds.floor();
    let nanos = ((seconds - whole) * 1e9).floor().clamp(0.0, 999_999_999.0);
    DateTime::from_timestamp(whole as i64, nanos as u32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_json_value_has_an_answer() {
        let max = DateTime::<Utc>::MAX_UTC.timestamp();
        let min = DateTime::<Utc>::MIN_UTC.timestamp();
        assert_eq!(
            NumericDate::from_value(&json!(1_700_000_000)),
            NumericDate::At(DateTime::from_timestamp(1_700_000_000, 0).expect("a time"))
        );
        assert_eq!(
            NumericDate::from_value(&json!(1.5)),
            NumericDate::At(DateTime::from_timestamp(1, 500_000_000).expect("a time"))
        );
        assert!(NumericDate::from_value(&json!(max)).moment().is_some());
        assert!(NumericDate::from_value(&json!(min)).moment().is_some());
        for out in [
            json!(max + 1),
            json!(min - 1),
            json!(i64::MAX),
            json!(i64::MIN),
            json!(u64::MAX),
            json!(1e300),
            json!(-1e300),
            json!(f64::MAX),
        ] {
            assert_eq!(NumericDate::from_value(&out), NumericDate::OutOfRange, "{out}");
        }
        for not in [
            json!("1700000000"),
            json!(null),
            json!([1]),
            json!({"a": 1}),
            json!(true),
        ] {
            assert_eq!(NumericDate::from_value(&not), NumericDate::NotANumber, "{not}");
        }
        assert_eq!(NumericDate::of(&Map::new(), "exp"), NumericDate::Missing);
    }
}
