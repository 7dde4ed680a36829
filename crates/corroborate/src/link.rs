//! Event linking: the mentions of one real-world event across the articles
//! of a story become one cluster. Two mentions link when they have the same
//! type, places and dates that can be the same, and some evidence that they
//! are the same happening — the same place named, a figure both state, or
//! sentences that say the same thing. A speaker's statements in a story are
//! one event (its quotes kept apart as facts); the same words link whoever
//! they are credited to.

use crate::words::{jaccard, word_set, SentenceWords};
use crate::Member;
use corroborate_model::{ArticleEvent, DateRange, Place};
use corroborate_text::Lexicon;
use std::sync::OnceLock;

/// Least similarity of two events' sentences to count as evidence.
pub const MIN_EVENT_SENTENCE_SIMILARITY: f64 = 0.25;
/// Word similarity at which two quotes are the same words.
pub const SAME_WORDS: f64 = 0.8;
/// Least word similarity of two quotes of one speaker to be the same words
/// told again: one quote fact, compared for a change of substance. Below
/// it they are two things the speaker said.
pub const MIN_QUOTE_SIMILARITY: f64 = 0.3;
/// Agreeing typed figures (killed, injured…) that make an untyped mention
/// one with a typed event.
const MIN_TOLL_FIGURES: usize = 2;

/// A cluster of event mentions: `(member, event index in that member)`.
pub type Cluster = Vec<(usize, usize)>;

/// Whether two places can be where one event happened: the same entry, or
/// a city and the division it lies in.
pub fn places_compatible(a: &Place, b: &Place) -> bool {
    if a.geonames_id.is_some() && a.geonames_id == b.geonames_id {
        return true;
    }
    if a.name == b.name && a.country == b.country {
        return true;
    }
    // A division (no GeoNames id in the packaged data) and a city inside it.
    let a_region = a.geonames_id.is_none();
    let b_region = b.geonames_id.is_none();
    (a_region || b_region) && a.admin1.is_some() && a.admin1 == b.admin1 && a.country == b.country
}

fn speaker(e: &ArticleEvent) -> Option<String> {
    e.actors
        .iter()
        .find(|a| a.role == "speaker")
        .map(|a| a.name.rsplit(' ').next().unwrap_or(&a.name).to_lowercase())
}

fn quote(e: &ArticleEvent) -> &str {
    e.facts
        .iter()
        .find(|f| f.attribute == "quote")
        .and_then(|f| f.qualifiers.get("quote"))
        .and_then(|q| q.as_str())
        .unwrap_or("")
}

/// Best similarity between the sentences of two events.
fn sentence_similarity(
    a: &ArticleEvent,
    ta: &SentenceWords,
    b: &ArticleEvent,
    tb: &SentenceWords,
) -> f64 {
    let mut best = 0.0f64;
    for &i in &a.sentences {
        for &j in &b.sentences {
            if let (Some(x), Some(y)) = (ta.sets.get(i), tb.sets.get(j)) {
                best = best.max(jaccard(x, y));
            }
        }
    }
    best
}

/// Whether a figure of one event agrees with a figure of the other (same
/// typed attribute, intersecting values).
fn shared_figure(a: &ArticleEvent, b: &ArticleEvent) -> bool {
    shared_figures(a, b) > 0
}

/// How many typed attributes of one event have a figure that agrees with
/// the other's.
fn shared_figures(a: &ArticleEvent, b: &ArticleEvent) -> usize {
    let mut attributes: Vec<&str> = a
        .facts
        .iter()
        .filter(|f| {
            f.attribute != "quantity"
                && f.attribute != "quote"
                && b.facts
                    .iter()
                    .any(|g| g.attribute == f.attribute && g.value.intersects(&f.value))
        })
        .map(|f| f.attribute.as_str())
        .collect();
    attributes.sort_unstable();
    attributes.dedup();
    attributes.len()
}

/// Whether an untyped mention (a toll told with no trigger word, "the
/// toll stands at four dead and six injured") is a typed event told
/// elsewhere: two of its figures agree, and neither place nor date
/// disagrees.
fn untyped_toll_of(a: &ArticleEvent, b: &ArticleEvent) -> bool {
    if (a.event_type == "other") == (b.event_type == "other")
        || a.event_type == "statement"
        || b.event_type == "statement"
    {
        return false;
    }
    let places_agree = match (&a.location, &b.location) {
        (Some(x), Some(y)) => x.name == y.name || places_compatible(x, y),
        _ => true,
    };
    places_agree
        && DateRange::may_meet(a.date.as_ref(), b.date.as_ref())
        && shared_figures(a, b) >= MIN_TOLL_FIGURES
}

/// An event mention with what linking compares of a statement, read
/// once: every mention is compared with every other of the story.
struct Linkable<'a> {
    event: &'a ArticleEvent,
    /// The speaker's last name, lower case.
    speaker: Option<String>,
    /// The content words of the quote ([`word_set`]).
    quote_words: Vec<u64>,
    /// The happening it is, and the typed events its words may tell
    /// ([`sense`]).
    happening: Option<&'a str>,
    fits: Vec<&'static str>,
}

impl<'a> Linkable<'a> {
    fn of(event: &'a ArticleEvent) -> Self {
        let statement = event.event_type == "statement";
        let (happening, fits) = match sense(event) {
            Some((h, fits)) => (Some(h), fits),
            None => (None, Vec::new()),
        };
        Linkable {
            event,
            speaker: statement.then(|| speaker(event)).flatten(),
            quote_words: if statement {
                word_set(quote(event))
            } else {
                Vec::new()
            },
            happening,
            fits,
        }
    }
}

/// Happening labels that name the same happening (`lexicons/events/senses.tsv`).
fn senses() -> &'static Lexicon {
    static CELL: OnceLock<Lexicon> = OnceLock::new();
    CELL.get_or_init(|| Lexicon::parse(include_str!("../../../lexicons/events/senses.tsv")))
}

/// The happening an event of general news is — the sense of its subtype,
/// for an event of type `other` read off a happening word ("nomination",
/// "escape"; "captured" and "arrested" are one sense, `arrest`) — and the
/// typed events its bare word may tell ("died": an attack or a disaster;
/// `senses.tsv`, third column).
fn sense(e: &ArticleEvent) -> Option<(&str, Vec<&'static str>)> {
    let label = (e.event_type == "other")
        .then_some(e.subtype.as_deref())
        .flatten()?;
    let row = senses().get(label);
    let sense = row.and_then(|r| r.first()).map_or(label, String::as_str);
    let fits = row
        .and_then(|r| r.get(1))
        .map(|types| types.split(',').filter(|t| *t != "-").collect())
        .unwrap_or_default();
    Some((sense, fits))
}

/// Whether two mentions of one happening in a story can be one: the
/// story is one news item, so the same happening is the same one unless
/// the dates or the places tell them apart.
fn happenings_meet(a: &ArticleEvent, b: &ArticleEvent) -> bool {
    let places = match (&a.location, &b.location) {
        (Some(x), Some(y)) => places_compatible(x, y),
        _ => true,
    };
    DateRange::may_meet(a.date.as_ref(), b.date.as_ref()) && places
}

/// Whether mention `ma` of member `i` and mention `mb` of member `j` are one event.
fn same_event(ma: &Linkable, ta: &SentenceWords, mb: &Linkable, tb: &SentenceWords) -> bool {
    let (a, b) = (ma.event, mb.event);
    if a.event_type != b.event_type {
        return untyped_toll_of(a, b) || untyped_toll_of(b, a);
    }
    if a.event_type == "statement" {
        let same_speaker = ma.speaker.is_some() && ma.speaker == mb.speaker;
        let words = jaccard(&ma.quote_words, &mb.quote_words);
        // One speaker's statements in a story are one statement event (what
        // the police said of it), its quotes kept apart as facts; the same
        // words are the same statement, whoever they are credited to.
        return same_speaker
            || words >= SAME_WORDS
            || sentence_similarity(a, ta, b, tb) >= MIN_EVENT_SENTENCE_SIMILARITY * 2.0;
    }
    // A happening is only ever the same happening: an untyped toll told in
    // a similar sentence is not a "release" or a "walk".
    match (ma.happening, mb.happening) {
        (Some(x), Some(y)) => return x == y && happenings_meet(a, b),
        (Some(_), None) | (None, Some(_)) => return false,
        (None, None) => {}
    }
    let similar = sentence_similarity(a, ta, b, tb) >= MIN_EVENT_SENTENCE_SIMILARITY;
    if let (Some(x), Some(y)) = (&a.date, &b.date) {
        if !x.intersects(y) {
            // Dated apart: one event only when the same place is told in
            // the same words or with the same figures (then the dates are a
            // discrepancy, not two events).
            let same_place = match (&a.location, &b.location) {
                (Some(p), Some(q)) => {
                    (p.geonames_id.is_some() && p.geonames_id == q.geonames_id) || p.name == q.name
                }
                _ => false,
            };
            return same_place && (similar || shared_figure(a, b));
        }
    }
    let same_subtype = match (&a.subtype, &b.subtype) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    };
    match (&a.location, &b.location) {
        (Some(x), Some(y)) => {
            let same_place = (x.geonames_id.is_some() && x.geonames_id == y.geonames_id)
                || (x.name == y.name && x.country == y.country);
            if same_place {
                same_subtype || similar || shared_figure(a, b)
            } else {
                // A city and its division: only with more evidence.
                places_compatible(x, y) && (similar || shared_figure(a, b)) && same_subtype
            }
        }
        (None, None) => similar || shared_figure(a, b),
        // One place untold: the same words, or the same toll.
        _ => similar || shared_figures(a, b) >= MIN_TOLL_FIGURES,
    }
}

/// Which mentions [`same_event`] can ever join: the same happening, or
/// both statements, or both neither.
#[derive(Debug, PartialEq, Eq)]
enum Group<'a> {
    Happening(&'a str),
    Statement,
    Other,
}

impl<'a> Group<'a> {
    fn of(m: &Linkable<'a>) -> Self {
        match m.happening {
            Some(h) => Group::Happening(h),
            None if m.event.event_type == "statement" => Group::Statement,
            None => Group::Other,
        }
    }
}

/// Joins each cluster whose every mention `asks` to the story's one
/// cluster that `fits` it, when there is exactly one; with two or more it
/// stays apart. Roots are read before any joining, so one cluster never
/// bridges two others.
fn join_to_the_only_fit(
    mentions: &[Linkable],
    parent: &mut [usize],
    find: fn(&mut [usize], usize) -> usize,
    asks: impl Fn(&Linkable) -> bool,
    fits: impl Fn(&Linkable, &Linkable) -> bool,
) {
    let roots: Vec<usize> = (0..mentions.len()).map(|x| find(parent, x)).collect();
    // Clusters with a mention that does not ask are settled.
    let mut settled: Vec<usize> = mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| !asks(m))
        .map(|(x, _)| roots[x])
        .collect();
    settled.sort_unstable();
    settled.dedup();
    let mut candidates: Vec<(usize, Vec<usize>)> = Vec::new();
    for (x, m) in mentions.iter().enumerate() {
        if !asks(m) || settled.binary_search(&roots[x]).is_ok() {
            continue;
        }
        let mut found: Vec<usize> = mentions
            .iter()
            .enumerate()
            .filter(|&(y, n)| roots[y] != roots[x] && fits(m, n))
            .map(|(y, _)| roots[y])
            .collect();
        found.sort_unstable();
        found.dedup();
        match candidates.iter_mut().find(|(r, _)| *r == roots[x]) {
            Some((_, all)) => {
                all.extend(found);
                all.sort_unstable();
                all.dedup();
            }
            None => candidates.push((roots[x], found)),
        }
    }
    for (root, found) in candidates {
        if let [only] = found[..] {
            let (rx, ry) = (find(parent, root), find(parent, only));
            if rx != ry {
                parent[rx.max(ry)] = rx.min(ry);
            }
        }
    }
}

/// Joins a happening told in words that fit a typed event ("captured",
/// "died") to the story's one typed event of a fitting type whose date and
/// place it can share (`senses.tsv`).
fn join_fitting_events(
    mentions: &[Linkable],
    parent: &mut [usize],
    find: fn(&mut [usize], usize) -> usize,
) {
    join_to_the_only_fit(
        mentions,
        parent,
        find,
        |m| !m.fits.is_empty(),
        |m, n| m.fits.contains(&n.event.event_type.as_str()) && happenings_meet(m.event, n.event),
    );
}

/// Links the events of all members into clusters (each cluster sorted).
pub(crate) fn link(members: &[Member], texts: &[SentenceWords]) -> Vec<Cluster> {
    let ids: Vec<(usize, usize)> = members
        .iter()
        .enumerate()
        .flat_map(|(i, m)| (0..m.events.len()).map(move |k| (i, k)))
        .collect();
    let mentions: Vec<Linkable> = ids
        .iter()
        .map(|&(i, k)| Linkable::of(&members[i].events[k]))
        .collect();
    let mut parent: Vec<usize> = (0..ids.len()).collect();
    fn find(p: &mut [usize], x: usize) -> usize {
        let mut r = x;
        while p[r] != r {
            r = p[r];
        }
        p[x] = r;
        r
    }
    // Only mentions that can be one event are compared: a happening with
    // the same happening, a statement with statements, any other event with
    // the rest (an untyped toll may join a typed event).
    let mut groups: Vec<(Group, Vec<usize>)> = Vec::new();
    for (x, m) in mentions.iter().enumerate() {
        let g = Group::of(m);
        match groups.iter_mut().find(|(h, _)| *h == g) {
            Some((_, xs)) => xs.push(x),
            None => groups.push((g, vec![x])),
        }
    }
    for (_, xs) in &groups {
        for (n, &x) in xs.iter().enumerate() {
            for &y in &xs[n + 1..] {
                let ((i, _), (j, _)) = (ids[x], ids[y]);
                if i == j {
                    continue; // one article's events were merged by the extractor
                }
                if same_event(&mentions[x], &texts[i], &mentions[y], &texts[j]) {
                    let (rx, ry) = (find(&mut parent, x), find(&mut parent, y));
                    if rx != ry {
                        parent[rx.max(ry)] = rx.min(ry);
                    }
                }
            }
        }
    }
    join_fitting_events(&mentions, &mut parent, find);
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut slot: Vec<Option<usize>> = vec![None; ids.len()];
    for (x, id) in ids.iter().enumerate() {
        let r = find(&mut parent, x);
        let c = match slot[r] {
            Some(c) => c,
            None => {
                clusters.push(Vec::new());
                slot[r] = Some(clusters.len() - 1);
                clusters.len() - 1
            }
        };
        clusters[c].push(*id);
    }
    clusters
}
