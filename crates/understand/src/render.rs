//! A plain-text rendering of annotations for people (`annotate --format text`).

use corroborate_model::{Annotations, Interval, Span};
use std::fmt::Write;

fn interval(v: &Interval) -> String {
    let n = |x: Option<f64>| x.map_or(String::new(), |x| format!("{x}"));
    if v.low.is_some() && v.low == v.high {
        return n(v.low);
    }
    format!("{}..{}", n(v.low), n(v.high))
}

fn at(s: Span) -> String {
    format!("[{},{}]", s.start, s.end)
}

/// Renders one article's annotations, one item per line, grouped by layer.
///
/// ```
/// use corroborate_model::Annotations;
/// let a = Annotations { article: "a1".into(), ..Default::default() };
/// assert!(corroborate_understand::to_text(&a).starts_with("== a1"));
/// ```
pub fn to_text(a: &Annotations) -> String {
    let mut o = String::new();
    let published = a.published.map_or("unknown".to_owned(), |d| d.to_string());
    let lang = a.language.as_deref().unwrap_or("?");
    let _ = writeln!(
        o,
        "== {} (language {lang}, published {published}, {} sentences)",
        a.article,
        a.sentences.len()
    );
    for n in &a.numbers {
        let unit = n.unit.as_deref().unwrap_or("");
        let _ = writeln!(
            o,
            "number  {} {:?} = {} {:?} {unit} ({})",
            at(n.span),
            n.text,
            interval(&n.value),
            n.kind,
            n.rule
        );
    }
    for t in &a.times {
        let v = t.value.as_deref().unwrap_or("unresolved");
        let _ = writeln!(o, "time    {} {:?} = {v} ({})", at(t.span), t.text, t.rule);
    }
    for p in &a.places {
        let id = p
            .place
            .geonames_id
            .map_or(String::new(), |i| format!(" geonames:{i}"));
        let _ = writeln!(
            o,
            "place   {} {:?} = {} {:?}, {}, {}{id} ({})",
            at(p.span),
            p.text,
            p.place.name,
            p.kind,
            p.place.admin1.as_deref().unwrap_or("-"),
            p.place.country.as_deref().unwrap_or("-"),
            p.rule
        );
    }
    for e in &a.entities {
        let roles: Vec<String> = e
            .roles
            .iter()
            .map(|r| match &r.of {
                Some(of) => format!("{} of {of}", r.role),
                None => r.role.clone(),
            })
            .collect();
        let _ = writeln!(
            o,
            "entity  {} {:?} {:?} {} mention(s) {}",
            e.id,
            e.kind,
            e.name,
            e.mentions.len(),
            roles.join("; ")
        );
    }
    for r in &a.relations {
        let amb = if r.ambiguous {
            format!(" AMBIGUOUS (also: {})", r.alternatives.join(", "))
        } else {
            String::new()
        };
        let _ = writeln!(
            o,
            "relation {} {} is {} of {}{amb} ({})",
            at(r.span),
            r.subject_name,
            r.relation,
            r.object_name.as_deref().unwrap_or("?"),
            r.rule
        );
    }
    for q in &a.quotes {
        let _ = writeln!(
            o,
            "quote   {} {} by {} ({}): {:?}",
            at(q.span),
            q.kind,
            q.speaker.as_deref().unwrap_or("?"),
            q.cue.as_deref().unwrap_or("-"),
            q.text
        );
    }
    o
}
