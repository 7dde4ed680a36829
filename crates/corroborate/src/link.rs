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

/// Least similarity of two events' sentences to count as evidence. Chosen
/// on the ECB+ development topics (session 17): 0.20–0.22 give event
/// coreference CoNLL 69.9–70.0, 0.25 69.7, 0.30 69.3, 0.15 68.5.
pub const MIN_EVENT_SENTENCE_SIMILARITY: f64 = 0.22;
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

/// How near two named places must be to be where one event happened: a
/// neighbourhood and its borough or city ("Richmond Hill" and "Queens" are
/// 2 km apart, "New York City" 15 km).
pub const SAME_AREA_KM: f64 = 30.0;
/// Inhabitants from which a city's area reaches [`METRO_AREA_KM`]: "a
/// suburban Detroit firm" in Troy is 32 km from Detroit's centre.
pub const METRO_POPULATION: u64 = 500_000;
/// How far the area of a city of [`METRO_POPULATION`] reaches.
pub const METRO_AREA_KM: f64 = 40.0;

/// Whether two places can be where one event happened: the same entry, a
/// city and the division it lies in, or places of one area
/// ([`SAME_AREA_KM`], [`METRO_AREA_KM`] around a large city).
pub fn places_compatible(a: &Place, b: &Place) -> bool {
    if a.geonames_id.is_some() && a.geonames_id == b.geonames_id {
        return true;
    }
    let reach = |p: &Place| {
        if p.population.is_some_and(|n| n >= METRO_POPULATION) {
            METRO_AREA_KM
        } else {
            SAME_AREA_KM
        }
    };
    let within = reach(a).max(reach(b));
    if a.country == b.country && a.distance_km(b).is_some_and(|km| km <= within) {
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

/// A person's last name, lower case: how articles that write "Vincent
/// Jackson" and "Jackson" name one man.
fn surname(name: &str) -> String {
    name.rsplit(' ').next().unwrap_or(name).to_lowercase()
}

fn speaker(e: &ArticleEvent) -> Option<String> {
    e.actors
        .iter()
        .find(|a| a.role == "speaker")
        .map(|a| surname(&a.name))
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
    /// A toll told with no word of what happened ("he later died in
    /// hospital"): an event of type `other` with no subtype and typed
    /// figures.
    toll: bool,
}

impl<'a> Linkable<'a> {
    fn of(event: &'a ArticleEvent) -> Self {
        let statement = event.event_type == "statement";
        let (happening, fits) = match sense(event) {
            Some((h, fits)) => (Some(h), fits),
            None => (None, Vec::new()),
        };
        let toll = event.event_type == "other"
            && event.subtype.is_none()
            && event
                .facts
                .iter()
                .any(|f| f.attribute != "quantity" && f.attribute != "quote");
        Linkable {
            event,
            toll,
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
    forest: &mut Forest,
    asks: impl Fn(&Linkable) -> bool,
    fits: impl Fn(&Linkable, &Linkable) -> bool,
) {
    let roots: Vec<usize> = (0..mentions.len()).map(|x| forest.find(x)).collect();
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
            forest.join(root, only);
        }
    }
}

/// Whether happening `m` is told in words that fit the typed event `n`
/// ("died": an attack or a disaster), on a date and at a place they can
/// share (`senses.tsv`).
fn fits(m: &Linkable, n: &Linkable) -> bool {
    m.fits.contains(&n.event.event_type.as_str()) && happenings_meet(m.event, n.event)
}

/// Whether `m`, a happening or a toll, can be its own article's event `n`:
/// a happening whose words fit it, or a toll of an attack or a disaster.
fn fits_own(m: &Linkable, n: &Linkable) -> bool {
    fits(m, n)
        || (m.toll
            && matches!(n.event.event_type.as_str(), "attack" | "disaster")
            && happenings_meet(m.event, n.event))
}

/// Joins a happening told in words that fit a typed event ("captured",
/// "died") or a toll told with no word of what happened to its own
/// article's one typed event of a fitting type ("he later died in
/// hospital" after the crash the article tells), then the happenings left
/// to the story's one such event (`senses.tsv`).
fn join_fitting_events(ids: &[(usize, usize)], mentions: &[Linkable], forest: &mut Forest) {
    for (x, m) in mentions.iter().enumerate() {
        if m.fits.is_empty() && !m.toll {
            continue;
        }
        let mut own = mentions
            .iter()
            .enumerate()
            .filter(|&(y, n)| ids[y].0 == ids[x].0 && y != x && fits_own(m, n));
        if let (Some((y, _)), None) = (own.next(), own.next()) {
            forest.join(x, y);
        }
    }
    join_to_the_only_fit(mentions, forest, |m| !m.fits.is_empty(), fits);
}

/// Union-find over a story's mentions: each cluster is a tree, named by
/// its root.
struct Forest {
    parent: Vec<usize>,
}

impl Forest {
    fn new(n: usize) -> Self {
        Forest {
            parent: (0..n).collect(),
        }
    }

    fn find(&mut self, x: usize) -> usize {
        let mut r = x;
        while self.parent[r] != r {
            r = self.parent[r];
        }
        self.parent[x] = r;
        r
    }

    /// Joins the clusters of `x` and `y`.
    fn join(&mut self, x: usize, y: usize) {
        let (rx, ry) = (self.find(x), self.find(y));
        if rx != ry {
            self.parent[rx.max(ry)] = rx.min(ry);
        }
    }
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
    let mut forest = Forest::new(mentions.len());
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
                    forest.join(x, y);
                }
            }
        }
    }
    join_fitting_events(&ids, &mentions, &mut forest);
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut slot: Vec<Option<usize>> = vec![None; ids.len()];
    for (x, id) in ids.iter().enumerate() {
        let r = forest.find(x);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn place(name: &str, id: u64, lat: f64, lon: f64) -> Place {
        Place {
            name: name.into(),
            country: Some("GB".into()),
            admin1: None,
            lat: Some(lat),
            lon: Some(lon),
            geonames_id: Some(id),
            population: None,
        }
    }

    #[test]
    fn places_of_one_area_can_be_where_one_event_happened() {
        let salford = place("Salford", 1, 53.488, -2.291);
        let manchester = place("Manchester", 2, 53.481, -2.237);
        let leeds = place("Leeds", 3, 53.797, -1.548);
        assert!(places_compatible(&salford, &manchester));
        assert!(!places_compatible(&manchester, &leeds));
        // A large city's area reaches its suburbs.
        let detroit = Place {
            population: Some(677_000),
            ..place("Detroit", 4, 42.331, -83.046)
        };
        let troy = place("Troy", 5, 42.606, -83.150);
        assert!(places_compatible(&troy, &detroit));
        assert!(!places_compatible(
            &troy,
            &place("Detroit", 4, 42.331, -83.046)
        ));
        let mut far_namesake = manchester.clone();
        far_namesake.country = Some("US".into());
        assert!(!places_compatible(&salford, &far_namesake));
    }
}
