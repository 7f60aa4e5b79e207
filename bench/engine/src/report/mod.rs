//! Turns the JSON lines of a bench run into docs/PERFORMANCE.md.

mod goals;
mod machine;

use crate::figure::Figure;
use goals::{Goal, Limit, GOALS};
use machine::Machine;
use std::collections::BTreeMap;
use std::fmt::Write;

const HOW: &str = "
- **Painted** means the same for both windows, with no help from either: the screen of the virtual display is \
read (X `GetImage`) every 10 ms from launch, and the figure is the time of its last change before it showed \
content (more than flat colour) and then stayed still for 2 s; each frame is judged by its own pixels (one \
`GetImage` gives both its fingerprint and whether it shows content). For the app that is the checklist drawn with \
its rows' first results; for the bare window, its page. The page's first paint is the first frame with content, the \
same test for both. Both run with classic scrollbars (`GTK_OVERLAY_SCROLLING=0`), \
since WebKit's overlay scrollbar fades out seconds after a scrollable page loads. Each launch gets empty config, \
cache and data folders (WebKit's caches are cold), and every endpoint the app would call is a closed port on \
127.0.0.1. The GL driver's shader cache (Mesa's, `MESA_SHADER_CACHE_DIR`) is the one cache kept from launch to \
launch, one folder per window, as a real machine keeps it; the \"very first launch\" figures empty it too. One \
launch of each is made first and not counted, so both start with their files in the page cache and their \
shaders in the driver's cache; then they alternate. Where the machine has no GPU (as here), the app paints on the \
CPU (`WEBKIT_DISABLE_COMPOSITING_MODE=1`, chosen by the app itself at start, src-tauri/painting.rs) and the bare \
window keeps Tauri's defaults, as each ships; the bare window is also measured painting on the CPU, in a series of \
its own, so that the app can be read against either. The app also keeps its window hidden until its page has \
loaded (src-tauri/desktop.rs), so its window usually appears with content; the clock still starts at launch.
- **Memory** is summed over the window's process and every process it started (WebKitWebProcess, \
WebKitNetworkProcess), from `/proc/PID/smaps_rollup`, once the window is still. RSS counts a shared library once \
per process; PSS divides shared pages among their users, so it is the honest total.
- **Diagnosis** is `Diagnosis::run` (every check in `Diagnosis::probes()`, so checks added later are included), \
signed in first so that the token and saved-session checks do real work, against the npm `oidc-provider` and \
`chronyd` on 127.0.0.1, with the NTP server behind a relay that holds each request 1 s. The one-at-a-time run uses \
the same runner and probes, each waiting its turn on one lock and then running with its own full bound; its \
slowest check is the yardstick for the goal.
- **Worst case**: the authority is a TCP server that accepts and never answers, the NTP server a UDP port that \
never answers, the bound 2 s. N × bound is what checks run one after another, each waiting its bound, would take.
- **Sign-in**: Re-authenticate exactly as the app runs it, against the npm `oidc-provider`, whose interactions \
complete by themselves for the test user. The 150 ms goal is compared with the protocol round trip, with a user \
agent that follows the redirects in-process, because that is the part the app controls: a real user's browser is \
already running, while launching headless Chromium with a fresh profile (the figure with a browser) costs about a \
second on its own.
- **Help-desk**: `signin-doctor-bench helpdesk` runs what the window runs once a help-desk person is signed in \
and opens a user's packet: the packet file (the JSON Export… writes, for a sign-in blocked by location) read, \
`helpdesk::lookup` against the Graph peer on 127.0.0.1, which verifies the Graph token the npm `oidc-provider` \
issued (signature, audience, scopes), and the answer the window shows made and serialised; the answer is checked \
each time. The interactive sign-in is not part of it: the token is issued before. Alternated with it in the same \
run, the yardstick sends the same Graph requests (as the peer received them: URL, headers with the bearer token \
and `Prefer`, body) one after another with a plain client that only writes them and reads each answer to its end.
- **Clock**: the clock check's own measurement (`remote_clock::measure`) against `chronyd -x` whose clock \
libfaketime shifts by +420 s; the error is the distance from −420 s.
- **Explain a long log**: `signin-doctor-bench explain` writes an `az login --debug`-style log of 10 MiB and of \
64 MiB whose last line is AADSTS53003 with its Trace ID, Correlation ID and Timestamp, and explains it from the \
file with `doctor::aadsts::explain_file` (the function the CLI and the app's Open a log file… use), checking the \
answer each time. Alternated with it in the same process, the yardstick reads the same file whole and scans it \
with one `regex` crate pattern, `AADSTS\\d+|Trace ID|Correlation ID|Timestamp`. Peak heap is counted by a global \
allocator in the bench binary: the most bytes held at once during the explanation, above what was held before.
- The machine is shared: other builds may run at the same time, so read the ratios, which were measured side by \
side, more than the absolute times.
";

/// A figure the run could not measure, and why.
#[derive(serde::Deserialize)]
struct Skipped {
    name: String,
    skipped: String,
}

struct Results {
    figures: BTreeMap<String, Figure>,
    skipped: BTreeMap<String, String>,
}

fn read(lines: &str) -> Results {
    let mut results = Results {
        figures: BTreeMap::new(),
        skipped: BTreeMap::new(),
    };
    for line in lines.lines().filter(|l| l.trim_start().starts_with('{')) {
        if let Ok(figure) = serde_json::from_str::<Figure>(line) {
            results.figures.insert(figure.name.clone(), figure);
        } else if let Ok(skip) = serde_json::from_str::<Skipped>(line) {
            results.skipped.insert(skip.name, skip.skipped);
        }
    }
    results
}

fn show(value: f64, unit: &str) -> String {
    match unit {
        "MiB" => format!("{value:.2} MiB"),
        "ms" if value >= 1000.0 => format!("{:.2} s", value / 1000.0),
        "ms" if value >= 1.0 => format!("{value:.1} ms"),
        "ms" => format!("{value:.3} ms"),
        _ => format!("{value:.0} {unit}"),
    }
}

enum Verdict {
    Met,
    Missed,
    NoGoal,
    NotMeasured(String),
}

struct Row<'a> {
    goal: &'a Goal,
    figure: Option<&'a Figure>,
    against: Option<&'a Figure>,
    ratio: Option<f64>,
    verdict: Verdict,
}

fn judge<'a>(goal: &'a Goal, results: &'a Results) -> Row<'a> {
    let figure = results.figures.get(goal.figure);
    let against = goal.against.and_then(|a| results.figures.get(a));
    let ratio = match (figure, against) {
        (Some(f), Some(a)) if a.median > 0.0 => Some(f.median / a.median),
        _ => None,
    };
    let missing = |name: &str| {
        Verdict::NotMeasured(
            results
                .skipped
                .get(name)
                .cloned()
                .unwrap_or_else(|| format!("`{name}` is not in this run's results")),
        )
    };
    let verdict = match (figure, &goal.limit) {
        (None, _) => missing(goal.figure),
        (Some(_), Limit::None) => Verdict::NoGoal,
        (Some(_), Limit::Ratio(max)) => match ratio {
            Some(r) if r <= *max => Verdict::Met,
            Some(_) => Verdict::Missed,
            None => missing(goal.against.unwrap_or_default()),
        },
        (Some(f), Limit::AtMost(max)) => {
            if f.median <= *max {
                Verdict::Met
            } else {
                Verdict::Missed
            }
        }
        (Some(f), Limit::FigurePlus(base, plus)) => match results.figures.get(*base) {
            Some(b) if f.median <= b.median + plus => Verdict::Met,
            Some(_) => Verdict::Missed,
            None => missing(base),
        },
    };
    Row {
        goal,
        figure,
        against,
        ratio,
        verdict,
    }
}

pub fn render(lines: &str, bench_command: &str) -> String {
    let results = read(lines);
    let machine = Machine::this_one();
    let rows: Vec<Row> = GOALS.iter().map(|g| judge(g, &results)).collect();
    let mut md = String::new();
    let _ = writeln!(md, "# Performance\n");
    let _ = writeln!(
        md,
        "Generated by `{bench_command}` on {} UTC. Do not edit by hand: run it again.\n",
        chrono::Utc::now().format("%Y-%m-%d %H:%M")
    );
    let _ = writeln!(
        md,
        "Every figure is the median of several runs made side by side in one run of the command; the \
         yardsticks (a bare Tauri 2 window built with the same release profile, the same checks one at a time) \
         were measured in the same run, so read the ratios rather than the absolute numbers.\n"
    );
    let _ = writeln!(md, "## Machine\n");
    let _ = writeln!(md, "- CPU: {} ({} logical cores)", machine.cpu, machine.cores);
    let _ = writeln!(md, "- Memory: {:.1} GiB", machine.memory_gib);
    let _ = writeln!(md, "- OS: {}, kernel {}", machine.os, machine.kernel);
    let _ = writeln!(md, "- Rust: {}", machine.rustc);
    let _ = writeln!(
        md,
        "- Load average (1, 5, 15 min) as the report was written: {}",
        machine.load
    );
    let _ = writeln!(
        md,
        "- Display: Xvfb (software rendering), so paint times include CPU rendering.\n"
    );

    let _ = writeln!(md, "## Figures\n");
    let _ = writeln!(md, "| What | Median | Against | Ratio | Goal | Result | Runs |");
    let _ = writeln!(md, "|---|---|---|---|---|---|---|");
    for row in &rows {
        let median = row
            .figure
            .map(|f| show(f.median, &f.unit))
            .unwrap_or_else(|| "—".into());
        let against = match (row.goal.against, row.against) {
            (Some(name), Some(a)) => format!("{} (`{name}`)", show(a.median, &a.unit)),
            (Some(name), None) => format!("— (`{name}`)"),
            (None, _) => "—".into(),
        };
        let ratio = row.ratio.map(|r| format!("{r:.2}×")).unwrap_or_else(|| "—".into());
        let result = match &row.verdict {
            Verdict::Met => "**met**".to_owned(),
            Verdict::Missed => "**missed**".to_owned(),
            Verdict::NoGoal => "—".to_owned(),
            Verdict::NotMeasured(_) => "not measured".to_owned(),
        };
        let runs = row.figure.map(|f| f.runs.to_string()).unwrap_or_else(|| "0".into());
        let _ = writeln!(
            md,
            "| {} | {median} | {against} | {ratio} | {} | {result} | {runs} |",
            row.goal.title, row.goal.goal_text
        );
    }

    let missed: Vec<&Row> = rows.iter().filter(|r| matches!(r.verdict, Verdict::Missed)).collect();
    let unmeasured: Vec<(&Row, &String)> = rows
        .iter()
        .filter_map(|r| match &r.verdict {
            Verdict::NotMeasured(why) => Some((r, why)),
            _ => None,
        })
        .collect();
    if !missed.is_empty() || !unmeasured.is_empty() {
        let _ = writeln!(md, "\n## Goals missed, and what would close them\n");
        for row in missed {
            let _ = writeln!(
                md,
                "- **{}** ({}): {}",
                row.goal.title, row.goal.goal_text, row.goal.if_missed
            );
        }
        for (row, why) in unmeasured {
            let _ = writeln!(md, "- **{}** was not measured: {why}", row.goal.title);
        }
    }

    let _ = writeln!(md, "\n## How the figures are taken\n");
    let _ = writeln!(md, "{}", HOW.trim());
    let _ = writeln!(md, "\n## What each figure is, and the command that produced it\n");
    for figure in results.figures.values() {
        let samples: Vec<String> = figure.samples.iter().map(|s| show(*s, &figure.unit)).collect();
        let _ = writeln!(
            md,
            "- `{}`: **{}**, median of {} ({}). {}\n  Command: `{}`",
            figure.name,
            show(figure.median, &figure.unit),
            figure.runs,
            samples.join(", "),
            figure.note,
            figure.command
        );
    }
    md
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(name: &str, unit: &str, samples: &[f64]) -> String {
        serde_json::to_string(&Figure::new(name, unit, samples.to_vec(), "test")).unwrap()
    }

    #[test]
    fn ratios_goals_and_misses_are_written() {
        let lines = [
            line("cold_start_app", "ms", &[600.0, 700.0, 650.0]),
            line("cold_start_bare", "ms", &[500.0, 500.0, 500.0]),
            line("signin_protocol", "ms", &[200.0]),
            r#"{"name":"clock_offset_error","skipped":"chronyd is missing"}"#.to_owned(),
        ]
        .join("\n");
        let md = render(&lines, "scripts/bench.sh");
        assert!(md.contains("| Cold start: launch → painted checklist | 650.0 ms | 500.0 ms (`cold_start_bare`) | 1.30× | ≤ 1.3 × bare window | **met** | 3 |"), "{md}");
        assert!(
            md.contains("| Sign-in round trip (protocol, no browser) | 200.0 ms |"),
            "{md}"
        );
        assert!(
            md.contains("- **Sign-in round trip (protocol, no browser)** (≤ 150 ms): "),
            "{md}"
        );
        assert!(md.contains("**Clock: offset error against shifted chronyd** was not measured: chronyd is missing"));
        assert!(md.contains("## Machine"));
    }

    #[test]
    fn the_help_desk_goal_is_judged_against_the_graph_round_trips() {
        let lines = [
            line("helpdesk_packet_to_policy", "ms", &[3.0, 3.2, 2.8]),
            line("helpdesk_graph_round_trips", "ms", &[2.0, 2.0, 2.0]),
            line("helpdesk_graph_share", "%", &[66.0, 70.0, 64.0]),
        ]
        .join("\n");
        let md = render(&lines, "signin-doctor-bench helpdesk");
        assert!(
            md.contains("| Help-desk: packet opened → policy shown | 3.0 ms | 2.0 ms (`helpdesk_graph_round_trips`) | 1.50× | ≤ 1.2 × the Graph round trips | **missed** | 3 |"),
            "{md}"
        );
        assert!(
            md.contains("| Help-desk: the Graph round trips' share of it | 66 % |"),
            "{md}"
        );
        assert!(
            md.contains("- **Help-desk: packet opened → policy shown** (≤ 1.2 × the Graph round trips): On loopback")
        );
    }
}
