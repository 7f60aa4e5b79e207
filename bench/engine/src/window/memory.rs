//! Memory of a whole process tree: the window's process and every process it
//! started (WebKitWebProcess, WebKitNetworkProcess, any sandbox helper).
//!
//! RSS counts a shared page once per process that maps it, so a tree's RSS
//! overstates what it costs; PSS shares each page among its users and adds
//! up honestly. Both are reported.

use std::collections::BTreeSet;

#[derive(Default)]
pub struct TreeMemory {
    pub rss_kib: u64,
    pub pss_kib: u64,
    pub processes: Vec<String>,
}

/// `root` and all its descendants, as /proc shows them now.
pub fn process_tree(root: u32) -> BTreeSet<u32> {
    let mut parents = Vec::new();
    if let Ok(entries) = std::fs::read_dir("/proc") {
        for entry in entries.flatten() {
            let Some(pid) = entry.file_name().to_str().and_then(|s| s.parse::<u32>().ok()) else {
                continue;
            };
            if let Some(ppid) = parent_of(pid) {
                parents.push((pid, ppid));
            }
        }
    }
    let mut tree = BTreeSet::from([root]);
    // Grow until no new child is found (trees here are a few levels deep).
    loop {
        let before = tree.len();
        for (pid, ppid) in &parents {
            if tree.contains(ppid) {
                tree.insert(*pid);
            }
        }
        if tree.len() == before {
            return tree;
        }
    }
}

fn parent_of(pid: u32) -> Option<u32> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name may hold spaces and parentheses: fields resume after the last ')'.
    let after = &stat[stat.rfind(')')? + 1..];
    after.split_whitespace().nth(1)?.parse().ok()
}

pub fn tree_memory(root: u32) -> TreeMemory {
    let mut total = TreeMemory::default();
    for pid in process_tree(root) {
        let Ok(rollup) = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")) else {
            continue;
        };
        total.rss_kib += field_kib(&rollup, "Rss:");
        total.pss_kib += field_kib(&rollup, "Pss:");
        let name = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
        total.processes.push(name.trim().to_owned());
    }
    total
}

fn field_kib(rollup: &str, field: &str) -> u64 {
    rollup
        .lines()
        .find_map(|line| line.strip_prefix(field))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_rollup_fields() {
        let rollup =
            "00400000-7ffd [rollup]\nRss:               12345 kB\nPss:                6789 kB\nPss_Anon: 1 kB\n";
        assert_eq!(field_kib(rollup, "Rss:"), 12345);
        assert_eq!(field_kib(rollup, "Pss:"), 6789);
    }

    // /proc is Linux's.
    #[cfg(target_os = "linux")]
    #[test]
    fn this_process_is_in_its_own_tree_with_memory() {
        let me = std::process::id();
        assert!(process_tree(me).contains(&me));
        assert!(tree_memory(me).rss_kib > 0);
    }
}
