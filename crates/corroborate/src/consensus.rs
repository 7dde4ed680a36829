//! Consensus: each linked event's facts compared across independent copy
//! families. Values are intervals; two conflict only when they do not
//! intersect. A figure that grows in later-published reports is a revision
//! (the latest wins), not a conflict. `low`/`best`/`high` summarise what the
//! agreeing families say, in the manner of UCDP's estimates.

use crate::link::Cluster;
use crate::words::{jaccard, word_set, SentenceWords};
use crate::Member;
use corroborate_model::{
    Actor, ArticleEvent, ArticleFact, DateRange, Event, Fact, FactStatus, Interval, Mention, Place,
    PlaceKind, Revision, Span, Support,
};
use corroborate_text::fold_word;
use corroborate_text::shared::coordinators;
use serde_json::Value;

/// Typed attributes whose growth over publication time is a revision.
const GROWING: [&str; 6] = [
    "killed",
    "injured",
    "missing",
    "damaged",
    "destroyed",
    "displaced",
];

/// The key facts are compared under: attribute plus what it counts.
pub(crate) fn fact_key(f: &ArticleFact) -> (String, String) {
    let q = |k: &str| f.qualifiers.get(k).and_then(Value::as_str).map(fold_word);
    let head = |u: String| u.rsplit(' ').next().unwrap_or("").to_owned();
    let sub = match f.attribute.as_str() {
        "damaged" | "destroyed" => q("object").or_else(|| q("unit").map(head)),
        "launched" | "intercepted" => q("weapon").or_else(|| q("unit").map(head)),
        "quantity" => q("unit").map(head),
        _ => None,
    };
    (f.attribute.clone(), sub.unwrap_or_default())
}

/// One family's statement of a fact.
struct Stated<'a> {
    member: usize,
    family: usize,
    fact: &'a ArticleFact,
}

/// Whether every statement of a generic quantity is also the value of a
/// growing typed fact in its article (the "6" of "6 injured"): the quantity
/// then grows as that fact does, a revision rather than a conflict.
fn counts_growth(members: &[Member], stated: &[&Stated]) -> bool {
    stated.iter().all(|s| {
        members[s.member]
            .events
            .iter()
            .flat_map(|e| &e.facts)
            .any(|f| f.span == s.fact.span && GROWING.contains(&f.attribute.as_str()))
    })
}

fn lower_of(v: &Interval) -> f64 {
    v.low.or(v.best).unwrap_or(f64::NEG_INFINITY)
}

/// Builds the story's events from the clusters of linked mentions.
pub(crate) fn events(
    members: &[Member],
    clusters: &[Cluster],
    family: &[usize],
    texts: &[SentenceWords],
    story_id: &str,
) -> Vec<Event> {
    let mut order: Vec<&Cluster> = clusters.iter().collect();
    order.sort_by_key(|c| {
        c.iter()
            .map(|&(i, k)| (i, members[i].events[k].sentence))
            .min()
    });
    order
        .iter()
        .enumerate()
        .map(|(n, c)| event(members, c, family, texts, &format!("{story_id}e{}", n + 1)))
        .collect()
}

fn event(
    members: &[Member],
    cluster: &Cluster,
    family: &[usize],
    texts: &[SentenceWords],
    id: &str,
) -> Event {
    let evs: Vec<(usize, &ArticleEvent)> = cluster
        .iter()
        .map(|&(i, k)| (i, &members[i].events[k]))
        .collect();
    let first = evs[0].1;
    // An untyped mention (a toll linked by its figures, a happening's word
    // that fits the event) takes the typed one's type…
    let event_type = evs
        .iter()
        .map(|(_, e)| &e.event_type)
        .find(|t| t.as_str() != "other")
        .unwrap_or(&first.event_type)
        .clone();
    // …and the mentions of that type name the subtype ("captured" joined
    // to an arrest leaves it an arrest). Of those, the ones that tell
    // something (people, figures) come first: a quoted statement linked
    // with a bare "said" stays "remarks".
    let told = |e: &ArticleEvent| !e.actors.is_empty() || !e.facts.is_empty();
    let subtypes = |keep: &dyn Fn(&ArticleEvent) -> bool| {
        most_common(
            evs.iter()
                .filter(|(_, e)| e.event_type == event_type && keep(e))
                .filter_map(|(_, e)| e.subtype.clone()),
        )
    };
    let subtype = subtypes(&told).or_else(|| subtypes(&|_| true));
    let location = best_location(&evs);
    let date = evs
        .iter()
        .filter_map(|(_, e)| e.date)
        .reduce(|a, b| intersect(a, b).unwrap_or(a));
    let mut actors: Vec<Actor> = Vec::new();
    for (_, e) in &evs {
        for a in &e.actors {
            if !actors.contains(a) {
                actors.push(a.clone());
            }
        }
    }
    // Every word of every member that evokes the event.
    let mentions = evs
        .iter()
        .flat_map(|(i, e)| {
            std::iter::once((e.trigger, e.trigger_text.as_str()))
                .chain(e.also.iter().map(|(span, text)| (*span, text.as_str())))
                .flat_map(|(span, text)| {
                    let part = e
                        .parts
                        .iter()
                        .find(|(s, _)| *s == span)
                        .map(|(_, attribute)| attribute.clone());
                    coordinated(span, text)
                        .into_iter()
                        .map(move |(span, text)| (span, text, part.clone()))
                })
                .map(|(span, text, part)| Mention {
                    article: members[*i].article.id.clone(),
                    span,
                    text,
                    part,
                })
        })
        .collect();
    // Group every stated fact under its key, one statement per member.
    let mut keys: Vec<(String, String)> = Vec::new();
    let mut stated: Vec<Vec<Stated>> = Vec::new();
    // Per slot, the words of its first quote (empty for other facts).
    let mut slot_words: Vec<Vec<u64>> = Vec::new();
    for (i, e) in &evs {
        for f in &e.facts {
            let key = fact_key(f);
            // A speaker's quotes are one fact only when they are the same
            // words told again.
            let words = if f.attribute == "quote" {
                word_set(quote_of(f))
            } else {
                Vec::new()
            };
            let fits = |k: usize| {
                keys[k] == key
                    && (f.attribute != "quote"
                        || jaccard(&slot_words[k], &words) >= crate::link::MIN_QUOTE_SIMILARITY)
            };
            let slot = match (0..keys.len()).find(|&k| fits(k)) {
                Some(s) => s,
                None => {
                    keys.push(key);
                    stated.push(Vec::new());
                    slot_words.push(words);
                    keys.len() - 1
                }
            };
            if !stated[slot].iter().any(|s| s.member == *i) {
                stated[slot].push(Stated {
                    member: *i,
                    family: family[*i],
                    fact: f,
                });
            }
        }
    }
    let facts = stated.iter().map(|s| fact(members, s, texts)).collect();
    Event {
        id: id.to_owned(),
        event_type,
        subtype,
        location,
        date,
        actors,
        mentions,
        facts,
    }
}

/// The words of a quote fact ("" for any other fact).
fn quote_of(f: &ArticleFact) -> &str {
    f.qualifiers
        .get("quote")
        .and_then(|q| q.as_str())
        .unwrap_or("")
}

/// An evoking phrase as its mentions: "slipping and falling" is two,
/// "slipping" and "falling" (the words around the first coordinator of
/// [`coordinators`]); any other phrase is one.
fn coordinated(span: Span, text: &str) -> Vec<(Span, String)> {
    // Most mentions are one word; only a phrase written with single
    // spaces maps back onto its span.
    if !text.contains(' ') || span.end - span.start != text.chars().count() {
        return vec![(span, text.to_owned())];
    }
    let words: Vec<&str> = text.split(' ').collect();
    let joint = words
        .iter()
        .enumerate()
        .skip(1)
        .take(words.len().saturating_sub(2))
        .find(|(_, w)| coordinators().get_in(w, "*", 0).is_some());
    let Some((k, _)) = joint else {
        return vec![(span, text.to_owned())];
    };
    let left = words[..k].join(" ");
    let right = words[k + 1..].join(" ");
    let left_len = left.chars().count();
    let right_len = right.chars().count();
    vec![
        (Span::new(span.start, span.start + left_len), left),
        (Span::new(span.end - right_len, span.end), right),
    ]
}

fn most_common<T: PartialEq + Clone>(items: impl Iterator<Item = T>) -> Option<T> {
    let mut counts: Vec<(T, usize)> = Vec::new();
    for x in items {
        match counts.iter_mut().find(|(y, _)| *y == x) {
            Some((_, c)) => *c += 1,
            None => counts.push((x, 1)),
        }
    }
    counts.into_iter().max_by_key(|(_, c)| *c).map(|(x, _)| x)
}

/// The most often named place, cities before divisions before countries.
fn best_location(evs: &[(usize, &ArticleEvent)]) -> Option<Place> {
    for kind in [PlaceKind::City, PlaceKind::Region, PlaceKind::Country] {
        let found = most_common(
            evs.iter()
                .filter(|(_, e)| e.location_kind == Some(kind))
                .filter_map(|(_, e)| e.location.clone()),
        );
        if found.is_some() {
            return found;
        }
    }
    None
}

fn intersect(a: DateRange, b: DateRange) -> Option<DateRange> {
    if !a.intersects(&b) {
        return None;
    }
    let low = a.low.max(b.low);
    let high = match (a.high, b.high) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, None) => x,
        (None, y) => y,
    };
    let best = [a.best, b.best]
        .into_iter()
        .flatten()
        .find(|d| low.is_none_or(|l| *d >= l) && high.is_none_or(|h| *d <= h));
    Some(DateRange { best, low, high })
}

fn support(members: &[Member], texts: &[SentenceWords], s: &Stated) -> Support {
    Support {
        article: members[s.member].article.id.clone(),
        value: s.fact.value,
        sentence: texts[s.member].text(s.fact.sentence).to_owned(),
        span: texts[s.member].span(s.fact.sentence),
        value_span: (s.fact.span.end > s.fact.span.start).then_some(s.fact.span),
    }
}

/// One fact's consensus over the families that state it.
fn fact(members: &[Member], stated: &[Stated], texts: &[SentenceWords]) -> Fact {
    let first = stated[0].fact;
    let mut qualifiers = first.qualifiers.clone();
    // Per family, the statement of its earliest-published member.
    let mut fams: Vec<&Stated> = Vec::new();
    for s in stated {
        let date = members[s.member].article.published_date();
        match fams.iter_mut().find(|f| f.family == s.family) {
            Some(f) => {
                let fd = members[f.member].article.published_date();
                if date.is_some() && (fd.is_none() || date < fd) {
                    *f = s;
                }
            }
            None => fams.push(s),
        }
    }
    for s in stated.iter().skip(1) {
        if let Some(c) = s.fact.qualifiers.get("children").and_then(Value::as_f64) {
            let prev = qualifiers
                .get("children")
                .and_then(Value::as_f64)
                .unwrap_or(0.0);
            if c > prev {
                qualifiers.insert("children".into(), c.into());
            }
        }
    }
    let numeric = first.attribute != "quote";
    let mut revisions = Vec::new();
    let mut agreeing: Vec<&Stated> = fams.clone();
    if numeric && fams.len() > 1 {
        // A growing figure in later reports: revisions, the latest counts.
        let mut by_date: Vec<&Stated> = fams.clone();
        let dates: Vec<_> = by_date
            .iter()
            .map(|s| members[s.member].article.published_date())
            .collect();
        let all_dated = dates.iter().all(Option::is_some);
        by_date.sort_by_key(|s| members[s.member].article.published_date());
        let grows = all_dated
            && (GROWING.contains(&first.attribute.as_str())
                || first.attribute == "quantity" && counts_growth(members, &fams))
            && by_date.windows(2).all(|w| {
                // Reports of one day agree; a later day's figure is no lower.
                let (d0, d1) = (
                    members[w[0].member].article.published_date(),
                    members[w[1].member].article.published_date(),
                );
                if d0 == d1 {
                    w[0].fact.value.intersects(&w[1].fact.value)
                } else {
                    lower_of(&w[1].fact.value) >= lower_of(&w[0].fact.value)
                }
            })
            && by_date
                .windows(2)
                .any(|w| !w[0].fact.value.intersects(&w[1].fact.value));
        if grows {
            let last = by_date[by_date.len() - 1];
            for s in &by_date[..by_date.len() - 1] {
                if !s.fact.value.intersects(&last.fact.value) {
                    revisions.push(Revision {
                        value: s.fact.value,
                        article: members[s.member].article.id.clone(),
                    });
                }
            }
            agreeing = by_date
                .iter()
                .copied()
                .filter(|s| s.fact.value.intersects(&last.fact.value))
                .collect();
        } else {
            // The value the most families can share.
            let anchor = fams
                .iter()
                .max_by_key(|f| {
                    fams.iter()
                        .filter(|g| g.fact.value.intersects(&f.fact.value))
                        .count()
                })
                .copied()
                .unwrap_or(fams[0]);
            agreeing = fams
                .iter()
                .copied()
                .filter(|f| f.fact.value.intersects(&anchor.fact.value))
                .collect();
        }
    }
    let value = if numeric {
        summarise(&agreeing)
    } else {
        first.value
    };
    let revised: Vec<&corroborate_model::ArticleId> =
        revisions.iter().map(|r| &r.article).collect();
    // Every article is checked against the consensus, copies too: a copy
    // that changed a figure has drifted from its source.
    let (mut sup, mut con) = (Vec::new(), Vec::new());
    for s in stated {
        let agrees = !numeric || value.intersects(&s.fact.value);
        if agrees || revised.contains(&&members[s.member].article.id) {
            sup.push(support(members, texts, s));
        } else {
            con.push(support(members, texts, s));
        }
    }
    let status = if !con.is_empty() {
        FactStatus::Conflict
    } else if agreeing.len() >= 2 {
        FactStatus::Corroborated
    } else {
        FactStatus::SingleSource
    };
    Fact {
        attribute: first.attribute.clone(),
        value,
        qualifiers,
        status,
        support: sup,
        conflicting: con,
        revisions,
    }
}

/// low/best/high over agreeing family values: the lowest stated lower
/// bound, the median point estimate, the highest upper bound (open if any is).
fn summarise(agreeing: &[&Stated]) -> Interval {
    let mut bests: Vec<f64> = agreeing
        .iter()
        .filter_map(|s| s.fact.value.best.or(s.fact.value.low).or(s.fact.value.high))
        .collect();
    bests.sort_by(f64::total_cmp);
    let best = bests.get(bests.len() / 2).copied();
    let low = agreeing
        .iter()
        .map(|s| s.fact.value.low)
        .try_fold(f64::INFINITY, |acc, l| l.map(|l| acc.min(l)));
    let high = agreeing
        .iter()
        .map(|s| s.fact.value.high)
        .try_fold(f64::NEG_INFINITY, |acc, h| h.map(|h| acc.max(h)));
    Interval {
        low: low.filter(|l| l.is_finite()),
        best,
        high: high.filter(|h| h.is_finite()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_coordinated_phrase_is_two_mentions_with_their_own_spans() {
        let text = "after slipping and falling from the ridge";
        let at = 6;
        let phrase = "slipping and falling";
        let got = coordinated(Span::new(at, at + phrase.len()), phrase);
        assert_eq!(
            got,
            [
                (Span::new(6, 14), "slipping".to_owned()),
                (Span::new(19, 26), "falling".to_owned())
            ]
        );
        for (span, word) in &got {
            assert_eq!(&text[span.start..span.end], word);
        }
        // No coordinator, or one at an edge: one mention.
        assert_eq!(coordinated(Span::new(0, 11), "opened fire").len(), 1);
        assert_eq!(coordinated(Span::new(0, 7), "and run").len(), 1);
    }
}
