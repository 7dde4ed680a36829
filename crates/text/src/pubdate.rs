use crate::dates::{find_bare_weekdays, find_dates, is_weekday};
use crate::lexicon::builtin;
use chrono::{Duration, NaiveDate};
use corroborate_model::DateSource;

/// How many of the first non-empty lines may hold a dateline or caption.
const HEAD_LINES: usize = 4;
/// How far past a dated caption a weekday named in the text may move the publication date.
const CAPTION_WINDOW_DAYS: i64 = 6;

/// Reads an article's publication date off its text, for inputs whose
/// metadata has none (`SPEC.md` §2).
///
/// Rules, in order (the first that fires wins, and is returned as the source):
/// 1. **Dateline** — one of the first lines opens with a place in capitals and
///    a full date before a dash ("LYON, France, March 3, 2025 — …"), or with a
///    publication cue from `lexicons/dateline_cues.txt` ("Published: …").
/// 2. **Caption** — a photo caption (a line with a credit cue from
///    `lexicons/caption_cues.txt`) carries a full date. The photo predates the
///    story, so when the text names a later weekday within six days of the
///    caption ("strikes persisted into Thursday"), that weekday is taken.
///
/// Dates anywhere else in the body are *not* used: they date events, and a
/// wrong one is exactly what the engine has to catch.
///
/// ```
/// use corroborate_text::published_from_text;
/// use corroborate_model::DateSource;
/// let text = "LYON, France, March 3, 2025 — The metro line closed.";
/// let (date, source) = published_from_text(text).unwrap();
/// assert_eq!((date.to_string(), source), ("2025-03-03".to_string(), DateSource::Dateline));
/// ```
pub fn published_from_text(text: &str) -> Option<(NaiveDate, DateSource)> {
    let head: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(HEAD_LINES)
        .collect();
    if let Some(d) = head.iter().find_map(|l| dateline_date(l)) {
        return Some((d, DateSource::Dateline));
    }
    let caption = text
        .lines()
        .map(str::trim)
        .filter(|l| is_caption(l))
        .find_map(|l| find_dates(l).into_iter().map(|m| m.date).max())?;
    let latest_weekday = find_bare_weekdays(text)
        .into_iter()
        .filter_map(|(_, wd)| {
            (1..=CAPTION_WINDOW_DAYS)
                .map(|k| caption + Duration::days(k))
                .find(|d| is_weekday(*d, wd))
        })
        .max();
    Some((latest_weekday.unwrap_or(caption), DateSource::Caption))
}

/// Whether a line is a photo caption or credit (a cue from `lexicons/caption_cues.txt`).
pub fn is_caption(line: &str) -> bool {
    let lower = line.to_lowercase();
    builtin::caption_cues()
        .keys_longest_first()
        .iter()
        .any(|cue| lower.contains(cue))
}

/// The date of a dateline or publication line, if this line opens with one.
fn dateline_date(line: &str) -> Option<NaiveDate> {
    let lower = line.to_lowercase();
    let cue = builtin::dateline_cues()
        .keys_longest_first()
        .into_iter()
        .find(|c| lower.starts_with(c));
    if let Some(cue) = cue {
        let rest = &line[cue.len().min(line.len())..];
        return find_dates(rest.get(..rest.len().min(80))?)
            .first()
            .map(|m| m.date);
    }
    // "PLACE[, Region][, date] [(Agency)] — text": the part before the dash.
    let dash = ["—", "–", " - ", "--"]
        .iter()
        .filter_map(|d| line.find(d))
        .min()?;
    if dash > 120 {
        return None;
    }
    let prefix = &line[..dash];
    let first_word = prefix
        .split(|c: char| c == ',' || c.is_whitespace())
        .next()?;
    let caps = first_word.chars().filter(|c| c.is_alphabetic()).count();
    if caps < 3 || first_word.chars().any(|c| c.is_lowercase()) {
        return None;
    }
    find_dates(prefix).last().map(|m| m.date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dateline_with_agency() {
        let t = "Headline here\nKYIV, Ukraine, Dec. 4, 2025 (AP) — Russia launched drones.";
        assert_eq!(
            published_from_text(t).map(|x| x.0.to_string()),
            Some("2025-12-04".into())
        );
    }

    #[test]
    fn dateline_without_date_gives_nothing() {
        assert_eq!(
            published_from_text("ZAPORIZHZHIA, Ukraine (Wire) — Four people were killed."),
            None
        );
    }

    #[test]
    fn publication_cue_line() {
        let t = "Title\nPublished: 14 October 2025, 09:12\nBody.";
        assert_eq!(
            published_from_text(t),
            Some((
                NaiveDate::from_ymd_opt(2025, 10, 14).unwrap(),
                DateSource::Dateline
            ))
        );
    }

    #[test]
    fn dated_caption_moves_to_a_later_weekday_named_in_the_text() {
        let t = "Leaders meet in Rome, Monday, Oct. 13, 2025. (AP Photo/Someone)\n\
                 Talks went on. Strikes continued into Wednesday, officials said.";
        assert_eq!(
            published_from_text(t),
            Some((
                NaiveDate::from_ymd_opt(2025, 10, 15).unwrap(),
                DateSource::Caption
            ))
        );
    }

    #[test]
    fn body_dates_are_not_publication_dates() {
        let t = "The council met.\nIn remarks published on May 14, 2023, the mayor said more.";
        assert_eq!(published_from_text(t), None);
    }

    #[test]
    fn lower_case_opening_is_not_a_dateline() {
        assert_eq!(published_from_text("on Dec. 2, 2025 — he said"), None);
    }
}
