//! Event and fact extraction: reads one article's [`Annotations`] and
//! returns the events it tells — typed (`attack`/`missile`, `meeting`/`talks`,
//! `statement`/`remarks`…), placed, dated, with actors — and the typed facts
//! it states about each (`killed`, `injured`, `damaged` with its object,
//! `launched`, `intercepted`, `duration_hours`, and a generic `quantity` for
//! every figure), each with its sentence and span.
//!
//! Triggers, casualty words, victim nouns, weapons and damage objects are
//! lexicon files under `lexicons/events/`, per language. The extractor is a
//! pure function of one article, like the understanding pass before it.
//!
//! ```
//! use corroborate_model::{Article, ArticleId, InputKind};
//! let article = Article {
//!     id: ArticleId("a".into()), url: None, outlet: None, title: None, published: None,
//!     language: Some("en".into()), input: InputKind::Text, source: "example".into(),
//!     text: "A drone attack wounded five people, including a boy.".into(),
//! };
//! let ann = corroborate_understand::annotate(&article, None);
//! let events = corroborate_extract::extract(&article, &ann);
//! assert_eq!(events[0].event_type, "attack");
//! assert_eq!(events[0].subtype.as_deref(), Some("drone"));
//! let injured = events[0].facts.iter().find(|f| f.attribute == "injured").unwrap();
//! assert_eq!(injured.value.best, Some(5.0));
//! ```

mod lexicons;
mod occurrences;

use corroborate_model::{
    Actor, Annotations, Article, ArticleEvent, ArticleFact, EntityKind, Interval, NumberKind,
    NumberMention, PlaceKind, PlaceMention, Span, TimeKind,
};
use corroborate_text::{char_byte_offsets, fold_word, lexicon_lang, words};
use serde_json::{json, Map, Value};
use std::sync::OnceLock;

/// Event types by precedence: when one sentence has triggers of several
/// types, the first in this list names its event.
const PRECEDENCE: [&str; 7] = [
    "attack",
    "disaster",
    "arrest",
    "protest",
    "agreement",
    "meeting",
    "other",
];
/// Facts that count people.
const PERSON_FACTS: [&str; 7] = [
    "killed",
    "injured",
    "missing",
    "evacuated",
    "arrested",
    "displaced",
    "casualties",
];
/// Facts that count things hit.
const OBJECT_FACTS: [&str; 2] = ["damaged", "destroyed"];
/// Facts that count weapons.
const WEAPON_FACTS: [&str; 2] = ["launched", "intercepted"];
/// How many sentences after an attack a follow-up sentence ("The assault
/// damaged …") may come and still continue it.
const FOLLOW_UP_SENTENCES: usize = 2;
/// Farthest a casualty word may stand from a figure whose noun no lexicon knows.
const UNKNOWN_UNIT_REACH: usize = 2;
/// Farthest a casualty word may stand from a figure of people, things or
/// weapons, in content words: "Hundreds of people had gathered for a
/// festival on the beach … when waves … swept many to their deaths" did not
/// kill the hundreds.
const FIGURE_REACH: usize = 6;
/// Content words from a toll ("число жертв", "death toll") to a figure with
/// no noun of its own that the toll still counts: "Число жертв цунами в
/// Индонезии превышает 800" is four words on.
const TOLL_REACH: usize = 6;
/// Longest a meeting, talks or a summit is taken to last (two weeks): a
/// longer duration in the sentence is the span of something else.
const MAX_MEETING_HOURS: f64 = 14.0 * 24.0;
/// Age below which a victim counts as a child.
const CHILD_AGE: f64 = 18.0;

/// A word of a sentence, with its character span.
struct Tok {
    folded: String,
    span: Span,
}

/// A lexicon hit in a sentence: first and last token, and the row's columns.
#[derive(Clone)]
struct Hit<'l> {
    first: usize,
    last: usize,
    cols: &'l [String],
}

impl Hit<'_> {
    /// Whether this hit lies inside `other` and `other` is longer: a word
    /// inside a phrase ("fired" in "fired accountant").
    fn inside_longer(&self, other: &Hit) -> bool {
        other.first <= self.first
            && self.last <= other.last
            && other.last - other.first > self.last - self.first
    }

    /// The character span of the hit's words in `toks`, the tokens it was
    /// found in.
    fn span(&self, toks: &[Tok]) -> Span {
        Span::new(toks[self.first].span.start, toks[self.last].span.end)
    }
}

/// Longest phrase a lexicon lists, in words ("fell to his death").
const MAX_PHRASE_WORDS: usize = 4;

/// Longest-match lookup of phrases of up to [`MAX_PHRASE_WORDS`] words of a lexicon in a sentence;
/// `lang_col` is the column holding a row's language (`None`: any language).
fn hits<'l>(
    toks: &[Tok],
    lex: &'l corroborate_text::Lexicon,
    lang: &str,
    lang_col: Option<usize>,
) -> Vec<Hit<'l>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let mut found = None;
        // No key starts with this word: no phrase from here can match.
        let n_max = if lex.starts_key(&toks[i].folded) {
            MAX_PHRASE_WORDS
        } else {
            0
        };
        for n in (1..=n_max).rev() {
            if i + n > toks.len() {
                continue;
            }
            let key = match n {
                1 => std::borrow::Cow::Borrowed(toks[i].folded.as_str()),
                _ => {
                    let phrase: Vec<&str> =
                        toks[i..i + n].iter().map(|t| t.folded.as_str()).collect();
                    std::borrow::Cow::Owned(phrase.join(" "))
                }
            };
            let row = match lang_col {
                Some(col) => lex.get_in(&key, lang, col),
                None => lex.get(&key),
            };
            if let Some(cols) = row {
                found = Some((n, cols));
                break;
            }
        }
        match found {
            Some((n, cols)) => {
                out.push(Hit {
                    first: i,
                    last: i + n - 1,
                    cols: cols.as_slice(),
                });
                i += n;
            }
            None => i += 1,
        }
    }
    out
}

/// The words of a sentence with character spans.
fn tokens(text: &str, bytes: &[usize], span: Span) -> Vec<Tok> {
    let (Some(&bs), Some(&be)) = (bytes.get(span.start), bytes.get(span.end)) else {
        return Vec::new();
    };
    let sentence = &text[bs..be];
    let mut out = Vec::new();
    let mut char_pos = span.start;
    let mut last_byte = 0;
    for w in words(sentence) {
        char_pos += sentence[last_byte..w.start].chars().count();
        let len = w.text.chars().count();
        let mut folded = fold_word(w.text);
        if folded.ends_with("'s") {
            folded.truncate(folded.len() - 2);
        }
        out.push(Tok {
            folded,
            span: Span::new(char_pos, char_pos + len),
        });
        char_pos += len;
        last_byte = w.end;
    }
    out
}

/// Index of the token containing character offset `c` (or the next one).
fn tok_at(toks: &[Tok], c: usize) -> usize {
    toks.partition_point(|t| t.span.end <= c)
        .min(toks.len().saturating_sub(1))
}

/// Which attribute a casualty word gives a number with this unit, if the
/// two go together ("six people … wounded", not "40 buildings … wounded").
fn compatible(attribute: &str, unit_class: UnitClass) -> bool {
    match unit_class {
        UnitClass::Victim => PERSON_FACTS.contains(&attribute),
        UnitClass::Object => OBJECT_FACTS.contains(&attribute),
        UnitClass::Weapon => WEAPON_FACTS.contains(&attribute) || attribute == "destroyed",
        UnitClass::Casualty | UnitClass::Unknown => true,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum UnitClass {
    Victim,
    Object,
    Weapon,
    /// The unit is itself a casualty noun ("six injuries", "two deaths").
    Casualty,
    Unknown,
}

#[derive(Clone)]
struct Lexed<'l> {
    triggers: Vec<Hit<'l>>,
    happenings: Vec<Hit<'l>>,
    casualties: Vec<Hit<'l>>,
    weapons: Vec<Hit<'l>>,
    including: Vec<Hit<'l>>,
}

/// The trigger row of a road accident, for striking words retyped by
/// [`road_accidents`].
fn accident_row() -> &'static [String] {
    static ROW: OnceLock<Vec<String>> = OnceLock::new();
    ROW.get_or_init(|| vec!["disaster".to_owned(), "accident".to_owned()])
}

/// The role of a folded word in `events/road.tsv` (`impact`, `vehicle`).
fn road_role(folded: &str, lang: &str) -> Option<&'static str> {
    lexicons::road()
        .get_in(folded, lang, 1)?
        .first()
        .map(String::as_str)
}

/// Retypes the generic attack triggers of striking ("struck", "hit") as a
/// road accident when the sentence names a road vehicle or its driver and
/// no weapon (`events/road.tsv`): "she was struck by a gray sedan" is no
/// attack, "a missile struck the depot" is.
fn road_accidents<'l>(
    triggers: Vec<Hit<'l>>,
    toks: &[Tok],
    lang: &str,
    weapons: &[Hit],
) -> Vec<Hit<'l>> {
    let striking = |t: &Hit| {
        t.first == t.last
            && t.cols.first().is_some_and(|ty| ty == "attack")
            && t.cols.get(1).is_some_and(|sub| sub == "attack")
            && road_role(&toks[t.first].folded, lang) == Some("impact")
    };
    if weapons.is_empty()
        && triggers.iter().any(striking)
        && toks
            .iter()
            .any(|t| road_role(&t.folded, lang) == Some("vehicle"))
    {
        return triggers
            .into_iter()
            .map(|t| {
                if striking(&t) {
                    Hit {
                        cols: accident_row(),
                        ..t
                    }
                } else {
                    t
                }
            })
            .collect();
    }
    triggers
}

/// Whether a casualty attribute is harm done to people.
fn is_harm_attribute(attribute: &str) -> bool {
    matches!(attribute, "killed" | "injured" | "missing" | "casualties")
}

/// The happening row of a dismissal, for the "fired" of [`dismissals`].
fn dismissal_row() -> &'static [String] {
    static ROW: OnceLock<Vec<String>> = OnceLock::new();
    ROW.get_or_init(|| vec!["dismissal".to_owned()])
}

/// Splits off the gunfire triggers that tell a dismissal
/// (`events/dismissal_cues.tsv`): "Cheeks was fired Saturday", "the team
/// fired him", "fired Jim Novak", "his firing", "fired as coach" — unless
/// the sentence names a weapon or a casualty, or the words say what is fired
/// ("shots were fired") or at whom ("was fired at"). Returns the triggers
/// kept and the dismissals, as happening hits.
fn dismissals<'l>(
    triggers: Vec<Hit<'l>>,
    toks: &[Tok],
    lang: &str,
    weapons: &[Hit],
    ann: &Annotations,
) -> (Vec<Hit<'l>>, Vec<Hit<'l>>) {
    let roles = |k: usize| -> Vec<&str> {
        toks.get(k).map_or(Vec::new(), |t| {
            lexicons::dismissal_cues()
                .get_all(&t.folded)
                .iter()
                .filter(|row| row.get(1).is_some_and(|l| l == lang))
                .filter_map(|row| row.first().map(String::as_str))
                .collect()
        })
    };
    let is = |k: usize, role: &str| roles(k).contains(&role);
    // Harm to people ("fired, killing two"); "fired" itself is a casualty
    // word of launches.
    let casualty = || {
        hits(toks, lexicons::casualties(), lang, Some(1))
            .iter()
            .any(|h| h.cols.first().is_some_and(|a| is_harm_attribute(a)))
    };
    let people = || {
        ann.entities
            .iter()
            .filter(|e| e.kind == EntityKind::Person)
            .flat_map(|e| &e.mentions)
    };
    // A person's name starts right after the verb ("fired Jim Novak").
    let named_after = |k: usize| {
        toks.get(k + 1)
            .is_some_and(|t| people().any(|m| m.span.start == t.span.start))
    };
    // A person's name ends at word `k` ("Maurice Cheeks was fired").
    let person_ends = |k: usize| {
        toks.get(k)
            .is_some_and(|t| people().any(|m| m.span.end == t.span.end))
    };
    let dismissal = |h: &Hit| {
        let k = h.first;
        if h.first != h.last || !is(k, "verb") || h.cols.get(1).is_none_or(|s| s != "attack") {
            return false;
        }
        if is(k + 1, "direction") {
            return false;
        }
        let passive = k >= 1
            && is(k - 1, "auxiliary")
            && !(k >= 2 && (is(k - 2, "projectile") || is(k - 2, "verb")));
        let owned = k >= 1 && is(k - 1, "possessive");
        passive || owned || is(k + 1, "object") || is(k + 1, "after") || named_after(k)
    };
    // "who was fired last week", "Cheeks was fired": a person fired is
    // dismissed, even in a sentence that tells the shooting that followed.
    let person_fired = |h: &Hit| {
        let k = h.first;
        dismissal(h)
            && k >= 2
            && is(k - 1, "auxiliary")
            && (is(k - 2, "person") || person_ends(k - 2))
    };
    let vetoed = !weapons.is_empty() || casualty();
    let fired_here = |h: &Hit| person_fired(h) || (!vetoed && dismissal(h));
    if !triggers.iter().any(fired_here) {
        return (triggers, Vec::new());
    }
    let (fired, kept): (Vec<Hit>, Vec<Hit>) = triggers.into_iter().partition(fired_here);
    let fired = fired
        .into_iter()
        .map(|h| Hit {
            cols: dismissal_row(),
            ..h
        })
        .collect();
    (kept, fired)
}

/// Whether `place` names where someone lives rather than where something
/// happened: "Kafoury, 63, of Warren", "a Troy resident"
/// (`places/residence_cues.tsv`).
fn is_residence(text: &str, bytes: &[usize], place: &PlaceMention, lang: &str) -> bool {
    let (Some(&at), Some(&end)) = (bytes.get(place.span.start), bytes.get(place.span.end)) else {
        return false;
    };
    let cue = |word: &str, position: &str| {
        lexicons::residence_cues()
            .get_in(&fold_word(word), lang, 1)
            .and_then(|row| row.first())
            .is_some_and(|p| p == position)
    };
    let lead = text.get(..at).unwrap_or("").trim_end();
    let before = lead
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let comma_before = lead[..lead.len() - before.len()].trim_end().ends_with(',');
    // The word right after the name, with only spaces between ("Easton
    // resident", not "EASTON — Residents of…").
    let rest = text.get(end..).unwrap_or("");
    let next = rest.trim_start();
    let after = next
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let spaced = next.len() < rest.len();
    (comma_before && cue(before, "before")) || (spaced && cue(after, "after"))
}

/// Whether `place` is the sentence's dateline: it opens the sentence and is
/// followed (after an optional ", Country" or "(Agency)") by a dash or colon.
fn is_dateline(text: &str, bytes: &[usize], sentence_start: usize, place: &PlaceMention) -> bool {
    let (Some(&from), Some(&at), Some(&end)) = (
        bytes.get(sentence_start),
        bytes.get(place.span.start),
        bytes.get(place.span.end),
    ) else {
        return false;
    };
    if text
        .get(from..at)
        .is_none_or(|lead| !lead.trim().is_empty())
    {
        return false;
    }
    let rest = text.get(end..).unwrap_or("");
    let window: String = rest.chars().take(48).collect();
    let Some(dash) = window.find(['—', '–', ':']).or_else(|| window.find(" - ")) else {
        return false;
    };
    // Only a country, an agency tag or nothing between the name and the dash.
    let between = &window[..dash];
    between.split([',', '(', ')']).map(str::trim).all(|part| {
        part.is_empty()
            || part.split_whitespace().count() <= 3
                && part.chars().next().is_some_and(char::is_uppercase)
    })
}

/// Extracts the events of one article from its annotations.
pub fn extract(article: &Article, ann: &Annotations) -> Vec<ArticleEvent> {
    let lang = lexicon_lang(ann.language.as_deref().unwrap_or("en"));
    let text = &article.text;
    let bytes = char_byte_offsets(text);
    let mut events: Vec<ArticleEvent> = Vec::new();
    // Happenings of general news ("nominated", "resigned"), one event per
    // happening and date.
    let mut happenings: Vec<ArticleEvent> = Vec::new();
    // The last attack told with a place: (event index, sentence index).
    let mut prev_attack: Option<(usize, usize)> = None;
    // Everyday event words, kept until every other reading is known.
    let mut occurring: Vec<occurrences::Occurrence> = Vec::new();
    // Casualty words: span and the attribute they tell (see `parts`).
    let mut casualty_words: Vec<(Span, String)> = Vec::new();
    // Event words a headline tells before anything of their type ("Woman
    // Killed In Hit-And-Run" over the report): sentence, type and words.
    let mut ahead: Vec<Ahead> = Vec::new();
    for s in &ann.sentences {
        let toks = tokens(text, &bytes, s.span);
        if toks.is_empty() {
            continue;
        }
        let mut happening_hits = hits(&toks, lexicons::happenings(), lang, Some(1));
        // A trigger inside a longer happening phrase is that happening:
        // "fired" in "76ers fire coach Cheeks" is no gunfire.
        let weapons = hits(&toks, lexicons::weapons(), lang, Some(1));
        let triggers = hits(&toks, lexicons::triggers(), lang, Some(2))
            .into_iter()
            .filter(|t| !happening_hits.iter().any(|h| t.inside_longer(h)))
            .collect();
        let triggers = road_accidents(triggers, &toks, lang, &weapons);
        let (triggers, dismissals) = dismissals(triggers, &toks, lang, &weapons, ann);
        // `none` rows only keep the word inside them from counting; a word
        // that averts harm before a casualty word ("saved the lives") turns
        // it into people saved.
        let casualties = hits(&toks, lexicons::casualties(), lang, Some(1))
            .into_iter()
            .filter(|h| h.cols.first().is_some_and(|a| a != "none"))
            .filter(|h| !averted(&toks, h.first, AVERTING_REACH, lang))
            // A dismissal's "fired" launches nothing, nor does the one of a
            // "fired accountant".
            .filter(|h| !dismissals.iter().any(|d| d.first == h.first))
            .filter(|h| {
                h.cols.first().is_some_and(|a| is_harm_attribute(a))
                    || !happening_hits.iter().any(|p| h.inside_longer(p))
            })
            .collect();
        happening_hits.extend(dismissals);
        let lx = Lexed {
            triggers,
            happenings: happening_hits,
            casualties,
            weapons,
            including: hits(&toks, lexicons::including(), lang, None),
        };
        casualty_words.extend(
            lx.casualties
                .iter()
                .filter_map(|h| h.cols.first().map(|a| (h, a)))
                .filter(|(_, a)| PART_ATTRIBUTES.contains(&a.as_str()))
                .map(|(h, a)| (h.span(&toks), a.clone())),
        );
        let numbers: Vec<&NumberMention> = in_sentence(&ann.numbers, s.index, |n| n.sentence)
            .iter()
            .collect();
        let written = |span: Span| slice(text, &bytes, span);
        let facts = sentence_facts(&toks, &lx, &numbers, lang, s.index, &written);
        let places: Vec<&PlaceMention> = in_sentence(&ann.places, s.index, |p| p.sentence)
            .iter()
            .filter(|p| p.kind != PlaceKind::Country)
            .filter(|p| !is_residence(text, &bytes, p, lang))
            .collect();
        let times = in_sentence(&ann.times, s.index, |t| t.sentence);
        let date = times
            .iter()
            .filter(|t| {
                t.sentence == s.index && matches!(t.kind, TimeKind::Date | TimeKind::TimeOfDay)
            })
            .find_map(|t| t.range);
        occurring.extend(occurrences::occurrences_in(
            &toks, text, &bytes, lang, s, date,
        ));
        let duration: Option<(f64, Span)> = times
            .iter()
            .filter(|t| t.sentence == s.index && t.kind == TimeKind::Duration)
            .find_map(|t| t.hours.map(|h| (h, t.span)));

        // The places the sentence itself names: a dateline ("ODESA,
        // Ukraine — …") names where the reporter files from.
        let told: Vec<&PlaceMention> = places
            .iter()
            .copied()
            .filter(|p| !is_dateline(text, &bytes, s.span.start, p))
            .collect();
        // Most sentences tell no happening: nothing to date or place then.
        let happening = if lx.happenings.is_empty() {
            None
        } else {
            let dated: Vec<(Span, corroborate_model::DateRange)> = times
                .iter()
                .filter(|t| matches!(t.kind, TimeKind::Date | TimeKind::TimeOfDay))
                .filter_map(|t| Some((t.span, t.range?)))
                .collect();
            happened(
                &mut happenings,
                &Told {
                    toks: &toks,
                    lx: &lx,
                    text,
                    bytes: &bytes,
                    sentence: s.index,
                    places: &told,
                    dated: &dated,
                    lang,
                },
            )
        };
        // The sentence's main event: the highest-precedence trigger, or an
        // attack when typed casualty facts stand without a trigger word.
        let main = PRECEDENCE.iter().find_map(|ty| {
            lx.triggers
                .iter()
                .find(|h| h.cols.first().is_some_and(|t| t == ty))
        });
        let typed = facts.iter().any(|f| f.attribute != "quantity");
        let (event_type, trigger_span, mut subtype) = match main {
            Some(h) => (
                h.cols[0].clone(),
                h.span(&toks),
                h.cols
                    .get(1)
                    .filter(|x| !x.is_empty() && *x != "-")
                    .cloned(),
            ),
            // A sentence that tells a happening and harm with no trigger
            // or weapon ("climber dead after fall", "nine deaths linked to
            // falling through ice"): the harm is the happening's.
            None if happening.is_some() && lx.weapons.is_empty() && !typed => {
                if let Some(e) = happening.and_then(|i| happenings.get_mut(i)) {
                    e.facts.extend(facts);
                    let harm: Vec<(Span, String)> = lx
                        .casualties
                        .iter()
                        .filter(|h| h.cols.first().is_some_and(|a| is_harm_attribute(a)))
                        .map(|h| h.span(&toks))
                        .filter(|span| *span != e.trigger && !e.also.iter().any(|(s, _)| s == span))
                        .map(|span| (span, slice(text, &bytes, span)))
                        .collect();
                    e.also.extend(harm);
                }
                continue;
            }
            None if typed => {
                let c = lx
                    .casualties
                    .first()
                    .map_or(toks[0].span, |h| h.span(&toks));
                // Figures of harm with weapons named are an attack; without,
                // nothing says what happened ("9 deaths linked to falling
                // through ice").
                let ty = if lx.weapons.is_empty() {
                    "other"
                } else {
                    "attack"
                };
                (ty.to_owned(), c, None)
            }
            None => {
                // A sentence that tells a happening of general news and
                // figures: the figures are stated about it.
                if let Some(e) = happening.and_then(|i| happenings.get_mut(i)) {
                    e.facts.extend(facts);
                }
                continue;
            }
        };
        if event_type == "attack" {
            if let Some(w) = lx.weapons.first() {
                subtype = w.cols.first().cloned();
            }
        }
        // Where: the place nearest before the first figure, else the first;
        // a dateline ("ODESA, Ukraine — …") names where the reporter files
        // from, so a place the sentence itself names comes first.
        let first_fact = facts.iter().map(|f| f.span.start).min();
        let candidates = if told.is_empty() { &places } else { &told };
        let place = match first_fact {
            Some(at) => candidates
                .iter()
                .filter(|p| p.span.start < at)
                .max_by_key(|p| p.span.start)
                .or(candidates.first()),
            None => candidates.first(),
        }
        .map(|p| finest_within(p, candidates));
        // The people the sentence names (not by a pronoun): a meeting's
        // participants.
        let named = named_in(ann, s.index);
        let people = !named.is_empty();
        // Events of other types the sentence tells beside its main one
        // ("a man was charged with murder after a shooting at the party"):
        // each is an event of its own, placed and dated as the sentence.
        if main.is_some() {
            for ty in PRECEDENCE.iter().filter(|ty| **ty != event_type) {
                let of_type: Vec<&Hit> = lx
                    .triggers
                    .iter()
                    .filter(|h| h.cols.first().is_some_and(|t| t == ty))
                    .collect();
                let Some(first) = of_type.first() else {
                    continue;
                };
                let evoking: Vec<(Span, String)> = of_type
                    .iter()
                    .map(|h| {
                        let span = h.span(&toks);
                        (span, slice(text, &bytes, span))
                    })
                    .collect();
                // A charge told with the crime it is for is about that crime.
                let with_crime = *ty == "arrest" && is_harm(&event_type);
                let told = Substance {
                    place: place.is_some(),
                    date: date.is_some(),
                    people,
                    ..Substance::default()
                };
                if !(with_crime || told.enough_for(ty)) {
                    continue;
                }
                let subtype = first
                    .cols
                    .get(1)
                    .filter(|x| !x.is_empty() && *x != "-")
                    .cloned();
                let mut event = event_at(
                    (*ty).to_owned(),
                    subtype,
                    evoking[0].clone(),
                    s.index,
                    place,
                    date,
                );
                event.also = evoking[1..].to_vec();
                add_event(&mut events, event, evoking);
            }
        }
        let actors = if event_type == "meeting" {
            named
        } else {
            Vec::new()
        };
        let mut facts = facts;
        // "For most of my eight years as MP, the Friday meetings…": a span
        // of months or years in a meeting sentence is no meeting's length.
        let duration = duration.filter(|(hours, _)| *hours <= MAX_MEETING_HOURS);
        if let (Some((hours, span)), true) = (duration, event_type == "meeting") {
            facts.push(ArticleFact {
                attribute: "duration_hours".into(),
                value: Interval::exact(hours),
                qualifiers: Map::new(),
                sentence: s.index,
                span,
            });
        }
        let trigger_text = slice(text, &bytes, trigger_span);
        // The casualty words of the event's sentence evoke it too ("six
        // people were *killed*", "a gunman shot and *killed* a guard").
        let mut evoking: Vec<(Span, String)> = if typed || main.is_some() {
            lx.casualties
                .iter()
                // So do its type's other triggers ("arrested and *charged*").
                .chain(
                    lx.triggers
                        .iter()
                        .filter(|h| h.cols.first() == Some(&event_type)),
                )
                .map(|h| h.span(&toks))
                .filter(|&span| span != trigger_span)
                .map(|span| (span, slice(text, &bytes, span)))
                .collect()
        } else {
            Vec::new()
        };
        evoking.sort_unstable_by_key(|(span, _)| (span.start, span.end));
        // One word, one mention: overlapping hits (a casualty word inside a
        // trigger phrase) keep the first.
        evoking.dedup_by(|b, a| b.0.start < a.0.end);
        // The trigger comes first when it is a word of the event: a trigger
        // word, or the casualty word a trigger-less sentence is typed by
        // (not the first word a bare toll falls back to).
        let worded = main.is_some() || !lx.casualties.is_empty();
        if worded {
            evoking.insert(0, (trigger_span, trigger_text.clone()));
        }
        // The same event told on: an attack sentence with no place of its
        // own right after one with a place, in the same paragraph.
        // "The assault …", "the overnight attack …": a determiner at most
        // two words before the trigger refers back.
        let definite = main.is_some_and(|h| {
            (h.first.saturating_sub(2)..h.first)
                .any(|k| lexicons::definite().contains(&toks[k].folded))
        });
        let weapon_facts = facts
            .iter()
            .any(|f| f.attribute == "launched" || f.attribute == "intercepted");
        let continues = definite || (main.is_none() && !weapon_facts);
        // Attacks and disasters are told on over several sentences; a
        // sentence of figures with no trigger word continues the event before.
        let follows_up = is_harm(&event_type) || main.is_none();
        if follows_up && place.is_none() && continues {
            if let Some((ei, last)) = prev_attack {
                // A trigger-less sentence of figures continues whatever came
                // before; a triggered one only an event of its own type.
                let same_kind = main.is_none() || events[ei].event_type == event_type;
                if s.index - last <= FOLLOW_UP_SENTENCES && same_kind {
                    let e = &mut events[ei];
                    e.also.append(&mut evoking);
                    e.sentences.push(s.index);
                    e.facts.extend(facts);
                    e.date = earlier(e.date, date);
                    prev_attack = Some((ei, s.index));
                    continue;
                }
            }
        }
        // A trigger word alone ("a peace agreement", "talks") is no event:
        // keep it when the sentence gives it a place, a figure, a weapon, a
        // date or (for meetings and the like) people.
        let told = Substance {
            place: place.is_some(),
            figures: typed,
            weapons: !lx.weapons.is_empty(),
            duration: duration.is_some(),
            date: date.is_some(),
            people,
        };
        if !told.enough_for(&event_type) {
            // A trigger word alone may still refer back to an event of its
            // type the article told before ("the attack", "the talks"): it
            // evokes it, but the sentence (which may be about something
            // else) is not taken as telling it. Harm refers back to harm:
            // "a collapsed block" after a strike is the strike's doing.
            if let Some(e) = events.iter_mut().rev().find(|e| {
                e.event_type == event_type || (is_harm(&e.event_type) && is_harm(&event_type))
            }) {
                e.also.append(&mut evoking);
                continue;
            }
            // With nothing to refer back to, a happening told with it
            // grounds it: "the navy thwarted an attack on a merchant
            // vessel" tells that an attack happened. Else it may be a
            // headline's word for the event the article goes on to tell.
            if happening.is_none() {
                if corroborate_text::is_headline(&slice(text, &bytes, s.span)) {
                    ahead.push((s.index, event_type.clone(), evoking));
                }
                continue;
            }
        }
        let mut event = event_at(
            event_type.clone(),
            subtype,
            (trigger_span, trigger_text),
            s.index,
            place,
            date,
        );
        event.actors = actors;
        event.facts = facts;
        // The trigger is evoking's first when there is one.
        event.also = evoking.iter().skip(usize::from(worded)).cloned().collect();
        let (ei, merged) = add_event(&mut events, event, evoking);
        if merged {
            prev_attack = follows_up.then_some((ei, s.index));
        } else if follows_up && place.is_some() {
            prev_attack = Some((ei, s.index));
        }
    }
    refer_ahead(&mut events, ahead);
    struck_in_accidents(&mut events, lang);
    join_leads(&mut events);
    events.extend(happenings);
    events.extend(statements(article, ann, &bytes));
    if !occurring.is_empty() {
        occur(&mut events, ann, occurring);
    }
    mark_parts(&mut events, &casualty_words);
    events
}

/// Event words a headline tells before anything of their type: sentence,
/// type and the words (span and text).
type Ahead = (usize, String, Vec<(Span, String)>);

/// Joins the event words a headline tells with nothing of their type
/// before them ("Hit-And-Run") to the first event of their type the
/// article tells after them; harm joins harm, as a word that refers back
/// does.
fn refer_ahead(events: &mut [ArticleEvent], ahead: Vec<Ahead>) {
    for (sentence, ty, words) in ahead {
        let fits =
            |e: &ArticleEvent| e.event_type == ty || (is_harm(&e.event_type) && is_harm(&ty));
        if let Some(e) = events
            .iter_mut()
            .filter(|e| e.sentence > sentence && fits(e))
            .min_by_key(|e| e.sentence)
        {
            e.also.extend(words);
        }
    }
}

/// Retypes as an accident the attacks told only by a word of striking
/// ("Chohan was struck as she crossed the street") in an article that
/// tells an accident and no weapon: the striking is the accident's, told in
/// a sentence that does not name the vehicle (`events/road.tsv`).
fn struck_in_accidents(events: &mut [ArticleEvent], lang: &str) {
    let accident =
        |e: &ArticleEvent| e.event_type == "disaster" && e.subtype.as_deref() == Some("accident");
    let weapon = |e: &ArticleEvent| {
        e.event_type == "attack" && e.subtype.as_deref().is_some_and(|s| s != "attack")
    };
    if !events.iter().any(accident) || events.iter().any(weapon) {
        return;
    }
    for e in events.iter_mut() {
        if e.event_type == "attack"
            && e.subtype.as_deref() == Some("attack")
            && road_role(&fold_word(&e.trigger_text), lang) == Some("impact")
        {
            e.event_type = "disaster".into();
            e.subtype = Some("accident".into());
        }
    }
}

/// Joins an attack or a disaster told with no place before the article
/// places any of its type (a headline, "Gunman kills one in office
/// shooting") to the first one it places: news tells its event first and
/// places it in the lead. Subtypes must agree (a generic `attack` agrees
/// with any) and dates must be able to meet.
fn join_leads(events: &mut Vec<ArticleEvent>) {
    let mut i = 0;
    while i < events.len() {
        let e = &events[i];
        let placed_before = events.iter().any(|f| {
            f.location.is_some() && f.event_type == e.event_type && f.sentence <= e.sentence
        });
        let target = (e.location.is_none() && is_harm(&e.event_type) && !placed_before)
            .then(|| {
                events
                    .iter()
                    .enumerate()
                    .filter(|(_, f)| f.location.is_some() && f.event_type == e.event_type)
                    .min_by_key(|(_, f)| f.sentence)
            })
            .flatten()
            .filter(|(_, f)| {
                let generic = |x: &ArticleEvent| x.subtype.as_deref().is_none_or(|t| t == "attack");
                (f.subtype == e.subtype || generic(e) || generic(f))
                    && corroborate_model::DateRange::may_meet(e.date.as_ref(), f.date.as_ref())
            })
            .map(|(j, _)| j);
        let Some(j) = target else {
            i += 1;
            continue;
        };
        let e = events.remove(i);
        let f = &mut events[if j > i { j - 1 } else { j }];
        f.also.push((e.trigger, e.trigger_text));
        f.also.extend(e.also);
        for k in e.sentences {
            if !f.sentences.contains(&k) {
                f.sentences.push(k);
            }
        }
        f.facts.extend(e.facts);
        f.date = earlier(f.date, e.date);
    }
}

/// The most specific place of `candidates` inside `place`: "a Michigan man
/// shot three at a Detroit firm" happened in Detroit, "Ukrainian officials
/// said Kharkiv was hit" in Kharkiv. A city is kept as it is.
fn finest_within<'a>(
    place: &'a &'a PlaceMention,
    candidates: &'a [&'a PlaceMention],
) -> &'a &'a PlaceMention {
    let inside = |q: &PlaceMention| {
        q.kind == PlaceKind::City
            && q.place.country == place.place.country
            && match place.kind {
                PlaceKind::Country => true,
                PlaceKind::Region => q.place.admin1 == place.place.admin1,
                PlaceKind::City => false,
            }
    };
    candidates.iter().find(|q| inside(q)).unwrap_or(place)
}

/// Fact attributes whose words tell a part of an event (a killing, an
/// injuring) rather than the event: [`ArticleEvent::parts`].
const PART_ATTRIBUTES: [&str; 5] = ["killed", "injured", "missing", "arrested", "displaced"];

/// Records which evoking words of each event are casualty words
/// (`casualty_words`: span and attribute, in text order).
fn mark_parts(events: &mut [ArticleEvent], casualty_words: &[(Span, String)]) {
    if casualty_words.is_empty() {
        return;
    }
    for e in events.iter_mut() {
        let evoking = std::iter::once(e.trigger).chain(e.also.iter().map(|(span, _)| *span));
        // "arrested" tells an arrest, which an attack's report may tell as
        // a part; an arrest (or a happening word) it is itself.
        let own = |attribute: &str| {
            attribute == "arrested" && (e.event_type == "arrest" || e.event_type == "other")
        };
        let parts: Vec<(Span, String)> = evoking
            .filter_map(|span| casualty_words.iter().find(|(w, _)| *w == span))
            .filter(|(_, attribute)| !own(attribute))
            .cloned()
            .collect();
        e.parts = parts;
    }
}

/// Adds the everyday occurrences (`occurring`) that no other event reads.
fn occur(
    events: &mut Vec<ArticleEvent>,
    ann: &Annotations,
    occurring: Vec<occurrences::Occurrence>,
) {
    // Words of a date, a place or a name are no occurrence ("March 14",
    // "Grand Rapids", "Will Smith").
    let named = occurrences::Named {
        dates_and_places: ann
            .times
            .iter()
            .map(|t| t.span)
            .chain(ann.places.iter().map(|p| p.span))
            .collect(),
        names: ann
            .entities
            .iter()
            .flat_map(|e| e.mentions.iter().map(|m| m.span))
            .collect(),
    };
    let occurred = occurrences::occurrences(events, &named, occurring);
    events.extend(occurred);
}

/// Whether events of type `ty` harm people or things (attacks and
/// disasters): they are told on over several sentences, a charge told with
/// one is about it, and a bare word of one refers back to the other.
fn is_harm(ty: &str) -> bool {
    matches!(ty, "attack" | "disaster")
}

/// What a sentence tells around an event word: whether the word alone
/// ("a peace agreement", "talks") is taken as telling an event.
#[derive(Debug, Clone, Copy, Default)]
struct Substance {
    /// A place (not a country).
    place: bool,
    /// Typed figures (killed, injured, damaged…).
    figures: bool,
    /// Weapons named.
    weapons: bool,
    /// A duration.
    duration: bool,
    /// A date.
    date: bool,
    /// People named.
    people: bool,
}

impl Substance {
    /// Whether an event of type `ty` told with this is an event: a place,
    /// a figure, a weapon, a date or (for meetings and the like) people.
    fn enough_for(&self, ty: &str) -> bool {
        match ty {
            "attack" | "disaster" => self.place || self.figures || self.weapons,
            "meeting" => self.place || self.duration || (self.date && self.people),
            // An arrest or a charge is one happening wherever it is told.
            "arrest" => self.place || self.figures || self.people,
            _ => self.place || self.figures,
        }
    }
}

/// An event of type `event_type` told in sentence `sentence` by its
/// trigger, placed and dated as the sentence; no actors, facts or further
/// evoking words yet.
fn event_at(
    event_type: String,
    subtype: Option<String>,
    (trigger, trigger_text): (Span, String),
    sentence: usize,
    place: Option<&&PlaceMention>,
    date: Option<corroborate_model::DateRange>,
) -> ArticleEvent {
    ArticleEvent {
        event_type,
        subtype,
        trigger,
        trigger_text,
        sentence,
        sentences: vec![sentence],
        location: place.map(|p| p.place.clone()),
        location_kind: place.map(|p| p.kind),
        date,
        actors: Vec::new(),
        facts: Vec::new(),
        also: Vec::new(),
        parts: Vec::new(),
    }
}

/// Adds `event` to an article's `events`, or, when the article told it
/// before (a summary, then details: same type and place, dates that can
/// meet), merges it there: its sentence, facts, actors and evoking words
/// (`evoking`, trigger included) join the earlier event. Returns the
/// event's index and whether it was merged.
fn add_event(
    events: &mut Vec<ArticleEvent>,
    event: ArticleEvent,
    mut evoking: Vec<(Span, String)>,
) -> (usize, bool) {
    let Some(ei) = events.iter().position(|e| same_event(e, &event)) else {
        events.push(event);
        return (events.len() - 1, false);
    };
    let e = &mut events[ei];
    e.also.append(&mut evoking);
    if !e.sentences.contains(&event.sentence) {
        e.sentences.push(event.sentence);
    }
    e.facts.extend(event.facts);
    e.date = e.date.or(event.date);
    add_actors(&mut e.actors, &event.actors);
    (ei, true)
}

/// One sentence as [`happened`] reads it.
struct Told<'a> {
    toks: &'a [Tok],
    lx: &'a Lexed<'a>,
    text: &'a str,
    bytes: &'a [usize],
    sentence: usize,
    /// The places the sentence names (its dateline left out).
    places: &'a [&'a PlaceMention],
    /// The sentence's dates (days and times of day) with their spans.
    dated: &'a [(Span, corroborate_model::DateRange)],
    /// The lexicon language.
    lang: &'a str,
}

/// The words of happening phrase `h` that tell the happening itself, when
/// casualty words inside it (`inner`) are mentions of their own: "fall to
/// his death" is the fall ("fall") and its death ("death"), "died after
/// falling" its death ("died") and the fall ("falling"). The first run of
/// words outside the casualty words, function words trimmed; the whole
/// phrase when nothing is left.
fn own_words(h: &Hit, inner: &[&Hit], toks: &[Tok], lang: &str) -> Span {
    let outside = |k: usize| !inner.iter().any(|c| c.first <= k && k <= c.last);
    let content =
        |k: usize| outside(k) && !corroborate_text::is_function_word(&toks[k].folded, lang);
    let Some(first) = (h.first..=h.last).find(|&k| content(k)) else {
        return h.span(toks);
    };
    let mut last = first;
    while last < h.last && outside(last + 1) {
        last += 1;
    }
    while last > first && !content(last) {
        last -= 1;
    }
    Span::new(toks[first].span.start, toks[last].span.end)
}

/// Adds the happenings of sentence `sentence` ([`lexicons::happenings`]) to
/// `out`: each word that evokes one, unless it is a trigger or a casualty
/// word, is an event of type `other` whose subtype is the happening. The
/// same happening told again in the article (dates that can meet) is the
/// same event, told in one more sentence and evoked by one more word.
/// Returns the index in `out` of the sentence's first happening.
///
/// A happening is dated by the sentence's dates nearer its word than any
/// other event word's: in "the assembly will vote on the nomination next
/// week", next week is when the vote is, not the nomination.
fn happened(out: &mut Vec<ArticleEvent>, told: &Told) -> Option<usize> {
    let Told {
        toks,
        lx,
        text,
        bytes,
        sentence,
        places,
        dated,
        lang,
    } = *told;
    let mut first = None;
    // Every event word of the sentence, to share its dates out.
    let words: Vec<Span> = lx
        .happenings
        .iter()
        .chain(&lx.triggers)
        .map(|h| h.span(toks))
        .collect();
    let distance = |a: Span, b: Span| {
        if a.end <= b.start {
            b.start - a.end
        } else {
            a.start.saturating_sub(b.end)
        }
    };
    let date_of = |span: Span| {
        dated
            .iter()
            .filter(|(at, _)| {
                let d = distance(span, *at);
                words.iter().all(|w| distance(*w, *at) >= d)
            })
            .map(|(_, range)| *range)
            .next()
    };
    // A trigger or casualty word is read as that; a longer happening
    // phrase around one is the happening ("died after falling" is a fall).
    let taken = |h: &Hit| {
        lx.triggers
            .iter()
            .chain(&lx.casualties)
            .any(|t| t.first <= h.last && h.first <= t.last && h.last - h.first <= t.last - t.first)
    };
    for h in lx.happenings.iter().filter(|h| !taken(h)) {
        let Some(label) = h.cols.first().filter(|l| !l.is_empty()) else {
            continue;
        };
        // A casualty word inside the phrase ("fallen to his *death*", "*died*
        // after falling") evokes the happening too: its part, the death
        // (see `mark_parts`).
        let inner: Vec<&Hit> = lx
            .casualties
            .iter()
            .filter(|c| c.inside_longer(h))
            .collect();
        let span = own_words(h, &inner, toks, lang);
        let word = slice(text, bytes, span);
        let date = date_of(span);
        let same = out.iter().position(|e| {
            e.subtype.as_ref() == Some(label)
                && corroborate_model::DateRange::may_meet(e.date.as_ref(), date.as_ref())
        });
        let at = same.unwrap_or(out.len());
        first = first.or(Some(at));
        match same {
            Some(i) => told_again(&mut out[i], sentence, (span, word), date),
            None => out.push(event_at(
                "other".into(),
                Some(label.clone()),
                (span, word),
                sentence,
                places.first(),
                date,
            )),
        }
        for c in inner {
            let inner = c.span(toks);
            out[at].also.push((inner, slice(text, bytes, inner)));
        }
    }
    first
}

/// Records that an article tells event `e` again: in sentence `sentence`,
/// evoked by `word` (span and words), dated `date` when `e` had no date.
fn told_again(
    e: &mut ArticleEvent,
    sentence: usize,
    word: (Span, String),
    date: Option<corroborate_model::DateRange>,
) {
    if !e.sentences.contains(&sentence) {
        e.sentences.push(sentence);
    }
    e.also.push(word);
    e.date = e.date.or(date);
}

/// The earlier of two dates: told twice, an attack is dated by its first
/// day (the aftermath comes later).
fn earlier(
    a: Option<corroborate_model::DateRange>,
    b: Option<corroborate_model::DateRange>,
) -> Option<corroborate_model::DateRange> {
    match (a, b) {
        (Some(x), Some(y)) => {
            let day = |r: &corroborate_model::DateRange| r.best.or(r.low);
            Some(match (day(&x), day(&y)) {
                (Some(dx), Some(dy)) if dy < dx => y,
                (None, Some(_)) => y,
                _ => x,
            })
        }
        (x, y) => x.or(y),
    }
}

/// The items of sentence `i` in a list sorted by sentence (the annotations
/// are), found by binary search rather than a scan per sentence.
fn in_sentence<T>(items: &[T], i: usize, sentence: impl Fn(&T) -> usize) -> &[T] {
    let first = items.partition_point(|x| sentence(x) < i);
    let last = items.partition_point(|x| sentence(x) <= i);
    &items[first..last.max(first)]
}

fn slice(text: &str, bytes: &[usize], span: Span) -> String {
    match (bytes.get(span.start), bytes.get(span.end)) {
        (Some(&a), Some(&b)) if a <= b => text[a..b].to_owned(),
        _ => String::new(),
    }
}

/// Whether two events of one article are the same: same type, same place
/// (or both unplaced meetings), dates that can meet.
fn same_event(a: &ArticleEvent, b: &ArticleEvent) -> bool {
    if a.event_type != b.event_type {
        return false;
    }
    let dates_meet = corroborate_model::DateRange::may_meet(a.date.as_ref(), b.date.as_ref());
    let both_dated = a.date.is_some() && b.date.is_some();
    let same_place = match (&a.location, &b.location) {
        (Some(x), Some(y)) => x.geonames_id == y.geonames_id && x.name == y.name,
        // A meeting told once with its city and once without, on days that
        // can meet, is one meeting.
        _ => a.event_type == "meeting" && both_dated,
    };
    dates_meet && same_place
}

/// The people sentence `sentence` names (not by a pronoun), as
/// participants.
fn named_in(ann: &Annotations, sentence: usize) -> Vec<Actor> {
    ann.entities
        .iter()
        .filter(|e| e.kind == EntityKind::Person)
        .filter(|e| {
            e.mentions
                .iter()
                .any(|m| m.sentence == sentence && m.via != "pronoun")
        })
        .map(|e| Actor {
            name: e.name.clone(),
            role: "participant".into(),
        })
        .collect()
}

/// Adds the actors of `more` that `actors` lacks.
fn add_actors(actors: &mut Vec<Actor>, more: &[Actor]) {
    for a in more {
        if !actors.contains(a) {
            actors.push(a.clone());
        }
    }
}

/// Typed facts and quantities of one sentence.
fn sentence_facts(
    toks: &[Tok],
    lx: &Lexed,
    numbers: &[&NumberMention],
    lang: &str,
    sentence: usize,
    written: &dyn Fn(Span) -> String,
) -> Vec<ArticleFact> {
    let mut out: Vec<ArticleFact> = Vec::new();
    // Where every figure of the sentence starts, with what it counts.
    let figures: Vec<(usize, UnitClass)> = numbers
        .iter()
        .map(|n| {
            let unit = n.unit.as_deref().map(fold_word).unwrap_or_default();
            (tok_at(toks, n.span.start), unit_class(&unit, lang))
        })
        .collect();
    for (n, &(at, class)) in numbers.iter().zip(&figures) {
        if !matches!(n.kind, NumberKind::Count | NumberKind::Age) {
            continue;
        }
        // "saved hundreds of lives": people saved, not harmed.
        if averted(toks, at, 1, lang) {
            continue;
        }
        let unit_folded = n.unit.as_deref().map(fold_word).unwrap_or_default();
        if n.kind == NumberKind::Age {
            let victim = victim_qualifiers(&unit_folded, lang, n.value.best);
            // "…, including a three-year-old girl": one of the count before.
            if joins_count_before(&mut out, lx, at, 3, &victim) {
                continue;
            }
            // "…safer lives for all of us," said Olivera Ilkova, 79: a
            // casualty word inside a quotation is not said of a person
            // described outside it.
            let quoted_apart = |h: &Hit| {
                let (from, to) = if h.last < at {
                    (toks[h.last].span.end, toks[at].span.start)
                } else {
                    (toks[at].span.end, toks[h.first].span.start)
                };
                from < to && written(Span::new(from, to)).contains(QUOTE_MARKS)
            };
            let outside_quotes = Lexed {
                casualties: lx
                    .casualties
                    .iter()
                    .filter(|h| !quoted_apart(h))
                    .cloned()
                    .collect(),
                ..lx.clone()
            };
            if let Some(attr) = nearest_attribute(
                toks,
                &outside_quotes,
                (at, &figures),
                UnitClass::Victim,
                lang,
                Some(AGE_REACH),
            ) {
                let mut q = Map::new();
                merge_victim(&mut q, &victim);
                if let Some(u) = &n.unit {
                    q.insert("unit".into(), json!(u));
                }
                out.push(ArticleFact {
                    attribute: attr,
                    value: Interval::exact(1.0),
                    qualifiers: q,
                    sentence,
                    span: n.span,
                });
            }
            continue;
        }
        let mut q = Map::new();
        if let Some(u) = &n.unit {
            q.insert("unit".into(), json!(u));
            // A figure with no counted noun is compared only once typed.
            out.push(ArticleFact {
                attribute: "quantity".into(),
                value: n.value,
                qualifiers: q.clone(),
                sentence,
                span: n.span,
            });
        }
        // "a 7.5-magnitude quake", "20 feet": a measure, never a count.
        if n.measure.is_some() {
            continue;
        }
        let attr = if class == UnitClass::Casualty {
            // The longest casualty phrase the unit opens: "cientos de
            // víctimas mortales" counts the dead, not all victims.
            let unit_tok = n.unit_span.map(|s| tok_at(toks, s.start));
            lx.casualties
                .iter()
                .filter(|h| Some(h.first) == unit_tok)
                .max_by_key(|h| h.last)
                .and_then(|h| h.cols.first().cloned())
                .or_else(|| {
                    lexicons::casualties()
                        .get_in(&unit_folded, lang, 1)
                        .and_then(|c| c.first().cloned())
                })
        } else {
            nearest_attribute(toks, lx, (at, &figures), class, lang, Some(FIGURE_REACH))
        };
        let Some(attr) = attr else { continue };
        match class {
            UnitClass::Victim => {
                let victim = victim_qualifiers(&unit_folded, lang, None);
                if victim.get("category").and_then(Value::as_str) == Some("child") {
                    q.insert("children".into(), json!(n.value.best.or(n.value.low)));
                }
                if let Some(g) = victim.get("gender") {
                    q.insert("gender".into(), g.clone());
                }
            }
            UnitClass::Object => {
                if let Some(o) = object_of(&unit_folded, lang) {
                    q.insert("object".into(), json!(o));
                }
            }
            UnitClass::Weapon => {
                if let Some(w) = weapon_of(&unit_folded, lang) {
                    q.insert("weapon".into(), json!(w));
                }
            }
            _ => {}
        }
        out.push(ArticleFact {
            attribute: attr,
            value: n.value,
            qualifiers: q,
            sentence,
            span: n.span,
        });
    }
    one_victims(toks, lx, numbers, lang, sentence, written, &mut out);
    out
}

/// Most words between an article and its victim noun ("a young man").
const ARTICLE_REACH: usize = 1;
/// Most content words between a casualty word and a lone victim after it
/// ("killed an elderly woman", "shot and wounded a man"); further, the
/// victim is more often someone else's ("arrested and charged with
/// assaulting a woman").
const LONE_VICTIM_REACH: usize = 1;
/// Words after a lone victim noun where a figure still describes it ("un
/// niño de 13 años"): then the figure speaks for it.
const VICTIM_FIGURE_REACH: usize = 3;

/// One person with no figure: an indefinite article and a victim noun right
/// beside a casualty word ("a man was killed", "killed a woman", "una mujer
/// murió") count 1, as "one man was killed" does. After "including" the
/// person is a detail of the count before ("six injured, including a
/// child"). The fact's `unit` is the victim noun as written (`written`
/// gives the text of a span).
fn one_victims(
    toks: &[Tok],
    lx: &Lexed,
    numbers: &[&NumberMention],
    lang: &str,
    sentence: usize,
    written: &dyn Fn(Span) -> String,
    out: &mut Vec<ArticleFact>,
) {
    let lang_key = lexicon_lang(lang);
    for (k, article) in toks.iter().enumerate() {
        let Some(cols) = lexicons::indefinite().get_in(&article.folded, lang_key, 0) else {
            continue;
        };
        // How far a casualty word after the victim may stand (the
        // lexicon's reach: German puts the participle last).
        let reach_after: usize = cols
            .get(1)
            .and_then(|r| r.parse().ok())
            .unwrap_or(LONE_VICTIM_REACH);
        // The victim noun: one or two words ("elderly woman"), at most
        // ARTICLE_REACH words after the article.
        let Some((first, j, victim)) = (k + 1..=(k + 1 + ARTICLE_REACH).min(toks.len() - 1))
            .find_map(|j| {
                let pair = toks
                    .get(j + 1)
                    .map(|n| format!("{} {}", toks[j].folded, n.folded));
                if let Some(p) =
                    pair.filter(|p| lexicons::victims().get_in(p, lang_key, 2).is_some())
                {
                    return Some((j, j + 1, p));
                }
                lexicons::victims()
                    .get_in(&toks[j].folded, lang_key, 2)
                    .map(|_| (j, j, toks[j].folded.clone()))
            })
        else {
            continue;
        };
        let span = Span::new(article.span.start, toks[j].span.end);
        // "a 68-year-old woman", "un niño de 13 años": the figure speaks
        // for the victim.
        // The figure must stand in the victim's own phrase: "poginula
        // jedna osoba, a sedam je ozlijeđeno" counts the seven apart.
        let reach = toks
            .get(j + VICTIM_FIGURE_REACH)
            .map_or(span.end, |t| t.span.end);
        let described_until = written(Span::new(span.end, reach))
            .chars()
            .position(|c| matches!(c, ',' | ';'))
            .map_or(reach, |at| span.end + at);
        if numbers
            .iter()
            .any(|n| n.span.start < described_until && n.span.end > span.start)
        {
            continue;
        }
        let details = victim_qualifiers(&victim, lang, None);
        if joins_count_before(out, lx, k, 2, &details) {
            continue;
        }
        let content = |from: usize, to: usize| content_words_between(toks, from, to, lang);
        let figure_between = |from: usize, to: usize| {
            numbers.iter().any(|n| {
                let at = tok_at(toks, n.span.start);
                at >= from && at < to
            })
        };
        // "A child is among the dead": one of them, so at least one.
        let mut among = false;
        let attribute = lx
            .casualties
            .iter()
            .filter_map(|h| {
                let attr = h.cols.first()?;
                compatible(attr, UnitClass::Victim).then_some(())?;
                let plural = (h.first..=h.last).any(|t| {
                    lexicons::plural_casualties()
                        .get_in(&toks[t].folded, lang_key, 0)
                        .is_some()
                });
                (!plural).then_some(())?;
                let (from, to, reach) = if h.first > j {
                    (j + 1, h.first, reach_after)
                } else if h.last < k {
                    (h.last + 1, k, LONE_VICTIM_REACH)
                } else {
                    return None;
                };
                (content(from, to) <= reach && !figure_between(from, to)).then_some(())?;
                let part = h.first > j
                    && toks[from..to].iter().any(|t| {
                        lexicons::partitives()
                            .get_in(&t.folded, lang_key, 0)
                            .is_some()
                    });
                Some((content(from, to), attr.clone(), part))
            })
            .min_by_key(|(d, _, _)| *d)
            .map(|(_, a, part)| {
                among = part;
                a
            });
        let Some(attribute) = attribute else { continue };
        let mut q = Map::new();
        merge_victim(&mut q, &details);
        let noun = written(Span::new(toks[first].span.start, toks[j].span.end));
        q.insert("unit".into(), json!(noun));
        let value = if among {
            Interval {
                low: Some(1.0),
                best: None,
                high: None,
            }
        } else {
            Interval::exact(1.0)
        };
        out.push(ArticleFact {
            attribute,
            value,
            qualifiers: q,
            sentence,
            span,
        });
    }
}

/// The words of tokens `from..to` that are not function words of the
/// language: how far apart two words are ("undici sono rimaste ferite" is
/// as near as "eleven were injured").
fn content_words_between(toks: &[Tok], from: usize, to: usize, lang: &str) -> usize {
    toks.get(from..to).map_or(0, |between| {
        between
            .iter()
            .filter(|t| !corroborate_text::is_function_word(&t.folded, lang))
            .count()
    })
}

/// A victim at token `at` right after "including" (at most `reach` tokens
/// on) is a detail of the count before it: its details join the last
/// person fact of the sentence. Whether it did.
fn joins_count_before(
    out: &mut [ArticleFact],
    lx: &Lexed,
    at: usize,
    reach: usize,
    victim: &Map<String, Value>,
) -> bool {
    if !lx
        .including
        .iter()
        .any(|h| h.last < at && at - h.last <= reach)
    {
        return false;
    }
    match out
        .iter_mut()
        .rev()
        .find(|f| PERSON_FACTS.contains(&f.attribute.as_str()))
    {
        Some(prev) => {
            merge_victim(&mut prev.qualifiers, victim);
            true
        }
        None => false,
    }
}

/// The casualty word nearest to token `at` whose attribute fits the unit;
/// after a partitive ("six of the injured"), only one before the figure.
/// Distance counts the words between that are not function words of the
/// language, so Italian "undici sono rimaste ferite" is as near as "eleven
/// were injured".
fn nearest_attribute(
    toks: &[Tok],
    lx: &Lexed,
    (at, figures): (usize, &[(usize, UnitClass)]),
    class: UnitClass,
    lang: &str,
    reach: Option<usize>,
) -> Option<String> {
    // "struck 14 countries, killing 226,000 people": a casualty word with a
    // figure of a noun it fits right after it counts that one, not one
    // before it ("evacuated to 24 centres" still counts the people before).
    let governs_next = |h: &Hit, attr: &str| {
        figures
            .iter()
            .any(|&(f, c)| f == h.last + 1 && c != UnitClass::Unknown && compatible(attr, c))
            && toks
                .get(h.last + 1)
                .is_some_and(|t| t.span.start <= toks[h.last].span.end + 1)
    };
    let content_between = |from: usize, to: usize| content_words_between(toks, from, to, lang);
    // "Six of the injured were taken to hospital": a part of the injured,
    // not their number. A figure that counts people ("hundreds of people
    // were injured") names its own group.
    let partitive = class != UnitClass::Victim
        && toks.get(at + 1).is_some_and(|t| {
            lexicons::partitives()
                .get_in(&t.folded, lexicon_lang(lang), 0)
                .is_some()
        });
    lx.casualties
        .iter()
        .filter_map(|h| {
            let attr = h.cols.first()?;
            compatible(attr, class).then_some(())?;
            (h.first <= at || !partitive).then_some(())?;
            (h.first <= at || !governs_next(h, attr)).then_some(())?;
            let d = if h.last < at {
                content_between(h.last + 1, at) + 1
            } else if h.first > at {
                content_between(at + 1, h.first) + 1
            } else {
                0
            };
            // "35 kilometres … damaged" is no damage count: a noun no
            // lexicon knows needs the casualty word right beside it, and a
            // word marked `known` ("hit", "fired") a noun a lexicon knows.
            // "The death toll from the quake in Palu rose to 832": a toll's
            // figure is its predicate, words after it.
            let toll = h.cols.get(2).is_some_and(|k| k == "toll") && h.last < at;
            (toll || reach.is_none_or(|r| d <= r)).then_some(())?;
            let known_only = h.cols.get(2).is_some_and(|k| k == "known");
            let unknown_reach = if toll { TOLL_REACH } else { UNKNOWN_UNIT_REACH };
            (class != UnitClass::Unknown || (d <= unknown_reach && !known_only)).then_some(())?;
            // A casualty word before "and" belongs to the conjunct before:
            // "540 sono rimaste ferite e 29 risultano disperse" — the 29
            // are missing, though "risultano" stands between.
            let across = h.last < at
                && (h.last + 1..at).any(|k| {
                    lexicons::coordinators()
                        .get_in(&toks[k].folded, lexicon_lang(lang), 0)
                        .is_some()
                });
            // Of two as near, the word after the figure: "quattro sono
            // morte e undici sono rimaste ferite" — 11 were injured.
            Some((
                (d + usize::from(across) * CONJUNCT_DISTANCE, h.last < at),
                attr.clone(),
            ))
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, a)| a)
}

/// Distance added to a casualty word that a coordinator ("and") parts from
/// the figure before it, when another casualty word competes.
const CONJUNCT_DISTANCE: usize = 2;

/// Words before a casualty word within which a word that averts harm
/// ("saved the lives") turns it into people saved.
const AVERTING_REACH: usize = 2;

/// Whether one of the `reach` words before token `at` averts harm
/// (`events/averting.tsv`: "saved", "spared", "врятували").
fn averted(toks: &[Tok], at: usize, reach: usize, lang: &str) -> bool {
    toks[at.saturating_sub(reach)..at.min(toks.len())]
        .iter()
        .any(|t| lexicons::averting().get_in(&t.folded, lang, 0).is_some())
}

/// Languages that write compounds as one word, whose last part names what
/// the whole is ("Gefängnisbeamte" are officers, "Wohnhäuser" houses).
const COMPOUNDING: [&str; 1] = ["de"];
/// Shortest last part of a compound looked up on its own.
const COMPOUND_PART_CHARS: usize = 4;

/// The keys under which a unit noun is looked up in the lexicons, most
/// specific first: the whole unit, its last word and, in a compounding
/// language, the last word's tails from the longest ("gefängnisbeamte",
/// …, "beamte").
///
/// The tails of a word are cut at characters, so no lexicon needs to list
/// every compound.
fn unit_keys<'u>(unit: &'u str, lang: &str) -> Vec<&'u str> {
    let head = unit.rsplit(' ').next().unwrap_or(unit);
    let mut keys: Vec<&str> = vec![unit, head];
    if COMPOUNDING.contains(&lang) {
        let chars = head.chars().count();
        keys.extend(
            head.char_indices()
                .skip(1)
                .take(chars.saturating_sub(COMPOUND_PART_CHARS))
                .map(|(i, _)| &head[i..]),
        );
    }
    keys.retain(|k| !k.is_empty());
    keys
}

/// Most content words between an age ("a 35-year-old mother") and the
/// casualty word that makes its person a victim: German puts the
/// participle last ("Ein 45-jähriger Mann wurde am Freitag in Belfast
/// schwer verletzt": 5), but a person described in one clause is not the
/// victim of a casualty word a quote later.
const AGE_REACH: usize = 6;

/// Quotation marks: a casualty word and a person's age on either side of
/// one belong to different voices.
const QUOTE_MARKS: [char; 6] = ['"', '“', '”', '«', '»', '„'];

/// What kind of thing a unit noun counts.
fn unit_class(unit: &str, lang: &str) -> UnitClass {
    for key in unit_keys(unit, lang) {
        if lexicons::casualties()
            .get_in(key, lang, 1)
            .is_some_and(|c| c.first().is_some_and(|a| a != "none"))
        {
            return UnitClass::Casualty;
        }
        if lexicons::victims().get_in(key, lang, 2).is_some() {
            return UnitClass::Victim;
        }
        if lexicons::weapons().get_in(key, lang, 1).is_some() {
            return UnitClass::Weapon;
        }
        if lexicons::damage_objects().get_in(key, lang, 1).is_some() {
            return UnitClass::Object;
        }
    }
    UnitClass::Unknown
}

/// The first column of `lexicon`'s row for a unit noun or its head word:
/// the canonical name of what it counts.
fn canonical_of(lexicon: &corroborate_text::Lexicon, unit: &str, lang: &str) -> Option<String> {
    unit_keys(unit, lang)
        .into_iter()
        .find_map(|k| lexicon.get_in(k, lang, 1))
        .and_then(|c| c.first().cloned())
}

/// Canonical object of a damage noun ("residential buildings").
fn object_of(unit: &str, lang: &str) -> Option<String> {
    canonical_of(lexicons::damage_objects(), unit, lang)
}

/// Canonical weapon of a weapon noun ("drones", "дронів", "Drohnen":
/// `drone`), so launch counts told in two languages are one fact.
fn weapon_of(unit: &str, lang: &str) -> Option<String> {
    canonical_of(lexicons::weapons(), unit, lang)
}

/// Category, gender and age of a victim noun ("girl", aged 3).
fn victim_qualifiers(unit: &str, lang: &str, age: Option<f64>) -> Map<String, Value> {
    let mut q = Map::new();
    if let Some(cols) = unit_keys(unit, lang)
        .into_iter()
        .find_map(|k| lexicons::victims().get_in(k, lang, 2))
    {
        if let Some(c) = cols.first() {
            q.insert("category".into(), json!(c));
        }
        if let Some(g) = cols.get(1).filter(|g| *g == "f" || *g == "m") {
            q.insert("gender".into(), json!(g));
        }
    }
    if let Some(a) = age {
        q.insert("age".into(), json!(a));
        if a < CHILD_AGE {
            q.insert("category".into(), json!("child"));
        }
    }
    q
}

/// Folds one victim's details into a fact's qualifiers: children counted,
/// ages listed, gender kept when all agree.
fn merge_victim(q: &mut Map<String, Value>, victim: &Map<String, Value>) {
    if victim.get("category").and_then(Value::as_str) == Some("child") {
        let n = q.get("children").and_then(Value::as_f64).unwrap_or(0.0) + 1.0;
        q.insert("children".into(), json!(n));
    }
    if let Some(age) = victim.get("age") {
        match q.get_mut("age") {
            None => {
                q.insert("age".into(), age.clone());
            }
            Some(existing) => {
                let mut list = match existing.take() {
                    Value::Array(a) => a,
                    other => vec![other],
                };
                list.push(age.clone());
                *existing = Value::Array(list);
            }
        }
    }
    if let Some(g) = victim.get("gender") {
        q.entry("gender").or_insert_with(|| g.clone());
    }
}

/// A statement event for every quote with a speaker.
fn statements(article: &Article, ann: &Annotations, bytes: &[usize]) -> Vec<ArticleEvent> {
    let mut out = Vec::new();
    for q in &ann.quotes {
        let Some(speaker) = &q.speaker else { continue };
        let trigger = q.cue_span.or(q.speaker_span).unwrap_or(q.span);
        let date = ann
            .times
            .iter()
            .filter(|t| t.sentence == q.sentence && t.kind == TimeKind::Date)
            // "by Friday" inside the quote is not when it was said.
            .filter(|t| t.span.end <= q.span.start || t.span.start >= q.span.end)
            .find_map(|t| t.range);
        let mut qualifiers = Map::new();
        qualifiers.insert("quote".into(), json!(q.text));
        qualifiers.insert("speaker".into(), json!(speaker));
        qualifiers.insert("kind".into(), json!(q.kind));
        out.push(ArticleEvent {
            event_type: "statement".into(),
            subtype: Some(
                if q.kind == "direct" {
                    "remarks"
                } else {
                    "statement"
                }
                .into(),
            ),
            trigger,
            trigger_text: slice(&article.text, bytes, trigger),
            sentence: q.sentence,
            sentences: vec![q.sentence],
            location: None,
            location_kind: None,
            date,
            actors: vec![Actor {
                name: speaker.clone(),
                role: "speaker".into(),
            }],
            facts: vec![ArticleFact {
                attribute: "quote".into(),
                value: Interval {
                    low: None,
                    best: None,
                    high: None,
                },
                qualifiers,
                sentence: q.sentence,
                span: q.span,
            }],
            also: Vec::new(),
            parts: Vec::new(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use corroborate_model::{Place, Span};

    fn mention(text: &str, name: &str) -> PlaceMention {
        let at = text.find(name).unwrap();
        let start = text[..at].chars().count();
        PlaceMention {
            span: Span::new(start, start + name.chars().count()),
            text: name.into(),
            sentence: 0,
            kind: PlaceKind::City,
            place: Place {
                name: name.into(),
                country: None,
                admin1: None,
                lat: None,
                lon: None,
                geonames_id: None,
                population: None,
            },
            rule: "only".into(),
        }
    }

    #[test]
    fn datelines_are_told_apart_from_places_in_the_sentence() {
        let cases = [
            (
                "LJUBLJANA — A fire destroyed barns near Ptuj.",
                "LJUBLJANA",
                true,
            ),
            ("ODESA, Ukraine (AP) — Drones hit the port.", "ODESA", true),
            (
                "Kherson: two people were killed overnight.",
                "Kherson",
                true,
            ),
            (
                "A fire destroyed barns near Ptuj — police said.",
                "Ptuj",
                false,
            ),
            (
                "Ptuj firefighters said the barns burned down — all of them.",
                "Ptuj",
                false,
            ),
        ];
        for (text, name, want) in cases {
            let bytes = char_byte_offsets(text);
            assert_eq!(
                is_dateline(text, &bytes, 0, &mention(text, name)),
                want,
                "{text}"
            );
        }
    }

    #[test]
    fn the_casualty_word_of_a_sentence_that_continues_an_event_evokes_it() {
        let text = "A drone attack hit Sumy early on Tuesday. Twelve people were killed.";
        let article = Article::plain("t", "en", text);
        // The place a gazetteer would find.
        let mut ann = corroborate_understand::annotate(&article, None);
        ann.places.push(mention(text, "Sumy"));
        let ev = extract(&article, &ann);
        let attack = ev.iter().find(|e| e.event_type == "attack").unwrap();
        assert_eq!(attack.sentences, [0, 1], "{attack:?}");
        assert!(attack.also.iter().any(|(_, w)| w == "killed"), "{attack:?}");
    }

    fn events_of(text: &str, places: &[&str]) -> Vec<ArticleEvent> {
        let article = Article::plain("t", "en", text);
        let mut ann = corroborate_understand::annotate(&article, None);
        ann.places.clear();
        for name in places {
            let mut m = mention(text, name);
            m.sentence = ann
                .sentences
                .iter()
                .position(|s| s.span.start <= m.span.start && m.span.start < s.span.end)
                .unwrap();
            ann.places.push(m);
        }
        ann.places.sort_by_key(|p| (p.sentence, p.span.start));
        extract(&article, &ann)
    }

    #[test]
    fn a_vehicle_striking_someone_is_a_road_accident() {
        let ev = events_of(
            "A woman was struck by a grey sedan in Millbrook on Friday night.",
            &["Millbrook"],
        );
        assert!(
            ev.iter().any(|e| e.event_type == "disaster"
                && e.subtype.as_deref() == Some("accident")
                && e.trigger_text == "struck"),
            "{ev:?}"
        );
        assert!(!ev.iter().any(|e| e.event_type == "attack"), "{ev:?}");
        // No vehicle, or a weapon named: still an attack.
        for text in [
            "A missile struck the depot in Millbrook on Friday night.",
            "A car bomb struck the checkpoint in Millbrook on Friday night.",
        ] {
            let ev = events_of(text, &["Millbrook"]);
            assert!(
                ev.iter().any(|e| e.event_type == "attack"),
                "{text}: {ev:?}"
            );
        }
    }

    #[test]
    fn where_a_victim_lives_is_not_where_the_event_happened() {
        let text = "Dana Orlov, 47, of Easton, was shot dead in Millbrook on Friday.";
        let ev = events_of(text, &["Easton", "Millbrook"]);
        let attack = ev.iter().find(|e| e.event_type == "attack").unwrap();
        assert_eq!(
            attack.location.as_ref().map(|p| p.name.as_str()),
            Some("Millbrook"),
            "{attack:?}"
        );
        let text = "A 38-year-old Easton resident was shot dead on Friday.";
        let ev = events_of(text, &["Easton"]);
        assert!(ev.iter().all(|e| e.location.is_none()), "{ev:?}");
        // A dateline before "Residents of…" is where it happened.
        let text = "EASTON — Residents cleared rubble after a missile strike killed two.";
        let ev = events_of(text, &["EASTON"]);
        assert!(ev.iter().any(|e| e.location.is_some()), "{ev:?}");
        // "the city of Easton" is where it happened.
        let text = "A gunman opened fire in the city of Easton on Friday, killing two.";
        let ev = events_of(text, &["Easton"]);
        assert!(ev.iter().any(|e| e.location.is_some()), "{ev:?}");
    }

    #[test]
    fn a_headline_event_with_no_place_is_the_event_the_lead_places() {
        let text = "Gunman kills one in office shooting\n\
                    A gunman opened fire at an office in Millbrook on Monday, killing a receptionist.";
        let ev = events_of(text, &["Millbrook"]);
        let attacks: Vec<_> = ev.iter().filter(|e| e.event_type == "attack").collect();
        assert_eq!(attacks.len(), 1, "{attacks:?}");
        assert_eq!(attacks[0].sentences, [1, 0], "{attacks:?}");
        // Another attack placed first is not a headline's.
        let text = "Drones hit Millbrook on Monday, wounding two.\n\
                    Later a missile attack killed a man.";
        let ev = events_of(text, &["Millbrook"]);
        assert_eq!(
            ev.iter().filter(|e| e.event_type == "attack").count(),
            2,
            "{ev:?}"
        );
    }

    #[test]
    fn a_casualty_word_of_fleeing_is_a_part_of_its_event() {
        let ev = events_of(
            "Shelling hit Millbrook on Monday and thousands fled.",
            &["Millbrook"],
        );
        let attack = ev.iter().find(|e| e.event_type == "attack").unwrap();
        assert!(
            attack.parts.iter().any(|(_, a)| a == "displaced"),
            "{attack:?}"
        );
    }

    #[test]
    fn a_person_fired_is_dismissed_and_shots_fired_are_gunfire() {
        let dismissed = |text: &str| {
            let ev = events_of(text, &["Millbrook"]);
            let dismissal = ev.iter().any(|e| e.subtype.as_deref() == Some("dismissal"));
            let gunfire = ev.iter().any(|e| e.event_type == "attack");
            (dismissal, gunfire)
        };
        for text in [
            "Ellis Varga was fired Saturday as coach of the Millbrook Hawks.",
            "The board fired him in Millbrook after the loss.",
            "A clerk who was fired last week shot and killed a guard in Millbrook.",
        ] {
            assert!(dismissed(text).0, "{text}");
        }
        // "who was fired … shot and killed": the shooting is still told.
        assert!(
            dismissed("A clerk who was fired last week shot and killed a guard in Millbrook.").1
        );
        for text in [
            "Shots were fired in Millbrook overnight, police said.",
            "Soldiers fired on protesters in Millbrook, killing two.",
            "A man was fired at in Millbrook on Monday.",
        ] {
            assert_eq!(dismissed(text), (false, true), "{text}");
        }
    }

    #[test]
    fn a_word_of_striking_in_an_article_of_an_accident_is_the_accident() {
        let ev = events_of(
            "A hit-and-run crash killed a woman in Millbrook on Friday.\n\
             She was struck as she crossed the street.",
            &["Millbrook"],
        );
        assert!(!ev.iter().any(|e| e.event_type == "attack"), "{ev:?}");
        // With no accident told, "struck" stays an attack.
        let ev = events_of(
            "Millbrook was struck overnight, officials said.",
            &["Millbrook"],
        );
        assert!(ev.iter().any(|e| e.event_type == "attack"), "{ev:?}");
    }

    #[test]
    fn storming_a_ship_and_opening_fire_are_attacks() {
        for text in [
            "Pirates tried to storm a tanker off Millbrook on Saturday.",
            "A gunman was charged after opening fire at an office in Millbrook.",
        ] {
            let ev = events_of(text, &["Millbrook"]);
            assert!(
                ev.iter().any(|e| e.event_type == "attack"),
                "{text}: {ev:?}"
            );
            assert!(
                !ev.iter().any(|e| e.event_type == "disaster"),
                "{text}: {ev:?}"
            );
        }
    }

    #[test]
    fn a_happening_phrase_with_a_death_in_it_is_told_by_its_own_words() {
        let ev = events_of(
            "A climber watched his brother fall to his death near Millbrook.",
            &["Millbrook"],
        );
        let fall = ev
            .iter()
            .find(|e| e.subtype.as_deref() == Some("fall"))
            .unwrap();
        let words: Vec<&str> = std::iter::once(fall.trigger_text.as_str())
            .chain(fall.also.iter().map(|(_, w)| w.as_str()))
            .collect();
        assert_eq!(words, ["fall", "death"], "{fall:?}");
    }

    #[test]
    fn a_headlines_event_word_is_the_event_the_article_goes_on_to_tell() {
        let text = "Woman Killed In Hit-And-Run\n\
                    A woman was hit by a car in Millbrook on Friday and died in hospital.";
        let ev = events_of(text, &["Millbrook"]);
        let accident = ev
            .iter()
            .find(|e| e.subtype.as_deref() == Some("accident"))
            .unwrap();
        assert!(
            accident.also.iter().any(|(_, w)| w == "Hit-And-Run"),
            "{accident:?}"
        );
        // A sentence's stray word is not: "a low shot" in a match report.
        let text = "Hnatyuk scored with a low shot in the 12th minute.\n\
                    Later an airstrike hit Millbrook, killing two.";
        let ev = events_of(text, &["Millbrook"]);
        assert!(
            !ev.iter()
                .any(|e| e.event_type == "attack" && e.also.iter().any(|(_, w)| w == "shot")),
            "{ev:?}"
        );
    }
}
