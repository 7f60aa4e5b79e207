//! The lookup's steps as help-desk progress, and its waits counted down:
//! while the lookup waits before asking again, the wait is reported again
//! each second with the time left, so the words a window shows stay true.

use super::journey_progress::HelpDeskProgress;
use super::progress::LookupProgress;
use std::convert::Infallible;
use std::time::Duration;
use tokio::sync::watch;
use tokio::time::{sleep_until, Instant};

pub(crate) struct Countdown<'a> {
    on_progress: &'a (dyn Fn(HelpDeskProgress) + Send + Sync),
    /// The wait in hand and when it began; `None` between waits.
    wait: watch::Sender<Option<(Instant, HelpDeskProgress)>>,
}

impl<'a> Countdown<'a> {
    pub fn new(on_progress: &'a (dyn Fn(HelpDeskProgress) + Send + Sync)) -> Self {
        Self {
            on_progress,
            wait: watch::Sender::new(None),
        }
    }

    /// Forwards one step of the lookup; a wait is then counted down by [`Self::run`].
    pub fn report(&self, step: LookupProgress) {
        let step = HelpDeskProgress::from(step);
        let wait = matches!(step, HelpDeskProgress::Waiting { .. }).then(|| (Instant::now(), step.clone()));
        self.wait.send_replace(wait);
        (self.on_progress)(step);
    }

    /// Reports the wait in hand again each second with the time left, until
    /// it is over or the next step comes. Never ends: run it beside the lookup.
    pub async fn run(&self) -> Infallible {
        let mut waits = self.wait.subscribe();
        'waits: loop {
            let current = waits.borrow_and_update().clone();
            if let Some((
                began,
                HelpDeskProgress::Waiting {
                    seconds,
                    reason,
                    attempt,
                    until_gives_up_seconds,
                    ..
                },
            )) = current
            {
                for gone in 1..seconds {
                    // Waits are bounded by the lookup's limits; a tick past any
                    // clock's reach is simply not shown.
                    let Some(tick) = began.checked_add(Duration::from_secs(gone)) else {
                        break;
                    };
                    tokio::select! {
                        () = sleep_until(tick) => {
                            (self.on_progress)(HelpDeskProgress::Waiting {
                                seconds,
                                next_try_in_seconds: seconds - gone,
                                reason: reason.clone(),
                                attempt,
                                until_gives_up_seconds: until_gives_up_seconds.saturating_sub(gone),
                            });
                        }
                        _ = waits.changed() => continue 'waits,
                    }
                }
            }
            // The sender lives as long as `self`: this only waits for the next step.
            let _ = waits.changed().await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    #[tokio::test(start_paused = true)]
    async fn a_wait_is_counted_down_each_second_until_the_next_step() {
        let seen = Mutex::new(Vec::new());
        let on_progress = |p: HelpDeskProgress| seen.lock().expect("lock").push(p);
        let countdown = Countdown::new(&on_progress);
        let steps = async {
            countdown.report(LookupProgress::Waiting {
                seconds: 4,
                reason: "Not in the logs yet".into(),
                attempt: 1,
                until_gives_up_seconds: 30,
            });
            tokio::time::sleep(Duration::from_millis(2500)).await;
            countdown.report(LookupProgress::Evaluating);
            tokio::time::sleep(Duration::from_secs(10)).await;
        };
        tokio::select! {
            () = steps => {}
            never = countdown.run() => match never {},
        }
        let seen = seen.into_inner().expect("lock");
        let left: Vec<Option<(u64, u64)>> = seen
            .iter()
            .map(|p| match p {
                HelpDeskProgress::Waiting {
                    next_try_in_seconds,
                    until_gives_up_seconds,
                    ..
                } => Some((*next_try_in_seconds, *until_gives_up_seconds)),
                _ => None,
            })
            .collect();
        // 4 s, then 3 and 2 left; the next step ends the countdown.
        assert_eq!(left, [Some((4, 30)), Some((3, 29)), Some((2, 28)), None]);
        assert_eq!(
            seen[2].words(),
            "Not in the logs yet. Next try in 2 s (gives up in 28 s)."
        );
    }
}
