//! Checks on an SNTP reply that rsntp's own checks miss.
//!
//! rsntp reads a timestamp whose top bit is clear as NTP era 1 (2036 on),
//! so a zero transmit timestamp on the wire arrives as 2036-02-07 06:28:16
//! UTC and its own "zero transmit timestamp" check (RFC 4330 §5) never
//! fires. The server's transmit time T3 can be rebuilt from rsntp's results:
//! θ − δ/2 = T3 − T4 (RFC 5905 §8 formulas), with T4 the moment the reply came.

use super::ClockError;
use chrono::{DateTime, Utc};

/// The instant an all-zero NTP timestamp stands for in era 1 (2^32 s after 1900).
const ERA_1_START_UNIX: i64 = 2_085_978_496;

/// A server claiming to have taken this much longer than the whole round
/// trip is not reporting real timestamps.
const IMPOSSIBLE_DELAY: f64 = -1.0;

/// `remote_minus_local` and `round_trip` are rsntp's θ and δ, unclamped;
/// `received` is when the reply arrived by this computer's clock.
pub fn check_reply(remote_minus_local: f64, round_trip: f64, received: DateTime<Utc>) -> Result<(), ClockError> {
    let received_unix = received.timestamp() as f64 + f64::from(received.timestamp_subsec_nanos()) / 1e9;
    let transmit_unix = received_unix + remote_minus_local - round_trip / 2.0;
    let era_1_start = ERA_1_START_UNIX as f64;
    // Near 2036 a real T3 can be that instant; until then it means zero.
    let zero_on_the_wire = (transmit_unix - era_1_start).abs() < 2.0 && (received_unix - era_1_start).abs() > 86_400.0;
    if zero_on_the_wire {
        return Err(ClockError::ZeroTransmitTimestamp);
    }
    if round_trip < IMPOSSIBLE_DELAY {
        return Err(ClockError::Malformed(format!(
            "its timestamps contradict each other: a round trip of {round_trip:.3} s"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(unix: i64) -> DateTime<Utc> {
        Utc.timestamp_opt(unix, 0).single().unwrap_or_default()
    }

    #[test]
    fn a_zero_transmit_timestamp_is_caught() {
        // Now is 2026-11-26; T2 = now, T3 read as 2036-02-07 06:28:16.
        let now = 1_795_000_000_i64;
        let (t1, t2, t3, t4) = (now as f64, now as f64, ERA_1_START_UNIX as f64, now as f64 + 0.001);
        let theta = ((t2 - t1) + (t3 - t4)) / 2.0;
        let delta = (t4 - t1) - (t3 - t2);
        assert_eq!(
            check_reply(theta, delta, at(now)),
            Err(ClockError::ZeroTransmitTimestamp)
        );
    }

    #[test]
    fn a_good_reply_passes_and_an_impossible_one_does_not() {
        let now = at(1_795_000_000);
        assert_eq!(check_reply(420.0, 0.002, now), Ok(()));
        assert_eq!(check_reply(-0.01, -0.0001, now), Ok(()));
        assert!(matches!(check_reply(0.0, -5.0, now), Err(ClockError::Malformed(_))));
    }
}
