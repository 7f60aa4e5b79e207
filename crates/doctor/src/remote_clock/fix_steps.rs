//! How to put the clock right, per operating system, in words and exact commands.

use super::NTP_PORT;

/// The operating systems with their own steps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Os {
    Windows,
    MacOs,
    Linux,
    Other,
}

impl Os {
    /// The OS this app was built for.
    pub fn current() -> Self {
        if cfg!(target_os = "windows") {
            Os::Windows
        } else if cfg!(target_os = "macos") {
            Os::MacOs
        } else if cfg!(target_os = "linux") {
            Os::Linux
        } else {
            Os::Other
        }
    }
}

/// Steps for a clock that is off by `offset` seconds (local − remote).
pub fn clock_fix_steps(os: Os, offset: f64) -> Vec<String> {
    let mut steps = Vec::new();
    if let Some(hours) = whole_zone_difference(offset) {
        steps.push(format!(
            "The clock is off by almost exactly {hours}: that usually means the time zone is wrong while the time on screen looks right. Set the right time zone first, then let the computer set the time itself."
        ));
    }
    let own: &[&str] = match os {
        Os::Windows => &[
            "Open Settings › Time & language › Date & time, turn on \"Set time automatically\" and \"Set time zone automatically\" (or pick your time zone), then click \"Sync now\".",
            "Or, in a Command Prompt run as administrator: `net start w32time` (starts the Windows Time service), then `w32tm /resync`.",
            "If it drifts again, `w32tm /query /status` shows the time source: \"Local CMOS Clock\" means Windows is not syncing with any server. On a company PC the time comes from the domain: ask IT.",
        ],
        Os::MacOs => &[
            "Open System Settings › General › Date & Time and turn on \"Set time and date automatically\" (source time.apple.com) and \"Set time zone automatically using your current location\".",
            "Or, in Terminal: `sudo sntp -sS time.apple.com`.",
        ],
        Os::Linux => &[
            "Turn on network time: `sudo timedatectl set-ntp true`, then check that `timedatectl status` says \"System clock synchronized: yes\" and shows your time zone (`sudo timedatectl set-timezone Region/City` sets it).",
            "With chrony: `chronyc tracking` shows the offset and `sudo chronyc makestep` corrects it at once. With systemd-timesyncd: `systemctl status systemd-timesyncd`.",
        ],
        Os::Other => &["Turn on automatic (network) time in the system's date and time settings, and check the time zone."],
    };
    steps.extend(own.iter().map(|s| (*s).to_owned()));
    steps.push("Then sign in again: tokens issued while the clock was wrong may be rejected.".to_owned());
    steps
}

/// Steps when no remote clock answered. `ntp_ports` are the UDP ports the
/// NTP servers were asked on: a server may be set up on another port than 123.
pub fn unreachable_fix_steps(ntp_ports: &[u16]) -> Vec<String> {
    vec![
        "Check that this computer is online: open any website in your browser.".to_owned(),
        format!(
            "Company networks often block NTP ({}): ask IT which time server to use, and enter it in Settings under \"Time servers\".",
            udp_ports(ntp_ports)
        ),
        "If you use a VPN or a proxy, connect to it (or disconnect from it) and check again.".to_owned(),
    ]
}

/// "UDP port 123", "UDP ports 123 and 4123"; NTP's own port when none was asked.
fn udp_ports(ports: &[u16]) -> String {
    let mut ports = ports.to_vec();
    ports.sort_unstable();
    ports.dedup();
    let words: Vec<String> = ports.iter().map(u16::to_string).collect();
    match words.as_slice() {
        [] => format!("UDP port {NTP_PORT}"),
        [one] => format!("UDP port {one}"),
        [first @ .., last] => format!("UDP ports {} and {last}", first.join(", ")),
    }
}

/// "3 h" when `offset` is within 90 s of a whole number of half hours (time
/// zones differ by those), from half an hour up.
fn whole_zone_difference(offset: f64) -> Option<String> {
    const HALF_HOUR: f64 = 1800.0;
    let size = offset.abs();
    let halves = (size / HALF_HOUR).round();
    if halves < 1.0 || (size - halves * HALF_HOUR).abs() > 90.0 {
        return None;
    }
    let minutes = (halves * 30.0) as u64;
    Some(match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_os_gets_its_own_commands() {
        let text = |os| clock_fix_steps(os, -420.0).join("\n");
        assert!(text(Os::Windows).contains("w32tm /resync"));
        assert!(text(Os::Windows).contains("Set time automatically"));
        assert!(text(Os::MacOs).contains("sudo sntp -sS time.apple.com"));
        assert!(text(Os::MacOs).contains("System Settings › General › Date & Time"));
        assert!(text(Os::Linux).contains("timedatectl set-ntp true"));
        assert!(text(Os::Linux).contains("chrony"));
        assert!(!text(Os::Linux).contains("w32tm"));
    }

    #[test]
    fn the_ports_asked_are_named() {
        assert_eq!(udp_ports(&[]), "UDP port 123");
        assert_eq!(udp_ports(&[4123, 4123]), "UDP port 4123");
        assert_eq!(udp_ports(&[4123, 123]), "UDP ports 123 and 4123");
        assert_eq!(udp_ports(&[5000, 123, 4123]), "UDP ports 123, 4123 and 5000");
        assert!(unreachable_fix_steps(&[4123])[1].contains("NTP (UDP port 4123)"));
    }

    #[test]
    fn whole_hours_point_at_the_time_zone() {
        assert_eq!(whole_zone_difference(-3600.4).as_deref(), Some("1 h"));
        assert_eq!(whole_zone_difference(19_790.0).as_deref(), Some("5 h 30 min"));
        assert_eq!(whole_zone_difference(-420.0), None);
        assert_eq!(whole_zone_difference(2700.0), None);
        assert!(clock_fix_steps(Os::Linux, 7200.0)[0].contains("time zone is wrong"));
    }
}
