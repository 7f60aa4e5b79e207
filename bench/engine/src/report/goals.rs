//! The goals, one row each: which figure, against what, and the limit.

pub enum Limit {
    /// figure ≤ ratio × against
    Ratio(f64),
    /// figure ≤ this many of its unit
    AtMost(f64),
    /// figure ≤ another figure + this many of its unit
    FigurePlus(&'static str, f64),
    /// Shown for comparison; no goal.
    None,
}

pub struct Goal {
    pub title: &'static str,
    pub figure: &'static str,
    pub against: Option<&'static str>,
    pub limit: Limit,
    pub goal_text: &'static str,
    /// Printed when the figure misses: why, and what would close the gap.
    pub if_missed: &'static str,
}

pub const GOALS: &[Goal] = &[
    Goal {
        title: "Cold start: launch → painted checklist",
        figure: "cold_start_app",
        against: Some("cold_start_bare"),
        limit: Limit::Ratio(1.3),
        goal_text: "≤ 1.3 × bare window",
        if_missed: "The app's page is larger than the bare page (style sheet, ES modules, icon) and its checklist \
            appears only after the first run of the checks has been streamed back over IPC. What would close it: \
            render the checklist rows from the check list before the first IPC round trip, and inline the critical \
            CSS so the first paint needs one request.",
    },
    Goal {
        title: "Cold start: launch → window appears",
        figure: "first_frame_app",
        against: Some("first_frame_bare"),
        limit: Limit::None,
        goal_text: "(for comparison)",
        if_missed: "",
    },
    Goal {
        title: "Memory: RSS of the process tree",
        figure: "rss_app",
        against: Some("rss_bare"),
        limit: Limit::Ratio(1.5),
        goal_text: "≤ 1.5 × bare window",
        if_missed: "Most of the tree is WebKit's web and network processes, which both windows pay alike; the app's \
            own share is its DOM, its scripts' heap and the engine's HTTP and keychain clients.",
    },
    Goal {
        title: "Memory: PSS of the process tree",
        figure: "pss_app",
        against: Some("pss_bare"),
        limit: Limit::Ratio(1.5),
        goal_text: "≤ 1.5 × bare window",
        if_missed: "As for RSS.",
    },
    Goal {
        title: "Installer: .deb size",
        figure: "deb_app",
        against: Some("deb_bare"),
        limit: Limit::Ratio(1.5),
        goal_text: "≤ 1.5 × bare window's",
        if_missed: "The app links the engine (rustls, hyper, jsonwebtoken, keyring, rsntp) on top of Tauri. What \
            would close it: `cargo tree -d` for duplicate crate versions, and fewer TLS and crypto back ends.",
    },
    Goal {
        title: "Diagnosis, one peer 1 s away (as the app runs it)",
        figure: "diagnosis_concurrent",
        against: Some("diagnosis_slowest_probe"),
        limit: Limit::Ratio(1.2),
        goal_text: "≤ 1.2 × slowest single check",
        if_missed: "A check that waits for another (the token check needs the reachability check's discovery \
            document) adds the two in series. What would close it: start the dependent check's own network work \
            while it waits.",
    },
    Goal {
        title: "Diagnosis, the same checks one at a time",
        figure: "diagnosis_sequential",
        against: None,
        limit: Limit::None,
        goal_text: "(for comparison)",
        if_missed: "",
    },
    Goal {
        title: "Worst case: every endpoint hung",
        figure: "worst_case_all_hung",
        against: Some("worst_case_n_bounds"),
        limit: Limit::FigurePlus("worst_case_bound", 500.0),
        goal_text: "≤ bound + 0.5 s",
        if_missed: "A check that does not watch its own deadline is cut off only by the runner's backstop, 0.5 s \
            after the bound. What would close it: every network step takes its time from the check's deadline.",
    },
    Goal {
        title: "Sign-in round trip (protocol, no browser)",
        figure: "signin_protocol",
        against: None,
        limit: Limit::AtMost(150.0),
        goal_text: "≤ 150 ms",
        if_missed: "The provider (node oidc-provider) spends most of the time: it signs tokens with RSA and renders \
            its interaction redirects. What would close it: nothing in the app; against Entra the network \
            dominates.",
    },
    Goal {
        title: "Sign-in round trip with headless Chromium",
        figure: "signin_with_browser",
        against: None,
        limit: Limit::None,
        goal_text: "(for comparison)",
        if_missed: "",
    },
    Goal {
        title: "Sign-in: the part spent at the provider",
        figure: "signin_at_provider",
        against: None,
        limit: Limit::None,
        goal_text: "(for comparison)",
        if_missed: "",
    },
    Goal {
        title: "Sign-in: the app's own part",
        figure: "signin_app_side",
        against: None,
        limit: Limit::None,
        goal_text: "(for comparison)",
        if_missed: "",
    },
    Goal {
        title: "Token exchange alone",
        figure: "signin_token_exchange",
        against: None,
        limit: Limit::None,
        goal_text: "(for comparison)",
        if_missed: "",
    },
    Goal {
        title: "Clock: offset error against shifted chronyd",
        figure: "clock_offset_error",
        against: None,
        limit: Limit::AtMost(10.0),
        goal_text: "≤ 10 ms",
        if_missed: "The SNTP exchange itself is sub-millisecond on loopback; an error this large would come from \
            the measurement's own delays (a busy machine) or from libfaketime's shift.",
    },
];
