//! Discrepancies, each with the article, what it states, what is expected,
//! the sentences that show it and one sentence of explanation:
//!
//! * `number` — a figure outside the interval the other independent sources share;
//! * `date` — an event dated apart from the other sources, or a date the
//!   article itself contradicts: its own dated caption or dateline, or "N
//!   years ago" counted from a well-known event (`lexicons/events/anchor_events.tsv`);
//! * `place` — the same happening, told in sentences that say the same thing,
//!   put in another place;
//! * `person` — a relation whose other end differs from what the other
//!   sources say ("his son-in-law" next to the wrong man), `ambiguous` when
//!   the wording allows the consensus reading;
//! * `attribution` — one statement credited to different speakers;
//! * `quote` — one speaker's quote whose words differ in substance.

use crate::link::{places_compatible, Cluster};
use crate::words::{jaccard, word_set, SentenceWords};
use crate::Member;
use chrono::NaiveDate;
use corroborate_model::{
    DateSource, Discrepancy, DiscrepancyKind, Event, Evidence, FactStatus, Interval, Relation,
    SentenceKind, Severity, TimeKind,
};
use corroborate_text::{fold_word, shift_date, Lexicon};
use std::sync::OnceLock;

/// Days a date may fall before the article's own "now" and still be news.
const NEWS_WINDOW_DAYS: i64 = 90;
/// Two quotes of one speaker whose word similarity is below this differ in substance.
const QUOTE_DIFFERS_BELOW: f64 = 0.8;
/// Share of one quote's words found in the other above which it is a cut.
const QUOTE_CONTAINED: f64 = 0.9;

fn anchors() -> &'static Lexicon {
    static CELL: OnceLock<Lexicon> = OnceLock::new();
    CELL.get_or_init(|| Lexicon::parse(include_str!("../../../lexicons/events/anchor_events.tsv")))
}

fn fmt(v: &Interval) -> String {
    let n = |x: f64| {
        if x.fract() == 0.0 {
            format!("{}", x as i64)
        } else {
            format!("{x}")
        }
    };
    match (v.low, v.high) {
        (Some(l), Some(h)) if l == h => n(l),
        (Some(l), None) => format!("{}+", n(l)),
        (None, Some(h)) => format!("up to {}", n(h)),
        (Some(l), Some(h)) => format!("{}–{}", n(l), n(h)),
        (None, None) => "?".into(),
    }
}

fn evidence(members: &[Member], texts: &[SentenceWords], m: usize, sentence: usize) -> Evidence {
    Evidence {
        article: members[m].article.id.clone(),
        sentence: texts[m].text(sentence).to_owned(),
        span: texts[m].span(sentence),
    }
}

/// Every discrepancy of the story.
pub(crate) fn find(
    members: &[Member],
    clusters: &[Cluster],
    events: &[Event],
    family: &[usize],
    texts: &[SentenceWords],
) -> Vec<Discrepancy> {
    let mut out = Vec::new();
    numbers(members, events, &mut out);
    for (m, _) in members.iter().enumerate() {
        internal_dates(members, m, texts, &mut out);
    }
    event_dates(members, clusters, texts, family, &mut out);
    places(members, texts, &mut out);
    relations(members, texts, family, &mut out);
    statements(members, clusters, texts, &mut out);
    // A generic count ("seven people") read in the same sentence as a
    // typed figure ("killed seven") is the same statement: report it once,
    // under the typed attribute.
    let stated_at = |d: &Discrepancy| {
        (
            d.kind as u8,
            d.article.0.clone(),
            d.stated.clone(),
            d.evidence.first().map(|e| e.span),
        )
    };
    let typed: std::collections::HashSet<_> = out
        .iter()
        .filter(|d| d.kind == DiscrepancyKind::Number && !d.subject.starts_with("quantity"))
        .map(stated_at)
        .collect();
    out.retain(|d| {
        !(d.kind == DiscrepancyKind::Number
            && d.subject.starts_with("quantity")
            && typed.contains(&stated_at(d)))
    });
    // One discrepancy per article, kind and stated value.
    let mut seen = std::collections::HashSet::new();
    out.retain(|d| {
        seen.insert((
            d.kind as u8,
            d.article.0.clone(),
            d.stated.clone(),
            d.subject.clone(),
        ))
    });
    out
}

fn place_name(e: &Event) -> String {
    e.location
        .as_ref()
        .map_or_else(String::new, |p| format!(" in {}", p.name))
}

/// Figures outside the interval the other independent sources share.
fn numbers(members: &[Member], events: &[Event], out: &mut Vec<Discrepancy>) {
    for e in events {
        for f in e.facts.iter().filter(|f| f.status == FactStatus::Conflict) {
            // "damaged residential buildings", "launched drones", "injured".
            let noun = match f.attribute.as_str() {
                "damaged" | "destroyed" => f.qualifiers.get("object"),
                "quantity" | "launched" | "intercepted" => f.qualifiers.get("unit"),
                _ => None,
            };
            let what = noun
                .and_then(|v| v.as_str())
                .map(|u| format!("{} {u}", f.attribute))
                .unwrap_or_else(|| f.attribute.clone());
            for c in &f.conflicting {
                let Some(m) = members.iter().position(|x| x.article.id == c.article) else {
                    continue;
                };
                let mut ev = vec![Evidence {
                    article: c.article.clone(),
                    sentence: c.sentence.clone(),
                    span: c.span,
                }];
                if let Some(s) = f.support.first() {
                    ev.push(Evidence {
                        article: s.article.clone(),
                        sentence: s.sentence.clone(),
                        span: s.span,
                    });
                }
                out.push(Discrepancy {
                    kind: corroborate_model::DiscrepancyKind::Number,
                    article: members[m].article.id.clone(),
                    subject: format!("{what}{}", place_name(e)),
                    stated: fmt(&c.value),
                    expected: fmt(&f.value),
                    evidence: ev,
                    explanation: format!(
                        "{} states {} where {} independent source(s) agree on {}; the intervals do not intersect",
                        members[m].article.id,
                        fmt(&c.value),
                        f.support.len(),
                        fmt(&f.value)
                    ),
                    severity: Some(number_severity(&c.value, &f.value)),
                });
            }
        }
    }
}

/// How far apart two figures are: "100" against "over 100" is a nuance of
/// wording (low), 21 against 12 is a different figure (high).
fn number_severity(stated: &Interval, consensus: &Interval) -> Severity {
    let gap = match (stated.high, consensus.low, stated.low, consensus.high) {
        (Some(h), Some(l), _, _) if h < l => l - h,
        (_, _, Some(l), Some(h)) if l > h => l - h,
        _ => 0.0,
    };
    let scale = consensus
        .best
        .or(consensus.low)
        .unwrap_or(1.0)
        .abs()
        .max(1.0);
    if gap <= 1.0 || gap / scale <= 0.05 {
        Severity::Low
    } else if gap / scale <= 0.25 {
        Severity::Medium
    } else {
        Severity::High
    }
}

/// The article's own "now": its publication date when a dateline, caption
/// or metadata gives it, and the range that "N years ago" counted from a
/// known event implies. Each with the sentence that shows it.
struct Now {
    published: Option<(NaiveDate, Option<usize>)>,
    implied: Option<(NaiveDate, NaiveDate, usize, String)>,
}

fn article_now(member: &Member, texts: &SentenceWords) -> Now {
    let a = member.annotations;
    let published = member.article.published.as_ref().map(|p| {
        let sentence = match p.source {
            DateSource::Caption => a
                .sentences
                .iter()
                .find(|s| {
                    s.kind == SentenceKind::Caption
                        && texts
                            .text(s.index)
                            .contains(&p.date.format("%Y").to_string())
                })
                .map(|s| s.index),
            DateSource::Dateline => Some(0),
            _ => None,
        };
        (p.date, sentence)
    });
    let lower = member.article.text.to_lowercase();
    let mut implied = None;
    for t in &a.times {
        let Some(ago) = &t.ago else { continue };
        let sentence = texts.text(t.sentence).to_lowercase();
        let anchor = anchors()
            .keys_longest_first()
            .into_iter()
            .find_map(|phrase| {
                if !sentence.contains(phrase) {
                    return None;
                }
                let cols = anchors().get(phrase)?;
                let date = parse_anchor_date(cols.first()?)?;
                let context_ok = cols.get(1).is_none_or(|ctx| {
                    ctx.trim() == "-"
                        || ctx
                            .split(',')
                            .map(str::trim)
                            .filter(|w| !w.is_empty())
                            .any(|w| lower.contains(&fold_word(w)))
                });
                context_ok.then(|| (date, phrase.to_owned()))
            });
        let Some((anchor_date, phrase)) = anchor else {
            continue;
        };
        let amount = ago.amount;
        let at = |x: f64| shift_date(anchor_date, x, &ago.unit);
        let (lo, hi) = match ago.quantifier.as_deref() {
            Some("nearly" | "less_than" | "at_most") => (at(amount - 0.5), at(amount)),
            Some("more_than" | "at_least") => (at(amount), at(amount + 1.0)),
            _ => (at(amount - 0.5), at(amount + 0.5)),
        };
        if let (Some(lo), Some(hi)) = (lo, hi) {
            implied = Some((
                lo,
                hi,
                t.sentence,
                format!("'{}' counted from {} ({})", t.text, phrase, anchor_date),
            ));
            break;
        }
    }
    Now { published, implied }
}

fn parse_anchor_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .or_else(|| NaiveDate::parse_from_str(&format!("{s}-01"), "%Y-%m-%d").ok())
        .or_else(|| NaiveDate::parse_from_str(&format!("{s}-01-01"), "%Y-%m-%d").ok())
}

/// Full dates in an article's running text that its own "now" contradicts.
fn internal_dates(
    members: &[Member],
    m: usize,
    texts: &[SentenceWords],
    out: &mut Vec<Discrepancy>,
) {
    let member = &members[m];
    let now = article_now(member, &texts[m]);
    let Some(now_low) = now
        .published
        .map(|(d, _)| d)
        .or(now.implied.as_ref().map(|(lo, _, _, _)| *lo))
    else {
        return;
    };
    let a = member.annotations;
    for t in &a.times {
        let absolute = !t.relative
            && matches!(
                t.rule.as_str(),
                "month_day_year" | "day_month_year" | "iso" | "dotted_day_month_year"
            );
        if !absolute || t.kind != TimeKind::Date {
            continue;
        }
        let Some(d) = t.range.and_then(|r| r.best) else {
            continue;
        };
        let kind = a.sentences.get(t.sentence).map(|s| s.kind);
        if kind == Some(SentenceKind::Caption) {
            continue;
        }
        // News dates its events close to its own now; a date long before it
        // but after the anchor event is suspect. Older dates are history.
        let too_early = (now_low - d).num_days() > NEWS_WINDOW_DAYS;
        let after_anchor = match &now.implied {
            Some((lo, _, _, _)) => {
                // The anchor is some years before `lo`; history is before it.
                let anchor_gap = (*lo - d).num_days();
                anchor_gap < 365 * 20
                    && now_low
                        .checked_sub_signed(chrono::Duration::days(365 * 6))
                        .is_some_and(|floor| {
                            d.format("%Y").to_string() >= floor.format("%Y").to_string()
                        })
            }
            None => (now_low - d).num_days() < 365 * 5,
        };
        if !(too_early && after_anchor) {
            continue;
        }
        let mut ev = vec![evidence(members, texts, m, t.sentence)];
        let mut reasons = Vec::new();
        if let Some((p, Some(s))) = now.published {
            ev.push(evidence(members, texts, m, s));
            reasons.push(format!(
                "the article's own caption or dateline dates it {p}"
            ));
        } else if let Some((p, None)) = now.published {
            reasons.push(format!("the article was published {p}"));
        }
        let mut severity = Severity::Medium;
        if let Some((lo, hi, s, how)) = &now.implied {
            ev.push(evidence(members, texts, m, *s));
            reasons.push(format!("{how} puts its present between {lo} and {hi}"));
            if now.published.is_some() {
                severity = Severity::High;
            }
        }
        let expected = match now.published {
            Some((p, _)) => p.to_string(),
            None => story_date(members).map_or_else(
                || {
                    now.implied
                        .as_ref()
                        .map_or(String::new(), |(lo, hi, _, _)| format!("{lo}..{hi}"))
                },
                |d| d.to_string(),
            ),
        };
        out.push(Discrepancy {
            kind: DiscrepancyKind::Date,
            article: member.article.id.clone(),
            subject: format!("date of '{}'", short(texts[m].text(t.sentence))),
            stated: d.to_string(),
            expected,
            evidence: ev,
            explanation: format!(
                "{} states {} but {}.",
                member.article.id,
                t.text,
                reasons.join(" and ")
            ),
            severity: Some(severity),
        });
    }
}

/// The publication date most members share.
fn story_date(members: &[Member]) -> Option<NaiveDate> {
    let mut dates: Vec<NaiveDate> = members
        .iter()
        .filter_map(|m| m.article.published_date())
        .collect();
    dates.sort();
    dates.get(dates.len() / 2).copied()
}

fn short(s: &str) -> String {
    let words: Vec<&str> = s.split_whitespace().take(12).collect();
    let mut t = words.join(" ");
    if s.split_whitespace().count() > 12 {
        t.push('…');
    }
    t
}

/// Linked mentions dated apart from the date most families give.
fn event_dates(
    members: &[Member],
    clusters: &[Cluster],
    texts: &[SentenceWords],
    family: &[usize],
    out: &mut Vec<Discrepancy>,
) {
    for c in clusters {
        let dated: Vec<(usize, usize)> = c
            .iter()
            .copied()
            .filter(|&(i, k)| members[i].events[k].date.is_some())
            .collect();
        if dated.len() < 2 {
            continue;
        }
        let range = |(i, k): (usize, usize)| members[i].events[k].date;
        for &x in &dated {
            let Some(rx) = range(x) else { continue };
            let agree: Vec<usize> = dated
                .iter()
                .filter(|&&y| range(y).is_some_and(|ry| ry.intersects(&rx)))
                .map(|&(i, _)| family[i])
                .collect();
            let disagree: Vec<&(usize, usize)> = dated
                .iter()
                .filter(|&&y| range(y).is_some_and(|ry| !ry.intersects(&rx)))
                .collect();
            let mut agree_f = agree.clone();
            agree_f.sort_unstable();
            agree_f.dedup();
            let mut disagree_f: Vec<usize> = disagree.iter().map(|&&(i, _)| family[i]).collect();
            disagree_f.sort_unstable();
            disagree_f.dedup();
            // `x` is in the minority: fewer families, or as many families
            // but fewer articles (a copy that drifted from its source).
            let minority = disagree_f.len() > agree_f.len()
                || (disagree_f.len() == agree_f.len() && disagree.len() > agree.len());
            if !minority || disagree.is_empty() {
                continue;
            }
            // `x` is in the minority.
            let (i, k) = x;
            let e = &members[i].events[k];
            let other = disagree[0];
            let oe = &members[other.0].events[other.1];
            out.push(Discrepancy {
                kind: DiscrepancyKind::Date,
                article: members[i].article.id.clone(),
                subject: format!("date of the {}{}", e.event_type, e.location.as_ref().map_or(String::new(), |p| format!(" in {}", p.name))),
                stated: rx.best.map_or(String::new(), |d| d.to_string()),
                expected: oe.date.and_then(|r| r.best).map_or(String::new(), |d| d.to_string()),
                evidence: vec![evidence(members, texts, i, e.sentence), evidence(members, texts, other.0, oe.sentence)],
                explanation: format!(
                    "{} independent source(s) date this {} otherwise; the dates cannot be the same day",
                    disagree_f.len(),
                    e.event_type
                ),
                severity: Some(Severity::Medium),
            });
        }
    }
}

/// The same happening, told in sentences that say the same, put in places
/// that cannot be one.
fn places(members: &[Member], texts: &[SentenceWords], out: &mut Vec<Discrepancy>) {
    for i in 0..members.len() {
        // Each pair once, the later member flagged.
        for j in 0..i {
            for e in members[i].events.iter() {
                for f in members[j].events.iter() {
                    let (Some(x), Some(y)) = (&e.location, &f.location) else {
                        continue;
                    };
                    if e.event_type != f.event_type || places_compatible(x, y) {
                        continue;
                    }
                    let sim = crate::words::jaccard(
                        texts[i].sets.get(e.sentence).map_or(&[][..], Vec::as_slice),
                        texts[j].sets.get(f.sentence).map_or(&[][..], Vec::as_slice),
                    );
                    if sim < 0.45 {
                        continue;
                    }
                    out.push(Discrepancy {
                        kind: DiscrepancyKind::Place,
                        article: members[i].article.id.clone(),
                        subject: format!("place of the {}", e.event_type),
                        stated: x.name.clone(),
                        expected: y.name.clone(),
                        evidence: vec![evidence(members, texts, i, e.sentence), evidence(members, texts, j, f.sentence)],
                        explanation: format!(
                            "{} tells the same {} as {} in nearly the same words but places it in {} instead of {}",
                            members[i].article.id, e.event_type, members[j].article.id, x.name, y.name
                        ),
                        severity: Some(Severity::Medium),
                    });
                }
            }
        }
    }
}

fn surname(name: &str) -> String {
    fold_word(name.rsplit(' ').next().unwrap_or(name))
}

/// Relations whose other end differs from what most families say.
fn relations(
    members: &[Member],
    texts: &[SentenceWords],
    family: &[usize],
    out: &mut Vec<Discrepancy>,
) {
    let mut all: Vec<(usize, &Relation)> = Vec::new();
    for (i, m) in members.iter().enumerate() {
        for r in &m.annotations.relations {
            if r.object_name.is_some() {
                all.push((i, r));
            }
        }
    }
    let object = |r: &Relation| surname(r.object_name.as_deref().unwrap_or(""));
    let key = |r: &Relation| (surname(&r.subject_name), r.relation.clone());
    for &(i, r) in &all {
        let same: Vec<&(usize, &Relation)> = all.iter().filter(|(_, s)| key(s) == key(r)).collect();
        // Families behind each reading; an ambiguous wording counts for
        // neither, since it can be read either way.
        let mut readings: Vec<(String, Vec<usize>, usize)> = Vec::new(); // (object, families, first member)
        for (j, s) in &same {
            if s.ambiguous {
                continue;
            }
            let o = object(s);
            match readings.iter_mut().find(|x| x.0 == o) {
                Some(x) => {
                    if !x.1.contains(&family[*j]) {
                        x.1.push(family[*j]);
                    }
                }
                None => readings.push((o, vec![family[*j]], *j)),
            }
        }
        let Some(best) = readings
            .iter()
            .max_by_key(|x| (x.1.len(), std::cmp::Reverse(x.2)))
        else {
            continue;
        };
        // The reading most families give wins only when it is a majority.
        let tied = readings
            .iter()
            .filter(|x| x.1.len() == best.1.len())
            .count()
            > 1;
        if tied || best.0 == object(r) {
            continue;
        }
        let Some(&&(j, consensus)) = same
            .iter()
            .find(|(j, s)| *j != i && !s.ambiguous && object(s) == best.0)
        else {
            continue;
        };
        let expected_name = consensus.object_name.clone().unwrap_or_default();
        let reading_allowed = r.alternatives.iter().any(|a| surname(a) == best.0);
        let severity = if r.ambiguous && reading_allowed {
            Severity::Ambiguous
        } else {
            Severity::High
        };
        let stated_name = r.object_name.as_deref().unwrap_or("?");
        let explanation = if severity == Severity::Ambiguous {
            format!(
                "\"{}\" reads as {} of {stated_name}, the subject of its clause, while {} independent source(s) say {} of {expected_name}; the wording also allows {expected_name}",
                short(texts[i].text(r.sentence)),
                r.relation,
                best.1.len(),
                r.relation,
            )
        } else {
            format!(
                "{} independent source(s) make {} the {} of {expected_name}, not of {stated_name}",
                best.1.len(),
                r.subject_name,
                r.relation
            )
        };
        out.push(Discrepancy {
            kind: DiscrepancyKind::Person,
            article: members[i].article.id.clone(),
            subject: format!("whose {} {} is", r.relation, r.subject_name),
            stated: format!("{} is {} of {stated_name}", r.subject_name, r.relation),
            expected: format!(
                "{} is {} of {expected_name}",
                consensus.subject_name, consensus.relation
            ),
            evidence: vec![
                evidence(members, texts, i, r.sentence),
                evidence(members, texts, j, consensus.sentence),
            ],
            explanation,
            severity: Some(severity),
        });
    }
}

/// Statements credited to different speakers, or one speaker's words changed.
fn statements(
    members: &[Member],
    clusters: &[Cluster],
    texts: &[SentenceWords],
    out: &mut Vec<Discrepancy>,
) {
    for c in clusters {
        let stmts: Vec<(usize, usize)> = c
            .iter()
            .copied()
            .filter(|&(i, k)| members[i].events[k].event_type == "statement")
            .collect();
        if stmts.len() < 2 {
            continue;
        }
        let speaker = |(i, k): (usize, usize)| {
            members[i].events[k]
                .actors
                .iter()
                .find(|a| a.role == "speaker")
                .map(|a| a.name.clone())
                .unwrap_or_default()
        };
        let quote = |(i, k): (usize, usize)| {
            members[i].events[k]
                .facts
                .iter()
                .find_map(|f| {
                    f.qualifiers
                        .get("quote")
                        .and_then(|q| q.as_str())
                        .map(str::to_owned)
                })
                .unwrap_or_default()
        };
        // Each quote's words, read once.
        let words: Vec<Vec<u64>> = stmts.iter().map(|&x| word_set(&quote(x))).collect();
        for (n, &x) in stmts.iter().enumerate().skip(1) {
            // A cluster holds one speaker's statements, each quote compared
            // with the earlier one most like it; two quotes that share
            // almost no words are two things said, not one changed.
            let Some((f, sim)) = (0..n)
                .map(|f| (f, jaccard(&words[f], &words[n])))
                .max_by(|a, b| a.1.total_cmp(&b.1))
            else {
                continue;
            };
            if !words[f].is_empty()
                && !words[n].is_empty()
                && sim < crate::link::MIN_QUOTE_SIMILARITY
            {
                continue;
            }
            let first = stmts[f];
            let (i, k) = x;
            let e = &members[i].events[k];
            let (sa, sb) = (speaker(first), speaker(x));
            let ev = vec![
                evidence(members, texts, i, e.sentence),
                evidence(
                    members,
                    texts,
                    first.0,
                    members[first.0].events[first.1].sentence,
                ),
            ];
            if surname(&sa) != surname(&sb) && !sa.is_empty() && !sb.is_empty() {
                out.push(Discrepancy {
                    kind: DiscrepancyKind::Attribution,
                    article: members[i].article.id.clone(),
                    subject: format!("who said \"{}\"", short(&quote(x))),
                    stated: sb.clone(),
                    expected: sa.clone(),
                    evidence: ev,
                    explanation: format!(
                        "{} credits these words to {}, {} to {}",
                        members[i].article.id, sb, members[first.0].article.id, sa
                    ),
                    severity: Some(Severity::High),
                });
                continue;
            }
            let both_direct = [first, x]
                .iter()
                .all(|&(m, k)| members[m].events[k].subtype.as_deref() == Some("remarks"));
            // A quote cut short is the same words, not other words.
            let shortened = crate::words::contained(&quote(first), &quote(x)) >= QUOTE_CONTAINED
                || crate::words::contained(&quote(x), &quote(first)) >= QUOTE_CONTAINED;
            if both_direct && sim < QUOTE_DIFFERS_BELOW && !shortened {
                out.push(Discrepancy {
                    kind: DiscrepancyKind::Quote,
                    article: members[i].article.id.clone(),
                    subject: format!("words of {sa}"),
                    stated: quote(x),
                    expected: quote(first),
                    evidence: ev,
                    explanation: format!(
                        "the two quotes of {} share only {:.0}% of their words",
                        sa,
                        sim * 100.0
                    ),
                    severity: Some(Severity::Medium),
                });
            }
        }
    }
}
