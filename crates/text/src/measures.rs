//! Units of measurement: "385 miles", "20-foot waves", "27 °C", read from
//! `lexicons/numbers/measures.tsv` and brought to one unit per dimension so
//! that a translation's converted figure compares with the original's.

use crate::lexicon::{builtin, lexicon_lang};
use corroborate_model::{Interval, Measure};
use std::sync::OnceLock;

/// One unit form of the lexicon: how to reach the canonical unit.
#[derive(Debug)]
struct UnitForm {
    form: String,
    unit: String,
    factor: f64,
    offset: f64,
    lang: String,
    /// Written before the number ("magnitude 7.5") rather than after it.
    before: bool,
}

/// The unit forms, longest first, so "miles per hour" wins over "miles".
fn forms() -> &'static [UnitForm] {
    static CELL: OnceLock<Vec<UnitForm>> = OnceLock::new();
    CELL.get_or_init(|| {
        let lex = builtin::measures();
        let mut out = Vec::new();
        for key in lex.keys_longest_first() {
            for cols in lex.get_all(key) {
                let (Some(unit), Some(factor), Some(offset), Some(lang)) = (
                    cols.first(),
                    cols.get(1).and_then(|f| f.parse().ok()),
                    cols.get(2).and_then(|f| f.parse().ok()),
                    cols.get(3),
                ) else {
                    continue;
                };
                out.push(UnitForm {
                    form: key.to_owned(),
                    unit: unit.clone(),
                    factor,
                    offset,
                    lang: lang.clone(),
                    before: cols.get(4).is_some_and(|p| p == "before"),
                });
            }
        }
        out
    })
}

/// Up to 40 characters next to a number, lower-cased, with the
/// typographic apostrophe read as `'`.
fn window(chars: impl Iterator<Item = char>) -> String {
    chars
        .take(40)
        .map(|c| if c == '\u{2019}' { '\'' } else { c })
        .collect::<String>()
        .to_lowercase()
}

/// The measure of a number whose words are `text[start..end]` with value
/// `value`, when a unit of `lang` follows it right away (after a space, a
/// hyphen or nothing) or, for the forms written first, precedes it
/// ("magnitude 7.5"). The interval is widened by the precision the number
/// is written with: half its last digit, and at least 2 % of the value, the
/// rounding a translator adds when converting ("85 mph" → "137 km/h").
///
/// ```
/// use corroborate_model::Interval;
/// use corroborate_text::measure_of;
/// let text = "waves 20 feet high";
/// let m = measure_of(text, 6, 8, Interval::exact(20.0), "en").unwrap();
/// assert_eq!(m.unit, "m");
/// assert!(m.value.low.unwrap() < 6.0 && m.value.high.unwrap() > 6.1);
/// assert!(measure_of("20 feats", 0, 2, Interval::exact(20.0), "en").is_none());
/// let quake = "a magnitude 7.5 quake";
/// assert_eq!(measure_of(quake, 12, 15, Interval::exact(7.5), "en").unwrap().unit, "M");
/// ```
pub fn measure_of(
    text: &str,
    start: usize,
    end: usize,
    value: Interval,
    lang: &str,
) -> Option<Measure> {
    let rest = text.get(end..)?;
    let rest = rest
        .strip_prefix('-')
        .or_else(|| rest.strip_prefix(' '))
        .or_else(|| rest.strip_prefix('\u{a0}'))
        .unwrap_or(rest);
    let after = window(rest.chars());
    let head = text.get(..start)?;
    let head = head.strip_suffix(['-', ' ', '\u{a0}']).unwrap_or(head);
    let before: String = window(head.chars().rev()).chars().rev().collect();
    let lang = lexicon_lang(lang);
    // Bare "degrees" yields to a unit that says more: "potres jačine 7,5
    // stupnjeva" is a magnitude, by the word before it.
    let unit = forms()
        .iter()
        .filter(|f| {
            let boundary = |c: Option<char>| !c.is_some_and(char::is_alphanumeric);
            (f.lang == lang || f.lang == "*")
                && if f.before {
                    before.ends_with(&f.form)
                        && boundary(before[..before.len() - f.form.len()].chars().next_back())
                } else {
                    after.starts_with(&f.form) && boundary(after[f.form.len()..].chars().next())
                }
        })
        .min_by_key(|f| f.unit == CONVENTION)?;
    let (factor, offset, canonical) = if unit.unit == CONVENTION {
        temperature_scale(&before, &after[unit.form.len()..], value, lang)?
    } else {
        (unit.factor, unit.offset, unit.unit.as_str())
    };
    let precision = precision(text.get(start..end)?);
    let convert = |v: f64, sign: f64| {
        let widened = v + sign * precision.max(0.02 * v.abs());
        widened * factor + offset
    };
    let low = value.low.map(|v| convert(v, -1.0));
    let high = value.high.map(|v| convert(v, 1.0));
    Some(Measure {
        unit: canonical.to_owned(),
        value: Interval {
            low,
            best: value.best.map(|v| v * factor + offset),
            high,
        },
    })
}

/// The canonical unit of bare "degrees": a temperature whose scale the
/// writer's convention gives (see `lexicons/numbers/measures.tsv`).
const CONVENTION: &str = "°";

/// Factor, offset and canonical unit of bare "degrees" (`value` in the
/// unit written), or `None` when they are no temperature: a difference
/// (a word of `numbers/temperature_deltas.tsv` in the clause, within the
/// 40 characters before the number or after the unit, `before` and
/// `after`), or a
/// figure outside the scale's range of air temperatures (a 180-degree
/// turn; an English figure under 45, which could be either scale).
fn temperature_scale(
    before: &str,
    after: &str,
    value: Interval,
    lang: &str,
) -> Option<(f64, f64, &'static str)> {
    let near = |s: &str| {
        let s = format!(" {s} ");
        builtin::temperature_deltas()
            .keys_longest_first_where(|cols| cols.first().is_some_and(|l| l == lang))
            .iter()
            .any(|d| {
                s.match_indices(*d).any(|(i, _)| {
                    let edge = |c: Option<char>| !c.is_some_and(char::is_alphanumeric);
                    edge(s[..i].chars().next_back()) && edge(s[i + d.len()..].chars().next())
                })
            })
    };
    // Only the clause of the figure: "27 градусов, что на 10 градусов
    // выше" is a temperature, the 10 a difference.
    let clause = [',', ';', '.', ':', '!', '?', '(', ')'];
    let before = before.rsplit(clause).next().unwrap_or(before);
    let after = after.split(clause).next().unwrap_or(after);
    if near(before) || near(after) {
        return None;
    }
    let v = value.best.or(value.high).or(value.low)?;
    if lang == "en" {
        // American usage: Fahrenheit, in the range of air temperatures
        // that Celsius does not reach.
        (45.0..=130.0)
            .contains(&v)
            .then_some((5.0 / 9.0, -160.0 / 9.0, "°C"))
    } else {
        (-60.0..=60.0).contains(&v).then_some((1.0, 0.0, "°C"))
    }
}

/// Half the unit of the last digit written: "20" → 0.5, "2,5" → 0.05,
/// "1.25" → 0.005. A separator followed by three digits groups thousands
/// ("40,000"); a number written in words is read to the unit.
fn precision(words: &str) -> f64 {
    let digits: Vec<char> = words
        .chars()
        .rev()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
        .collect();
    let decimals = match digits.iter().position(|c| *c == '.' || *c == ',') {
        Some(n) if n != 3 && n > 0 => n as i32,
        _ => 0,
    };
    0.5 * 10f64.powi(-decimals)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn measure(text: &str, lang: &str) -> Option<Measure> {
        let n = crate::find_numbers(text, lang).into_iter().next()?;
        measure_of(text, n.start, n.end, n.value, lang)
    }

    #[test]
    fn a_conversion_and_its_original_agree() {
        let pairs = [
            ("winds of 85 mph", "en", "vientos de 137 km/h", "es"),
            ("385 miles southwest", "en", "620 km südwestlich", "de"),
            ("up to 10 inches of rain", "en", "до 25 см осадков", "ru"),
            (
                "waves as high as 20 feet",
                "en",
                "хвилі заввишки 6 метрів",
                "uk",
            ),
            ("a sunny 80 °F", "en", "soleggiati 27 °C", "it"),
            ("76,000 hectares", "en", "76 000 hektara", "hr"),
            ("650 lbs", "en", "290 kg", "pl"),
            (
                "a 650 pound pig",
                "en",
                "ein 290 Kilo schweres Schwein",
                "de",
            ),
            ("the 550-pound hog", "en", "il maiale di 250 kg", "it"),
            // A compound adjective of number and unit.
            ("the 550-pound hog", "en", "249-кілограмовий кабан", "uk"),
            ("660-pound boar", "en", "300-килограммовый кабан", "ru"),
            ("a 33-foot wall", "en", "10-metarski zid", "hr"),
        ];
        for (a, la, b, lb) in pairs {
            let (ma, mb) = (measure(a, la).unwrap(), measure(b, lb).unwrap());
            assert!(ma.agrees(&mb), "{a} / {b}: {ma:?} {mb:?}");
        }
    }

    #[test]
    fn different_quantities_do_not_agree() {
        let a = measure("385 miles away", "en").unwrap();
        let b = measure("a 400 km", "it").unwrap();
        assert!(!a.agrees(&b), "{a:?} {b:?}");
        let feet = measure("20 feet", "en").unwrap();
        let kg = measure("6 kg", "en").unwrap();
        assert!(!feet.agrees(&kg));
    }

    #[test]
    fn bare_degrees_are_a_temperature_by_the_writers_convention() {
        // American English writes Fahrenheit, translators Celsius.
        let en = measure("New York could reach 80 degrees on Tuesday", "en").unwrap();
        for (text, lang) in [
            ("Нью-Йорк може досягти 27 градусів у вівторок", "uk"),
            ("в Нью-Йорке до 27 градусов, что выше нормы", "ru"),
            ("il faisait 26 degrés chez lui", "fr"),
        ] {
            let tr = measure(text, lang).unwrap_or_else(|| panic!("{text}"));
            assert!(en.agrees(&tr), "{text}: {en:?} {tr:?}");
        }
        // A difference has no offset; a turn is no weather; 33 degrees in
        // English could be either scale.
        assert!(measure("about 10 degrees above average", "en").is_none());
        assert!(measure("на 10 градусов выше среднего", "ru").is_none());
        assert!(measure("a 20-degree temperature difference", "en").is_none());
        assert!(measure("a 180-degree turn", "en").is_none());
        assert!(measure("it was 33 degrees", "en").is_none());
    }

    #[test]
    fn a_magnitude_is_a_measure_before_or_after_the_number() {
        // A magnitude word before bare degrees makes them a magnitude.
        for text in [
            "Potres jačine 7,5 stupnjeva pogodio je otok.",
            "Bolnice, oštećene potresom od 7,5 stupnjeva, bile su pune.",
        ] {
            assert_eq!(
                measure(text, "hr").map(|m| m.unit).as_deref(),
                Some("M"),
                "{text}"
            );
        }
        for (text, lang) in [
            ("a 7.5-magnitude quake", "en"),
            ("a magnitude 7.5 quake", "en"),
            ("un terremoto de magnitud 7,5", "es"),
            ("ein Beben der Stärke 7,5", "de"),
            ("землетрус магнітудою 7,5", "uk"),
            ("trzęsienie ziemi o sile 7,5 stopnia", "pl"),
        ] {
            let m = measure(text, lang).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(m.unit, "M", "{text}");
        }
    }

    #[test]
    fn only_units_make_measures() {
        assert!(measure("£11m was paid", "en").is_none());
        // "pounds" may be money; only the singular after a number is a weight.
        assert!(measure("a fine of 650 pounds", "en").is_none());
        assert!(measure("20 degrees warmer", "en").is_none());
        assert!(measure("20 degrees", "en").is_none());
        assert!(measure("5 in the morning", "en").is_none());
        assert!(measure("10 minutes", "en").is_none());
        assert_eq!(precision("2,5"), 0.05);
        assert_eq!(precision("40,000"), 0.5);
        assert_eq!(precision("six"), 0.5);
    }
}
