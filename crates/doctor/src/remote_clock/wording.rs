//! Offsets in words: "7 min 0 s behind (−420.0 s ± 0.01 s)".

use super::Verdict;

/// What the summary line needs.
pub struct SummaryFacts {
    pub verdict: Verdict,
    /// Local − remote, in seconds, when any source answered.
    pub offset: Option<f64>,
    pub uncertainty: Option<f64>,
    pub agreeing: usize,
    pub answered: usize,
    pub asked: usize,
}

/// The checklist row's one line.
pub fn summary(facts: &SummaryFacts) -> String {
    let (Some(offset), Some(uncertainty)) = (facts.offset, facts.uncertainty) else {
        if facts.asked == 0 {
            return "No remote clock reachable: no time sources are set, so the clock could not be checked.".to_owned();
        }
        return format!(
            "No remote clock reachable: none of the {} time sources answered, so the clock could not be checked.",
            facts.asked
        );
    };
    let numbers = format!("{} ± {}", signed_seconds(offset), plus_minus(uncertainty));
    let sources = if facts.answered > 1 {
        format!("; {} of {} sources agree", facts.agreeing, facts.answered)
    } else if facts.asked > 1 {
        format!("; only 1 of {} sources answered", facts.asked)
    } else {
        String::new()
    };
    match facts.verdict {
        Verdict::Pass => format!("Your clock is right ({numbers}{sources})"),
        _ => {
            let direction = if offset > 0.0 { "ahead" } else { "behind" };
            format!(
                "Your clock is {} {direction} ({numbers}{sources})",
                size_in_words(offset)
            )
        }
    }
}

/// "+0.02 s", "−420.0 s" (with a real minus sign), "+3605.2 s".
pub fn signed_seconds(seconds: f64) -> String {
    let decimals = if seconds.abs() >= 10.0 { 1 } else { 2 };
    signed(seconds, decimals)
}

/// "0.01 s": rounded up, so an uncertainty is never shown smaller than it is.
pub fn plus_minus(seconds: f64) -> String {
    if seconds >= 10.0 {
        return rounded_up(seconds, 1);
    }
    rounded_up(seconds, 2)
}

/// To the millisecond, for one source's evidence: "−420.001 s".
pub fn signed_seconds_precise(seconds: f64) -> String {
    signed(seconds, 3)
}

/// To the millisecond, rounded up: "0.001 s".
pub fn plus_minus_precise(seconds: f64) -> String {
    rounded_up(seconds, 3)
}

fn signed(seconds: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, seconds.abs());
    let is_zero = text.chars().all(|c| c == '0' || c == '.');
    let sign = if seconds < 0.0 && !is_zero { '−' } else { '+' };
    format!("{sign}{text} s")
}

fn rounded_up(seconds: f64, decimals: usize) -> String {
    let scale = 10f64.powi(decimals as i32);
    let steps = (seconds * scale).ceil().max(1.0);
    format!("{:.*} s", decimals, steps / scale)
}

/// "7 min 0 s", "2 h 5 min", "12.3 s": the size, without the sign.
pub fn size_in_words(seconds: f64) -> String {
    let size = seconds.abs();
    if size < 60.0 {
        return format!("{size:.1} s");
    }
    let whole = size.round() as u64;
    let (days, hours, minutes, secs) = (whole / 86_400, whole / 3600 % 24, whole / 60 % 60, whole % 60);
    match (days, hours) {
        (0, 0) => format!("{minutes} min {secs} s"),
        (0, h) => format!("{h} h {minutes} min"),
        (d, h) => format!("{d} d {h} h"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(verdict: Verdict, offset: f64, agreeing: usize, answered: usize, asked: usize) -> SummaryFacts {
        SummaryFacts {
            verdict,
            offset: Some(offset),
            uncertainty: Some(0.004),
            agreeing,
            answered,
            asked,
        }
    }

    #[test]
    fn summary_lines() {
        assert_eq!(
            summary(&facts(Verdict::Fail, -420.0, 2, 3, 3)),
            "Your clock is 7 min 0 s behind (−420.0 s ± 0.01 s; 2 of 3 sources agree)"
        );
        assert_eq!(
            summary(&facts(Verdict::Pass, 0.02, 1, 1, 1)),
            "Your clock is right (+0.02 s ± 0.01 s)"
        );
        assert_eq!(
            summary(&facts(Verdict::Warn, 90.4, 1, 1, 4)),
            "Your clock is 1 min 30 s ahead (+90.4 s ± 0.01 s; only 1 of 4 sources answered)"
        );
        let nothing = SummaryFacts {
            verdict: Verdict::Unknown,
            offset: None,
            uncertainty: None,
            agreeing: 0,
            answered: 0,
            asked: 2,
        };
        assert!(summary(&nothing).starts_with("No remote clock reachable"));
    }

    #[test]
    fn numbers() {
        assert_eq!(signed_seconds(-0.001), "+0.00 s");
        assert_eq!(signed_seconds(-0.02), "−0.02 s");
        assert_eq!(signed_seconds(3605.24), "+3605.2 s");
        assert_eq!(plus_minus(0.0001), "0.01 s");
        assert_eq!(plus_minus(0.523), "0.53 s");
        assert_eq!(plus_minus(12.01), "12.1 s");
        assert_eq!(signed_seconds_precise(-419.999994), "−420.000 s");
        assert_eq!(plus_minus_precise(0.000077), "0.001 s");
        assert_eq!(plus_minus_precise(0.5021), "0.503 s");
        assert_eq!(size_in_words(-7384.0), "2 h 3 min");
        assert_eq!(size_in_words(12.34), "12.3 s");
        assert_eq!(size_in_words(90_061.0), "1 d 1 h");
    }
}
