//! Alerts: what changed in a story that someone watching should hear of
//! (a new story with enough independent sources, a new discrepancy, a
//! revised figure), and where to send it (a webhook, a command).

use crate::http::Fetcher;
use crate::WatchError;
use corroborate_model::{Discrepancy, Interval, Severity, Span, Story};
use corroborate_report::interval_text;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use url::Url;

/// Longest time an `exec:` command may take for one alert.
const EXEC_TIMEOUT: Duration = Duration::from_secs(30);

/// Where alerts go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sink {
    /// `webhook:URL` — the alert's JSON is POSTed to URL.
    Webhook(Url),
    /// `exec:COMMAND` — COMMAND runs under `sh -c` with the JSON on stdin.
    Exec(String),
    /// `log` — one line per alert in the watch's own output (the default
    /// when no destination is given).
    Log,
}

impl Sink {
    /// Parses an `--alert` value.
    ///
    /// ```
    /// use corroborate_watch::Sink;
    /// assert!(matches!(Sink::parse("webhook:https://hooks.example/x"), Ok(Sink::Webhook(_))));
    /// assert!(matches!(Sink::parse("exec:cat >> alerts.jsonl"), Ok(Sink::Exec(_))));
    /// assert!(Sink::parse("mail:me").is_err());
    /// ```
    pub fn parse(s: &str) -> Result<Sink, WatchError> {
        let bad = |reason: &str| WatchError::Alert(format!("{s}: {reason}"));
        if s == "log" {
            return Ok(Sink::Log);
        }
        if let Some(u) = s.strip_prefix("webhook:") {
            let url = Url::parse(u).map_err(|e| bad(&e.to_string()))?;
            if !matches!(url.scheme(), "http" | "https") {
                return Err(bad("a webhook is an http or https URL"));
            }
            Ok(Sink::Webhook(url))
        } else if let Some(c) = s.strip_prefix("exec:") {
            if c.trim().is_empty() {
                return Err(bad("no command"));
            }
            Ok(Sink::Exec(c.to_owned()))
        } else {
            Err(bad("expected webhook:URL, exec:COMMAND or log"))
        }
    }

    /// The name alerts are recorded under (the `--alert` value).
    pub fn name(&self) -> String {
        match self {
            Sink::Webhook(u) => format!("webhook:{u}"),
            Sink::Exec(c) => format!("exec:{c}"),
            Sink::Log => "log".into(),
        }
    }

    /// Sends one alert's JSON; the error is one line. A `log` sink hands
    /// its line to `log` instead.
    pub fn deliver(
        &self,
        fetcher: &Fetcher,
        json: &str,
        log: &mut dyn FnMut(String),
    ) -> Result<(), String> {
        match self {
            Sink::Webhook(url) => fetcher.post_json(url, json).map_err(|e| e.to_string()),
            Sink::Exec(cmd) => run_command(cmd, json),
            Sink::Log => {
                log(log_line(json));
                Ok(())
            }
        }
    }
}

/// One line saying what an alert's JSON says, for people.
///
/// ```
/// let json = r#"{"kind":"discrepancy","story":"s4","story_url":"http://127.0.0.1:8080/stories/s4","title":"Floods","discrepancy":{"kind":"number","article":"b","subject":"killed","stated":"7","consensus":"3"}}"#;
/// assert_eq!(corroborate_watch::log_line(json),
///     "alert: s4 \"Floods\": number discrepancy in b: killed 7, others 3 — http://127.0.0.1:8080/stories/s4");
/// ```
pub fn log_line(json: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(json).unwrap_or_default();
    let s = |x: &serde_json::Value| x.as_str().unwrap_or("").to_owned();
    let what = match v["kind"].as_str() {
        Some("discrepancy") => {
            let d = &v["discrepancy"];
            format!(
                "{} discrepancy in {}: {} {}, others {}",
                s(&d["kind"]),
                s(&d["article"]),
                s(&d["subject"]),
                s(&d["stated"]),
                s(&d["consensus"])
            )
        }
        Some("revision") => {
            let r = &v["revision"];
            format!(
                "{} revised from {} to {} by {}",
                s(&r["attribute"]),
                s(&r["from"]),
                s(&r["to"]),
                s(&r["article"])
            )
        }
        _ => format!(
            "new story with {} independent sources",
            v["independent_sources"].as_u64().unwrap_or(0)
        ),
    };
    format!(
        "alert: {} {:?}: {what} — {}",
        s(&v["story"]),
        s(&v["title"]),
        s(&v["story_url"])
    )
}

fn run_command(cmd: &str, json: &str) -> Result<(), String> {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(cmd)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .map_err(|e| format!("exec: {e}"))?;
    if let Some(mut stdin) = child.stdin.take() {
        // A command that exits without reading is its own business.
        let _ = stdin.write_all(json.as_bytes());
        let _ = stdin.write_all(b"\n");
    }
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => return Ok(()),
            Ok(Some(status)) => return Err(format!("exec: the command exited with {status}")),
            Ok(None) if started.elapsed() > EXEC_TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("exec: killed after {}s", EXEC_TIMEOUT.as_secs()));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return Err(format!("exec: {e}")),
        }
    }
}

/// When alerts fire.
#[derive(Debug, Clone)]
pub struct AlertRules {
    /// A new story is announced once it has this many independent sources.
    pub min_sources: usize,
    /// The web UI's base URL; each alert links to `{ui}/stories/{id}`.
    pub ui_url: String,
    /// The kinds sent (`new_story`, `discrepancy`, `revision`); empty: all.
    pub kinds: Vec<String>,
    /// Discrepancies less severe than this are not sent (`high`, `medium`,
    /// `low`; `None`: all, ambiguous ones included).
    pub min_severity: Option<Severity>,
}

impl AlertRules {
    fn wants(&self, kind: &str) -> bool {
        self.kinds.is_empty() || self.kinds.iter().any(|k| k == kind)
    }

    fn severe_enough(&self, d: &Discrepancy) -> bool {
        let rank = |s: Option<Severity>| match s {
            Some(Severity::High) => 3,
            Some(Severity::Medium) => 2,
            Some(Severity::Low) => 1,
            Some(Severity::Ambiguous) | None => 0,
        };
        self.min_severity
            .is_none_or(|m| rank(d.severity) >= rank(Some(m)))
    }
}

impl Default for AlertRules {
    fn default() -> Self {
        AlertRules {
            min_sources: 2,
            ui_url: "http://127.0.0.1:8080".into(),
            kinds: Vec::new(),
            min_severity: None,
        }
    }
}

/// One alert, as sent (JSON).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Alert {
    /// Stable identity: the same alert always has the same id, so a
    /// receiver can drop a repeat after a crash between send and record.
    pub id: String,
    /// `new_story`, `discrepancy` or `revision`.
    pub kind: &'static str,
    /// The story's id (`s12`).
    pub story: String,
    /// The story's page in the web UI.
    pub story_url: String,
    /// The story's title.
    pub title: String,
    /// Independent sources the story has now.
    pub independent_sources: usize,
    /// Articles in the story now.
    pub articles: usize,
    /// For `discrepancy`: what one article states against the consensus.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub discrepancy: Option<DiscrepancyAlert>,
    /// For `revision`: a figure that changed in a later report.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revision: Option<RevisionAlert>,
}

/// The discrepancy an alert reports, with its evidence.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DiscrepancyAlert {
    /// The discrepancy (kind, article, subject, stated, expected, evidence…).
    #[serde(flatten)]
    pub discrepancy: Discrepancy,
    /// What the other sources state (the discrepancy's `expected`).
    pub consensus: String,
}

/// A revised figure.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RevisionAlert {
    /// The event type the figure belongs to.
    pub event: String,
    /// The attribute (`killed`, `injured`…).
    pub attribute: String,
    /// The earlier value.
    pub from: String,
    /// The value now.
    pub to: String,
    /// The article that states the new value.
    pub article: String,
    /// Its sentence.
    pub sentence: String,
}

/// The alerts a story's current state calls for. Each alert's id depends
/// only on what it reports (and the story's first article, which does not
/// change as the story grows), so re-corroborating an unchanged story gives
/// the same ids and the store's record suppresses them.
pub fn story_alerts(story: &Story, rules: &AlertRules) -> Vec<Alert> {
    let anchor = story.articles.first().map(|a| a.0.as_str()).unwrap_or("");
    let base = |kind: &'static str, key: String| Alert {
        id: digest(&key),
        kind,
        story: story.id.clone(),
        story_url: format!(
            "{}/stories/{}",
            rules.ui_url.trim_end_matches('/'),
            story.id
        ),
        title: story.title.clone(),
        independent_sources: story.independent_sources,
        articles: story.articles.len(),
        discrepancy: None,
        revision: None,
    };
    let mut out = Vec::new();
    if rules.wants("new_story") && story.independent_sources >= rules.min_sources {
        out.push(base("new_story", format!("new_story\u{1f}{anchor}")));
    }
    let wanted = story
        .discrepancies
        .iter()
        .filter(|d| rules.wants("discrepancy") && rules.severe_enough(d));
    for d in wanted {
        let key = format!(
            "discrepancy\u{1f}{:?}\u{1f}{}\u{1f}{}\u{1f}{}",
            d.kind, d.article.0, d.subject, d.stated
        );
        let mut a = base("discrepancy", key);
        a.discrepancy = Some(DiscrepancyAlert {
            consensus: d.expected.clone(),
            discrepancy: d.clone(),
        });
        out.push(a);
    }
    let revisions = if rules.wants("revision") {
        story.events.as_slice()
    } else {
        &[]
    };
    // A generic count ("five people") revised in the sentence that revises
    // a typed figure ("killed five") is the same revision: sent once.
    let typed: Vec<(&str, Interval, Span)> = revisions
        .iter()
        .flat_map(|e| &e.facts)
        .filter(|f| f.attribute != "quantity" && !f.revisions.is_empty())
        .filter_map(|f| {
            f.support
                .last()
                .map(|s| (s.article.0.as_str(), f.value, s.span))
        })
        .collect();
    for event in revisions {
        for fact in &event.facts {
            let (Some(prev), Some(latest)) = (fact.revisions.last(), fact.support.last()) else {
                continue;
            };
            if fact.attribute == "quantity"
                && typed.contains(&(latest.article.0.as_str(), fact.value, latest.span))
            {
                continue;
            }
            let (Some(from), Some(to)) = (interval_text(&prev.value), interval_text(&fact.value))
            else {
                continue;
            };
            let key = format!(
                "revision\u{1f}{anchor}\u{1f}{}\u{1f}{}\u{1f}{to}",
                event.event_type, fact.attribute
            );
            let mut a = base("revision", key);
            a.revision = Some(RevisionAlert {
                event: event.event_type.clone(),
                attribute: fact.attribute.clone(),
                from,
                to,
                article: latest.article.0.clone(),
                sentence: latest.sentence.clone(),
            });
            out.push(a);
        }
    }
    out
}

fn digest(key: &str) -> String {
    let d = Sha256::digest(key.as_bytes());
    d.iter().take(12).map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use corroborate_model::{ArticleId, DiscrepancyKind};

    fn story(sources: usize) -> Story {
        Story {
            id: "s3".into(),
            title: "Floods".into(),
            articles: vec![ArticleId("a".into()), ArticleId("b".into())],
            independent_sources: sources,
            events: vec![],
            alignment: vec![],
            language_links: vec![],
            discrepancies: vec![],
        }
    }

    fn discrepancy(stated: &str, expected: &str) -> Discrepancy {
        Discrepancy {
            kind: DiscrepancyKind::Number,
            article: ArticleId("b".into()),
            subject: "killed".into(),
            stated: stated.into(),
            expected: expected.into(),
            evidence: vec![],
            explanation: String::new(),
            severity: None,
        }
    }

    #[test]
    fn a_story_is_announced_from_the_source_threshold_on() {
        let rules = AlertRules::default();
        assert!(story_alerts(&story(1), &rules).is_empty());
        let alerts = story_alerts(&story(2), &rules);
        assert_eq!(alerts.len(), 1);
        assert_eq!(alerts[0].kind, "new_story");
        assert_eq!(alerts[0].story_url, "http://127.0.0.1:8080/stories/s3");
        // Growing further does not make it a different alert.
        assert_eq!(story_alerts(&story(3), &rules)[0].id, alerts[0].id);
    }

    #[test]
    fn a_discrepancy_keeps_its_id_when_the_consensus_moves() {
        let rules = AlertRules::default();
        let mut s = story(1);
        s.discrepancies.push(discrepancy("12", "9"));
        let first = story_alerts(&s, &rules);
        s.discrepancies[0].expected = "10".into();
        let again = story_alerts(&s, &rules);
        assert_eq!(first[0].id, again[0].id);
        assert_eq!(again[0].discrepancy.as_ref().unwrap().consensus, "10");
        s.discrepancies[0].stated = "13".into();
        assert_ne!(story_alerts(&s, &rules)[0].id, first[0].id);
        let json = serde_json::to_value(&first[0]).unwrap();
        assert_eq!(json["discrepancy"]["kind"], "number");
        assert_eq!(json["discrepancy"]["stated"], "12");
    }

    #[test]
    fn exec_sinks_get_the_json_on_stdin() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("got.json");
        let sink = Sink::parse(&format!("exec:cat > '{}'", out.display())).unwrap();
        let fetcher = Fetcher::new(Default::default());
        sink.deliver(&fetcher, "{\"kind\":\"x\"}", &mut |_| {})
            .unwrap();
        assert_eq!(
            std::fs::read_to_string(&out).unwrap().trim(),
            "{\"kind\":\"x\"}"
        );
        assert!(Sink::parse("exec:exit 3")
            .unwrap()
            .deliver(&fetcher, "{}", &mut |_| {})
            .is_err());
    }

    #[test]
    fn kinds_and_severity_filter_what_is_sent() {
        let mut s = story(2);
        let mut low = discrepancy("12", "9");
        low.severity = Some(Severity::Low);
        let mut high = discrepancy("40", "9");
        high.severity = Some(Severity::High);
        s.discrepancies = vec![low, high];
        let all = story_alerts(&s, &AlertRules::default());
        assert_eq!(all.len(), 3);
        let rules = AlertRules {
            kinds: vec!["discrepancy".into()],
            min_severity: Some(Severity::Medium),
            ..AlertRules::default()
        };
        let picked = story_alerts(&s, &rules);
        assert_eq!(picked.len(), 1);
        assert_eq!(
            picked[0].discrepancy.as_ref().unwrap().discrepancy.stated,
            "40"
        );
    }
}
