//! Clock: the offset the clock check measures against chronyd whose clock
//! libfaketime shifts by a known amount.

use crate::figure::Figure;
use doctor::network::{HttpClient, ProxySettings, SystemResolver};
use doctor::remote_clock::{measure, ClockSources};
use std::sync::Arc;
use std::time::Duration;
use test_peers::ChronyServer;

const SHIFT_SECONDS: i64 = 420;

pub async fn figures(runs: usize) -> Result<Vec<Figure>, String> {
    let chrony = ChronyServer::start(SHIFT_SECONDS).map_err(|e| format!("chronyd: {e}"))?;
    let sources = ClockSources::from_names(&[chrony.server()], None).map_err(|e| format!("{e:?}"))?;
    let mut errors = Vec::new();
    let bound = Duration::from_secs(5);
    let http = HttpClient::new(Arc::new(ProxySettings::none()), Arc::new(SystemResolver), bound);
    for _ in 0..runs {
        let report = measure(&sources, &http, Arc::new(SystemResolver), bound).await;
        let offset = report
            .offset_seconds
            .ok_or_else(|| format!("no offset measured: {}", report.summary))?;
        // The offset is local − remote: the server is ahead, so it should read −SHIFT.
        errors.push(((offset + SHIFT_SECONDS as f64) * 1000.0).abs());
    }
    Ok(vec![Figure::new(
        "clock_offset_error",
        "ms",
        errors,
        format!(
            "|measured offset − true offset| against `chronyd -x` on 127.0.0.1 shifted +{SHIFT_SECONDS} s by libfaketime, \
             one SNTP source."
        ),
    )])
}
