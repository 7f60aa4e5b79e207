//! The runner with probes made for the purpose: they sleep or fail on cue, so
//! concurrency, bounds and dependencies can be pinned exactly.

use super::*;
use crate::checks::{Check, CheckId, Outcome, Probe, ProbeContext, Status};
use crate::clock::fixed_now;
use crate::network::SystemResolver;
use crate::profile::Profile;
use chrono::TimeZone;
use std::sync::Mutex;

struct Sleeper {
    id: &'static str,
    needs: Vec<CheckId>,
    sleep: Duration,
    bound: Duration,
    status: Status,
}

impl Probe for Sleeper {
    fn check(&self) -> Check {
        Check {
            id: CheckId::from_static(self.id),
            title: format!("title of {}", self.id),
            needs: self.needs.clone(),
            bound: self.bound,
        }
    }

    fn run<'a>(&'a self, ctx: &'a ProbeContext) -> BoxFuture<'a, Outcome> {
        async move {
            tokio::time::sleep(self.sleep).await;
            let saw: Vec<String> = ctx.needed.keys().map(|id| id.to_string()).collect();
            Outcome::new(self.status, format!("saw [{}]", saw.join(",")))
        }
        .boxed()
    }
}

fn sleeper(id: &'static str, ms: u64, status: Status) -> Sleeper {
    Sleeper {
        id,
        needs: Vec::new(),
        sleep: Duration::from_millis(ms),
        bound: Duration::from_secs(5),
        status,
    }
}

fn inputs() -> RunInputs {
    RunInputs {
        profile: Arc::new(Profile::defaults()),
        now: fixed_now(
            Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0)
                .single()
                .expect("valid time"),
        ),
        resolver: Arc::new(SystemResolver),
        proxies: Arc::new(crate::network::ProxySettings::none()),
        session: Arc::new(crate::signin::Session::default()),
    }
}

fn recorder() -> (ProgressSink, Arc<Mutex<Vec<ProgressEvent>>>) {
    let events = Arc::new(Mutex::new(Vec::new()));
    let sink_events = events.clone();
    let sink: ProgressSink = Arc::new(move |e| sink_events.lock().expect("events").push(e));
    (sink, events)
}

#[tokio::test(start_paused = true)]
async fn checks_run_concurrently_so_a_run_takes_the_longest_not_the_sum() {
    let probes: Vec<Arc<dyn Probe>> = vec![
        Arc::new(sleeper("a", 1000, Status::Pass)),
        Arc::new(sleeper("b", 1000, Status::Warn)),
        Arc::new(sleeper("c", 1000, Status::Fail)),
    ];
    let (sink, events) = recorder();
    let start = Instant::now();
    let summary = run_checks(7, probes, inputs(), sink).await;
    assert_eq!(start.elapsed(), Duration::from_millis(1000));
    assert_eq!(summary.overall, Status::Fail);
    assert!(summary.any_failed());
    assert_eq!(
        summary.results.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
        ["a", "b", "c"]
    );
    let events = events.lock().expect("events");
    assert!(matches!(events.first(), Some(ProgressEvent::RunStarted { run_id: 7, checks, .. }) if checks.len() == 3));
    assert!(matches!(
        events.last(),
        Some(ProgressEvent::RunFinished { run_id: 7, .. })
    ));
    let running = events
        .iter()
        .filter(|e| matches!(e, ProgressEvent::CheckRunning { .. }))
        .count();
    let finished = events
        .iter()
        .filter(|e| matches!(e, ProgressEvent::CheckFinished { .. }))
        .count();
    assert_eq!((running, finished), (3, 3));
}

#[tokio::test(start_paused = true)]
async fn a_check_that_overruns_its_bound_is_failed_as_timed_out() {
    let mut slow = sleeper("slow", 60_000, Status::Pass);
    slow.bound = Duration::from_secs(2);
    let probes: Vec<Arc<dyn Probe>> = vec![Arc::new(slow), Arc::new(sleeper("quick", 10, Status::Pass))];
    let start = Instant::now();
    let summary = run_checks(1, probes, inputs(), recorder().0).await;
    assert_eq!(start.elapsed(), Duration::from_secs(2) + BACKSTOP_GRACE);
    assert_eq!(summary.results[0].status, Status::Fail);
    assert!(
        summary.results[0].summary.starts_with("Timed out"),
        "{}",
        summary.results[0].summary
    );
    assert_eq!(summary.results[1].status, Status::Pass);
}

#[tokio::test(start_paused = true)]
async fn a_check_waits_only_for_what_it_needs_and_is_skipped_when_that_fails() {
    let mut token = sleeper("token", 100, Status::Pass);
    token.needs = vec![CheckId::from_static("signin")];
    let mut after_bad = sleeper("after_bad", 100, Status::Pass);
    after_bad.needs = vec![CheckId::from_static("bad")];
    let probes: Vec<Arc<dyn Probe>> = vec![
        Arc::new(sleeper("signin", 500, Status::Pass)),
        Arc::new(sleeper("clock", 2000, Status::Pass)),
        Arc::new(token),
        Arc::new(sleeper("bad", 50, Status::Fail)),
        Arc::new(after_bad),
    ];
    let (sink, events) = recorder();
    let summary = run_checks(1, probes, inputs(), sink).await;
    let by_id = |id: &str| summary.results.iter().find(|r| r.id.as_str() == id).expect("result");
    assert_eq!(by_id("token").status, Status::Pass);
    assert_eq!(by_id("token").summary, "saw [signin]");
    assert_eq!(by_id("after_bad").status, Status::Skipped);
    assert!(by_id("after_bad").summary.contains("title of bad"));
    // The token check finished long before the slow clock check: it never waited for it.
    let finish_order: Vec<String> = events
        .lock()
        .expect("events")
        .iter()
        .filter_map(|e| match e {
            ProgressEvent::CheckFinished { result, .. } => Some(result.id.to_string()),
            _ => None,
        })
        .collect();
    let position = |id: &str| finish_order.iter().position(|x| x == id).expect("finished");
    assert!(position("token") < position("clock"), "{finish_order:?}");
}

#[tokio::test(start_paused = true)]
async fn a_check_whose_need_timed_out_warns_and_says_timeout_at_once() {
    let mut hung = sleeper("hung", 60_000, Status::Pass);
    hung.bound = Duration::from_secs(3);
    let mut dependent = sleeper("dependent", 10, Status::Pass);
    dependent.needs = vec![CheckId::from_static("hung")];
    let probes: Vec<Arc<dyn Probe>> = vec![Arc::new(hung), Arc::new(dependent)];
    let start = Instant::now();
    let summary = run_checks(1, probes, inputs(), recorder().0).await;
    // One bound (plus the backstop), not two: the dependent adds nothing.
    assert_eq!(start.elapsed(), Duration::from_secs(3) + BACKSTOP_GRACE);
    let dependent = &summary.results[1];
    assert!(summary.results[0].timed_out);
    assert_eq!(dependent.status, Status::Warn);
    assert!(dependent.timed_out);
    assert!(
        dependent
            .summary
            .starts_with("Not checked: it needs \"title of hung\", which timed out"),
        "{}",
        dependent.summary
    );
    assert_eq!(dependent.evidence[0].value, "title of hung (timeout)");
}

#[tokio::test(start_paused = true)]
async fn a_need_that_is_not_in_the_run_skips_the_check() {
    let mut orphan = sleeper("orphan", 10, Status::Pass);
    orphan.needs = vec![CheckId::from_static("missing")];
    let summary = run_checks(1, vec![Arc::new(orphan)], inputs(), recorder().0).await;
    assert_eq!(summary.results[0].status, Status::Skipped);
    assert_eq!(summary.overall, Status::Skipped);
}

#[test]
fn progress_events_serialize_with_a_tag_the_ui_reads() {
    let event = ProgressEvent::CheckRunning {
        run_id: 3,
        id: CheckId::from_static("reachability"),
        status: Status::Running,
    };
    assert_eq!(
        serde_json::to_value(&event).expect("json"),
        serde_json::json!({"event": "check_running", "run_id": 3, "id": "reachability", "status": "running", "status_word": "Checking"})
    );
}
