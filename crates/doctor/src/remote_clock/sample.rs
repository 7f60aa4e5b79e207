//! One source's reading of this computer's clock error, and the bound on it.
//!
//! Sign convention (a CLI contract): the offset is local − remote, so it is
//! POSITIVE WHEN THIS COMPUTER'S CLOCK IS AHEAD.

use chrono::{DateTime, Utc};

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sample {
    /// Local − remote, in seconds: positive when this computer is ahead.
    pub offset: f64,
    /// The true offset lies within `offset ± uncertainty`.
    pub uncertainty: f64,
    /// The request's round trip, in seconds.
    pub round_trip: f64,
}

impl Sample {
    /// From an SNTP exchange. rsntp reports θ = ((T2 − T1) + (T3 − T4)) / 2
    /// (RFC 5905 §8, RFC 4330 §5), i.e. remote − local, so it is negated here.
    /// Whatever the path's asymmetry, the true offset is within δ/2 of θ.
    pub fn from_ntp(remote_minus_local: f64, round_trip: f64) -> Self {
        // RFC 5905 §8 floors the delay: a negative δ is only timestamp noise.
        let round_trip = round_trip.max(0.0);
        Self {
            offset: -remote_minus_local,
            uncertainty: round_trip / 2.0,
            round_trip,
        }
    }

    /// From an HTTP `Date`. The server read its clock as `date` at some
    /// instant between our `sent` (t0) and `received` (t3); `Date` has whole
    /// seconds (RFC 9110 §5.6.7), so the server's true time then was in
    /// [D, D + 1). Hence local − server is in [t0 − (D + 1), t3 − D]; the
    /// midpoint is the estimate and half the width its uncertainty.
    pub fn from_http_date(sent: DateTime<Utc>, received: DateTime<Utc>, date: DateTime<Utc>) -> Self {
        let lowest = seconds_between(sent, date) - 1.0;
        let highest = seconds_between(received, date);
        Self {
            offset: (lowest + highest) / 2.0,
            uncertainty: (highest - lowest) / 2.0,
            round_trip: seconds_between(received, sent).max(0.0),
        }
    }

    pub fn lowest(&self) -> f64 {
        self.offset - self.uncertainty
    }

    pub fn highest(&self) -> f64 {
        self.offset + self.uncertainty
    }
}

/// `a − b` in seconds, exact to the nanosecond (epoch seconds as f64 would
/// lose the sub-microsecond part).
fn seconds_between(a: DateTime<Utc>, b: DateTime<Utc>) -> f64 {
    let delta = a - b;
    delta.num_seconds() as f64 + f64::from(delta.subsec_nanos()) / 1e9
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(seconds: i64, millis: u32) -> DateTime<Utc> {
        Utc.timestamp_opt(seconds, millis * 1_000_000)
            .single()
            .expect("valid instant")
    }

    #[test]
    fn ntp_offset_is_flipped_to_local_minus_remote() {
        // rsntp: the server is 420 s ahead; so this computer is 420 s behind.
        let sample = Sample::from_ntp(420.0, 0.004);
        assert_eq!(sample.offset, -420.0);
        assert_eq!(sample.uncertainty, 0.002);
        assert_eq!(Sample::from_ntp(-1.5, -0.0001).uncertainty, 0.0);
    }

    #[test]
    fn http_date_bound_brackets_every_possible_server_time() {
        // Sent at 1000.200, received at 1000.400; the server said 1000 (so 1000.000–1000.999).
        let sample = Sample::from_http_date(at(1000, 200), at(1000, 400), at(1000, 0));
        assert!((sample.lowest() - -0.8).abs() < 1e-9, "{sample:?}");
        assert!((sample.highest() - 0.4).abs() < 1e-9, "{sample:?}");
        assert!((sample.offset - -0.2).abs() < 1e-9);
        assert!((sample.uncertainty - 0.6).abs() < 1e-9);
        assert!((sample.round_trip - 0.2).abs() < 1e-9);
    }

    #[test]
    fn http_date_of_a_clock_ahead_by_90_s() {
        // The server is 90.4 s ahead: at local 5000.3 it reads 5090.7 and sends "5090".
        let sample = Sample::from_http_date(at(5000, 300), at(5000, 310), at(5090, 0));
        assert!(sample.lowest() <= -90.4 && -90.4 <= sample.highest(), "{sample:?}");
        assert!(sample.offset < 0.0, "local behind means negative: {sample:?}");
    }
}
