//! signin-doctor-bench: Sign-in Doctor's benchmarks. Each measuring command
//! prints one JSON line per figure; `report` turns them into
//! docs/PERFORMANCE.md. `scripts/bench.sh` runs them all.

mod clock_figures;
mod diagnosis_figures;
mod explain_figures;
mod figure;
mod helpdesk_figures;
mod http_agent;
mod loopback_profile;
mod one_at_a_time;
mod report;
mod signin_figures;
mod slow_peers;
mod window;
mod worst_case;

use figure::Figure;

/// Counts heap bytes for the explainer's peak-memory figure.
#[global_allocator]
static ALLOCATOR: explain_figures::CountingAllocator = explain_figures::CountingAllocator;
use std::path::{Path, PathBuf};
use std::time::Duration;

const USAGE: &str = "usage:
  signin-doctor-bench engine [--runs N]                  diagnosis, worst case, sign-in, clock (loopback peers)
  signin-doctor-bench explain [--runs N]                 a 10 and a 64 MiB log explained, against a regex scan; peak heap
  signin-doctor-bench helpdesk [--runs N]                packet opened → policy shown, against the Graph round trips alone
  signin-doctor-bench window --app BIN --bare BIN [--runs N] [--frames DIR]
                                                         cold start and memory (needs an X display);
                                                         --frames keeps every changed frame (PPM) and a timeline
  signin-doctor-bench sizes --app-deb DEB --bare-deb DEB [--app-bin BIN --bare-bin BIN]
  signin-doctor-bench report --results FILE --out FILE [--command TEXT]";

/// No section may run longer than this, whatever hangs.
const SECTION_BOUND: Duration = Duration::from_secs(180);

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = match run(&args) {
        Ok(true) => 0,
        Ok(false) => 1,
        Err(usage) => {
            eprintln!("{usage}\n\n{USAGE}");
            2
        }
    };
    std::process::exit(code);
}

/// Ok(true): every figure measured; Ok(false): some could not be; Err: bad usage.
fn run(args: &[String]) -> Result<bool, String> {
    let command = args.first().map(String::as_str).unwrap_or_default();
    let option = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let runs = match option("--runs") {
        Some(n) => n
            .parse::<usize>()
            .ok()
            .filter(|n| *n > 0)
            .ok_or("--runs wants a positive number")?,
        None => 5,
    };
    let path = |name: &str| option(name).map(PathBuf::from).ok_or(format!("{command} needs {name}"));
    match command {
        "engine" => Ok(engine(runs)),
        "explain" => Ok(section("explain", explain_figures::figures(runs))),
        "helpdesk" => Ok(helpdesk(runs)),
        "window" => {
            let (app, bare) = (path("--app")?, path("--bare")?);
            let frames = option("--frames").map(PathBuf::from);
            Ok(section("window", window::figures(&app, &bare, runs, frames.as_deref())))
        }
        "sizes" => {
            let (app_deb, bare_deb) = (path("--app-deb")?, path("--bare-deb")?);
            let mut pairs = vec![("deb_app", app_deb), ("deb_bare", bare_deb)];
            if let (Ok(a), Ok(b)) = (path("--app-bin"), path("--bare-bin")) {
                pairs.extend([("binary_app", a), ("binary_bare", b)]);
            }
            Ok(section("sizes", sizes(&pairs)))
        }
        "report" => {
            let (results, out) = (path("--results")?, path("--out")?);
            let lines = std::fs::read_to_string(&results).map_err(|e| format!("{}: {e}", results.display()))?;
            let command = option("--command").unwrap_or_else(|| "scripts/bench.sh".to_owned());
            std::fs::write(&out, report::render(&lines, &command)).map_err(|e| format!("{}: {e}", out.display()))?;
            eprintln!("wrote {}", out.display());
            Ok(true)
        }
        _ => Err(format!("unknown command {command:?}")),
    }
}

/// Prints a section's figures, or one "skipped" line per figure it would have made.
fn section(name: &str, result: Result<Vec<Figure>, String>) -> bool {
    match result {
        Ok(figures) => {
            figures.iter().for_each(Figure::print);
            true
        }
        Err(why) => {
            eprintln!("{name}: not measured: {why}");
            println!("{}", serde_json::json!({"name": name, "skipped": why}));
            false
        }
    }
}

async fn bounded(name: &str, work: impl std::future::Future<Output = Result<Vec<Figure>, String>>) -> bool {
    match tokio::time::timeout(SECTION_BOUND, work).await {
        Ok(result) => section(name, result),
        Err(_) => section(
            name,
            Err(format!("did not finish within {} s", SECTION_BOUND.as_secs())),
        ),
    }
}

fn sizes(pairs: &[(&str, PathBuf)]) -> Result<Vec<Figure>, String> {
    pairs
        .iter()
        .map(|(name, path)| {
            let bytes = file_size(path)?;
            Ok(Figure::new(
                name,
                "MiB",
                vec![bytes as f64 / 1024.0 / 1024.0],
                format!(
                    "{} ({bytes} bytes).",
                    path.file_name().unwrap_or_default().to_string_lossy()
                ),
            ))
        })
        .collect()
}

fn file_size(path: &Path) -> Result<u64, String> {
    std::fs::metadata(path)
        .map(|m| m.len())
        .map_err(|e| format!("{}: {e}", path.display()))
}

fn engine(runs: usize) -> bool {
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(e) => return section("engine", Err(format!("no async runtime: {e}"))),
    };
    runtime.block_on(async {
        let mut all = bounded("worst_case_all_hung", worst_case::figures(runs)).await;
        all &= bounded("clock_offset_error", clock_figures::figures(runs)).await;
        match test_peers::OidcProvider::start() {
            Ok(provider) => {
                let signin = async {
                    let profile = loopback_profile::without_side_services(&provider.issuer)?;
                    signin_figures::figures(&profile, runs).await
                };
                all &= bounded("signin_protocol", signin).await;
                all &= bounded("diagnosis_concurrent", diagnosis_figures::figures(&provider, runs)).await;
            }
            Err(e) => {
                let why = format!("the loopback OpenID provider did not start: {e}");
                all &= section("signin_protocol", Err(why.clone()));
                all &= section("diagnosis_concurrent", Err(why));
            }
        }
        all
    })
}

fn helpdesk(runs: usize) -> bool {
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(e) => return section("helpdesk_packet_to_policy", Err(format!("no async runtime: {e}"))),
    };
    runtime.block_on(async {
        let provider = match test_peers::OidcProvider::start() {
            Ok(provider) => provider,
            Err(e) => {
                let why = format!("the loopback OpenID provider did not start: {e}");
                return section("helpdesk_packet_to_policy", Err(why));
            }
        };
        let work = async {
            let profile = loopback_profile::without_side_services(&provider.issuer)?;
            helpdesk_figures::figures(&provider, &profile, runs).await
        };
        bounded("helpdesk_packet_to_policy", work).await
    })
}
