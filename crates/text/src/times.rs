use crate::dates::{find_dates_in, month_number, weekday_number};
use crate::grammar::{captures, core, END, START};
use crate::lexicon::builtin;
use crate::numbers::word_value;
use crate::tokens::fold_word;
use chrono::{Datelike, Duration, Months, NaiveDate};
use corroborate_model::{DateRange, TimeKind};
use regex::Regex;
use std::collections::HashMap;
use std::sync::OnceLock;

/// A time expression found by [`find_times`], with byte offsets.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeFound {
    /// Byte offset where the expression starts.
    pub start: usize,
    /// Byte offset one past its end.
    pub end: usize,
    /// Date, duration, time of day or present.
    pub kind: TimeKind,
    /// TIMEX3-style value (`2025-12-02`, `2025-12`, `2025-W49`, `PT5H`…).
    pub value: Option<String>,
    /// Days it may denote.
    pub range: Option<DateRange>,
    /// Length in hours, for durations.
    pub hours: Option<f64>,
    /// The rule that fired.
    pub rule: &'static str,
    /// Whether the value depends on the publication date.
    pub relative: bool,
    /// For "N units ago": amount, unit and quantifier effect.
    pub ago: Option<(f64, String, Option<String>)>,
}

impl TimeFound {
    fn new(start: usize, end: usize, kind: TimeKind, rule: &'static str, relative: bool) -> Self {
        TimeFound {
            start,
            end,
            kind,
            value: None,
            range: None,
            hours: None,
            rule,
            relative,
            ago: None,
        }
    }

    fn day(mut self, d: NaiveDate) -> Self {
        self.value = Some(d.format("%Y-%m-%d").to_string());
        self.range = Some(DateRange::day(d));
        self
    }
}

/// Finds the time expressions of one sentence and resolves them against the
/// publication date, with news conventions.
///
/// * absolute dates in every language of `lexicons/months.tsv`; month and
///   year ("October 2011" → `2011-10`); a day and month without a year takes
///   the year that puts it nearest the publication date; bare years;
/// * weekdays: in a past-tense sentence the latest such day before
///   publication ("on Tuesday" in a Thursday story = two days before), with a
///   future cue from `lexicons/times/future_cues.txt` the next one, the
///   publication day itself when it is that weekday; "Saturday night" keeps
///   the part of day (`2025-12-06TNI`);
/// * relative words from `lexicons/times/relative.tsv` ("yesterday",
///   "overnight", "earlier this week", "last month", "a day prior");
/// * "N units ago" with `lexicons/times/units.tsv` and `ago.tsv` in the
///   word order of each language ("vor vier Jahren", "чотири роки тому"),
///   a quantifier widening it to a range ("nearly four years ago");
/// * durations: "five-hour talks", "two years", "less than a month".
///
/// Without a publication date, relative expressions are returned with no
/// value rather than guessed.
///
/// ```
/// use corroborate_text::find_times;
/// use chrono::NaiveDate;
/// let thursday = NaiveDate::from_ymd_opt(2025, 12, 4);
/// let t = find_times("Talks on Tuesday lasted five hours.", thursday, "en");
/// assert_eq!(t[0].value.as_deref(), Some("2025-12-02"));
/// assert_eq!(t[0].rule, "weekday_past");
/// assert_eq!(t[1].value.as_deref(), Some("PT5H"));
/// ```
pub fn find_times(text: &str, published: Option<NaiveDate>, lang: &str) -> Vec<TimeFound> {
    let mut out: Vec<TimeFound> = Vec::new();
    // The first grammar to claim a span keeps it, unless a later one reads
    // a longer expression around it ("au début du mois d'avril" is early
    // April, not the start of this month; "en mai l'an dernier").
    let push = |t: TimeFound, out: &mut Vec<TimeFound>| {
        let overlapping = |o: &TimeFound| t.start < o.end && t.end > o.start;
        if !out.iter().any(overlapping) {
            out.push(t);
        } else if out
            .iter()
            .filter(|o| overlapping(o))
            .all(|o| t.start <= o.start && o.end <= t.end && t.end - t.start > o.end - o.start)
        {
            out.retain(|o| !overlapping(o));
            out.push(t);
        }
    };
    for d in find_dates_in(text, lang) {
        let t = TimeFound::new(d.start, d.end, TimeKind::Date, d.rule.as_str(), false).day(d.date);
        push(with_part_of_day(text, t), &mut out);
    }
    // Whether the clause around a position speaks of the future: in
    // "after Friday's quake, families hoped they would be found" the hope
    // is ahead, Friday is not.
    let future = |at: usize| future_clause(text, at, lang);
    for t in ago(text, published, lang) {
        push(t, &mut out);
    }
    for t in relative_words(text, published, lang) {
        push(t, &mut out);
    }
    for t in durations(text, lang) {
        push(t, &mut out);
    }
    for t in month_forms(text, published, future, lang) {
        push(t, &mut out);
    }
    for t in weekdays(text, published, future) {
        push(with_part_of_day(text, t), &mut out);
    }
    // A clock time takes the day the sentence names ("at 2:18 p.m. on
    // Oct. 21, 2011"), else the publication day.
    let day = out
        .iter()
        .filter(|t| t.kind == TimeKind::Date)
        .find_map(|t| t.range.and_then(|r| r.best.filter(|_| r.low == r.high)));
    for mut t in clock_times(text, day.or(published), lang) {
        t.relative = day.is_none();
        // "в 2 часа дня" is 14:00: the longer clock time replaces the two
        // hours read inside it.
        push(t, &mut out);
    }
    for t in years(text, lang)
        .into_iter()
        .chain(short_decades(text, published, lang))
    {
        push(t, &mut out);
    }
    // «Этим утром», "This Morning": a time phrase that fills a pair of
    // quotation marks is a title (a programme, a book), no time.
    out.retain(|t| !fills_quotes(text, t.start, t.end));
    out.sort_by_key(|t| t.start);
    month_of_relative_year(text, &mut out, lang);
    out
}

/// "У грудні минулого року", "im Dezember letzten Jahres", "December of
/// last year": a month followed by a relative year (only function words
/// between) is that year's month, one expression.
fn month_of_relative_year(text: &str, out: &mut Vec<TimeFound>, lang: &str) {
    let mut i = 0;
    while i + 1 < out.len() {
        let (m, y) = (&out[i], &out[i + 1]);
        let between = text.get(m.end..y.start).unwrap_or("x");
        let joined = m.rule == "bare_month"
            && y.rule == "relative_year"
            && crate::words(between).all(|w| crate::is_function_word(&fold_word(w.text), lang))
            && between
                .chars()
                .all(|c| c.is_alphabetic() || c.is_whitespace() || matches!(c, '\'' | '’' | ','));
        let year = y.range.and_then(|r| r.low).map(|d| d.year());
        let month = m
            .value
            .as_deref()
            .and_then(|v| v.get(5..7))
            .and_then(|v| v.parse::<u32>().ok());
        if let (true, Some(year), Some(month)) = (joined, year, month) {
            if let Some((lo, hi)) = month_bounds(year, month) {
                let end = y.end;
                let t = &mut out[i];
                t.end = end;
                t.value = Some(format!("{year:04}-{month:02}"));
                t.range = Some(range_of(None, lo, hi));
                out.remove(i + 1);
            }
        }
        i += 1;
    }
}

/// A grammar of this module, compiled on first use: each call site has its
/// own cell, so threads reading text never wait on each other's grammars.
macro_rules! grammar {
    ($build:expr) => {{
        static CELL: OnceLock<Regex> = OnceLock::new();
        // Every alternative is escaped, so the grammar always compiles.
        CELL.get_or_init(|| Regex::new(&($build)()).expect("time grammar compiles"))
    }};
}

/// The quantifiers that may stand before a length of time ("about three
/// hours"): those of `numbers/quantifiers.tsv` not marked `count`.
fn time_quantifiers() -> Vec<&'static str> {
    builtin::quantifiers()
        .keys_longest_first_where(|r| r.get(2).map(String::as_str) != Some("count"))
}

/// The vague amounts that may stand for a few units of time ("a few
/// weeks", "несколько часов", "kilka dni"): those of `numbers/vague.tsv`
/// from two or three up, with no upper bound.
fn few_words() -> Vec<&'static str> {
    builtin::vague_amounts().keys_longest_first_where(|r| {
        r.first()
            .and_then(|low| low.parse::<f64>().ok())
            .is_some_and(|low| low <= 3.0)
            && r.get(1).map(String::as_str) == Some("-")
    })
}

/// The languages a lexicon lists in column `lang_col` (of the columns after
/// the key).
fn languages_of(lex: &crate::Lexicon, lang_col: usize) -> Vec<String> {
    let mut langs: Vec<String> = lex
        .keys_longest_first()
        .into_iter()
        .flat_map(|k| {
            lex.get_all(k)
                .iter()
                .filter_map(|r| r.get(lang_col).cloned())
        })
        .collect();
    langs.sort_unstable();
    langs.dedup();
    langs
}

/// A grammar per language of `lex` (language in column `lang_col` of the
/// columns after the key): for each filter of `keep`, `build` gets the
/// alternation of the keys listed for that language whose row it accepts.
/// Words read in the article's language only are found far faster by a
/// small alternation than by one of every language.
fn grammars_by_language<const N: usize>(
    lex: &crate::Lexicon,
    lang_col: usize,
    keep: [fn(&[String]) -> bool; N],
    build: impl Fn([String; N]) -> String,
) -> HashMap<String, Regex> {
    languages_of(lex, lang_col)
        .into_iter()
        .filter_map(|l| {
            let parts = keep.map(|k| {
                let keys = lex.keys_longest_first_where(|r| r.get(lang_col) == Some(&l) && k(r));
                // No key: a class that matches nothing.
                if keys.is_empty() {
                    r"[^\s\S]".to_owned()
                } else {
                    alternation(keys)
                }
            });
            // Every alternative is escaped, so the grammar compiles.
            Regex::new(&build(parts)).ok().map(|r| (l, r))
        })
        .collect()
}

fn alternation(keys: Vec<&str>) -> String {
    keys.iter()
        .map(|k| regex::escape(k).replace(' ', r"\s+"))
        .collect::<Vec<_>>()
        .join("|")
}

/// Whether the clause around byte `at` speaks of the future: it has a
/// future cue or a future ending, or it opens with a complementizer
/// ("that", "що", "da": `lexicons/times/complementizers.tsv`) and the
/// clause that governs it, right before, does.
fn future_clause(text: &str, at: usize, lang: &str) -> bool {
    let speaks_ahead = |clause: &str| {
        has_future_cue(clause)
            || has_future_ending(clause, lang)
            || has_future_modal(clause, lang)
            || has_future_verb(clause, lang)
    };
    let (start, end) = clause_bounds(text, at);
    let clause = &text[start..end];
    // "threw a bullpen session on Thursday and would be pitching Sunday":
    // in English, whose verb comes early, the verb of a later conjunct does
    // not reach back to a weekday before it, though one before reaches
    // ahead ("will travel and meet on Monday"). Where the verb may come
    // last ("We wtorek deszcze sięgną … i potrwają") or "i" is also an
    // article (Italian), the clause is kept whole.
    let own = if crate::lexicon_lang(lang) == "en" {
        crate::words(&text[at..end])
            .skip(1)
            .find(|w| matches!(w.text, "and" | "but"))
            .map_or(clause, |w| &text[start..at + w.start])
    } else {
        clause
    };
    if speaks_ahead(own) {
        return true;
    }
    // "On Tuesday, the president will visit", "El martes, el presidente
    // viajará": a clause of the time phrase alone takes the tense of the
    // clause beside it.
    if time_phrase_only(clause, lang) {
        let after = (end < text.len()).then(|| clause_bounds(text, end + 1));
        let before = (start > 0).then(|| clause_bounds(text, start - 1));
        if after
            .into_iter()
            .chain(before)
            .any(|(from, to)| speaks_ahead(&text[from..to]))
        {
            return true;
        }
    }
    let opens_subordinate = crate::words(clause).next().is_some_and(|w| {
        let lower = w.text.to_lowercase();
        builtin::complementizers()
            .get_in(&lower, crate::lexicon_lang(lang), 0)
            .is_some()
            // An English participle ("approaching late Monday").
            || (crate::lexicon_lang(lang) == "en"
                && w.text.starts_with(char::is_lowercase)
                && lower.len() > 5
                && lower.ends_with("ing"))
    });
    // A German infinitive clause ("hofft, am Sonntag … zu stehen").
    let zu_infinitive = || {
        crate::lexicon_lang(lang) == "de" && {
            let words: Vec<&str> = crate::words(clause).map(|w| w.text).collect();
            words.windows(2).any(|p| {
                p[0] == "zu" && p[1].starts_with(char::is_lowercase) && p[1].ends_with('n')
            })
        }
    };
    if !(opens_subordinate || zu_infinitive()) || start == 0 {
        return false;
    }
    // The mark itself ends the governing clause.
    let before = text[..start]
        .char_indices()
        .next_back()
        .map_or(0, |(i, _)| i);
    let (from, to) = clause_bounds(text, before);
    speaks_ahead(&text[from..to])
}

/// Whether every word of `clause` is a weekday, a part of the day or a
/// function word of `lang`: a time phrase set off by commas, with no verb
/// of its own ("On Tuesday", "We wtorek", "Am Montagabend").
fn time_phrase_only(clause: &str, lang: &str) -> bool {
    let key = crate::lexicon_lang(lang);
    let mut words = crate::words(clause).peekable();
    words.peek().is_some()
        && words.all(|w| {
            let folded = crate::tokens::fold_word(w.text);
            crate::is_function_word(&folded, lang)
                || builtin::weekdays().get_in(&folded, key, 1).is_some()
                || builtin::parts_of_day().contains(&folded)
        })
}

/// Whether `text[start..end]` is all that stands between an opening and a
/// closing quotation mark.
fn fills_quotes(text: &str, start: usize, end: usize) -> bool {
    let opening = text[..start].chars().next_back();
    let closing = text[end..].chars().next();
    matches!(
        (opening, closing),
        (Some('«'), Some('»'))
            | (Some('“'), Some('”'))
            | (Some('„'), Some('“' | '”'))
            | (Some('"'), Some('"'))
    )
}

/// Byte bounds of the clause of `text` around byte `at`: between the
/// nearest clause marks (comma, semicolon, colon, dash, parenthesis) on
/// either side; a position inside a character counts as its start.
fn clause_bounds(text: &str, at: usize) -> (usize, usize) {
    // A mark between two digits ("4:1", "1,5", "2–0") joins a figure.
    let mark = |i: usize, c: char| {
        matches!(c, ',' | ';' | ':' | '(' | ')' | '–' | '—')
            && !(text[..i].ends_with(|d: char| d.is_ascii_digit())
                && text[i + c.len_utf8()..].starts_with(|d: char| d.is_ascii_digit()))
    };
    let at = (0..=at.min(text.len()))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let start = text[..at]
        .char_indices()
        .rev()
        .find(|&(i, c)| mark(i, c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[at..]
        .char_indices()
        .find(|&(i, c)| mark(at + i, c))
        .map_or(text.len(), |(i, _)| at + i);
    (start, end)
}

fn has_future_cue(sentence: &str) -> bool {
    let re = grammar!(|| {
        format!(
            r"(?i){START}(?:{}){END}",
            alternation(builtin::future_cues().keys_longest_first())
        )
    });
    re.is_match(sentence)
}

/// Word endings per language, with the shortest word length they apply to.
type Endings = rustc_hash::FxHashMap<String, Vec<(String, usize)>>;

fn endings_by_lang(lex: &crate::Lexicon) -> Endings {
    let mut map = Endings::default();
    for e in lex.keys_longest_first() {
        for cols in lex.get_all(e) {
            if let (Some(min), Some(l)) = (cols.first().and_then(|m| m.parse().ok()), cols.get(1)) {
                map.entry(l.clone()).or_default().push((e.to_owned(), min));
            }
        }
    }
    map
}

/// Whether a lower-case word of `sentence` ends in one of `endings`.
fn any_word_ends_in(sentence: &str, endings: &[(String, usize)]) -> bool {
    crate::words(sentence).any(|w| {
        w.text.chars().next().is_some_and(char::is_lowercase)
            && endings
                .iter()
                .any(|(e, min)| w.text.ends_with(e.as_str()) && w.text.chars().count() >= *min)
    })
}

/// Whether a lower-case word of the sentence ends like a simple future of
/// `lang` ("votarán", "pioverà", "atteindront"; `times/future_endings.tsv`).
fn has_future_ending(sentence: &str, lang: &str) -> bool {
    static CELL: OnceLock<Endings> = OnceLock::new();
    let by_lang = CELL.get_or_init(|| endings_by_lang(builtin::future_endings()));
    by_lang
        .get(crate::lexicon_lang(lang))
        .is_some_and(|endings| any_word_ends_in(sentence, endings))
}

/// Per language, the modal verb forms and the infinitive endings of
/// `times/future_modals.tsv`.
#[derive(Default)]
struct Modals {
    forms: Vec<String>,
    infinitives: Vec<(String, usize)>,
}

/// Whether the clause has a modal of `lang` that says what is to happen
/// followed, within three words, by an infinitive: "doit débuter", "ma się
/// rozpocząć", "має викласти" (`times/future_modals.tsv`).
fn has_future_modal(clause: &str, lang: &str) -> bool {
    /// The most words between the modal and its infinitive, plus one.
    const REACH: usize = 4;
    static CELL: OnceLock<rustc_hash::FxHashMap<String, Modals>> = OnceLock::new();
    let by_lang = CELL.get_or_init(|| {
        let lex = builtin::future_modals();
        let mut map = rustc_hash::FxHashMap::<String, Modals>::default();
        for form in lex.keys_longest_first() {
            for cols in lex.get_all(form) {
                let (Some(role), Some(l)) = (cols.first(), cols.get(1)) else {
                    continue;
                };
                let entry = map.entry(l.clone()).or_default();
                match role.as_str() {
                    "modal" => entry.forms.push(form.to_owned()),
                    "infinitive" => entry.infinitives.push((form.to_owned(), 4)),
                    _ => {}
                }
            }
        }
        map
    });
    let Some(modals) = by_lang.get(crate::lexicon_lang(lang)) else {
        return false;
    };
    let words: Vec<crate::Word> = crate::words(clause).collect();
    words.iter().enumerate().any(|(i, w)| {
        let lower = w.text.to_lowercase();
        modals.forms.contains(&lower)
            && words[i + 1..]
                .iter()
                .take(REACH - 1)
                .any(|next| any_word_ends_in(next.text, &modals.infinitives))
    })
}

/// Whether a lower-case word of the clause is a perfective verb whose
/// non-past form is the future in `lang` ("проголосуют", "пройдуть",
/// "zagra"; `times/future_verbs.tsv`).
fn has_future_verb(clause: &str, lang: &str) -> bool {
    static LANGS: OnceLock<Vec<String>> = OnceLock::new();
    let lang = crate::lexicon_lang(lang);
    let langs = LANGS.get_or_init(|| {
        let lex = builtin::future_verbs();
        let mut v: Vec<String> = lex
            .keys_longest_first()
            .into_iter()
            .flat_map(|k| lex.get_all(k).iter().filter_map(|c| c.first().cloned()))
            .collect();
        v.sort();
        v.dedup();
        v
    });
    langs.iter().any(|l| l == lang)
        && crate::words(clause).any(|w| {
            w.text.chars().next().is_some_and(char::is_lowercase)
                && builtin::future_verbs().get_in(w.text, lang, 0).is_some()
        })
}

/// "Saturday night", "Tuesday morning": the part of day joins the date.
fn with_part_of_day(text: &str, mut t: TimeFound) -> TimeFound {
    let re = grammar!(|| {
        format!(
            r"(?i)^\s+(?P<all>{}){END}",
            alternation(builtin::parts_of_day().keys_longest_first())
        )
    });
    if let Some(m) = re.captures(&text[t.end..]).and_then(|c| c.name("all")) {
        let part = fold_word(m.as_str().trim());
        if let Some(code) = builtin::parts_of_day().get(&part).and_then(|c| c.first()) {
            t.end += m.end();
            t.kind = TimeKind::TimeOfDay;
            if let Some(v) = &t.value {
                t.value = Some(format!("{v}T{code}"));
            }
        }
    }
    t
}

fn weekday_on_or_before(d: NaiveDate, wd: u32) -> NaiveDate {
    let back = (d.weekday().number_from_monday() + 7 - wd) % 7;
    d - Duration::days(back as i64)
}

/// A weekday named by one word: its ISO number and the part of the day
/// glued onto it ("Sonntagabend"), from a lower-cased word. Names of four
/// letters or fewer ("sun", "wed") are common words, not weekdays.
fn weekday_word(lower: &str) -> Option<(u32, Option<&'static str>)> {
    let full = |k: &str| (k.chars().count() > 4).then(|| weekday_number(k)).flatten();
    if let Some(n) = full(lower) {
        return Some((n, None));
    }
    // "Friday's".
    for suffix in ["'s", "’s"] {
        if let Some(n) = lower.strip_suffix(suffix).and_then(full) {
            return Some((n, None));
        }
    }
    // German glues the part of the day on: "Sonntagabend". The one-word
    // parts of the day with their codes, longest first, listed once: this
    // runs for every word of every sentence.
    static GLUED: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();
    let glued = GLUED.get_or_init(|| {
        let lex = builtin::parts_of_day();
        lex.keys_longest_first()
            .into_iter()
            .filter(|k| !k.contains(' '))
            .filter_map(|k| Some((k, lex.get(k)?.first()?.as_str())))
            .collect()
    });
    glued.iter().find_map(|(part, code)| {
        let n = full(lower.strip_suffix(part)?)?;
        Some((n, Some(*code)))
    })
}

/// Bare weekday names resolved against the publication date. Words are
/// looked up in the lexicons one by one (a regular expression over every
/// inflected form is slow to build): the weekday, then a modifier of one or
/// two words right before or after it (`times/weekday_modifiers.tsv`).
fn weekdays(
    text: &str,
    published: Option<NaiveDate>,
    future: impl Fn(usize) -> bool,
) -> Vec<TimeFound> {
    let ws: Vec<crate::Word> = crate::words(text).collect();
    let spaced = |a: &crate::Word, b: &crate::Word| {
        a.end < b.start && text[a.end..b.start].chars().all(char::is_whitespace)
    };
    // The meaning of the phrase `ws[from..=to]` as a modifier at `position`.
    let modifier = |from: usize, to: usize, position: &str| -> Option<String> {
        if (from..to).any(|j| !spaced(&ws[j], &ws[j + 1])) {
            return None;
        }
        let phrase = text[ws[from].start..ws[to].end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        builtin::weekday_modifiers()
            .get_all(&phrase)
            .iter()
            .find(|r| r.get(1).is_some_and(|p| p == position))
            .and_then(|r| r.first().cloned())
    };
    let mut out = Vec::new();
    for (k, w) in ws.iter().enumerate() {
        let lower = w.text.to_lowercase();
        let Some((n, glued)) = weekday_word(&lower) else {
            continue;
        };
        // "среды обитания" (the environment of life) is no Wednesday: a
        // form that is also a common word needs a capital or a preposition.
        let also_a_word = builtin::weekdays()
            .get(&lower)
            .is_some_and(|r| r.get(2).is_some_and(|m| m == "word"));
        if also_a_word
            && !w.text.starts_with(char::is_uppercase)
            && !(k > 0
                && spaced(&ws[k - 1], w)
                && (ws[k - 1].text.chars().count() <= 3
                    || builtin::parts_of_day().get(ws[k - 1].text).is_some()))
        {
            continue;
        }
        // A modifier of two words or one, right before the weekday…
        let before = (1..=2.min(k)).rev().find_map(|len| {
            spaced(&ws[k - 1], w)
                .then(|| modifier(k - len, k - 1, "before"))
                .flatten()
                .map(|m| (ws[k - len].start, m))
        });
        // …or right after it.
        let after = (1..=2).rev().find_map(|len| {
            let last = k + len;
            (last < ws.len() && spaced(w, &ws[k + 1]))
                .then(|| modifier(k + 1, last, "after"))
                .flatten()
                .map(|m| (ws[last].end, m))
        });
        let modifier = before.as_ref().or(after.as_ref()).map(|(_, m)| m.clone());
        let whole_start = before.as_ref().map_or(w.start, |(s, _)| *s);
        let whole_end = after.as_ref().map_or(w.end, |(e, _)| *e);
        let whole = whole_start..whole_end;
        let wd = w.start..w.end;
        let back = modifier.as_deref() == Some("last");
        let ahead = !back && (future(w.start) || modifier.as_deref() == Some("next"));
        let start = if matches!(modifier.as_deref(), Some("early" | "late")) {
            wd.start
        } else {
            whole.start
        };
        let Some(p) = published else {
            out.push(TimeFound::new(
                start,
                whole.end,
                TimeKind::Date,
                "weekday_unresolved",
                true,
            ));
            continue;
        };
        let same = p.weekday().number_from_monday() == n;
        let (date, rule) = if same && modifier.is_none() {
            (p, "weekday_today")
        } else if ahead {
            (
                weekday_on_or_before(p + Duration::days(7), n),
                "weekday_future",
            )
        } else {
            let prev = weekday_on_or_before(p - Duration::days(1), n);
            (prev, "weekday_past")
        };
        let mut t = TimeFound::new(start, whole.end, TimeKind::Date, rule, true).day(date);
        if let (Some(code), Some(v)) = (glued, &t.value) {
            t.value = Some(format!("{v}T{code}"));
            t.kind = TimeKind::TimeOfDay;
        }
        out.push(t);
    }
    out
}

fn month_bounds(y: i32, m: u32) -> Option<(NaiveDate, NaiveDate)> {
    let first = NaiveDate::from_ymd_opt(y, m, 1)?;
    let last = first.checked_add_months(Months::new(1))? - Duration::days(1);
    Some((first, last))
}

fn range_of(best: Option<NaiveDate>, low: NaiveDate, high: NaiveDate) -> DateRange {
    DateRange {
        best,
        low: Some(low),
        high: Some(high),
    }
}

/// "October 2011", "Oct. 2011", "diciembre de 2025"; "Dec. 2" / "2 December"
/// without a year; "in March" / "last March".
fn month_forms(
    text: &str,
    published: Option<NaiveDate>,
    future: impl Fn(usize) -> bool,
    lang: &str,
) -> Vec<TimeFound> {
    let months = || alternation(builtin::months().keys_longest_first());
    let my = grammar!(|| {
        format!(
            r"(?i){START}(?P<all>(?P<m>{})\.?,?\s+(?:(?:de|del|of)\s+)?(?P<y>(?:1[89]|20)\d\d)){END}",
            months()
        )
    });
    let md = grammar!(|| {
        format!(
            r"(?i){START}(?P<all>(?P<m>{m})\.?\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?|(?P<d2>[0-3]?\d)(?:\.|st|nd|rd|th|er|º|°|-го)?\s+(?:de\s+|of\s+)?(?P<m2>{m})){END}",
            m = months()
        )
    });
    let bare = grammar!(|| {
        let placed = |after: bool| {
            alternation(builtin::month_modifiers().keys_longest_first_where(|r| {
                (r.get(2).map(String::as_str) == Some("after")) == after
            }))
        };
        format!(
            r"(?i){START}(?P<all>(?P<mod>{})[\s'’-]+(?P<m>{})(?:\s+(?P<post>{}))?){END}",
            placed(false),
            months(),
            placed(true)
        )
    });
    let mut out: Vec<TimeFound> = Vec::new();
    for c in captures(my, text) {
        let (w, Some(m), Some(y)) = (core(&c), c.name("m"), c.name("y")) else {
            continue;
        };
        let (Some(mn), Ok(yn)) = (month_number(m.as_str(), lang), y.as_str().parse::<i32>()) else {
            continue;
        };
        let Some((lo, hi)) = month_bounds(yn, mn) else {
            continue;
        };
        let mut t = TimeFound::new(w.start(), w.end(), TimeKind::Date, "month_year", false);
        t.value = Some(format!("{yn:04}-{mn:02}"));
        t.range = Some(range_of(None, lo, hi));
        out.push(t);
    }
    for c in captures(md, text) {
        let w = core(&c);
        let m = c.name("m").or(c.name("m2"));
        let d = c.name("d").or(c.name("d2"));
        let (Some(m), Some(d)) = (m, d) else { continue };
        let (Some(mn), Ok(dn)) = (month_number(m.as_str(), lang), d.as_str().parse::<u32>()) else {
            continue;
        };
        // "may 5" in lower case is a verb and a number.
        if m.as_str().starts_with(char::is_lowercase) && m.as_str().eq_ignore_ascii_case("may") {
            continue;
        }
        // "el triunfo 4-1 de febrero": the second figure of a score is no day.
        let mut before = text[..d.start()].chars().rev();
        if matches!(before.next(), Some('-' | '–' | ':'))
            && before.next().is_some_and(|c| c.is_ascii_digit())
        {
            continue;
        }
        if out.iter().any(|o| w.start() < o.end && w.end() > o.start) {
            continue;
        }
        let mut t = TimeFound::new(w.start(), w.end(), TimeKind::Date, "month_day", true);
        if let Some(p) = published {
            let candidates = [p.year() - 1, p.year(), p.year() + 1];
            // The year that puts the day nearest the publication date: news
            // dates an event within months of publishing ("sentenced May 7").
            let best = candidates
                .iter()
                .filter_map(|y| NaiveDate::from_ymd_opt(*y, mn, dn))
                .min_by_key(|d| (*d - p).num_days().abs());
            if let Some(date) = best {
                t = t.day(date);
            }
        }
        out.push(t);
    }
    for c in captures(bare, text) {
        let (w, Some(m), Some(md)) = (core(&c), c.name("m"), c.name("mod")) else {
            continue;
        };
        if out.iter().any(|o| w.start() < o.end && w.end() > o.start) {
            continue;
        }
        // Month names in English are capitalised; "may" is a verb, and a
        // short lower-case form is an abbreviation ("mar" is also Spanish
        // for sea) unless it is a full name in the article's language
        // (French "mai").
        let own_name = crate::lexicon_lang(lang) != "en"
            && builtin::months()
                .get_in(&m.as_str().to_lowercase(), crate::lexicon_lang(lang), 1)
                .is_some();
        if !m.as_str().starts_with(char::is_uppercase) && m.as_str().len() <= 3 && !own_name {
            continue;
        }
        // A weak modifier ("to", "of", "on") before a month that is also a
        // name ("spoke to May") makes no date.
        let weak = builtin::month_modifiers()
            .get_all(&md.as_str().to_lowercase())
            .iter()
            .any(|r| r.get(3).is_some_and(|w| w == "weak"));
        let named = builtin::months()
            .get_all(&m.as_str().to_lowercase())
            .iter()
            .any(|r| r.get(2).is_some_and(|n| n == "name"));
        if weak && named {
            continue;
        }
        let Some(mn) = month_number(m.as_str(), lang) else {
            continue;
        };
        // What the modifier means (times/month_modifiers.tsv); one after the
        // month ("décembre dernier") says which month.
        let meaning_of = |m: regex::Match| {
            builtin::month_modifiers()
                .get(&m.as_str().to_lowercase())
                .and_then(|cols| cols.first().cloned())
                .unwrap_or_default()
        };
        let before = meaning_of(md);
        let start = if before == "in" || before == "since" {
            m.start()
        } else {
            w.start()
        };
        let meaning = c.name("post").map_or(before, meaning_of);
        let meaning = if matches!(meaning.as_str(), "" | "in" | "part")
            && looks_back(text, w.start(), lang)
        {
            "since".to_owned()
        } else {
            meaning
        };
        let mut t = TimeFound::new(start, w.end(), TimeKind::Date, "bare_month", true);
        if let Some(p) = published {
            let ahead = future(w.start()) || meaning == "next";
            let y = year_of_month(p, mn, &meaning, ahead);
            if let Some((lo, hi)) = month_bounds(y, mn) {
                t.value = Some(format!("{y:04}-{mn:02}"));
                t.range = Some(range_of(None, lo, hi));
            }
        }
        out.push(t);
    }
    for (start, end, mn) in month_adjectives(text, lang)
        .into_iter()
        .chain(english_months_before_a_word(text, lang))
    {
        if out.iter().any(|o| start < o.end && end > o.start) {
            continue;
        }
        let mut t = TimeFound::new(start, end, TimeKind::Date, "month_adjective", true);
        if let Some(p) = published {
            let meaning = if looks_back(text, start, lang) {
                "since"
            } else {
                ""
            };
            let y = year_of_month(p, mn, meaning, future(start));
            if let Some((lo, hi)) = month_bounds(y, mn) {
                t.value = Some(format!("{y:04}-{mn:02}"));
                t.range = Some(range_of(None, lo, hi));
            }
        }
        out.push(t);
    }
    out
}

/// English month names before a lower-case word: a month that modifies
/// the noun after it ("the June summit", "November elections") or is the
/// subject ("October can see big swings") (start, end, month number). A
/// month that is also a name or a word ("May", "March", `name` in
/// months.tsv) does not count, nor one before a capitalised word ("June
/// Carter").
fn english_months_before_a_word(text: &str, lang: &str) -> Vec<(usize, usize, u32)> {
    if crate::lexicon_lang(lang) != "en" {
        return Vec::new();
    }
    let ws: Vec<crate::Word> = crate::words(text).collect();
    ws.windows(2)
        .filter_map(|pair| {
            let (w, next) = (&pair[0], &pair[1]);
            if !w.text.starts_with(char::is_uppercase)
                || !next.text.starts_with(char::is_lowercase)
                || &text[w.end..next.start] != " "
            {
                return None;
            }
            let lower = w.text.to_lowercase();
            let rows = builtin::months().get_all(&lower);
            let row = rows.iter().find(|r| r.get(1).is_some_and(|l| l == "en"))?;
            if row.get(2).is_some_and(|n| n == "name") || lower.chars().count() <= 3 {
                return None;
            }
            Some((w.start, w.end, row.first()?.parse().ok()?))
        })
        .collect()
}

/// Words of `text` that are adjectives made from a month name in `lang`
/// ("червневої", "декабрьских"; `times/month_adjectives.tsv`): (start, end,
/// month number).
fn month_adjectives(text: &str, lang: &str) -> Vec<(usize, usize, u32)> {
    /// Per language, the stems with their month and the endings.
    type Forms = (Vec<(String, u32)>, Vec<String>);
    static CELL: OnceLock<rustc_hash::FxHashMap<String, Forms>> = OnceLock::new();
    let by_lang = CELL.get_or_init(|| {
        let lex = builtin::month_adjectives();
        let mut map = rustc_hash::FxHashMap::<String, Forms>::default();
        for form in lex.keys_longest_first() {
            for cols in lex.get_all(form) {
                let (Some(what), Some(l)) = (cols.first(), cols.get(1)) else {
                    continue;
                };
                let entry = map.entry(l.clone()).or_default();
                match (form.strip_prefix('-'), what.parse::<u32>()) {
                    (Some(ending), _) if what == "ending" => entry.1.push(ending.to_owned()),
                    (None, Ok(month)) => entry.0.push((form.to_owned(), month)),
                    _ => {}
                }
            }
        }
        map
    });
    let Some((stems, endings)) = by_lang.get(crate::lexicon_lang(lang)) else {
        return Vec::new();
    };
    crate::words(text)
        .filter_map(|w| {
            let lower = w.text.to_lowercase();
            stems.iter().find_map(|(stem, month)| {
                let rest = lower.strip_prefix(stem.as_str())?;
                endings
                    .iter()
                    .any(|e| e == rest)
                    .then_some((w.start, w.end, *month))
            })
        })
        .collect()
}

/// Whether a word of `times/back_cues.tsv` ("since", "после", "nakon")
/// stands earlier in the clause of byte `at`: a month there is looked back
/// to.
fn looks_back(text: &str, at: usize, lang: &str) -> bool {
    let (start, _) = clause_bounds(text, at);
    let key = crate::lexicon_lang(lang);
    crate::words(text.get(start..at).unwrap_or("")).any(|w| {
        builtin::back_cues()
            .get_in(&w.text.to_lowercase(), key, 0)
            .is_some()
    })
}

/// The year of a month named without one, seen from publication date `p`:
/// after a modifier meaning "this", "last", "next" or "since", or in a clause that
/// speaks of the future, as it says; else the nearest such month.
fn year_of_month(p: NaiveDate, mn: u32, meaning: &str, ahead: bool) -> i32 {
    match meaning {
        "this" => p.year(),
        "since" if !ahead => {
            if mn <= p.month() {
                p.year()
            } else {
                p.year() - 1
            }
        }
        "last" => {
            if mn < p.month() {
                p.year()
            } else {
                p.year() - 1
            }
        }
        _ if ahead => {
            if mn >= p.month() {
                p.year()
            } else {
                p.year() + 1
            }
        }
        // The nearest such month, as for a day without a year.
        _ => {
            let back = (p.month() + 12 - mn) % 12;
            if back <= 6 {
                if mn <= p.month() {
                    p.year()
                } else {
                    p.year() - 1
                }
            } else if mn > p.month() {
                p.year()
            } else {
                p.year() + 1
            }
        }
    }
}

/// Bare years: "in 2022", "since 2014", "2009".
fn years(text: &str, lang: &str) -> Vec<TimeFound> {
    let re = grammar!(|| {
        // The year's own dot in the Slavic and German way may stand before
        // a comma: "umro je 1945., svega…".
        // A Croatian chronology writes "2016.: ...".
        // "1980s", "1980er": a decade suffix glued on (times/decades.tsv).
        r"(?:^|[^\w.,:])(?P<y>(?:1[89]|20)\d\d)(?P<dec>s|['’]s|er)?(?:$|[^\w.,:%]|(?:\.[:,]?|[,:])(?:[\s,;)]|$))"
            .to_owned()
    });
    let mut out = Vec::new();
    for c in captures(re, text) {
        let Some(y) = c.name("y") else { continue };
        let Ok(yn) = y.as_str().parse::<i32>() else {
            continue;
        };
        // "2000 millones", "2000 доларів": an amount.
        if crate::words(&text[y.end()..]).next().is_some_and(|w| {
            let folded = fold_word(w.text);
            text[y.end()..y.end() + w.start].trim().is_empty()
                && (crate::numbers::is_scale_word(&folded)
                    || crate::numbers::is_kind(&folded, "money"))
        }) {
            continue;
        }
        // "lata 1950–1953" is a range of years, not the 1950s.
        let range_follows = text[y.end()..]
            .strip_prefix(['-', '–', '—'])
            .is_some_and(|rest| rest.starts_with(|ch: char| ch.is_ascii_digit()));
        let (decade, end) = match decade_after(text, &c, lang) {
            Some(end) if yn % 10 == 0 => (true, end),
            Some(_) => continue,
            None if yn % 10 == 0 && !range_follows && decade_before(text, y.start(), lang) => {
                (true, y.end())
            }
            None => (false, y.end()),
        };
        let last = if decade { yn + 9 } else { yn };
        let (Some(lo), Some(hi)) = (
            NaiveDate::from_ymd_opt(yn, 1, 1),
            NaiveDate::from_ymd_opt(last, 12, 31),
        ) else {
            continue;
        };
        let rule = if decade { "decade" } else { "year" };
        let mut t = TimeFound::new(y.start(), end, TimeKind::Date, rule, false);
        t.value = Some(if decade {
            format!("{}X", yn / 10)
        } else {
            format!("{yn:04}")
        });
        t.range = Some(range_of(None, lo, hi));
        out.push(t);
    }
    out
}

/// Decades written with two digits: "los años 80", "negli anni ‘80",
/// "80-tih godina", "в 80-х". The century is the last one in which the
/// decade has begun by the publication year ("los años 10" in 2018 is the
/// 2010s), the 1900s without a publication date.
fn short_decades(text: &str, published: Option<NaiveDate>, lang: &str) -> Vec<TimeFound> {
    let re = grammar!(|| {
        r"(?:^|[^\w'‘’])(?P<q>['‘’])?(?P<d>[1-9]0)(?P<dec>s)?(?:$|[^\w.,:%]|[.,:](?:\s|$))"
            .to_owned()
    });
    let this_year = published.map_or(1999, |p| p.year());
    let mut out = Vec::new();
    for c in captures(re, text) {
        let Some(d) = c.name("d") else { continue };
        let Ok(n) = d.as_str().parse::<i32>() else {
            continue;
        };
        let start = c.name("q").map_or(d.start(), |q| q.start());
        // "the '80s" is a decade, "highs in the 80s" temperatures.
        let end = match decade_after(text, &c, lang) {
            Some(_) if c.name("dec").is_some() && c.name("q").is_none() => continue,
            Some(end) => end,
            None if decade_before(text, start, lang) => d.end(),
            None => continue,
        };
        let century = if 2000 + n <= this_year { 2000 } else { 1900 };
        let yn = century + n;
        let (Some(lo), Some(hi)) = (
            NaiveDate::from_ymd_opt(yn, 1, 1),
            NaiveDate::from_ymd_opt(yn + 9, 12, 31),
        ) else {
            continue;
        };
        let mut t = TimeFound::new(start, end, TimeKind::Date, "decade", false);
        t.value = Some(format!("{}X", yn / 10));
        t.range = Some(range_of(None, lo, hi));
        out.push(t);
    }
    out
}

/// The line of `text` around byte `at`.
fn line_of(text: &str, at: usize) -> &str {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    &text[start..end]
}

/// The end of a decade suffix glued to the year of `c` ("1980s",
/// "1980-х", "1980er"; `times/decades.tsv`), if there is one.
fn decade_after(text: &str, c: &regex::Captures, lang: &str) -> Option<usize> {
    let y = c.name("y").or_else(|| c.name("d"))?;
    if let Some(dec) = c.name("dec") {
        let form = dec.as_str().to_lowercase();
        builtin::decades()
            .get_in(&form, crate::lexicon_lang(lang), 1)
            .filter(|r| r.first().is_some_and(|p| p == "after"))?;
        return Some(dec.end());
    }
    // A hyphenated suffix: "-х" of "1980-х", up to the end of its word.
    let rest = &text[y.end()..];
    let tail = rest.strip_prefix('-')?;
    let word_len = tail
        .find(|ch: char| !ch.is_alphabetic())
        .unwrap_or(tail.len());
    let form = format!("-{}", tail[..word_len].to_lowercase());
    builtin::decades()
        .get_in(&form, crate::lexicon_lang(lang), 1)
        .filter(|r| r.first().is_some_and(|p| p == "after"))?;
    Some(y.end() + 1 + word_len)
}

/// Whether a decade word stands right before the year at `start` ("années
/// 1980", "década de 1980"; `times/decades.tsv`).
fn decade_before(text: &str, start: usize, lang: &str) -> bool {
    let before = text[..start].trim_end().to_lowercase();
    builtin::decades()
        .keys_longest_first_where(|r| {
            r.first().is_some_and(|p| p == "before")
                && r.get(1).is_some_and(|l| l == crate::lexicon_lang(lang))
        })
        .into_iter()
        .any(|k| {
            before.ends_with(k)
                && before[..before.len() - k.len()]
                    .chars()
                    .next_back()
                    .is_none_or(|ch| !ch.is_alphanumeric())
        })
}

/// Clock times ("2:18 p.m.", "14:00") on the publication day.
fn clock_times(text: &str, published: Option<NaiveDate>, lang: &str) -> Vec<TimeFound> {
    let re = grammar!(|| {
        format!(
            r"(?i){START}(?P<all>(?P<h>[012]?\d)(?:\s?[:.]\s?(?P<m>[0-5]\d))?\s?(?P<ap>a\.\s?m\.?|p\.\s?m\.?|am|pm)|(?P<h2>[012]?\d)\s?:\s?(?P<m2>[0-5]\d)|(?P<h3>[012]?\d)(?:[.:](?P<m3>[0-5]\d))?\s?(?:uhr|h(?:\s?(?P<m4>[0-5]\d))?)|(?:u|o|о|в)\s(?P<h5>[012]?\d)\s(?:sati|ranku|ранку|утра|години|godzinie)){END}"
        )
    });
    let mut out = Vec::new();
    for c in captures(re, text) {
        let w = core(&c);
        // "2:18 p.m.", "14:00", "13.00 Uhr", "13 h 30", "u 14 sati".
        let h = ["h", "h2", "h3", "h5"]
            .iter()
            .find_map(|k| c.name(k))
            .and_then(|h| h.as_str().parse::<u32>().ok());
        let m = ["m", "m2", "m3", "m4"]
            .iter()
            .find_map(|k| c.name(k))
            .and_then(|m| m.as_str().parse::<u32>().ok())
            .unwrap_or(0);
        let Some(mut h) = h else { continue };
        if let Some(ap) = c.name("ap") {
            let pm = ap.as_str().to_lowercase().starts_with('p');
            if h > 12 {
                continue;
            }
            h = match (pm, h) {
                (true, 12) => 12,
                (true, h) => h + 12,
                (false, 12) => 0,
                (false, h) => h,
            };
        }
        if h > 23 {
            continue;
        }
        let mut t = TimeFound::new(w.start(), w.end(), TimeKind::TimeOfDay, "clock", true);
        if let Some(p) = published {
            t = t.day(p);
            t.value = Some(format!("{}T{h:02}:{m:02}", p.format("%Y-%m-%d")));
        }
        out.push(t);
    }
    for (start, end, h, m) in worded_clock_times(text, lang) {
        if out.iter().any(|o| start < o.end && end > o.start) {
            continue;
        }
        let mut t = TimeFound::new(start, end, TimeKind::TimeOfDay, "clock", true);
        if let Some(p) = published {
            t = t.day(p);
            t.value = Some(format!("{}T{h:02}:{m:02}", p.format("%Y-%m-%d")));
        }
        out.push(t);
    }
    out
}

/// Hours told with the words of `lexicons/times/clock_words.tsv` ("alle
/// 14.00", "a las 7 de la mañana", "8 di sera", "a las dos de la tarde"):
/// (start, end, hour, minute). A word before the hour needs the minutes or
/// a word after it, unless it names the hour ("o godzinie 19").
fn worded_clock_times(text: &str, lang: &str) -> Vec<(usize, usize, u32, u32)> {
    let lex = builtin::clock_words();
    // One grammar per language; English, which writes "a.m.", has none.
    static GRAMMARS: OnceLock<HashMap<String, Regex>> = OnceLock::new();
    let grammars = GRAMMARS.get_or_init(|| {
        grammars_by_language(
            lex,
            2,
            [
                |r| r.first().is_some_and(|p| p == "before" || p == "before_hour"),
                |r| r.first().is_some_and(|p| p == "after"),
            ],
            |[before, after]| {
                format!(
                    r"(?i){START}(?P<all>(?:(?P<b>{before})\s+)?(?P<h>[012]?\d|\p{{L}}+)(?:[.:](?P<m>[0-5]\d))?(?:\s+(?P<a>{after}))?){END}"
                )
            },
        )
    });
    let lang = crate::lexicon::lexicon_lang(lang);
    let Some(re) = grammars.get(lang) else {
        return Vec::new();
    };
    // The row of a matched phrase in the article's language.
    let row = |m: Option<regex::Match>| {
        let key = m?
            .as_str()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        lex.get_in(&key, lang, 2)
    };
    let mut out = Vec::new();
    for c in captures(re, text) {
        let (before, after) = (row(c.name("b")), row(c.name("a")));
        let minutes = c.name("m").and_then(|m| m.as_str().parse::<u32>().ok());
        // "o godzinie 19": a word that names the hour needs no minutes.
        let names_hour = before.is_some_and(|r| r.first().is_some_and(|p| p == "before_hour"));
        if after.is_none() && !names_hour && !(before.is_some() && minutes.is_some()) {
            continue;
        }
        // The hour in digits, or in words ("a las cinco de la mañana").
        let hour = c.name("h").and_then(|h| {
            h.as_str().parse::<u32>().ok().or_else(|| {
                let v = parse_amount(h.as_str(), lang)?;
                (v.fract() == 0.0 && (1.0..=12.0).contains(&v)).then_some(v as u32)
            })
        });
        let Some(mut h) = hour else {
            continue;
        };
        let pm = [after, before]
            .into_iter()
            .flatten()
            .any(|r| r.get(1).is_some_and(|half| half == "pm"));
        if pm && h < 12 {
            h += 12;
        }
        if h > 23 {
            continue;
        }
        // From the word before the hour, or the hour, to the word after
        // it, or the minutes, or the hour.
        let Some(all) = c.name("all") else { continue };
        let (start, end) = (all.start(), all.end());
        out.push((start, end, h, minutes.unwrap_or(0)));
    }
    out
}

/// Words of `lexicons/times/relative.tsv`: "yesterday", "overnight", "last month".
fn relative_words(text: &str, published: Option<NaiveDate>, lang: &str) -> Vec<TimeFound> {
    // One grammar per language: the words are read in the article's
    // language only, and a small alternation is far faster to run.
    static GRAMMARS: OnceLock<HashMap<String, Regex>> = OnceLock::new();
    let grammars = GRAMMARS.get_or_init(|| {
        grammars_by_language(builtin::relative_times(), 1, [|_| true], |[keys]| {
            format!(r"(?i)(?:^|[^\w])(?P<w>{keys})(?:$|[^\w])")
        })
    });
    let Some(re) = grammars.get(crate::lexicon::lexicon_lang(lang)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for c in captures(re, text) {
        let Some(w) = c.name("w") else { continue };
        // An acronym is no time word: Croatian "SAD" is the USA, not "sad" (now).
        let letters = w.as_str().chars().filter(|ch| ch.is_alphabetic());
        if w.as_str().chars().count() > 1
            && letters.clone().all(char::is_uppercase)
            && !text
                .chars()
                .filter(|ch| ch.is_alphabetic())
                .all(char::is_uppercase)
        {
            continue;
        }
        // A phrase of capitalised words in a sentence not written in title
        // case is a name: the "This Morning presenter" is no morning, even
        // when it opens the sentence ("This morning" would be the time).
        let capitalised = w.as_str().split_whitespace().count() > 1
            && w.as_str()
                .split_whitespace()
                .all(|x| x.chars().next().is_some_and(char::is_uppercase));
        // German capitalises its nouns ("Vergangene Woche").
        let nouns_capitalised = crate::lexicon::lexicon_lang(lang) == "de";
        if capitalised
            && (!crate::tokens::opens_clause(text, w.start())
                || !(nouns_capitalised || crate::tokens::in_title_case(line_of(text, w.start()))))
        {
            continue;
        }
        let key = w
            .as_str()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        // Read in the article's language only: Croatian "sad" (now) is
        // English "sad", Spanish "hoy" is nothing in English.
        let Some(rule) = builtin::relative_times()
            .get_in(&key, crate::lexicon::lexicon_lang(lang), 1)
            .and_then(|c| c.first())
        else {
            continue;
        };
        // "overnight on Friday": the weekday names the night.
        if rule.starts_with("night:") && weekday_follows(&text[w.end()..]) {
            continue;
        }
        if let Some(t) = resolve_relative(rule, w.start(), w.end(), published) {
            out.push(t);
        }
    }
    out
}

/// Whether `rest` opens with a weekday, after at most one short word
/// ("on Friday", "into Saturday"), with nothing but spaces between.
fn weekday_follows(rest: &str) -> bool {
    let words: Vec<crate::Word> = crate::words(rest).take(2).collect();
    let spaces = |from: usize, to: usize| rest[from..to].chars().all(char::is_whitespace);
    let is_weekday = |w: &crate::Word| weekday_word(&w.text.to_lowercase()).is_some();
    match words.as_slice() {
        [first, ..] if spaces(0, first.start) && is_weekday(first) => true,
        [first, second] => {
            spaces(0, first.start)
                && spaces(first.end, second.start)
                && first.text.chars().count() <= 4
                && is_weekday(second)
        }
        _ => false,
    }
}

fn iso_week(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{:04}-W{:02}", w.year(), w.week())
}

fn week_start(d: NaiveDate) -> NaiveDate {
    weekday_on_or_before(d, 1)
}

/// Resolves a relative rule (`day:-1`, `week_earlier:0`, `present`…) of the
/// relative-time lexicon against the publication date.
fn resolve_relative(
    rule: &str,
    start: usize,
    end: usize,
    p: Option<NaiveDate>,
) -> Option<TimeFound> {
    let (part, offset) = rule.split_once(':').unwrap_or((rule, "0"));
    let off: i64 = offset.trim_start_matches('+').parse().unwrap_or(0);
    let kind = match part {
        "morning" | "afternoon" | "evening" | "night" => TimeKind::TimeOfDay,
        "present" => TimeKind::Present,
        _ => TimeKind::Date,
    };
    let rule_name: &'static str = match part {
        "day" | "day_before" | "day_later" => "relative_day",
        "morning" | "afternoon" | "evening" | "night" => "relative_part_of_day",
        "week" | "week_earlier" | "week_later" | "weekend" => "relative_week",
        "month" => "relative_month",
        "year" => "relative_year",
        "present" => "present",
        "recent" => "recent",
        _ => return None,
    };
    let mut t = TimeFound::new(start, end, kind, rule_name, true);
    if part == "present" {
        t.value = Some("PRESENT_REF".into());
        if let Some(p) = p {
            t.range = Some(DateRange::day(p));
        }
        return Some(t);
    }
    if part == "recent" {
        t.value = Some("PAST_REF".into());
        if let Some(p) = p {
            t.range = Some(DateRange {
                best: None,
                low: None,
                high: Some(p),
            });
        }
        return Some(t);
    }
    let Some(p) = p else { return Some(t) };
    match part {
        "day" | "day_before" | "day_later" => t = t.day(p + Duration::days(off)),
        "morning" | "afternoon" | "evening" | "night" => {
            let d = p + Duration::days(off);
            let code = match part {
                "morning" => "MO",
                "afternoon" => "AF",
                "evening" => "EV",
                _ => "NI",
            };
            t = t.day(d);
            t.value = Some(format!("{}T{code}", d.format("%Y-%m-%d")));
            if part == "night" && off < 0 {
                // Overnight: from the evening before to the publication morning.
                t.range = Some(range_of(Some(d), d, p));
            }
        }
        "week" | "week_earlier" | "week_later" | "weekend" => {
            let ws = week_start(p) + Duration::days(7 * off);
            let (lo, hi) = match part {
                "week_earlier" => (ws, (p - Duration::days(1)).max(ws)),
                "week_later" => (
                    (p + Duration::days(1)).min(ws + Duration::days(6)),
                    ws + Duration::days(6),
                ),
                "weekend" => (ws + Duration::days(5), ws + Duration::days(6)),
                _ => (ws, ws + Duration::days(6)),
            };
            t.value = Some(if part == "weekend" {
                format!("{}-WE", iso_week(ws))
            } else {
                iso_week(ws)
            });
            t.range = Some(range_of(None, lo, hi));
        }
        "month" => {
            let anchor = if off < 0 {
                p.checked_sub_months(Months::new(off.unsigned_abs() as u32))?
            } else {
                p.checked_add_months(Months::new(off as u32))?
            };
            let (lo, hi) = month_bounds(anchor.year(), anchor.month())?;
            t.value = Some(format!("{:04}-{:02}", anchor.year(), anchor.month()));
            t.range = Some(range_of(None, lo, hi));
        }
        "year" => {
            let y = p.year() + off as i32;
            t.value = Some(format!("{y:04}"));
            t.range = Some(range_of(
                None,
                NaiveDate::from_ymd_opt(y, 1, 1)?,
                NaiveDate::from_ymd_opt(y, 12, 31)?,
            ));
        }
        _ => {}
    }
    Some(t)
}

/// Length of one time unit of `lexicons/times/units.tsv`: TIMEX letter, whether
/// it is a time (not date) unit, and hours.
fn unit_info(unit: &str) -> Option<(&'static str, bool, f64)> {
    Some(match unit {
        "minute" => ("M", true, 1.0 / 60.0),
        "hour" => ("H", true, 1.0),
        "day" => ("D", false, 24.0),
        "week" => ("W", false, 168.0),
        "month" => ("M", false, 730.0),
        "year" => ("Y", false, 8766.0),
        "decade" => ("DE", false, 87660.0),
        "century" => ("CE", false, 876600.0),
        _ => return None,
    })
}

/// An amount of time units: digits, or a number word. (A word with an
/// apostrophe, Ukrainian "п’ять", is not taken: the optional part cost
/// 4 % of the understanding pass for one reading in 576 articles.)
fn amount_pattern() -> String {
    r"(?P<n>\d+(?:[.,]\d+)?|[\p{L}]+(?:-[\p{L}]+)?)".to_owned()
}

fn parse_amount(s: &str, lang: &str) -> Option<f64> {
    let s = s.replace(',', ".");
    s.parse::<f64>()
        .ok()
        .or_else(|| word_value(&fold_word(&s), lang))
}

/// "four years ago", "vor vier Jahren", "hace dos días", "a week ago",
/// with a quantifier before the amount widening the range.
fn ago(text: &str, published: Option<NaiveDate>, lang: &str) -> Vec<TimeFound> {
    let re = grammar!(|| {
        let units = alternation(builtin::time_units().keys_longest_first());
        let quant = alternation(time_quantifiers());
        let ago_lex = builtin::ago_words();
        let after: Vec<&str> = ago_lex
            .keys_longest_first()
            .into_iter()
            .filter(|k| {
                ago_lex
                    .get(k)
                    .is_some_and(|c| c.first().is_some_and(|p| p == "after"))
            })
            .collect();
        let before: Vec<&str> = ago_lex
            .keys_longest_first()
            .into_iter()
            .filter(|k| {
                ago_lex
                    .get(k)
                    .is_some_and(|c| c.first().is_some_and(|p| p == "before"))
            })
            .collect();
        let n = amount_pattern();
        format!(
            r"(?i)(?:^|[^\w])(?P<all>(?:(?P<q>{quant})\s+)?{n}\s+(?P<u>{units})\s+(?:{after})|(?:{before})\s+(?:(?P<q2>{quant})\s+)?(?P<n2>\d+|[\p{{L}}]+)\s+(?P<u2>{units}))(?:$|[^\w])",
            after = alternation(after),
            before = alternation(before),
        )
    });
    let mut out = Vec::new();
    for c in captures(re, text) {
        let Some(all) = c.name("all") else { continue };
        let n = c.name("n").or(c.name("n2")).map(|m| m.as_str());
        let u = c
            .name("u")
            .or(c.name("u2"))
            .map(|m| m.as_str().to_lowercase());
        let q = c.name("q").or(c.name("q2")).map(|m| fold_word(m.as_str()));
        let amount = match n.map(|n| n.to_lowercase()) {
            Some(a) if a == "a" || a == "an" => Some(1.0),
            Some(a) => parse_amount(&a, lang),
            None => None,
        };
        let (Some(amount), Some(unit)) = (
            amount,
            u.and_then(|u| {
                builtin::time_units()
                    .get(&u)
                    .and_then(|c| c.first().cloned())
            }),
        ) else {
            continue;
        };
        let mut t = TimeFound::new(all.start(), all.end(), TimeKind::Date, "ago", true);
        let effect = q.and_then(|q| {
            builtin::quantifiers()
                .get(&q)
                .and_then(|c| c.first().cloned())
        });
        t.ago = Some((amount, unit.clone(), effect.clone()));
        let Some(p) = published else {
            out.push(t);
            continue;
        };
        let Some(center) = shift_date(p, -amount, &unit) else {
            continue;
        };
        let half = |sign: f64| shift_date(center, sign * 0.5, &unit).unwrap_or(center);
        let (low, high) = match effect.as_deref() {
            // Less than N units ago: after the centre, up to half a unit.
            Some("nearly" | "less_than" | "at_most") => (Some(center), Some(half(1.0))),
            Some("more_than" | "at_least") => (Some(half(-1.0)), Some(center)),
            _ if matches!(unit.as_str(), "day" | "hour" | "minute") => (Some(center), Some(center)),
            _ => (Some(half(-1.0)), Some(half(1.0))),
        };
        t.range = Some(DateRange {
            best: Some(center),
            low,
            high,
        });
        t.value = Some(match unit.as_str() {
            "year" | "decade" | "century" => format!("{:04}", center.year()),
            "month" => format!("{:04}-{:02}", center.year(), center.month()),
            "week" => iso_week(center),
            _ => center.format("%Y-%m-%d").to_string(),
        });
        if effect.is_some() {
            t.rule = "ago_vague";
        }
        out.push(t);
    }
    out
}

/// Farthest a date is moved (about 10,000 years).
const MAX_SHIFT_DAYS: f64 = 3_652_500.0;

/// `d` moved by `amount` units (`day`, `week`, `month`, `year`, `decade`,
/// `century`; negative = back), fractions rounded to days.
///
/// ```
/// use chrono::NaiveDate;
/// let d = NaiveDate::from_ymd_opt(2022, 2, 24).unwrap();
/// assert_eq!(corroborate_text::shift_date(d, 3.5, "year").unwrap().to_string(), "2025-08-24");
/// ```
pub fn shift_date(d: NaiveDate, amount: f64, unit: &str) -> Option<NaiveDate> {
    let days = match unit {
        "minute" | "hour" => 0.0,
        "day" => amount,
        "week" => amount * 7.0,
        "month" if amount.fract() == 0.0 => {
            let m = Months::new(amount.abs() as u32);
            return if amount < 0.0 {
                d.checked_sub_months(m)
            } else {
                d.checked_add_months(m)
            };
        }
        "month" => amount * 30.44,
        "year" | "decade" | "century" => {
            let years = amount
                * if unit == "decade" {
                    10.0
                } else if unit == "century" {
                    100.0
                } else {
                    1.0
                };
            if (years * 12.0).fract() == 0.0 {
                let m = Months::new((years.abs() * 12.0) as u32);
                return if years < 0.0 {
                    d.checked_sub_months(m)
                } else {
                    d.checked_add_months(m)
                };
            }
            years * 365.25
        }
        _ => return None,
    };
    // Amounts come from text: a huge one is no date, not a panic.
    if !days.is_finite() || days.abs() > MAX_SHIFT_DAYS {
        return None;
    }
    d.checked_add_signed(Duration::try_days(days.round() as i64)?)
}

/// Durations: "five-hour talks", "for two years", "less than a month",
/// "nearly three weeks", "a few weeks".
fn durations(text: &str, lang: &str) -> Vec<TimeFound> {
    let re = grammar!(|| {
        let units = alternation(builtin::time_units().keys_longest_first());
        let quant = alternation(time_quantifiers());
        format!(
            r"(?i)(?:^|[^\w])(?P<all>(?:(?P<q>{quant})\s+)?(?:(?P<few>{few})|{n})[\s-](?:(?:{adjs})\s+)?(?P<u>{units}))(?:$|[^\w])",
            n = amount_pattern(),
            few = alternation(few_words()),
            adjs = alternation(builtin::unit_adjectives().keys_longest_first())
        )
    });
    let mut out = Vec::new();
    for c in captures(re, text) {
        let (Some(all), Some(u)) = (c.name("all"), c.name("u")) else {
            continue;
        };
        let (mut start, mut end) = (all.start(), all.end());
        let mut unit_word = u.as_str().to_lowercase();
        let mut n_text = c.name("n").map(|m| m.as_str().to_lowercase());
        // "a four-day week": the amount pattern took "four-day" whole and
        // the unit word after it; the duration is "four-day".
        if let Some(n) = c.name("n") {
            let lower = n.as_str().to_lowercase();
            if let Some((amount, unit)) = lower.split_once('-') {
                if builtin::time_units().get(unit).is_some() && parse_amount(amount, lang).is_some()
                {
                    start = n.start();
                    end = n.end();
                    unit_word = unit.to_owned();
                    n_text = Some(amount.to_owned());
                }
            }
        }
        let Some(unit) = builtin::time_units()
            .get(&unit_word)
            .and_then(|c| c.first().cloned())
        else {
            continue;
        };
        let Some((letter, is_time, hours)) = unit_info(&unit) else {
            continue;
        };
        // "a three-year-old girl" is an age, not a duration.
        let rest = text[end..].trim_start_matches(['-', '‐', ' ']);
        if rest.starts_with("old") && !rest[3..].starts_with(char::is_alphabetic)
            || rest.starts_with("olds")
        {
            continue;
        }
        let amount = if c.name("few").is_some() {
            None
        } else {
            let n = n_text.clone().unwrap_or_default();
            match n.as_str() {
                "a" | "an" | "one" => Some(1.0),
                _ => match parse_amount(&n, lang) {
                    Some(v) => Some(v),
                    None => continue,
                },
            }
        };
        // Polish "w 2016 roku", Ukrainian "у 2016 році": a year, not 2016 years.
        let year_like = n_text
            .as_deref()
            .is_some_and(|m| m.len() == 4 && m.bytes().all(|b| b.is_ascii_digit()));
        if unit == "year" && year_like && amount.is_some_and(|a| (1000.0..=2100.0).contains(&a)) {
            continue;
        }
        let mut t = TimeFound::new(start, end, TimeKind::Duration, "duration", false);
        let amount_text = amount.map_or("X".to_owned(), |a| {
            if a.fract() == 0.0 {
                format!("{}", a as i64)
            } else {
                format!("{a}")
            }
        });
        let (letter, amount_text) = match letter {
            "DE" => (
                "Y",
                amount.map_or("X".into(), |a| format!("{}", (a * 10.0) as i64)),
            ),
            "CE" => (
                "Y",
                amount.map_or("X".into(), |a| format!("{}", (a * 100.0) as i64)),
            ),
            l => (l, amount_text),
        };
        t.value = Some(if is_time {
            format!("PT{amount_text}{letter}")
        } else {
            format!("P{amount_text}{letter}")
        });
        t.hours = amount.map(|a| a * hours);
        out.push(t);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn values(text: &str, p: &str) -> Vec<(String, Option<String>, &'static str)> {
        values_in(text, p, "en")
    }

    fn values_in(text: &str, p: &str, lang: &str) -> Vec<(String, Option<String>, &'static str)> {
        find_times(text, Some(d(p)), lang)
            .into_iter()
            .map(|t| (text[t.start..t.end].to_owned(), t.value, t.rule))
            .collect()
    }

    #[test]
    fn weekdays_follow_tense() {
        // 2024-05-16 is a Thursday.
        let v = values("The talks on Tuesday ended.", "2024-05-16");
        assert_eq!(v[0].1.as_deref(), Some("2024-05-14"));
        let v = values("The minister will travel on Monday.", "2024-05-16");
        assert_eq!(v[0].1.as_deref(), Some("2024-05-20"));
        let v = values("Voting closed Thursday.", "2024-05-16");
        assert_eq!(
            (v[0].1.as_deref(), v[0].2),
            (Some("2024-05-16"), "weekday_today")
        );
        let v = values("It burned on Saturday night.", "2024-05-16");
        assert_eq!(v[0].1.as_deref(), Some("2024-05-11TNI"));
        // The future of another clause does not carry the weekday ahead.
        let v = values(
            "After Tuesday's flood, families hoped rescuers will find them.",
            "2024-05-16",
        );
        assert_eq!(v[0].1.as_deref(), Some("2024-05-14"));
        let v = values(
            "Kad je pala noć u utorak, nadali su se da će ih pronaći.",
            "2024-05-16",
        );
        assert_eq!(v[0].1.as_deref(), Some("2024-05-14"));
        // A clause opened by a temporal conjunction or a participle is
        // governed by the clause before it.
        let v = values(
            "Showers will reach Arizona late Sunday, before the rain spreads late Monday.",
            "2024-05-16",
        );
        assert_eq!(v[1].1.as_deref(), Some("2024-05-20"));
        let v = values(
            "Rosa is expected to pass Phoenix on Tuesday, approaching late Monday.",
            "2024-05-16",
        );
        assert_eq!(v[1].1.as_deref(), Some("2024-05-20"));
        let v = values(
            "The storm hit on Sunday, killing two on Monday.",
            "2024-05-16",
        );
        assert_eq!(v[1].1.as_deref(), Some("2024-05-13"));
        // Its own clause does, whatever dash marks the clauses.
        let v = values("Rain fell — the vote will be held on Monday.", "2024-05-16");
        assert_eq!(v[0].1.as_deref(), Some("2024-05-20"));
        // A time phrase set off by commas takes the tense of the clause
        // beside it; a clause with a verb of its own keeps its tense.
        for (lang, text) in [
            ("en", "On Monday, the minister will travel to Lviv."),
            ("en", "The minister will, on Monday, travel to Lviv."),
            ("es", "El lunes, el ministro viajará a Lviv."),
            ("pl", "W poniedziałek, minister pojedzie do Lwowa."),
        ] {
            let v = values_in(text, "2024-05-16", lang);
            assert_eq!(v[0].1.as_deref(), Some("2024-05-20"), "{lang}: {text}");
        }
        let v = values(
            "The minister left on Monday, and he will return next month.",
            "2024-05-16",
        );
        assert_eq!(v[0].1.as_deref(), Some("2024-05-13"));
        // A later conjunct's future does not reach back.
        let v = values(
            "He trained on Thursday and would be pitching on Sunday.",
            "2024-05-16",
        );
        assert_eq!(v[0].1.as_deref(), Some("2024-05-16"));
        assert_eq!(v[1].1.as_deref(), Some("2024-05-19"));
        let v = values("They will land and meet the mayor on Monday.", "2024-05-16");
        assert_eq!(v[0].1.as_deref(), Some("2024-05-20"));
        // Croatian "should" with its infinitive is ahead.
        let v = values_in(
            "Optuženik bi se u ponedjeljak trebao pojaviti pred sudom.",
            "2024-05-16",
            "hr",
        );
        assert_eq!(v[0].1.as_deref(), Some("2024-05-20"));
        // An intention is ahead too, in German also across the comma of
        // its infinitive clause.
        let v = values("He hopes to play on Sunday.", "2024-05-16");
        assert_eq!(v[0].1.as_deref(), Some("2024-05-19"));
        let v = values_in("Er hofft, am Sonntag zu spielen.", "2024-05-16", "de");
        assert_eq!(v[0].1.as_deref(), Some("2024-05-19"));
        // A schedule or a forecast is ahead, whatever the tense of its verb.
        let v = values(
            "Thus, it's expected to make landfall on Monday.",
            "2024-05-16",
        );
        assert_eq!(v[0].1.as_deref(), Some("2024-05-20"));
        let v = values(
            "The mayor was scheduled to visit shelters on Sunday.",
            "2024-05-16",
        );
        assert_eq!(v[0].1.as_deref(), Some("2024-05-19"));
        // So is a visit a translation schedules.
        for (lang, text) in [
            (
                "es",
                "El alcalde tiene una visita programada a los refugios el domingo.",
            ),
            ("fr", "Le maire devait visiter les abris dimanche."),
            (
                "it",
                "Il sindaco ha programmato domenica una visita ai rifugi.",
            ),
        ] {
            let v = values_in(text, "2024-05-16", lang);
            assert_eq!(v[0].1.as_deref(), Some("2024-05-19"), "{lang}");
        }
    }

    #[test]
    fn a_clause_ends_at_any_clause_mark_of_any_width() {
        let clause = |text: &str, at: usize| {
            let (a, b) = clause_bounds(text, at);
            text[a..b].to_owned()
        };
        let text = "Sunk — after Friday’s storm, crews (all) will search";
        let at = text.find("Friday").unwrap();
        assert_eq!(clause(text, at).trim(), "after Friday’s storm");
        // A position inside a multi-byte character is moved back, not a panic.
        let dash = text.find('—').unwrap();
        assert_eq!(clause(text, dash + 1), "Sunk ");
        assert_eq!(clause("", 0), "");
        // A score or a decimal is no clause mark.
        let text = "after a 4:1 win in May";
        assert_eq!(clause(text, text.find("May").unwrap()), text);
    }

    #[test]
    fn weekdays_in_other_languages_follow_their_modifiers_and_tense() {
        // 2024-05-16 is a Thursday.
        let day = |text: &str, lang: &str| {
            find_times(text, Some(d("2024-05-16")), lang)
                .into_iter()
                .next()
                .and_then(|t| t.value)
        };
        assert_eq!(
            day("Er kommt am nächsten Sonntag.", "de").as_deref(),
            Some("2024-05-19")
        );
        assert_eq!(
            day("Il est venu dimanche dernier.", "fr").as_deref(),
            Some("2024-05-12")
        );
        assert_eq!(
            day("Прийшов минулої неділі.", "uk").as_deref(),
            Some("2024-05-12")
        );
        // German glues the part of the day on.
        assert_eq!(
            day("Sie siegten am Freitagabend.", "de").as_deref(),
            Some("2024-05-10TEV")
        );
        // A simple future points ahead; the same verb in the past does not.
        assert_eq!(
            day("Los macedonios votarán el domingo.", "es").as_deref(),
            Some("2024-05-19")
        );
        assert_eq!(
            day("Los macedonios votaron el domingo.", "es").as_deref(),
            Some("2024-05-12")
        );
        assert_eq!(
            day("La pioggia arriverà lunedì.", "it").as_deref(),
            Some("2024-05-20")
        );
        assert_eq!(
            day("Очікується, що в неділю Роза піде на північ.", "uk").as_deref(),
            Some("2024-05-19")
        );
        // A modal with an infinitive says what is to happen, and a
        // perfective verb's non-past form is its future; the modal alone
        // ("has", "must have") and the perfective past are not.
        for (text, lang) in [
            ("La défense doit débuter ses plaidoiries dimanche.", "fr"),
            ("Mowa obrony ma się rozpocząć w niedzielę.", "pl"),
            ("Захист має викласти аргументи в неділю.", "uk"),
            ("Защита должна приступить к прениям в воскресенье.", "ru"),
            ("Der Angeklagte soll am Sonntag erscheinen.", "de"),
            ("Obrana bi trebala započeti u nedjelju.", "hr"),
            ("В воскресенье жители проголосуют о названии.", "ru"),
            ("У неділю пройдуть масові поховання.", "uk"),
            ("W niedzielę zagra przeciwko Denver.", "pl"),
        ] {
            assert_eq!(day(text, lang).as_deref(), Some("2024-05-19"), "{text}");
        }
        assert_eq!(
            day("В воскресенье жители проголосовали.", "ru").as_deref(),
            Some("2024-05-12")
        );
        assert_eq!(
            day("Il doit 300 euros depuis dimanche.", "fr").as_deref(),
            Some("2024-05-12")
        );
        assert_eq!(
            day("W niedzielę ma 5 lat.", "pl").as_deref(),
            Some("2024-05-12")
        );
        // "Last" wins over a future in the clause.
        assert_eq!(
            day(
                "Anketa koju je prošlog ponedjeljka objavio institut pokazuje da će pasti.",
                "hr"
            )
            .as_deref(),
            Some("2024-05-13")
        );
        // The French simple future of the third person singular.
        assert_eq!(
            day("Il tombera jusqu'à 25 cm de pluie lundi.", "fr").as_deref(),
            Some("2024-05-20")
        );
    }

    #[test]
    fn a_compound_duration_before_a_unit_word() {
        // "a four-day week" is four days, as "a four-day visit" is.
        for text in ["A four-day week.", "A four-day visit.", "A two-week month."] {
            let t = find_times(text, Some(d("2024-05-16")), "en");
            assert_eq!(t.len(), 1, "{text}");
            assert_eq!(t[0].kind, TimeKind::Duration, "{text}");
        }
        let t = find_times("A four-day week.", Some(d("2024-05-16")), "en");
        assert_eq!(t[0].value.as_deref(), Some("P4D"));
        // An adjective may stand between the amount and its unit.
        for (text, lang, value) in [
            ("Ces deux dernières années, il a changé.", "fr", "P2Y"),
            ("Morirá en los dos próximos minutos.", "es", "PT2M"),
        ] {
            let t = find_times(text, Some(d("2024-05-16")), lang);
            assert_eq!(t[0].value.as_deref(), Some(value), "{text}");
        }
    }

    #[test]
    fn a_day_written_as_an_ordinal() {
        for (text, lang) in [
            ("Le référendum du 1er octobre.", "fr"),
            ("Il referendum del 1º ottobre.", "it"),
            ("Референдум 1-го октября.", "ru"),
        ] {
            let t = find_times(text, Some(d("2024-09-29")), lang);
            assert_eq!(t[0].value.as_deref(), Some("2024-10-01"), "{text}");
        }
    }

    #[test]
    fn decades_in_four_and_two_digits() {
        let ranges = |text: &str, lang: &str| {
            find_times(text, Some(d("2018-09-29")), lang)
                .into_iter()
                .filter_map(|t| Some((t.range?.low?.to_string(), t.range?.high?.to_string())))
                .collect::<Vec<_>>()
        };
        let eighties = vec![("1980-01-01".to_owned(), "1989-12-31".to_owned())];
        for (text, lang) in [
            ("In the 1980s he worked on AI.", "en"),
            ("У 1980-х роках він працював.", "uk"),
            ("In den 1980er Jahren arbeitete er.", "de"),
            ("Dans les années 1980, il a travaillé.", "fr"),
            ("En los años 80 trabajó.", "es"),
            ("Negli anni ‘80 ha lavorato.", "it"),
            ("80-tih godina prošlog stoljeća radio je.", "hr"),
        ] {
            assert_eq!(ranges(text, lang), eighties, "{text}");
        }
        // A year that is no decade's start, a range of years, temperatures.
        assert_eq!(ranges("In 1985 he left.", "en")[0].1, "1985-12-31");
        assert_eq!(
            ranges("W latach 1950–1953 trwała wojna.", "pl")[0].1,
            "1950-12-31"
        );
        assert!(ranges("Highs will be in the 80s.", "en").is_empty());
        // An amount of money is no year.
        assert!(ranges("Штраф у розмірі 2000 доларів.", "uk").is_empty());
    }

    #[test]
    fn a_weekday_that_is_also_a_word_needs_a_preposition() {
        let found = |text: &str| find_times(text, Some(d("2024-05-16")), "ru").len();
        // Russian "среда" is Wednesday and "environment".
        assert_eq!(found("Во вторник и в среду шли дожди."), 2);
        assert_eq!(found("Дожди продлятся до вечера среды."), 1);
        assert_eq!(found("Среда выдалась дождливой."), 1);
        assert_eq!(found("Составлена карта среды обитания."), 0);
    }

    #[test]
    fn months_that_modify_a_noun() {
        let months = |text: &str, lang: &str| {
            find_times(text, Some(d("2024-05-16")), lang)
                .into_iter()
                .filter_map(|t| t.value)
                .collect::<Vec<_>>()
        };
        // Slavic adjectives made from the month; the nearest such month.
        assert_eq!(
            months("Після червневої зустрічі в Сінгапурі.", "uk"),
            ["2024-06"]
        );
        assert_eq!(
            months("На недавних февральских выборах.", "ru"),
            ["2024-02"]
        );
        assert_eq!(months("Po czerwcowym szczycie.", "pl"), ["2024-06"]);
        assert_eq!(months("Nakon lipanjskog sastanka.", "hr"), ["2024-06"]);
        // A stem with a word ending that is no adjective's: "lutowania"
        // (soldering) is no February.
        assert!(months("Stacja lutowania.", "pl").is_empty());
        // English months before their noun.
        assert_eq!(
            months("After the June summit, talks stalled.", "en"),
            ["2024-06"]
        );
        assert_eq!(
            months("The first since the June summit.", "en"),
            ["2023-06"]
        );
        assert_eq!(
            months("Republicans facing September elections.", "en"),
            ["2024-09"]
        );
        assert!(months("June Carter sang. She spoke to May officials.", "en").is_empty());
        assert_eq!(months("October can see big swings.", "en"), ["2024-10"]);
    }

    #[test]
    fn weak_prepositions_make_a_month_a_date_unless_it_is_a_name() {
        let v = |t: &str| values(t, "2024-05-16");
        assert_eq!(
            v("A warm start to October is expected.")[0].1.as_deref(),
            Some("2024-10")
        );
        assert_eq!(
            v("Votes will be cast on Nov.")[0].1.as_deref(),
            Some("2024-11")
        );
        assert!(v("He spoke to May about the budget.").is_empty());
        assert_eq!(v("In May he left.")[0].1.as_deref(), Some("2024-05"));
    }

    #[test]
    fn months_with_modifiers_in_other_languages() {
        // Published 2024-05-16.
        let month = |text: &str, lang: &str| {
            find_times(text, Some(d("2024-05-16")), lang)
                .into_iter()
                .next()
                .and_then(|t| t.value)
        };
        assert_eq!(month("Ende März kam er.", "de").as_deref(), Some("2024-03"));
        assert_eq!(
            month("A mediados de febrero.", "es").as_deref(),
            Some("2024-02")
        );
        assert_eq!(
            month("Наприкінці березня він прийшов.", "uk").as_deref(),
            Some("2024-03")
        );
        // A relative year after the month, or a modifier after it.
        assert_eq!(
            month("У червні минулого року.", "uk").as_deref(),
            Some("2023-06")
        );
        assert_eq!(
            month("En octobre, l’an dernier, ils sont venus.", "fr").as_deref(),
            Some("2023-10")
        );
        assert_eq!(
            month("Aux élections en décembre dernier.", "fr").as_deref(),
            Some("2023-12")
        );
        // French "mai" is a month, though short; a longer reading wins.
        assert_eq!(
            month("Il a pris le pouvoir en mai l’an dernier.", "fr").as_deref(),
            Some("2023-05")
        );
        assert_eq!(
            month("Les séismes ont frappé au début du mois d’avril.", "fr").as_deref(),
            Some("2024-04")
        );
        assert_eq!(month("Navegaban en mar abierto.", "es"), None);
        // The second figure of a score is no day of the month.
        assert_eq!(
            month("Desde el triunfo 4-1 de febrero en Perth.", "es").as_deref(),
            Some("2024-02")
        );
        // "de" before a month is the month, as "the March summit" is.
        assert_eq!(
            month("Après le sommet de mars à Genève.", "fr").as_deref(),
            Some("2024-03")
        );
        assert_eq!(
            month("Tras la cumbre de marzo en Ginebra.", "es").as_deref(),
            Some("2024-03")
        );
        // "since" looks back, to this month at the latest.
        assert_eq!(
            month("Their first win since August's triumph.", "en").as_deref(),
            Some("2023-08")
        );
        assert_eq!(
            month("Seit Mai regnet es.", "de").as_deref(),
            Some("2024-05")
        );
        // So does a month after such a word earlier in its clause; "after"
        // does not look back ("after the vote in November").
        assert_eq!(
            month("Prva pobjeda otkako je u kolovozu pobijedio.", "hr").as_deref(),
            Some("2023-08")
        );
        assert_eq!(
            month("Первая победа после победы в августе.", "ru").as_deref(),
            Some("2024-08")
        );
        // A bare month word is no date ("May" is a verb).
        assert_eq!(month("They may come.", "en"), None);
    }

    #[test]
    fn a_time_phrase_in_quotation_marks_is_a_title() {
        let d = Some(d("2024-05-16"));
        assert!(find_times("Ведущая программы «Этим утром» ушла.", d, "ru").is_empty());
        assert!(find_times("The host of \"Tonight\" left.", d, "en").is_empty());
        assert_eq!(find_times("Этим утром она ушла.", d, "ru").len(), 1);
    }

    #[test]
    fn german_idioms_of_time_are_no_dates() {
        let dates = |text: &str| -> Vec<Option<String>> {
            find_times(text, Some(d("2024-05-16")), "de")
                .into_iter()
                .filter(|t| t.kind != TimeKind::Present)
                .map(|t| t.value)
                .collect()
        };
        // "the next morning" is no tomorrow; "not overnight" no night;
        // "bis heute" is to this day.
        assert!(dates("Am nächsten Morgen fand ihn sein Cousin.").is_empty());
        assert!(dates("Das wird nicht über Nacht geschehen.").is_empty());
        assert!(dates("Bis heute ist das so.").is_empty());
        assert_eq!(dates("Er kommt morgen."), [Some("2024-05-17".to_owned())]);
    }

    #[test]
    fn polish_times_in_their_cases() {
        // Published 2024-05-16, a Thursday.
        let first = |text: &str| {
            find_times(text, Some(d("2024-05-16")), "pl")
                .into_iter()
                .next()
                .and_then(|t| t.range.and_then(|r| r.low.zip(r.high)))
                .map(|(lo, hi)| (lo.to_string(), hi.to_string()))
        };
        let day = |s: &str| Some((s.to_owned(), s.to_owned()));
        // "sprzed czterech lat" is "four years ago".
        let ago = first("Wzrost z 1,7 miliona sprzed czterech lat.");
        assert!(ago.is_some());
        assert_eq!(ago, first("Wzrost z 1,7 miliona cztery lata temu."));
        assert_eq!(
            first("Konferencja jest zaplanowana na połowę października."),
            Some(("2024-10-01".to_owned(), "2024-10-31".to_owned()))
        );
        assert_eq!(first("Deszcze dotrą późną niedzielą."), day("2024-05-19"));
        assert_eq!(
            first("Ton był inny w porównaniu z rokiem ubiegłym."),
            Some(("2023-01-01".to_owned(), "2023-12-31".to_owned()))
        );
    }

    #[test]
    fn clock_times_in_other_languages() {
        let clock = |text: &str, lang: &str| {
            find_times(text, Some(d("2024-05-16")), lang)
                .into_iter()
                .find(|t| t.rule == "clock")
                .and_then(|t| t.value)
        };
        assert_eq!(
            clock("Bis 13.00 Uhr gab es nichts.", "de").as_deref(),
            Some("2024-05-16T13:00")
        );
        assert_eq!(
            clock("Il est arrivé à 13 h 30.", "fr").as_deref(),
            Some("2024-05-16T13:30")
        );
        assert_eq!(
            clock("В 2 часа дня прибыли два автобуса.", "ru").as_deref(),
            Some("2024-05-16T14:00")
        );
        assert_eq!(
            clock("Do godziny 13 nie było zgłoszeń.", "pl").as_deref(),
            Some("2024-05-16T13:00")
        );
        assert_eq!(
            clock("Le vote a fermé à 20h.", "fr").as_deref(),
            Some("2024-05-16T20:00")
        );
        assert_eq!(clock("Pendant 48 h.", "fr"), None);
        // An hour in words, with the time of day after it.
        assert_eq!(
            clock("A las dos de la tarde llegaron.", "es").as_deref(),
            Some("2024-05-16T14:00")
        );
        assert_eq!(clock("Llegaron las dos furgonetas.", "es"), None);
        // Words around the hour where no "a.m." is written.
        assert_eq!(
            clock("Fu trovata alle 7.55 del mattino.", "it").as_deref(),
            Some("2024-05-16T07:55")
        );
        assert_eq!(
            clock("Llegaron a las 8 de la noche.", "es").as_deref(),
            Some("2024-05-16T20:00")
        );
        assert_eq!(
            clock("Вийде об 11.15.", "uk").as_deref(),
            Some("2024-05-16T11:15")
        );
        // Languages with words after the hour only (Croatian, German).
        assert_eq!(
            clock("Stigli su u 7 ujutro.", "hr").as_deref(),
            Some("2024-05-16T07:00")
        );
        // A word before the hour needs its minutes: "alle 7 squadre" is
        // "to the seven teams".
        assert_eq!(clock("Ha scritto alle 7 squadre.", "it"), None);
        // The words of another language do not count.
        assert_eq!(clock("Sono arrivati a las 8.30 circa.", "it"), None);
    }

    #[test]
    fn relative_words_resolve() {
        let v = values(
            "Yesterday and overnight, earlier this week and last month.",
            "2024-05-16",
        );
        let got: Vec<Option<&str>> = v.iter().map(|x| x.1.as_deref()).collect();
        assert_eq!(
            got,
            [
                Some("2024-05-15"),
                Some("2024-05-15TNI"),
                Some("2024-W20"),
                Some("2024-04")
            ]
        );
        // The morning is no tomorrow: Spanish "mañana" and German "morgen"
        // are both, and the article before them says which.
        for (text, lang, expected) in [
            (
                "Buceaba el martes por la mañana.",
                "es",
                vec![Some("2024-05-14TMO")],
            ),
            // An hour of the morning of the day, not tomorrow.
            (
                "Llegó a las siete de la mañana.",
                "es",
                vec![Some("2024-05-16T07:00")],
            ),
            ("Llegará mañana.", "es", vec![Some("2024-05-17")]),
            ("Am Morgen kam die Polizei.", "de", vec![]),
            ("Sie kommt morgen.", "de", vec![Some("2024-05-17")]),
        ] {
            let got: Vec<Option<String>> = values_in(text, "2024-05-16", lang)
                .into_iter()
                .map(|v| v.1)
                .collect();
            let expected: Vec<Option<String>> =
                expected.into_iter().map(|v| v.map(str::to_owned)).collect();
            assert_eq!(got, expected, "{text}");
        }
        // Case forms and adjectives of the relative words.
        for (text, lang, value) in [
            ("Zaglosuje w przyszłorocznych wyborach.", "pl", "2025"),
            ("Počinje večerašnji skup.", "hr", "2024-05-16TEV"),
            ("Так було у минулому році.", "uk", "2023"),
            ("Это случилось прошлого месяца.", "ru", "2024-04"),
        ] {
            let v = values_in(text, "2024-05-16", lang);
            assert_eq!(
                v.first().and_then(|x| x.1.as_deref()),
                Some(value),
                "{text}"
            );
        }
        // A Croatian chronology: "2016.: ...".
        assert_eq!(
            values_in("2016.: Potres je pogodio Split.", "2024-05-16", "hr")[0]
                .1
                .as_deref(),
            Some("2016")
        );
        // A name in capitals is no time, even first in its sentence; the
        // first words of a headline in title case are.
        assert!(values("The This Morning presenter left.", "2024-05-16").is_empty());
        assert!(values("This Morning presenter, 37, left.", "2024-05-16").is_empty());
        assert_eq!(
            values("This morning the presenter left.", "2024-05-16")[0]
                .1
                .as_deref(),
            Some("2024-05-16TMO")
        );
        assert_eq!(
            values("This Morning: Presenter Quits Show", "2024-05-16")[0]
                .1
                .as_deref(),
            Some("2024-05-16TMO")
        );
        // An idiom is no night; a night the weekday after it names is that
        // weekday's.
        assert!(values("It won't happen overnight.", "2024-05-16").is_empty());
        let v = values("Groups camped out overnight on Friday.", "2024-05-16");
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].1.as_deref(), Some("2024-05-10"));
        let t = find_times("earlier this week", Some(d("2024-05-16")), "en");
        let r = t[0].range.unwrap();
        assert_eq!(
            (r.low, r.high),
            (Some(d("2024-05-13")), Some(d("2024-05-15")))
        );
    }

    #[test]
    fn a_year_named_with_the_word_year_is_no_duration() {
        let d = NaiveDate::from_ymd_opt(2018, 9, 29);
        let t = find_times("W 2016 roku odnotowano spadek.", d, "pl");
        assert_eq!(t.len(), 1, "{t:?}");
        assert_eq!(t[0].kind, TimeKind::Date);
        assert!(find_times("Talks lasted 2 years.", d, "en")[0].kind == TimeKind::Duration);
    }

    #[test]
    fn years_ago_give_ranges() {
        let t = find_times(
            "the war began nearly four years ago",
            Some(d("2025-12-04")),
            "en",
        );
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].rule, "ago_vague");
        let r = t[0].range.unwrap();
        assert_eq!(r.low, Some(d("2021-12-04")));
        assert_eq!(r.high, Some(d("2022-06-04")));
        assert_eq!(t[0].value.as_deref(), Some("2021"));
        let de = find_times("vor zwei Jahren", Some(d("2025-12-04")), "de");
        assert_eq!(de[0].value.as_deref(), Some("2023"));
    }

    #[test]
    fn durations_in_hours() {
        let t = find_times("after five-hour talks and a two-day visit", None, "en");
        assert_eq!(t[0].value.as_deref(), Some("PT5H"));
        assert_eq!(t[0].hours, Some(5.0));
        assert_eq!(t[1].value.as_deref(), Some("P2D"));
        let t = find_times("less than a month", None, "en");
        assert_eq!(t[0].value.as_deref(), Some("P1M"));
        // A few units of time in any covered language: a length with no
        // amount, not a count of hours or days.
        for (text, lang) in [
            ("a few weeks earlier", "en"),
            ("через несколько часов", "ru"),
            ("w ciągu kilku dni", "pl"),
            ("nekoliko tjedana ranije", "hr"),
            ("vor einigen Tagen", "de"),
        ] {
            let t = find_times(text, None, lang);
            assert_eq!(
                t.iter()
                    .filter(|t| t.kind == TimeKind::Duration && t.hours.is_none())
                    .count(),
                1,
                "{text}: {t:?}"
            );
        }
    }

    #[test]
    fn months_and_years() {
        let v = values(
            "In October 2011 and on Dec. 2 and in 2009, in October, last March and in February.",
            "2025-12-04",
        );
        let got: Vec<Option<&str>> = v.iter().map(|x| x.1.as_deref()).collect();
        // A bare month is the nearest such month ("in February" in a
        // December story is the coming one), unless "last" or "next" says.
        assert_eq!(
            got,
            [
                Some("2011-10"),
                Some("2025-12-02"),
                Some("2009"),
                Some("2025-10"),
                Some("2025-03"),
                Some("2026-02")
            ]
        );
        // A year's ordinal dot before a comma (Croatian, Polish, German).
        let found = find_times("Umro je 1945., svega dan prije.", None, "hr");
        assert_eq!(found[0].value.as_deref(), Some("1945"));
    }

    #[test]
    fn unresolved_without_publication_date() {
        let t = find_times("on Tuesday, yesterday", None, "en");
        assert_eq!(t.len(), 2);
        assert!(t.iter().all(|x| x.value.is_none()));
        let abs = find_times("on March 3, 2025", None, "en");
        assert_eq!(abs[0].value.as_deref(), Some("2025-03-03"));
    }

    #[test]
    fn clock_times_carry_the_day() {
        let v = values("at 2:18 p.m. local time", "2009-02-04");
        assert_eq!(v[0].1.as_deref(), Some("2009-02-04T14:18"));
    }
}
