use crate::grammar::{captures, core, END, START};
use crate::lexicon::builtin;
use chrono::{Datelike, NaiveDate};
use regex::Regex;
use std::sync::OnceLock;

/// Which grammar rule recognised a date; reports record it so a reader can
/// see why a value was read the way it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateRule {
    /// Month name, day, year: "Dec. 2, 2025", "Tuesday, December 2, 2025".
    MonthDayYear,
    /// Day, month name, year: "2 December 2025", "2. Dezember 2025", "2 грудня 2025".
    DayMonthYear,
    /// ISO 8601: "2025-12-02".
    Iso,
    /// Day.month.year digits, the European order: "02.12.2025".
    DottedDayMonthYear,
}

impl DateRule {
    /// Short stable name of the rule.
    pub fn as_str(self) -> &'static str {
        match self {
            DateRule::MonthDayYear => "month_day_year",
            DateRule::DayMonthYear => "day_month_year",
            DateRule::Iso => "iso",
            DateRule::DottedDayMonthYear => "dotted_day_month_year",
        }
    }
}

/// An absolute date found in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateMention {
    /// Byte offset where the mention starts (a leading weekday included).
    pub start: usize,
    /// Byte offset one past its end.
    pub end: usize,
    /// The calendar day.
    pub date: NaiveDate,
    /// ISO weekday (1 = Monday) the text names with it, if any.
    pub weekday: Option<u32>,
    /// The rule that fired.
    pub rule: DateRule,
}

struct Grammar {
    mdy: Regex,
    dmy: Regex,
    iso: Regex,
    dotted: Regex,
}

fn alternation(keys: Vec<&str>) -> String {
    keys.iter()
        .map(|k| regex::escape(k))
        .collect::<Vec<_>>()
        .join("|")
}

fn grammar() -> &'static Grammar {
    static G: OnceLock<Grammar> = OnceLock::new();
    G.get_or_init(|| {
        let months = alternation(builtin::months().keys_longest_first());
        let weekdays = alternation(weekday_names());
        let wd = format!(r"(?:(?P<wd>{weekdays})\.?,?\s+)?");
        // The patterns are built from the lexicons; they cannot fail to compile
        // because every form is escaped.
        let build = |p: String| Regex::new(&p).expect("date grammar compiles");
        Grammar {
            mdy: build(format!(
                r"(?i){START}(?P<all>{wd}(?P<m>{months})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})){END}"
            )),
            dmy: build(format!(
                r"(?i){START}(?P<all>{wd}(?P<d>\d{{1,2}})(?:\.|st|nd|rd|th|er|º|°|-го)?\s+(?:de\s+)?(?P<m>{months})\.?,?\s+(?:del?\s+)?(?P<y>\d{{4}})){END}"
            )),
            // A time may follow directly: "2025-12-02T10:00".
            iso: build(format!(r"{START}(?P<all>(?P<y>\d{{4}})-(?P<m>\d{{2}})-(?P<d>\d{{2}}))(?:T|{END})")),
            dotted: build(format!(
                r"(?i){START}(?P<all>{wd}(?P<d>\d{{1,2}})\.(?P<m>\d{{1,2}})\.(?P<y>\d{{4}})){END}"
            )),
        }
    })
}

/// Weekday names as they stand before a date or alone in a dateline: every
/// form of `lexicons/weekdays.tsv` but the adjectives.
fn weekday_names() -> Vec<&'static str> {
    builtin::weekdays()
        .keys_longest_first_where(|r| r.get(2).map(String::as_str) != Some("adjective"))
}

/// The month a name stands for in `lang`; a form two languages share with
/// different months (Croatian "listopada" is October, Polish November)
/// takes the row of `lang`, else the first listed.
pub(crate) fn month_number(name: &str, lang: &str) -> Option<u32> {
    let lex = builtin::months();
    let lang = crate::lexicon_lang(lang);
    lex.get_in(name, lang, 1)
        .or_else(|| lex.get(name))?
        .first()?
        .parse()
        .ok()
}

pub(crate) fn weekday_number(name: &str) -> Option<u32> {
    builtin::weekdays().get(name)?.first()?.parse().ok()
}

/// Finds absolute calendar dates in text, in the month and weekday names of
/// every language in `lexicons/months.tsv` and `lexicons/weekdays.tsv`.
///
/// Overlapping matches keep the earliest, longest one. Impossible dates
/// ("February 30, 2025") are skipped.
///
/// ```
/// use corroborate_text::find_dates;
/// let found = find_dates("Moscow, Tuesday, Dec. 2, 2025. Kyiv, 4 грудня 2025");
/// assert_eq!(found[0].date.to_string(), "2025-12-02");
/// assert_eq!(found[0].weekday, Some(2));
/// assert_eq!(found[1].date.to_string(), "2025-12-04");
/// ```
pub fn find_dates(text: &str) -> Vec<DateMention> {
    find_dates_in(text, "")
}

/// [`find_dates`] for a text in `lang`, whose month names win where two
/// languages share a form with different months.
///
/// ```
/// use corroborate_text::find_dates_in;
/// assert_eq!(find_dates_in("1. listopada 2018.", "hr")[0].date.to_string(), "2018-10-01");
/// assert_eq!(find_dates_in("1 listopada 2018", "pl")[0].date.to_string(), "2018-11-01");
/// ```
pub fn find_dates_in(text: &str, lang: &str) -> Vec<DateMention> {
    let g = grammar();
    let mut found = Vec::new();
    let rules: [(&Regex, DateRule); 4] = [
        (&g.mdy, DateRule::MonthDayYear),
        (&g.dmy, DateRule::DayMonthYear),
        (&g.iso, DateRule::Iso),
        (&g.dotted, DateRule::DottedDayMonthYear),
    ];
    for (re, rule) in rules {
        for c in captures(re, text) {
            let whole = core(&c).range();
            let num = |k: &str| c.name(k).and_then(|m| m.as_str().parse::<u32>().ok());
            let month = match rule {
                DateRule::MonthDayYear | DateRule::DayMonthYear => {
                    c.name("m").and_then(|m| month_number(m.as_str(), lang))
                }
                DateRule::Iso | DateRule::DottedDayMonthYear => num("m"),
            };
            let (Some(y), Some(m), Some(d)) = (num("y"), month, num("d")) else {
                continue;
            };
            let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, d) else {
                continue;
            };
            let weekday = c.name("wd").and_then(|w| weekday_number(w.as_str()));
            found.push(DateMention {
                start: whole.start,
                end: whole.end,
                date,
                weekday,
                rule,
            });
        }
    }
    found.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut kept: Vec<DateMention> = Vec::with_capacity(found.len());
    for m in found {
        if kept.last().is_some_and(|k| m.start < k.end) {
            continue;
        }
        kept.push(m);
    }
    kept
}

/// Weekday names standing alone (not part of a full date), as `(byte offset, ISO weekday)`.
pub(crate) fn find_bare_weekdays(text: &str) -> Vec<(usize, u32)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        let weekdays = alternation(weekday_names());
        // Only full names: three-letter abbreviations ("sun", "sat", "wed") are common words.
        Regex::new(&format!(r"(?i){START}(?P<all>{weekdays}){END}"))
            .expect("weekday grammar compiles")
    });
    let full_dates = find_dates(text);
    captures(re, text)
        .iter()
        .map(core)
        .filter(|m| m.as_str().chars().count() > 4)
        .filter(|m| {
            !full_dates
                .iter()
                .any(|d| m.start() >= d.start && m.start() < d.end)
        })
        .filter_map(|m| Some((m.start(), weekday_number(m.as_str())?)))
        .collect()
}

/// Whether `d` falls on ISO weekday `wd` (1 = Monday).
pub(crate) fn is_weekday(d: NaiveDate, wd: u32) -> bool {
    d.weekday().number_from_monday() == wd
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> (String, DateRule) {
        let f = find_dates(text);
        assert_eq!(f.len(), 1, "{text}: {f:?}");
        (f[0].date.to_string(), f[0].rule)
    }

    #[test]
    fn english_month_first() {
        assert_eq!(one("on March 15, 2023,").0, "2023-03-15");
        assert_eq!(one("Tuesday, Dec. 2, 2025.").0, "2025-12-02");
        assert_eq!(one("September 1st, 2025").0, "2025-09-01");
    }

    #[test]
    fn day_first_in_many_languages() {
        assert_eq!(one("14 October 2025").0, "2025-10-14");
        assert_eq!(one("el 3 de marzo de 2025").0, "2025-03-03");
        assert_eq!(one("am 2. Dezember 2025").0, "2025-12-02");
        assert_eq!(one("le 11 février 2025").0, "2025-02-11");
        assert_eq!(one("il 5 maggio 2025").0, "2025-05-05");
        assert_eq!(one("20 января 2025 года").0, "2025-01-20");
        assert_eq!(one("4 грудня 2025").0, "2025-12-04");
        assert_eq!(one("14. listopada 2025.").0, "2025-11-14");
        assert_eq!(one("3 czerwca 2025").0, "2025-06-03");
        // "del" before the year in Italian and Spanish.
        assert_eq!(one("il 29 settembre del 1918").0, "1918-09-29");
        assert_eq!(one("el 3 de marzo del 2025").0, "2025-03-03");
    }

    #[test]
    fn numeric_forms() {
        assert_eq!(
            one("2025-12-02T10:00"),
            ("2025-12-02".into(), DateRule::Iso)
        );
        assert_eq!(
            one("am 02.12.2025"),
            ("2025-12-02".into(), DateRule::DottedDayMonthYear)
        );
    }

    #[test]
    fn impossible_dates_and_bare_numbers_are_ignored() {
        assert!(find_dates("February 30, 2025").is_empty());
        assert!(find_dates("96 drones and 3 missiles in 2025").is_empty());
        assert!(find_dates("May 2025").is_empty());
    }

    #[test]
    fn weekday_is_recorded() {
        let f = find_dates("Wednesday, 15 October 2025");
        assert_eq!(f[0].weekday, Some(3));
        assert!(is_weekday(f[0].date, 3));
    }

    #[test]
    fn bare_weekdays_exclude_full_dates() {
        let w = find_bare_weekdays("Tuesday, Dec. 2, 2025 … persisted into Thursday");
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].1, 4);
    }
}
