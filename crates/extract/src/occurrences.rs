//! Everyday occurrences: the words of news that tell that something
//! happened and that no typed lexicon reads ("walked", "returned", "the
//! operation", "it was announced"), each an event of its own
//! ([`lexicons::occurrences`]).

use super::{event_at, hits, lexicons, slice, told_again, Tok};
use corroborate_model::{ArticleEvent, Sentence, SentenceKind, Span};

/// A word of [`lexicons::occurrences`] found in a sentence.
pub(crate) struct Occurrence {
    span: Span,
    word: String,
    label: &'static str,
    /// A reporting word: a statement of its own.
    report: bool,
    /// In a line written in title case ("Ferry Returns To Port"), where
    /// capitalised words are no sign of a name.
    title_case: bool,
    sentence: usize,
    date: Option<corroborate_model::DateRange>,
}

/// The spans of an article that no occurrence may overlap.
pub(crate) struct Named {
    /// Dates, times and places ("March 14", "Grand Rapids").
    pub(crate) dates_and_places: Vec<Span>,
    /// Mentions of people and organisations ("Will Smith").
    pub(crate) names: Vec<Span>,
}

/// The everyday event words of one sentence ([`lexicons::occurrences`]):
/// "walked", "returned", "the operation", "it was announced". A word
/// hyphenated to another is part of a compound ("president-elect"), one
/// written with a capital beside another inside a sentence part of a name
/// ("the State Emergency Service"), and a verb form after a determiner or
/// possessive is a noun ("the host").
pub(crate) fn occurrences_in(
    toks: &[Tok],
    text: &str,
    bytes: &[usize],
    lang: &str,
    sentence: &Sentence,
    date: Option<corroborate_model::DateRange>,
) -> Vec<Occurrence> {
    let found = hits(toks, lexicons::occurrences(), lang, Some(2));
    if found.is_empty() {
        return Vec::new();
    }
    // The character at offset `c` of the text.
    let char_at = |c: usize| {
        bytes
            .get(c)
            .and_then(|&b| text.get(b..))
            .and_then(|t| t.chars().next())
    };
    let hyphen_at = |c: usize| char_at(c) == Some('-');
    let capital = |i: usize| {
        toks.get(i)
            .and_then(|t| char_at(t.span.start))
            .is_some_and(char::is_uppercase)
    };
    // A line in title case (most headlines, and any line where three words
    // in four are capitalised): its capitals are no sign of a name.
    let capitals = (0..toks.len()).filter(|&i| capital(i)).count();
    let title_case = capitals * 4 >= toks.len() * 3
        || (sentence.kind == SentenceKind::Headline && capitals * 2 > toks.len());
    found
        .into_iter()
        .filter_map(|h| {
            let (label, part) = (h.cols.first()?, h.cols.get(1)?);
            let span = h.span(toks);
            let compound = hyphen_at(span.end) || (span.start > 0 && hyphen_at(span.start - 1));
            let after_marker =
                h.first > 0 && lexicons::noun_markers().contains(&toks[h.first - 1].folded);
            // Written with a capital inside a sentence beside another
            // capitalised word, the word is part of a name ("the State
            // Emergency Service"), unless the whole line is in title case.
            let in_name = h.first > 0
                && !title_case
                && capital(h.first)
                && (capital(h.first - 1) || capital(h.last + 1));
            if compound || in_name || (part == "verb" && after_marker) {
                return None;
            }
            Some(Occurrence {
                span,
                word: slice(text, bytes, span),
                label: label.as_str(),
                report: part == "report",
                title_case,
                sentence: sentence.index,
                date,
            })
        })
        .collect()
}

/// The events the everyday words of an article tell ([`occurrences_in`]),
/// leaving out every word an event of `told` already holds (its trigger or
/// a further evoking word) and every word of a date, place or name
/// (`named`): a reporting word is a statement with no
/// speaker, each one its own; any other word is an event of type `other`
/// whose subtype is its label, one per label and date in the article, as
/// a happening is.
pub(crate) fn occurrences(
    told: &[ArticleEvent],
    named: &Named,
    found: Vec<Occurrence>,
) -> Vec<ArticleEvent> {
    let overlaps = |a: Span, b: Span| a.start < b.end && b.start < a.end;
    let taken = |o: &Occurrence| {
        let span = o.span;
        named.dates_and_places.iter().any(|n| overlaps(*n, span))
            // Names found in a title-case line are mostly its words.
            || (!o.title_case && named.names.iter().any(|n| overlaps(*n, span)))
            || told.iter().any(|e| {
                overlaps(e.trigger, span) || e.also.iter().any(|(s, _)| overlaps(*s, span))
            })
    };
    let mut out: Vec<ArticleEvent> = Vec::new();
    for o in found.into_iter().filter(|o| !taken(o)) {
        // Each reporting word is a statement of its own.
        let same = (!o.report)
            .then(|| {
                out.iter().position(|e| {
                    e.event_type == "other"
                        && e.subtype.as_deref() == Some(o.label)
                        && corroborate_model::DateRange::may_meet(e.date.as_ref(), o.date.as_ref())
                })
            })
            .flatten();
        match same {
            Some(i) => told_again(&mut out[i], o.sentence, (o.span, o.word), o.date),
            None => out.push(event_at(
                if o.report { "statement" } else { "other" }.into(),
                Some(o.label.to_owned()),
                (o.span, o.word),
                o.sentence,
                None,
                o.date,
            )),
        }
    }
    out
}
