//! Which sources agree, and the best estimate among them.
//!
//! Each sample is an interval that holds the true offset if its server is
//! right. The largest group of intervals sharing a common point agrees
//! (Marzullo's algorithm, as in RFC 5905 §11.2.1's intersection step); a
//! server whose clock is wrong falls outside it. From that group the sample
//! with the smallest uncertainty wins: for SNTP that is the smallest round
//! trip (uncertainty = RTT/2), and an SNTP answer beats an HTTP Date (±0.5 s
//! at best).

use super::Sample;

/// Widening each interval by this much on either side allows for the
/// servers' own errors, which SNTP does not show us: ample for Internet time
/// servers, tiny next to the one-minute warning.
const SERVER_ERROR_ALLOWANCE: f64 = 0.05;

#[derive(Clone, Debug, PartialEq)]
pub struct Estimate {
    /// Local − remote, in seconds.
    pub offset: f64,
    pub uncertainty: f64,
    /// Index (into the samples given) of the sample the estimate comes from.
    pub best: usize,
    /// Indexes of the samples that agree with it, `best` included, in order.
    pub agreeing: Vec<usize>,
}

/// `samples` are (index, sample) pairs; the indexes come back in the estimate.
pub fn best_estimate(samples: &[(usize, Sample)]) -> Option<Estimate> {
    let low = |s: &Sample| s.lowest() - SERVER_ERROR_ALLOWANCE;
    let high = |s: &Sample| s.highest() + SERVER_ERROR_ALLOWANCE;
    // The most-covered point is always some interval's lower end.
    let mut chosen: Option<(Vec<usize>, f64)> = None;
    for (_, candidate) in samples {
        let point = low(candidate);
        let group: Vec<usize> = samples
            .iter()
            .filter(|(_, s)| low(s) <= point && point <= high(s))
            .map(|(i, _)| *i)
            .collect();
        let tightest = samples
            .iter()
            .filter(|(i, _)| group.contains(i))
            .map(|(_, s)| s.uncertainty)
            .fold(f64::INFINITY, f64::min);
        let better = match &chosen {
            None => true,
            Some((best_group, best_tightest)) => {
                group.len() > best_group.len() || (group.len() == best_group.len() && tightest < *best_tightest)
            }
        };
        if better {
            chosen = Some((group, tightest));
        }
    }
    let (mut agreeing, _) = chosen?;
    agreeing.sort_unstable();
    let (best, sample) = samples
        .iter()
        .filter(|(i, _)| agreeing.contains(i))
        .min_by(|(_, a), (_, b)| a.uncertainty.total_cmp(&b.uncertainty))?;
    Some(Estimate {
        offset: sample.offset,
        uncertainty: sample.uncertainty,
        best: *best,
        agreeing,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ntp(offset: f64, round_trip: f64) -> Sample {
        Sample {
            offset,
            uncertainty: round_trip / 2.0,
            round_trip,
        }
    }

    #[test]
    fn no_samples_no_estimate() {
        assert_eq!(best_estimate(&[]), None);
    }

    #[test]
    fn the_majority_wins_and_the_odd_one_out_is_named_by_absence() {
        let samples = [(0, ntp(-420.001, 0.004)), (1, ntp(0.01, 0.002)), (2, ntp(-420.0, 0.02))];
        let estimate = best_estimate(&samples).expect("an estimate");
        assert_eq!(estimate.agreeing, vec![0, 2]);
        assert_eq!(estimate.best, 0, "smallest round trip among those that agree");
        assert_eq!(estimate.offset, -420.001);
        assert_eq!(estimate.uncertainty, 0.002);
    }

    #[test]
    fn sntp_beats_http_date_when_they_agree() {
        let http = Sample {
            offset: -0.3,
            uncertainty: 0.6,
            round_trip: 0.001,
        };
        let samples = [(0, http), (1, ntp(0.02, 0.02))];
        let estimate = best_estimate(&samples).expect("an estimate");
        assert_eq!(estimate.agreeing, vec![0, 1]);
        assert_eq!(estimate.best, 1);
    }

    #[test]
    fn a_tie_goes_to_the_tighter_source() {
        let samples = [(3, ntp(100.0, 0.2)), (7, ntp(0.0, 0.01))];
        let estimate = best_estimate(&samples).expect("an estimate");
        assert_eq!(estimate.agreeing, vec![7]);
        assert_eq!(estimate.offset, 0.0);
    }
}
