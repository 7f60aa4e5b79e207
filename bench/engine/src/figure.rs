//! One measured figure: what `signin-doctor-bench` prints, one JSON line each,
//! and what the report reads back.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Figure {
    /// Stable name the report's goal table refers to, e.g. `diagnosis_concurrent`.
    pub name: String,
    /// `ms`, `MiB` or `bytes`.
    pub unit: String,
    /// The median of `samples` (medians resist the noise of a shared machine).
    pub median: f64,
    /// Present for time figures, as `median` in milliseconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub median_ms: Option<f64>,
    pub runs: usize,
    pub samples: Vec<f64>,
    /// The exact command that produced it.
    pub command: String,
    /// What was measured, in a sentence.
    #[serde(default)]
    pub note: String,
}

impl Figure {
    pub fn new(name: &str, unit: &str, samples: Vec<f64>, note: impl Into<String>) -> Self {
        let median = median(&samples);
        Self {
            name: name.to_owned(),
            unit: unit.to_owned(),
            median,
            median_ms: (unit == "ms").then_some(median),
            runs: samples.len(),
            samples,
            command: this_command(),
            note: note.into(),
        }
    }

    /// Prints the figure as one JSON line on stdout.
    pub fn print(&self) {
        match serde_json::to_string(self) {
            Ok(line) => println!("{line}"),
            Err(e) => eprintln!("cannot print figure {}: {e}", self.name),
        }
    }
}

pub fn median(samples: &[f64]) -> f64 {
    let mut sorted: Vec<f64> = samples.iter().copied().filter(|s| s.is_finite()).collect();
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted.sort_by(f64::total_cmp);
    let mid = sorted.len() / 2;
    if sorted.len() % 2 == 1 {
        sorted[mid]
    } else {
        (sorted[mid - 1] + sorted[mid]) / 2.0
    }
}

pub fn millis(d: std::time::Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The command line as typed, after the wrapper scripts/bench.sh names in
/// BENCH_WRAPPER (or all of BENCH_COMMAND, when that is set).
fn this_command() -> String {
    if let Ok(stated) = std::env::var("BENCH_COMMAND") {
        return stated;
    }
    let mut args = std::env::args();
    let program = args
        .next()
        .as_deref()
        .and_then(|p| {
            std::path::Path::new(p)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
        })
        .unwrap_or_else(|| "signin-doctor-bench".to_owned());
    let command = std::iter::once(program).chain(args).collect::<Vec<_>>().join(" ");
    // The display and keyring wrapper scripts/bench.sh runs it under.
    match std::env::var("BENCH_WRAPPER") {
        Ok(wrapper) if !wrapper.is_empty() => format!("{wrapper} {command}"),
        _ => command,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), 2.5);
        assert!(median(&[]).is_nan());
    }
}
