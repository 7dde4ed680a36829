//! Places: names the gazetteer knows, disambiguated by the article's
//! context (countries named, other places' countries, "the southern city of")
//! and by population; "X region" / "X Oblast" resolved to the division.

use crate::doc::Doc;
use crate::lexicons;
use crate::names::{Found, Group, NameKind};
use corroborate_gazetteer::{fold_name, Entry, Gazetteer};
use corroborate_model::{PlaceKind, PlaceMention};
use std::collections::HashMap;

/// Weight of a candidate whose country the article names elsewhere.
const CONTEXT_BONUS: f64 = 6.0;
/// A division reached without a region word is a weaker reading than a city.
const REGION_PENALTY: f64 = 4.0;
/// A cue ("the city of") that agrees with the candidate's kind.
const CUE_BONUS: f64 = 3.0;
/// Longest all-capital word read as an acronym rather than a name.
const MAX_ACRONYM_CHARS: usize = 5;
/// Smallest population for a one-word name that nothing else supports.
const LONE_WORD_MIN_POPULATION: u64 = 20_000;
/// Smallest population for a one-word name right after "in", "near"…
const LOCATIVE_MIN_POPULATION: u64 = 500;
/// Weight of an entry whose own name is the name written, over one reached
/// through an alternate name: "Troy" is Troy, Michigan, not the bigger
/// Macon that GeoNames also lists as "Troy"; an alternate name wins only
/// for a place about five times bigger ("Kiev": Kyiv).
const OWN_NAME_BONUS: f64 = 1.6;
/// Votes for one country from which an article is about it: a place of
/// another country reached only through an alternate name is then taken
/// for a word ("Sam's Club" in a Minnesota story is not Damascus, which
/// GeoNames also calls "Sam").
const FIRM_CONTEXT_VOTES: f64 = 3.0;

struct Candidate<'g> {
    group: usize,
    /// Byte range of the mention (region word included).
    start: usize,
    end: usize,
    entries: Vec<&'g Entry>,
    region_word: bool,
    cue: Option<PlaceKind>,
    /// The name as written, folded ([`fold_name`]).
    key: String,
}

/// Geocodes the place names among `found`'s groups.
pub(crate) fn resolve(doc: &Doc, found: &Found, gaz: Option<&Gazetteer>) -> Vec<PlaceMention> {
    let Some(gaz) = gaz else { return Vec::new() };
    let mut candidates = Vec::new();
    let mut context: HashMap<String, f64> = HashMap::new();
    for (gi, g) in found.groups.iter().enumerate() {
        if !matches!(g.kind, NameKind::Place | NameKind::Unknown) {
            continue;
        }
        let name = g.name(doc);
        let mut entries = gaz.lookup(&name);
        if entries.is_empty() {
            continue;
        }
        let key = fold_name(&name);
        // An acronym ("SAG", "AP") is no town; "US", "UAE" are countries.
        // Longer capitals are a dateline ("ZAPORIZHZHIA —") or a headline.
        let written = doc.gap(g.start(doc), g.end(doc));
        if g.first == g.last
            && written
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
            && (2..=MAX_ACRONYM_CHARS).contains(&written.chars().count())
        {
            entries.retain(|e| e.kind == PlaceKind::Country);
            if entries.is_empty() {
                continue;
            }
        }
        // Demonyms tell the context only ("Ukrainian officials", "Somali
        // pirates" — not Ethiopia's Somali region).
        if entries.iter().all(|e| e.demonym)
            || (g.first == g.last
                && entries.iter().any(|e| e.demonym)
                && !region_word_after(doc, g).0)
        {
            for e in &entries {
                *context.entry(e.country.clone()).or_default() += 1.0;
            }
            continue;
        }
        entries.retain(|e| !e.demonym);
        // "the Oleksandrivskyi district": a part of a city, not a namesake town.
        if doc.tokens.get(g.last + 1).is_some_and(|t| {
            t.sentence == g.sentence && lexicons::district_words().contains(&t.folded)
        }) {
            continue;
        }
        let (region_word, end) = region_word_after(doc, g);
        if region_word {
            let regions: Vec<&Entry> = entries
                .iter()
                .filter_map(|e| match e.kind {
                    PlaceKind::Region => Some(*e),
                    PlaceKind::City => gaz.region_of(e),
                    PlaceKind::Country => None,
                })
                .collect();
            if !regions.is_empty() {
                entries = regions;
            }
        }
        if !region_word && !plausible_lone_name(doc, g, &entries) {
            continue;
        }
        for e in &entries {
            if e.kind == PlaceKind::Country {
                *context.entry(e.country.clone()).or_default() += 1.0;
            }
        }
        if entries.len() == 1 || entries.iter().all(|e| e.country == entries[0].country) {
            *context.entry(entries[0].country.clone()).or_default() += 0.5;
        }
        candidates.push(Candidate {
            group: gi,
            start: g.start(doc),
            end: end.unwrap_or(g.end(doc)),
            entries,
            region_word,
            cue: cue_before(doc, g),
            key,
        });
    }
    // Two passes: choose by population and explicit context, then let the
    // countries of the first choices vote.
    let mut chosen: Vec<usize> = candidates.iter().map(|c| pick(c, &context).0).collect();
    let mut votes = context.clone();
    for (c, &k) in candidates.iter().zip(&chosen) {
        *votes.entry(c.entries[k].country.clone()).or_default() += 1.0;
    }
    let mut rules = Vec::new();
    for (ci, c) in candidates.iter().enumerate() {
        let (k, rule) = pick(c, &votes);
        chosen[ci] = k;
        rules.push(rule);
    }
    let firm = votes
        .iter()
        .filter(|(_, v)| **v >= FIRM_CONTEXT_VOTES)
        .max_by(|a, b| a.1.total_cmp(b.1))
        .map(|(country, _)| country.clone());
    candidates
        .iter()
        .zip(chosen)
        .zip(rules)
        .filter(|((c, k), _)| {
            let e = c.entries[*k];
            let foreign =
                firm.as_ref().is_some_and(|f| *f != e.country) && !context.contains_key(&e.country);
            !(foreign && fold_name(&e.name) != c.key)
        })
        .map(|((c, k), rule)| {
            let e = c.entries[k];
            PlaceMention {
                span: doc.span(c.start, c.end),
                text: doc.gap(c.start, c.end).to_owned(),
                sentence: found.groups[c.group].sentence,
                kind: e.kind,
                place: e.to_place(),
                rule: rule.to_owned(),
            }
        })
        .collect()
}

/// Index of the best entry of a candidate, and why it won.
fn pick(c: &Candidate, context: &HashMap<String, f64>) -> (usize, &'static str) {
    if c.entries.len() == 1 {
        return (0, if c.region_word { "region_word" } else { "only" });
    }
    // Whether each entry's own name is the name written, read once.
    let own: Vec<bool> = c
        .entries
        .iter()
        .map(|e| fold_name(&e.name) == c.key)
        .collect();
    let score = |i: usize| {
        let e = c.entries[i];
        let mut s = ((e.population + 1) as f64).ln();
        if let Some(w) = context.get(&e.country) {
            s += CONTEXT_BONUS * w.min(3.0) / 3.0 + CONTEXT_BONUS / 2.0;
        }
        if e.kind == PlaceKind::Region && !c.region_word {
            s -= REGION_PENALTY;
        }
        if e.kind == PlaceKind::Country {
            s += 10.0;
        }
        if c.cue == Some(e.kind) {
            s += CUE_BONUS;
        }
        if own[i] {
            s += OWN_NAME_BONUS;
        }
        s
    };
    let mut best = 0;
    for i in 0..c.entries.len() {
        if score(i) > score(best) {
            best = i;
        }
    }
    let by_pop = c
        .entries
        .iter()
        .enumerate()
        .max_by_key(|(_, e)| e.population)
        .map_or(0, |(i, _)| i);
    let rule = if c.region_word {
        "region_word"
    } else if c.cue.is_some() {
        "cue"
    } else if best == by_pop {
        "population"
    } else if own[best] && !own[by_pop] {
        "own_name"
    } else {
        "context"
    };
    (best, rule)
}

/// A region word right after the name ("Kherson region", "Херсонська
/// область" is left to the lexicon's region forms). Returns the end byte of
/// the word.
fn region_word_after(doc: &Doc, g: &Group) -> (bool, Option<usize>) {
    let Some(t) = doc.tokens.get(g.last + 1) else {
        return (false, None);
    };
    let adjacent = doc
        .gap(doc.tokens[g.last].end, t.start)
        .chars()
        .all(char::is_whitespace);
    if t.sentence == g.sentence && adjacent && !g.possessive {
        let rows = lexicons::region_words().get_all(&t.folded);
        if rows
            .iter()
            .any(|cols| cols.first().is_none_or(|p| p == "after"))
        {
            return (true, Some(t.end));
        }
    }
    (false, None)
}

/// A kind cue right before the name: "the southern city of", "the region of".
fn cue_before(doc: &Doc, g: &Group) -> Option<PlaceKind> {
    let start = doc.tokens[g.first].start;
    let line_start = doc.sentences[g.sentence].start;
    let before = doc.gap(line_start, start).to_lowercase();
    let words: Vec<&str> = before
        .split_whitespace()
        .map(|w| w.trim_end_matches(','))
        .filter(|w| !w.is_empty() && !lexicons::compass().contains(w))
        .collect();
    for n in (1..=4.min(words.len())).rev() {
        let phrase = words[words.len() - n..].join(" ");
        if let Some(kind) = lexicons::place_cues().get(&phrase).and_then(|c| c.first()) {
            return match kind.as_str() {
                "city" => Some(PlaceKind::City),
                "region" => Some(PlaceKind::Region),
                "country" => Some(PlaceKind::Country),
                _ => None,
            };
        }
    }
    None
}

/// Whether a one-word name should be taken as a place: a country or
/// division, a cue before it ("the city of"), a place big enough that a
/// stray capitalised word or a surname is unlikely to be it, or a smaller one
/// right after a locative preposition ("in Belsk"); never a function word
/// of the article's language. Longer names are kept.
fn plausible_lone_name(doc: &Doc, g: &Group, entries: &[&Entry]) -> bool {
    if g.last > g.first {
        return true;
    }
    if entries
        .iter()
        .any(|e| matches!(e.kind, PlaceKind::Country | PlaceKind::Region))
        || cue_before(doc, g).is_some()
    {
        return true;
    }
    let name = g.name(doc);
    let key = fold_name(&name);
    // A function word capitalised at a sentence start ("Dabei" in German)
    // is no town, whatever namesake the gazetteer holds.
    if doc.lower_words.contains(&key)
        || corroborate_text::is_function_word(&corroborate_text::fold_word(&name), doc.lang)
    {
        return false;
    }
    let biggest = entries.iter().map(|e| e.population).max().unwrap_or(0);
    let after_locative = g.first > 0
        && lexicons::locatives().contains(&doc.tokens[g.first - 1].folded)
        && doc.tokens[g.first - 1].sentence == g.sentence;
    // An English verb form capitalised in a headline ("Fired Accountant
    // Goes on Shooting Spree", "Climber Killed In Fall") is no town either,
    // unless a preposition of place stands before it in a sentence not in
    // title case ("flooding in Reading"). Only English writes headlines so;
    // a German noun ("Essen") is capitalised anyway.
    let verb = doc.lang == "en"
        && corroborate_text::shared::occurrences()
            .get_all(&doc.tokens[g.first].folded)
            .iter()
            .any(|row| {
                row.get(1).is_some_and(|p| p == "verb") && row.get(2).is_some_and(|l| l == "en")
            });
    if verb && (!after_locative || title_case(doc, g.sentence)) {
        return false;
    }
    biggest >= LONE_WORD_MIN_POPULATION || (after_locative && biggest >= LOCATIVE_MIN_POPULATION)
}

/// Whether sentence `si` is written in title case: three words in four
/// start with a capital ("Climber Killed In Fall").
fn title_case(doc: &Doc, si: usize) -> bool {
    let run = doc.sentence_tokens(si);
    let words = run.len();
    let capitals = doc.tokens[run].iter().filter(|t| t.capital).count();
    words > 1 && capitals * 4 >= words * 3
}
