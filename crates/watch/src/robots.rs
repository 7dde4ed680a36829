//! `robots.txt` (RFC 9309): which paths of a site the watcher may fetch,
//! and the crawl delay the site asks for.

use std::time::Duration;

/// The rules of one site's `robots.txt` that apply to the watcher.
///
/// ```
/// use corroborate_watch::Robots;
/// let r = Robots::parse("User-agent: *\nDisallow: /private/\nAllow: /private/open", "corroborate");
/// assert!(r.allows("/news/1"));
/// assert!(!r.allows("/private/x"));
/// assert!(r.allows("/private/open/y"));
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Robots {
    rules: Vec<Rule>,
    /// `Crawl-delay` of the applicable group, if any.
    pub crawl_delay: Option<Duration>,
}

#[derive(Debug, Clone, PartialEq)]
struct Rule {
    allow: bool,
    pattern: String,
}

/// Longest `robots.txt` read; the RFC asks crawlers to read at least 500 KiB.
pub const MAX_ROBOTS_BYTES: usize = 512 * 1024;

/// Longest crawl delay honoured (a site asking for hours is capped).
const MAX_CRAWL_DELAY: Duration = Duration::from_secs(60);

impl Robots {
    /// No rules: everything allowed (no `robots.txt`, or a 4xx for it).
    pub fn allow_all() -> Self {
        Robots::default()
    }

    /// Everything disallowed (the RFC's answer to an unreachable
    /// `robots.txt`: a 5xx or a network error).
    pub fn disallow_all() -> Self {
        Robots {
            rules: vec![Rule {
                allow: false,
                pattern: "/".into(),
            }],
            crawl_delay: None,
        }
    }

    /// Parses `text` for the crawler whose product token is `agent`: the
    /// groups naming it (case-insensitively) apply, else the `*` groups.
    pub fn parse(text: &str, agent: &str) -> Self {
        let agent = agent.to_ascii_lowercase();
        let text = &text[..floor_char_boundary(text, MAX_ROBOTS_BYTES)];
        let mut specific = Robots::default();
        let mut wildcard = Robots::default();
        let mut found_specific = false;
        // The current group's agents match us / match `*`.
        let (mut ours, mut star) = (false, false);
        let mut in_agents = false;
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let key = key.trim().to_ascii_lowercase();
            let value = value.trim();
            match key.as_str() {
                "user-agent" => {
                    if !in_agents {
                        ours = false;
                        star = false;
                        in_agents = true;
                    }
                    let v = value.to_ascii_lowercase();
                    if v == "*" {
                        star = true;
                    } else if !v.is_empty() && agent.contains(v.as_str()) {
                        ours = true;
                        found_specific = true;
                    }
                }
                "allow" | "disallow" | "crawl-delay" => {
                    in_agents = false;
                    let target = if ours {
                        &mut specific
                    } else if star {
                        &mut wildcard
                    } else {
                        continue;
                    };
                    if key == "crawl-delay" {
                        if let Ok(secs) = value.parse::<f64>() {
                            if secs.is_finite() && secs >= 0.0 {
                                target.crawl_delay =
                                    Some(Duration::from_secs_f64(secs).min(MAX_CRAWL_DELAY));
                            }
                        }
                    } else if !value.is_empty() {
                        target.rules.push(Rule {
                            allow: key == "allow",
                            pattern: value.to_owned(),
                        });
                    }
                }
                _ => {}
            }
        }
        if found_specific {
            specific
        } else {
            wildcard
        }
    }

    /// Whether `path` (path and query of a URL) may be fetched: the longest
    /// matching rule decides, `Allow` winning a tie; no match allows.
    pub fn allows(&self, path: &str) -> bool {
        if path == "/robots.txt" {
            return true;
        }
        let mut best: Option<(usize, bool)> = None;
        for rule in &self.rules {
            if matches(&rule.pattern, path) {
                let len = rule.pattern.len();
                best = match best {
                    Some((l, a)) if l > len || (l == len && a) => Some((l, a)),
                    _ => Some((len, rule.allow)),
                };
            }
        }
        best.is_none_or(|(_, allow)| allow)
    }
}

/// Whether a robots pattern (`*` any run of characters, a final `$`
/// anchors the end) matches the start of `path`.
fn matches(pattern: &str, path: &str) -> bool {
    let (pattern, anchored) = match pattern.strip_suffix('$') {
        Some(p) => (p, true),
        None => (pattern, false),
    };
    let parts: Vec<&str> = pattern.split('*').collect();
    let mut at = 0;
    for (i, part) in parts.iter().enumerate() {
        if i == 0 {
            if !path.starts_with(part) {
                return false;
            }
            at = part.len();
            continue;
        }
        let last = i == parts.len() - 1;
        if last && anchored {
            // The final piece must end the path, after `at`.
            return path.len() >= at + part.len() && path[at..].ends_with(part);
        }
        match path[at..].find(part) {
            Some(k) => at += k + part.len(),
            None => return false,
        }
    }
    !anchored || at == path.len()
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn our_group_wins_over_the_wildcard() {
        let txt = "User-agent: *\nDisallow: /\n\nUser-agent: Corroborate\nUser-agent: other\nDisallow: /drafts\nCrawl-delay: 2.5\n";
        let r = Robots::parse(txt, "corroborate");
        assert!(r.allows("/news"));
        assert!(!r.allows("/drafts/1"));
        assert_eq!(r.crawl_delay, Some(Duration::from_millis(2500)));
        let other = Robots::parse(txt, "somebot");
        assert!(!other.allows("/news"));
    }

    #[test]
    fn wildcards_anchors_and_longest_match() {
        let r = Robots::parse(
            "User-agent: *\nDisallow: /*.pdf$\nDisallow: /a\nAllow: /a/b\nDisallow: /q?*s=",
            "corroborate",
        );
        assert!(!r.allows("/files/x.pdf"));
        assert!(r.allows("/files/x.pdf?download"));
        assert!(!r.allows("/a/c"));
        assert!(r.allows("/a/b/c"));
        assert!(!r.allows("/q?x=1&s=2"));
        assert!(r.allows("/robots.txt"));
    }

    #[test]
    fn comments_blank_values_and_garbage_are_ignored() {
        let r = Robots::parse(
            "\u{feff}garbage line\nUser-agent: * # all\nDisallow:\nCrawl-delay: soon\n",
            "corroborate",
        );
        assert!(r.allows("/anything"));
        assert_eq!(r.crawl_delay, None);
        assert!(!Robots::disallow_all().allows("/x"));
    }

    #[test]
    fn crawl_delay_is_capped() {
        let r = Robots::parse("User-agent: *\nCrawl-delay: 86400", "corroborate");
        assert_eq!(r.crawl_delay, Some(MAX_CRAWL_DELAY));
    }
}
