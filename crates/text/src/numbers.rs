use crate::dates::find_dates;
use crate::lexicon::{builtin, Lexicon};
use crate::tokens::{fold_word, words};
use corroborate_model::{Interval, NumberKind};
use regex::Regex;
use std::sync::OnceLock;

/// A number found by [`find_numbers`], with byte offsets into the text given.
#[derive(Debug, Clone, PartialEq)]
pub struct NumberFound {
    /// Byte offset where the expression starts (its quantifier included).
    pub start: usize,
    /// Byte offset one past its end.
    pub end: usize,
    /// The value as an interval.
    pub value: Interval,
    /// Count, age, percent, money, ordinal or other.
    pub kind: NumberKind,
    /// Byte range of the counted noun (or of the person an age describes).
    pub unit: Option<(usize, usize)>,
    /// The grammar rule that fired.
    pub rule: &'static str,
}

/// One token of the number grammar: a word or a run of digits.
#[derive(Debug, Clone)]
struct Tok {
    start: usize,
    end: usize,
    folded: String,
    /// Value when the token is written in digits.
    digits: Option<f64>,
}

/// Finds the numbers of one sentence and reads each as an interval, with the
/// noun it counts.
///
/// Digits with separators ("40,000", "40 000", "1.5 million"), number words of
/// the languages in `lexicons/numbers/words.tsv`, quantifiers from
/// `quantifiers.tsv` ("over 40" → 41..open, "at least 3" → 3..open, "nearly
/// 4" → ..4, "up to 10" → ..10, "about 40" → 36..44), vague amounts from
/// `vague.tsv` ("dozens" → 24..open), ranges ("6-7", "between 5 and 8") and
/// ages ("a three-year-old girl" is one person aged 3, not three people, with
/// the templates of `age_cues.tsv`). Digits inside full dates and clock times
/// are not numbers.
///
/// ```
/// use corroborate_text::find_numbers;
/// let s = "Over 40 residential buildings were hit and a three-year-old girl was hurt.";
/// let n = find_numbers(s, "en");
/// assert_eq!(n[0].value.low, Some(41.0));
/// assert_eq!(n[0].value.high, None);
/// let (a, b) = n[0].unit.unwrap();
/// assert_eq!(&s[a..b], "residential buildings");
/// assert_eq!(n[1].kind, corroborate_model::NumberKind::Age);
/// assert_eq!(n[1].value.best, Some(3.0));
/// ```
pub fn find_numbers(text: &str, lang: &str) -> Vec<NumberFound> {
    let dates: Vec<(usize, usize)> = find_dates(text).iter().map(|d| (d.start, d.end)).collect();
    find_numbers_outside(text, lang, &dates)
}

/// [`find_numbers`] for a caller that already knows the time expressions of
/// the text: digits inside the `blocked` byte ranges ("March 13",
/// "five-hour") are not read as numbers.
pub fn find_numbers_outside(
    text: &str,
    lang: &str,
    blocked: &[(usize, usize)],
) -> Vec<NumberFound> {
    let mut out = Vec::new();
    let mut blocked = blocked.to_vec();
    blocked.extend(clock_times(text));
    // Ages first: their numbers are not counts.
    for age in find_ages(text, lang) {
        blocked.push((age.start, age.end));
        out.push(age);
    }
    let toks = tokenize(text, lang, &blocked);
    let mut i = 0;
    while i < toks.len() {
        if let Some((found, next)) = vague_at(text, &toks, i, lang) {
            out.push(found);
            i = next;
            continue;
        }
        let Some((value, mut end_tok, rule)) = value_at(text, &toks, i, lang) else {
            i += 1;
            continue;
        };
        let mut found = NumberFound {
            start: toks[i].start,
            end: toks[end_tok].end,
            value: Interval::exact(value),
            kind: NumberKind::Count,
            unit: None,
            rule,
        };
        // A range: "6-7", "6 to 7", "between 5 and 8", "5 or 6".
        let opener = between_before(text, &toks, i, lang).map(|(_, between)| between);
        if let Some((high, high_end)) = range_tail(text, &toks, end_tok, opener, lang) {
            if high > value {
                found.value = Interval::range(value, high);
                found.end = toks[high_end].end;
                found.rule = "range";
                end_tok = high_end;
            } else if is_score(text, &toks, end_tok, high_end) {
                // "a 31-27 defeat", "won 5-2": two numbers that count nothing.
                found.kind = NumberKind::Other;
                found.rule = "score";
                let second = NumberFound {
                    start: toks[high_end].start,
                    end: toks[high_end].end,
                    value: Interval::exact(high),
                    ..found.clone()
                };
                out.push(found);
                out.push(second);
                i = high_end + 1;
                continue;
            }
        }
        // A rank has no bound: "до другого саміту" is "to the second
        // summit", not "up to the second".
        let quantifier = (rule != "ordinal")
            .then(|| quantifier_before(text, &toks, i, lang))
            .flatten();
        if let Some((qstart, effect)) = quantifier {
            found.start = qstart;
            found.value = apply_quantifier(effect, found.value);
            found.rule = effect.rule();
        }
        if found.rule == "range" {
            if let Some((kstart, _)) = between_before(text, &toks, i, lang) {
                found.start = kstart.min(found.start);
            }
        }
        classify(text, &toks, end_tok, &mut found, lang);
        if counts_something(text, &toks, (i, end_tok), rule, value, &found, lang) {
            out.push(found);
        }
        i = end_tok + 1 + percent_phrase_after(&toks, end_tok, lang);
    }
    out.sort_by_key(|n| n.start);
    out
}

/// The word `text[start..end]` as two tokens, cut at the hyphen `head_len`
/// bytes in: "six-game", "mother-of-three".
fn split_at_hyphen(text: &str, start: usize, end: usize, head_len: usize) -> [Tok; 2] {
    let cut = start + head_len;
    [
        Tok {
            start,
            end: cut,
            folded: number_key(&text[start..cut]),
            digits: None,
        },
        Tok {
            start: cut + 1,
            end,
            folded: number_key(&text[cut + 1..end]),
            digits: None,
        },
    ]
}

/// How many tokens after `end_tok` spell "per cent" in words ("10 por
/// ciento", "10 pour cent", "10 per cento"): their hundred is no number.
fn percent_phrase_after(toks: &[Tok], end_tok: usize, lang: &str) -> usize {
    let percent = toks
        .get(end_tok + 1)
        .is_some_and(|t| is_kind(&t.folded, "percent"));
    let hundred = toks
        .get(end_tok + 2)
        .and_then(|t| word_class(&t.folded, lang))
        .is_some_and(|(_, class)| class == "hundred");
    if percent && hundred {
        2
    } else {
        0
    }
}

/// Clock times ("10:30", "22.45 GMT" is left alone), telephone numbers and
/// short spans of years ("1950-53"), whose digits are not counts.
fn clock_times(text: &str) -> Vec<(usize, usize)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(
            r"(?x)
            \b\d{1,2}:\d{2}\b
            # Telephone numbers: 859-292-3680, 0800 555 111, +44 20 7946 0000.
            | \b\d{3}[-.]\d{3}[-.]\d{4}\b
            | \b0\d{2,4}(?:[\x20-]\d{2,4}){2,}\b
            | \+\d{1,3}(?:[\x20-]?\d{2,4}){3,}\b
            # A span of years written short: 1950-53.
            | \b(?:1[89]|20)\d\d[-–]\d\d\b",
        )
        .expect("clock grammar")
    });
    re.find_iter(text).map(|m| (m.start(), m.end())).collect()
}

fn digit_grammar(lang: &str) -> &'static Regex {
    static EN: OnceLock<Regex> = OnceLock::new();
    static EU: OnceLock<Regex> = OnceLock::new();
    // English: "," groups thousands and "." marks decimals. Most European
    // languages: "." or a space groups thousands and "," marks decimals.
    if lang == "en" {
        EN.get_or_init(|| {
            Regex::new(r"\d{1,3}(?:(?:,|[\u{00A0}\u{202F} ])\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
                .expect("digit grammar")
        })
    } else {
        EU.get_or_init(|| {
            Regex::new(r"\d{1,3}(?:[.\u{00A0}\u{202F} ]\d{3})+(?:,\d+)?|\d+(?:[,.]\d+)?")
                .expect("digit grammar")
        })
    }
}

fn parse_digits(s: &str, lang: &str) -> Option<f64> {
    let cleaned: String = if lang == "en" {
        s.chars()
            .filter(|c| c.is_ascii_digit() || *c == '.')
            .collect()
    } else {
        let grouped = s.contains(['\u{00A0}', '\u{202F}', ' '])
            || s.matches('.').count() > 1
            || s.split('.')
                .nth(1)
                .is_some_and(|g| g.len() == 3 && !s.contains(','));
        s.chars()
            .filter_map(|c| match c {
                '0'..='9' => Some(c),
                ',' => Some('.'),
                '.' if !grouped => Some('.'),
                _ => None,
            })
            .collect()
    };
    cleaned.parse().ok()
}

/// Characters looked back for the person before a bare age pattern.
const PERSON_WINDOW_CHARS: usize = 64;

/// Whether the word before byte `at` (a comma between allowed) names a
/// person: a victim noun of the language ("хлопчик", "djevojčica"), a noun
/// of an occupation, role or family tie ("mecánico", "l'accusé",
/// `people/person_roles.tsv`) or a capitalised name that is no function word.
fn after_person(text: &str, at: usize, lang: &str) -> bool {
    // Only the last few dozen characters matter: no rescan of the text
    // before them for every match.
    let from = text[..at]
        .char_indices()
        .rev()
        .nth(PERSON_WINDOW_CHARS)
        .map_or(0, |(i, _)| i);
    let Some(w) = words(&text[from..at]).last() else {
        return false;
    };
    if !text[from + w.end..at]
        .chars()
        .all(|c| c.is_whitespace() || c == ',' || c == '(')
    {
        return false;
    }
    let folded = fold_word(w.text);
    if names_a_person(&folded, lang) {
        return true;
    }
    w.text.chars().next().is_some_and(char::is_uppercase) && !crate::is_function_word(&folded, lang)
}

/// Whether a folded word is a noun for a person of `events/victims.tsv` or
/// `people/person_roles.tsv` ("woman", "mechanic", "minister").
fn names_a_person(folded: &str, lang: &str) -> bool {
    let key = crate::lexicon_lang(lang);
    builtin::person_nouns().get_in(folded, key, 2).is_some()
        || builtin::person_roles().get_in(folded, key, 0).is_some()
}

/// The key a word is looked up under: folded (no case, no accents), unless
/// only the folding makes it a number word — Croatian "što" (what) is not
/// "sto" (hundred) — when it keeps its marks and matches nothing.
fn number_key(word: &str) -> String {
    let folded = fold_word(word);
    let words = builtin::number_words();
    if words.contains(&folded) {
        let lower = word.to_lowercase();
        if lower != folded && !words.contains(&lower) {
            return lower;
        }
    }
    folded
}

/// Words and digit runs, skipping blocked byte ranges (dates, clock times, ages).
fn tokenize(text: &str, lang: &str, blocked: &[(usize, usize)]) -> Vec<Tok> {
    let is_blocked = |s: usize, e: usize| blocked.iter().any(|&(a, b)| s < b && e > a);
    let mut numbers: Vec<(usize, usize, f64)> = Vec::new();
    for m in digit_grammar(lang).find_iter(text) {
        // Digits glued to letters ("G7", "F-16", "2nd") are not free numbers.
        let before = text[..m.start()].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric()) {
            continue;
        }
        if let Some(v) = parse_digits(m.as_str(), lang) {
            numbers.push((m.start(), m.end(), v));
        }
    }
    let mut toks = Vec::new();
    let mut ni = 0;
    for w in words(text) {
        while ni < numbers.len() && numbers[ni].1 <= w.start {
            let (s, e, v) = numbers[ni];
            if !is_blocked(s, e) {
                toks.push(Tok {
                    start: s,
                    end: e,
                    folded: text[s..e].to_owned(),
                    digits: Some(v),
                });
            }
            ni += 1;
        }
        if ni < numbers.len() && w.start < numbers[ni].1 && w.end > numbers[ni].0 {
            continue; // part of a digit run
        }
        if is_blocked(w.start, w.end) {
            continue;
        }
        let folded = number_key(w.text);
        // "six-game", "first-half", "two-goal": a number word joined to the
        // noun it counts is read as the two words.
        if let Some((head, _)) = w
            .text
            .split_once('-')
            .filter(|_| word_class(&folded, lang).is_none())
        {
            if word_class(&number_key(head), lang).is_some() {
                toks.extend(split_at_hyphen(text, w.start, w.end, head.len()));
                continue;
            }
        }
        // "mother-of-three", "father-of-two": a number word ending a
        // hyphenated phrase after a function word is the count it names.
        if let Some((rest, tail)) = w
            .text
            .rsplit_once('-')
            .filter(|_| word_class(&folded, lang).is_none())
        {
            let linked = rest.rsplit('-').next().is_some_and(|p| {
                rest.contains('-') && crate::is_function_word(&fold_word(p), lang)
            });
            let counts =
                word_class(&number_key(tail), lang).is_some_and(|(_, c)| c == "unit" || c == "ten");
            if linked && counts {
                toks.extend(split_at_hyphen(text, w.start, w.end, rest.len()));
                continue;
            }
        }
        // An elided article right before digits keeps its apostrophe, as
        // the quantifiers list it: "più dell'80%".
        let elided = ['\'', '’']
            .into_iter()
            .find(|&a| {
                text[w.end..].starts_with(a)
                    && text[w.end + a.len_utf8()..].starts_with(|c: char| c.is_ascii_digit())
            })
            .map(char::len_utf8);
        let (end, folded) = match elided {
            Some(len) => (w.end + len, number_key(&text[w.start..w.end + len])),
            None => (w.end, folded),
        };
        toks.push(Tok {
            start: w.start,
            end,
            folded,
            digits: None,
        });
    }
    for &(s, e, v) in &numbers[ni..] {
        if !is_blocked(s, e) {
            toks.push(Tok {
                start: s,
                end: e,
                folded: text[s..e].to_owned(),
                digits: Some(v),
            });
        }
    }
    toks.sort_by_key(|t| t.start);
    toks
}

/// Only whitespace (or a hyphen, when `hyphen`) between two byte offsets.
fn adjacent(text: &str, a: usize, b: usize, hyphen: bool) -> bool {
    a <= b
        && text[a..b]
            .chars()
            .all(|c| c.is_whitespace() || (hyphen && matches!(c, '-' | '‐')))
}

/// Language used for lexicon lookups: the article's, English when unknown.
fn lang_or_en(lang: &str) -> &str {
    if lang.is_empty() || lang == "xx" {
        "en"
    } else {
        lang
    }
}

fn word_class(folded: &str, lang: &str) -> Option<(f64, &'static str)> {
    let cols = builtin::number_words().get_in(folded, lang_or_en(lang), 2)?;
    let v: f64 = cols.first()?.parse().ok()?;
    let class = match cols.get(1).map(String::as_str) {
        Some("unit") => "unit",
        Some("ten") => "ten",
        Some("hundred") => "hundred",
        Some("scale") => "scale",
        Some("collective") => "collective",
        Some("ordinal") => "ordinal",
        Some("fraction") => "fraction",
        _ => return None,
    };
    Some((v, class))
}

/// Whether a folded word multiplies the number before it in any language
/// ("millones", "тисяч", "billion"): "2000 millones" is an amount, not a year.
pub(crate) fn is_scale_word(folded: &str) -> bool {
    builtin::number_words()
        .get_all(folded)
        .iter()
        .any(|cols| cols.get(1).is_some_and(|c| c == "scale"))
}

/// Whether a word or symbol says what a number next to it measures, as
/// `kind` (`percent` or `money`: `lexicons/numbers/kinds.tsv`).
pub(crate) fn is_kind(word: &str, kind: &str) -> bool {
    builtin::number_kinds()
        .get(word)
        .is_some_and(|k| k.first().is_some_and(|x| x == kind))
}

/// Whether a currency sign ("$", "£", "€"…) stands right before byte `at`.
fn after_currency(text: &str, at: usize) -> bool {
    text[..at].chars().next_back().is_some_and(|c| {
        let mut buf = [0u8; 4];
        is_kind(c.encode_utf8(&mut buf), "money")
    })
}

/// The value of one number word or hyphenated pair ("six", "twenty-five"),
/// folded, from `lexicons/numbers/words.tsv`.
pub(crate) fn word_value(folded: &str, lang: &str) -> Option<f64> {
    if let Some((v, "unit" | "ten" | "collective" | "hundred")) = word_class(folded, lang) {
        return Some(v);
    }
    let (a, b) = folded.split_once('-')?;
    match (word_class(a, lang)?, word_class(b, lang)?) {
        ((t, "ten"), (u, "unit")) if u < 10.0 => Some(t + u),
        _ => None,
    }
}

/// The value of the number starting at token `i`: digits (with a scale word:
/// "1.5 million") or number words ("twenty-five", "one hundred and forty").
/// Returns the value, the last token used and the rule.
fn value_at(text: &str, toks: &[Tok], i: usize, lang: &str) -> Option<(f64, usize, &'static str)> {
    let t = &toks[i];
    if let Some(v) = t.digits {
        // "£11m": a suffix glued to an amount after a currency sign.
        let glued: String = text[t.end..]
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect();
        if !glued.is_empty() && after_currency(text, t.start) {
            if let Some(scale) = builtin::money_suffixes()
                .get(&glued)
                .and_then(|c| c.first()?.parse::<f64>().ok())
            {
                return Some((v * scale, i, "digits"));
            }
        }
        let mut end = i;
        let mut value = v;
        // "25 тысяч", and after a hyphen "25-тысячная толпа" (a crowd of
        // 25,000) or "a 25-million-euro deal".
        if let Some(n) = toks.get(i + 1) {
            if adjacent(text, t.end, n.start, true) {
                if let Some((scale, "scale")) = word_class(n.folded.trim_end_matches('.'), lang) {
                    value *= scale;
                    end = i + 1;
                }
            }
        }
        return Some((value, end, "digits"));
    }
    // Hyphenated word whose first parts are number words: "twenty-five".
    if t.folded.contains('-') {
        let parts: Vec<&str> = t.folded.split('-').collect();
        let vals: Option<Vec<(f64, &str)>> = parts.iter().map(|p| word_class(p, lang)).collect();
        if let Some(vals) = vals {
            if vals.len() == 2 && vals[0].1 == "ten" && vals[1].1 == "unit" && vals[1].0 < 10.0 {
                return Some((vals[0].0 + vals[1].0, i, "words"));
            }
        }
        return None;
    }
    // "a hundred", "a thousand": the article counts as one.
    let (mut total, mut current, mut end, mut seen) = (0.0, 0.0, i, false);
    let mut j = i;
    if t.folded == "a" {
        let n = toks.get(i + 1)?;
        match word_class(&n.folded, lang) {
            Some((_, "hundred" | "scale")) if adjacent(text, t.end, n.start, false) => {
                current = 1.0;
                j = i + 1;
            }
            _ => return None,
        }
    }
    let mut last_class = "";
    while let Some(tok) = toks.get(j) {
        if j > i && !adjacent(text, toks[j - 1].end, tok.start, true) {
            // "one hundred and forty": a joining "and" between number words.
            break;
        }
        let Some((v, class)) = word_class(&tok.folded, lang) else {
            if tok.folded == "and" && seen && last_class == "hundred" {
                if let Some(n) = toks.get(j + 1) {
                    if matches!(word_class(&n.folded, lang), Some((_, "unit" | "ten"))) {
                        j += 1;
                        continue;
                    }
                }
            }
            break;
        };
        match class {
            "unit" | "collective" => {
                if seen && !(last_class == "ten" && v < 10.0 || last_class == "hundred") {
                    break;
                }
                current += v;
            }
            "ten" => {
                if seen && last_class != "hundred" {
                    break;
                }
                current += v;
            }
            "hundred" => current = current.max(1.0) * v,
            "scale" => {
                total += current.max(1.0) * v;
                current = 0.0;
            }
            // Ordinals and fractions stand alone.
            _ if !seen => {
                return Some((
                    v,
                    j,
                    if class == "ordinal" {
                        "ordinal"
                    } else {
                        "fraction"
                    },
                ));
            }
            _ => break,
        }
        seen = true;
        last_class = class;
        end = j;
        j += 1;
    }
    seen.then_some((total + current, end, "words"))
}

/// A range's upper end after token `end`: "-7", "to 7", "or 6", after an
/// opener also "до 8", and after "between" also "and 8" (the conditions of
/// `range_joiners.tsv`).
fn range_tail(
    text: &str,
    toks: &[Tok],
    end: usize,
    opener: Option<bool>,
    lang: &str,
) -> Option<(f64, usize)> {
    let a = &toks[end];
    let next = toks.get(end + 1)?;
    let gap = &text[a.end..next.start];
    if matches!(gap.trim(), "-" | "–" | "—") && next.digits.is_some() {
        return value_at(text, toks, end + 1, lang).map(|(v, e, _)| (v, e));
    }
    let joiner = builtin::range_joiners().get(&next.folded);
    let condition = joiner.and_then(|c| c.first()).map(String::as_str);
    // The joiner's condition (range_joiners.tsv) against the opener seen:
    // None, Some(false) for "from", Some(true) for "between".
    let allowed = joiner.is_some()
        && match condition {
            Some("between") => opener == Some(true),
            Some("opener") => opener.is_some(),
            _ => true,
        };
    // With no opener, "до/à/do" still joins two numbers that one unit of
    // measurement follows: "25 do 100 mm", "5 à 10 cm".
    let measured_only = !allowed && condition == Some("opener");
    // "entre el 30 y el 43 %", "entre un 70 % y un 90 %".
    if matches!(gap.trim(), "" | "%") && (allowed || measured_only) {
        let mut third = end + 2;
        let t = toks.get(third)?;
        if t.digits.is_none() && crate::is_function_word(&t.folded, lang) && opener.is_some() {
            third += 1;
        }
        let prev_end = toks[third - 1].end;
        if adjacent(text, prev_end, toks.get(third)?.start, false) {
            let (v, e, _) = value_at(text, toks, third, lang)?;
            let measured = || {
                crate::measures::measure_of(
                    text,
                    toks[third].start,
                    toks[e].end,
                    Interval::exact(v),
                    lang,
                )
                .is_some()
            };
            // "70 % à 90 %": a percent sign on both numbers joins them too.
            let percents = gap.trim() == "%" && text[toks[e].end..].trim_start().starts_with('%');
            if measured_only && !percents && (gap.trim() == "%" || !measured()) {
                return None;
            }
            return Some((v, e));
        }
    }
    None
}

/// Whether a number read at tokens `first..=last` by `rule` (its value
/// before any quantifier: `value`) states an amount or a position, rather
/// than being a word that only looks like one:
/// - "a very concrete one": a lone "one" with nothing counted is a pronoun;
///   "ще один фургон" is "another van", "один раз" is "once"
///   (`numbers/not_one.tsv`);
/// - "first" in any language: a rank that counts nothing; "Second World
///   War": a higher ordinal in a name (`numbers/not_numbers.tsv`);
/// - "die zweite Hälfte", "half an hour": a fraction word below one is no
///   amount whatever follows it ("полтора года", 1.5, is).
fn counts_something(
    text: &str,
    toks: &[Tok],
    (first, last): (usize, usize),
    rule: &str,
    value: f64,
    found: &NumberFound,
    lang: &str,
) -> bool {
    let lang = lang_or_en(lang);
    // "п'ять тижнів", "five weeks": a length of time, which the time
    // grammar reads where it can, no amount of things.
    if found.kind == NumberKind::Count && time_unit_counted(text, found, lang).is_some() {
        return false;
    }
    let next = toks
        .get(last + 1)
        .filter(|t| adjacent(text, toks[last].end, t.start, false));
    // "three times", "a two-time champion", "tres veces": a frequency
    // written in words counts no thing, as "several times" does not, and a
    // translator often writes it as one word ("dreimal", "трижды").
    let frequency = || {
        toks.get(last + 1)
            .filter(|t| adjacent(text, toks[last].end, t.start, true))
            .is_some_and(|t| builtin::frequencies().get_in(&t.folded, lang, 0).is_some())
    };
    if rule == "words" && (frequency() || in_a_name(text, toks, first, last)) {
        return false;
    }
    if rule == "words" && value == 1.0 && found.rule != "range" {
        let listed = |t: &Tok, position: &str| {
            builtin::not_one().get_all(&t.folded).iter().any(|c| {
                c.first().is_some_and(|p| p == position) && c.get(1).is_some_and(|l| l == lang)
            })
        };
        let before = first > 0
            && adjacent(text, toks[first - 1].end, toks[first].start, false)
            && listed(&toks[first - 1], "before");
        let after = next.is_some_and(|t| listed(t, "after"));
        return found.unit.is_some()
            && !before
            && !after
            && !an_article_one(text, toks, (first, last), found, lang);
    }
    if rule == "ordinal" {
        // "First" ranks without counting: "the first time", "first aid",
        // "front row" ("primera fila"), "initial meeting" ("primera
        // reunión"), "first-degree murder" — no amount of anything, and
        // translators move it in and out of a sentence freely. Higher
        // ranks keep their position ("his 34th start", "the third day").
        if value == 1.0 {
            return false;
        }
        // "secondo la polizia" is "according to the police": such a word
        // is a rank only right after an article ("il secondo tempo").
        if !determined_if_needed(text, toks, first, lang) {
            return false;
        }
        // An ordinal that modifies no word right after it (or joined to it)
        // is an adverb ("Secondly,", "came second"): no position, unless a
        // preposition of rank stands before it and nothing follows in its
        // clause ("level with Hibernian in second.", "climb to third and",
        // `numbers/rank_prepositions.tsv`).
        let next = toks
            .get(last + 1)
            .filter(|t| adjacent(text, toks[last].end, t.start, true));
        let ranked = first > 0
            && builtin::rank_prepositions()
                .get_in(&toks[first - 1].folded, lang, 0)
                .is_some()
            && next.is_none_or(|t| crate::is_function_word(&t.folded, lang));
        if ranked {
            return true;
        }
        return next.is_some_and(|t| {
            !crate::is_function_word(&t.folded, lang)
                && builtin::not_numbers()
                    .get_in(&format!("{} {}", toks[last].folded, t.folded), lang, 0)
                    .is_none()
        });
    }
    !(rule == "fraction" && value < 1.0)
}

/// The unit of time (`times/units.tsv`: "year", "week"…) that the noun a
/// number counts names, if it names one.
fn time_unit_counted(text: &str, found: &NumberFound, lang: &str) -> Option<&'static str> {
    let (a, b) = found.unit?;
    let word = text.get(a..b)?.split_whitespace().next_back()?;
    builtin::time_units()
        .get_in(&crate::tokens::fold_word(word), lang_or_en(lang), 1)?
        .first()
        .map(String::as_str)
}

/// Whether the "one" of tokens `first..=last` (read with the noun it goes
/// with) is an indefinite article rather than a count: "one woman
/// admitted", "telling one man", "один фермер заявив" name somebody, and a
/// translation into a language whose article is its "one" ("une femme",
/// "ein Mann") states no figure. It counts after an amount's quantifier
/// ("at least one") or a word of `numbers/one_counts.tsv` ("only one"),
/// before a function word ("one of them"), a casualty word ("one dead",
/// `events/casualties.tsv`) or a unit of measurement ("one mile").
fn an_article_one(
    text: &str,
    toks: &[Tok],
    (first, last): (usize, usize),
    found: &NumberFound,
    lang: &str,
) -> bool {
    if found.start < toks[first].start {
        return false;
    }
    let counted_before = first > 0
        && adjacent(text, toks[first - 1].end, toks[first].start, false)
        && builtin::one_counts()
            .get_in(&toks[first - 1].folded, lang, 0)
            .is_some();
    if counted_before {
        return false;
    }
    let Some(next) = toks
        .get(last + 1)
        .filter(|t| t.digits.is_none() && adjacent(text, toks[last].end, t.start, true))
    else {
        return false;
    };
    !crate::is_function_word(&next.folded, lang)
        && crate::shared::casualties()
            .get_in(&next.folded, lang, 1)
            .is_none()
        && builtin::measures().get_in(&next.folded, lang, 3).is_none()
}

/// Whether the number words of tokens `first..=last` are part of a name
/// written with capitals ("World War Two", "rain over the Four Corners",
/// "Die Drei vom Pfandhaus", "Дві Геріс"): capitalised away from the start
/// of the sentence or a clause, beside another capitalised word across a
/// space, in a sentence that is not written in title case ("Storm Kills
/// Four" keeps its four).
fn in_a_name(text: &str, toks: &[Tok], first: usize, last: usize) -> bool {
    let capital = |t: &Tok| {
        text[t.start..]
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    };
    if !capital(&toks[first]) {
        return false;
    }
    if crate::tokens::opens_clause(text, toks[first].start) {
        return false;
    }
    if crate::tokens::in_title_case(text) {
        return false;
    }
    let spaced = |a: &Tok, b: &Tok| a.end < b.start && adjacent(text, a.end, b.start, false);
    (first > 0 && spaced(&toks[first - 1], &toks[first]) && capital(&toks[first - 1]))
        || toks
            .get(last + 1)
            .is_some_and(|t| spaced(&toks[last], t) && capital(t))
}

/// Whether the ordinal at token `i` is a rank where it stands: always,
/// unless `numbers/determined_ordinals.tsv` lists it, when an article or
/// determiner of that list must stand right before it.
fn determined_if_needed(text: &str, toks: &[Tok], i: usize, lang: &str) -> bool {
    let has = |word: &str, role: &str| {
        builtin::determined_ordinals()
            .get_all(word)
            .iter()
            .any(|c| c.first().is_some_and(|r| r == role) && c.get(1).is_some_and(|l| l == lang))
    };
    if !has(&toks[i].folded, "ordinal") {
        return true;
    }
    i > 0
        && adjacent(text, toks[i - 1].end, toks[i].start, false)
        && has(&toks[i - 1].folded, "determiner")
}

/// Whether tokens `a` and `b` are two digit runs joined by a bare hyphen or
/// dash ("31-27"), the second no greater than the first: a score.
fn is_score(text: &str, toks: &[Tok], a: usize, b: usize) -> bool {
    b == a + 1
        && toks[a].digits.is_some_and(|x| x.fract() == 0.0)
        && toks[b].digits.is_some_and(|y| y.fract() == 0.0)
        && matches!(&text[toks[a].end..toks[b].start], "-" | "–")
}

/// Start of "between"/"from" right before a range's first number, maybe
/// with an article between ("entre el 30"), and whether it is a `between`
/// opener (`range_openers.tsv`).
fn between_before(text: &str, toks: &[Tok], i: usize, lang: &str) -> Option<(usize, bool)> {
    let opener = |p: &Tok, next: &Tok| {
        adjacent(text, p.end, next.start, false)
            .then(|| builtin::range_openers().get(&p.folded))
            .flatten()
            .map(|cols| (p.start, cols.first().is_some_and(|k| k == "between")))
    };
    let p = toks.get(i.checked_sub(1)?)?;
    opener(p, &toks[i]).or_else(|| {
        let q = toks.get(i.checked_sub(2)?)?;
        (crate::is_function_word(&p.folded, lang) && adjacent(text, p.end, toks[i].start, false))
            .then(|| opener(q, p))
            .flatten()
    })
}

/// What a quantifier does to the number after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quantifier {
    MoreThan,
    AtLeast,
    LessThan,
    AtMost,
    Nearly,
    About,
}

impl Quantifier {
    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "more_than" => Quantifier::MoreThan,
            "at_least" => Quantifier::AtLeast,
            "less_than" => Quantifier::LessThan,
            "at_most" => Quantifier::AtMost,
            "nearly" => Quantifier::Nearly,
            "about" => Quantifier::About,
            _ => return None,
        })
    }

    fn rule(self) -> &'static str {
        match self {
            Quantifier::MoreThan => "more_than",
            Quantifier::AtLeast => "at_least",
            Quantifier::LessThan => "less_than",
            Quantifier::AtMost => "at_most",
            Quantifier::Nearly => "nearly",
            Quantifier::About => "about",
        }
    }
}

/// Relative share either side of an "about" figure.
const ABOUT_SPREAD: f64 = 0.1;

fn apply_quantifier(q: Quantifier, v: Interval) -> Interval {
    let (lo, hi) = (v.low.unwrap_or(0.0), v.high.unwrap_or(f64::MAX));
    let step = |x: f64| if x.fract() == 0.0 { 1.0 } else { 0.0 };
    match q {
        Quantifier::MoreThan => Interval::at_least(hi + step(hi)),
        Quantifier::AtLeast => Interval::at_least(lo),
        Quantifier::LessThan => Interval::at_most(lo - step(lo)),
        // A figure read here counts or measures something: nothing is below
        // zero, so "almost zero" and "at most none" are zero.
        Quantifier::AtMost | Quantifier::Nearly if hi <= 0.0 => Interval::exact(0.0),
        Quantifier::AtMost | Quantifier::Nearly => Interval::at_most(hi),
        Quantifier::About => {
            let best = v.best.unwrap_or(lo);
            let spread = (best * ABOUT_SPREAD).max(1.0);
            Interval {
                low: Some((best - spread).max(0.0).floor()),
                best: Some(best),
                high: Some((best + spread).ceil()),
            }
        }
    }
}

/// The longest phrase of `lex` made of the words right before token `i`
/// (the phrase's first token and its lexicon columns).
fn phrase_before<'a>(
    text: &str,
    toks: &[Tok],
    i: usize,
    lex: &'a Lexicon,
    lang: &str,
) -> Option<(usize, &'a Vec<String>)> {
    // "more than $100 million": the currency sign may stand between the
    // phrase and the figure.
    let gap_ok = |j: usize| {
        let (a, mut b) = (toks[j].end, toks[j + 1].start);
        if j + 1 == i && after_currency(text, b) {
            b -= text[..b].chars().next_back().map_or(0, char::len_utf8);
        }
        adjacent(text, a, b, false)
    };
    for k in (1..=4.min(i)).rev() {
        let first = i - k;
        if !(first..i).all(gap_ok) {
            continue;
        }
        let phrase: Vec<&str> = toks[first..i].iter().map(|t| t.folded.as_str()).collect();
        if let Some(cols) = lex.get_in(&phrase.join(" "), lang_or_en(lang), 1) {
            return Some((first, cols));
        }
    }
    None
}

/// How many words before "to N" a verb of change may stand and still make
/// N the new value ("more than doubled — to 1.05 million").
const CHANGE_REACH: usize = 4;

fn quantifier_before(
    text: &str,
    toks: &[Tok],
    i: usize,
    lang: &str,
) -> Option<(usize, Quantifier)> {
    let (first, cols) = phrase_before(text, toks, i, builtin::quantifiers(), lang)?;
    let quantifier = Quantifier::parse(cols.first()?)?;
    // "зросло до 832", "se han duplicado hasta 1,05 millones", "выросли
    // более чем вдвое — до 1,05 миллиона": after a verb of change a few
    // words back in the same sentence, the new value, not an upper bound.
    // An estimate stays one: "podwoić majątek szacowany na 11 mln".
    if quantifier != Quantifier::AtMost {
        return Some((toks[first].start, quantifier));
    }
    let sentence_end = |a: &Tok, b: &Tok| text[a.end..b.start].contains(['.', '!', '?', '\n']);
    let changed = (first.saturating_sub(CHANGE_REACH)..first)
        .rev()
        .take_while(|&j| !sentence_end(&toks[j], &toks[j + 1]))
        .any(|j| {
            builtin::change_verbs()
                .get_in(&toks[j].folded, lang_or_en(lang), 0)
                .is_some()
        });
    if changed {
        return None;
    }
    Some((toks[first].start, quantifier))
}

/// A vague amount ("dozens", "several hundred", "десятки") at token `i`.
fn vague_at(text: &str, toks: &[Tok], i: usize, lang: &str) -> Option<(NumberFound, usize)> {
    let lex = builtin::vague_amounts();
    if !builtin::vague_first_words().contains(toks[i].folded.as_str()) {
        return None;
    }
    // "около тысячи", "свыше тысячи": after a quantifier the scale word is the
    // genitive singular, one thousand, not "thousands".
    if is_scale_word(&toks[i].folded) && quantifier_before(text, toks, i, lang).is_some() {
        return None;
    }
    for k in (1..=4).rev() {
        let last = i + k - 1;
        if last >= toks.len()
            || !(i..last).all(|j| adjacent(text, toks[j].end, toks[j + 1].start, false))
        {
            continue;
        }
        let phrase: Vec<&str> = toks[i..=last].iter().map(|t| t.folded.as_str()).collect();
        let Some(cols) = lex.get_in(&phrase.join(" "), lang_or_en(lang), 2) else {
            continue;
        };
        let low: f64 = cols.first()?.parse().ok()?;
        let high: Option<f64> = cols.get(1).and_then(|h| h.parse().ok());
        let mut found = NumberFound {
            start: toks[i].start,
            end: toks[last].end,
            value: Interval {
                low: Some(low),
                best: None,
                high,
            },
            kind: NumberKind::Count,
            unit: None,
            rule: "vague",
        };
        // "some 200 people": a quantifier of the number, not an amount.
        // "Several times": a frequency, no count of things.
        if toks.get(last + 1).is_some_and(|t| {
            adjacent(text, toks[last].end, t.start, false)
                && (t.digits.is_some()
                    || word_class(&t.folded, lang).is_some()
                    || builtin::frequencies()
                        .get_in(&t.folded, lang_or_en(lang), 0)
                        .is_some())
        }) {
            return None;
        }
        classify(text, toks, last, &mut found, lang);
        // "dziesiątki lat", "десятки лет": how other languages write
        // "decades", which is no amount ("five years" is a time
        // expression, no amount either).
        if time_unit_counted(text, &found, lang) == Some("year") {
            return None;
        }
        // "several", "some": a few of something, or nothing at all.
        if low <= 3.0 && high.is_none() && found.unit.is_none() {
            return None;
        }
        return Some((found, last + 1));
    }
    None
}

/// Decides the kind (count, percent, money, ordinal, year) and finds the unit.
fn classify(text: &str, toks: &[Tok], end_tok: usize, n: &mut NumberFound, lang: &str) {
    let kinds = builtin::number_kinds();
    if after_currency(text, text[..n.start].trim_end().len()) {
        n.kind = NumberKind::Money;
    }
    let after = &text[n.end..];
    if after.starts_with('%') || after.starts_with(" %") {
        n.kind = NumberKind::Percent;
        return;
    }
    if n.rule == "ordinal" {
        n.kind = NumberKind::Ordinal;
        return;
    }
    let unit = unit_after(text, toks, end_tok, lang);
    if let Some((s, e)) = unit {
        let word = fold_word(&text[s..e]);
        let head = word.split_whitespace().next().unwrap_or("");
        match kinds.get(head).map(|c| c[0].as_str()) {
            Some("percent") => n.kind = NumberKind::Percent,
            Some("money") => n.kind = NumberKind::Money,
            _ => {}
        }
    }
    // A bare four-digit number 1800–2100 with no counted noun is a year.
    let t = &toks[end_tok];
    if n.kind == NumberKind::Count
        && n.rule == "digits"
        && t.folded.len() == 4
        && t.digits.is_some_and(|v| (1800.0..=2100.0).contains(&v))
        && unit.is_none_or(|(s, e)| !looks_plural(&fold_word(&text[s..e]), lang))
    {
        n.kind = NumberKind::Other;
        n.rule = "year";
        return;
    }
    n.unit = unit;
}

fn looks_plural(folded: &str, lang: &str) -> bool {
    let last = folded.split_whitespace().last().unwrap_or(folded);
    if lang != "en" {
        return true;
    }
    (last.ends_with('s') && !last.ends_with("ss") && !last.ends_with("'s"))
        || builtin::irregular_plurals().contains(last)
}

/// The counted noun after a number: "96 drones", "two ballistic missiles",
/// "dozens of people". English takes words up to the first plural-looking one
/// (at most three); other languages take the next word.
fn unit_after(text: &str, toks: &[Tok], end_tok: usize, lang: &str) -> Option<(usize, usize)> {
    let mut j = end_tok + 1;
    let mut prev_end = toks[end_tok].end;
    // "dozens of people", "thousands of residents".
    if let Some(t) = toks.get(j) {
        if builtin::unit_links().contains(&t.folded) && adjacent(text, prev_end, t.start, false) {
            prev_end = t.end;
            j += 1;
        }
    }
    let first = toks.get(j)?;
    if !adjacent(text, prev_end, first.start, true) || first.digits.is_some() {
        return None;
    }
    let mut picked: Vec<&Tok> = Vec::new();
    for t in &toks[j..] {
        if picked.len() == 3 {
            break;
        }
        let last_end = picked.last().map_or(prev_end, |p| p.end);
        if !adjacent(text, last_end, t.start, picked.is_empty()) {
            break;
        }
        let w = &text[t.start..t.end];
        let starts_upper = w.chars().next().is_some_and(char::is_uppercase);
        if t.digits.is_some()
            || !w.chars().next().is_some_and(char::is_alphabetic)
            || (starts_upper && lang != "de")
            || crate::is_function_word(&t.folded, lang)
            || word_class(&t.folded, lang).is_some()
        {
            break;
        }
        picked.push(t);
        if lang != "en" || looks_plural(&t.folded, lang) {
            break;
        }
    }
    if lang == "en" && picked.len() > 1 && !looks_plural(&picked.last()?.folded, lang) {
        picked.truncate(1);
    }
    Some((picked.first()?.start, picked.last()?.end))
}

/// Byte offset of the stand-alone `n` (the number's place) in a lower-cased
/// age template: "con n años" → 4, not the `n` of "con", nor the elided
/// "n'" of "n'ont que n ans".
fn placeholder(template: &str) -> Option<usize> {
    let b = template.as_bytes();
    (0..b.len()).find(|&i| {
        b[i] == b'n'
            && (i == 0 || !b[i - 1].is_ascii_alphabetic() && b[i - 1] < 0x80)
            && (i + 1 == b.len()
                || !b[i + 1].is_ascii_alphabetic() && b[i + 1] < 0x80 && b[i + 1] != b'\'')
    })
}

/// One template of `lexicons/numbers/age_cues.tsv`, compiled.
struct AgeTemplate {
    re: Regex,
    /// The age is counted in months.
    months: bool,
    /// Its longest literal word: the template can only match where it occurs.
    cue: String,
    /// It needs a person beside it: the number and a unit only ("N років",
    /// which also tells a duration), or marked `person`.
    needs_person: bool,
    /// Marked `person`: the person may also stand right after it.
    marked: bool,
}

/// Ages: "a three-year-old girl", "the 68-year-old woman", "aged 68", and the
/// templates of `lexicons/numbers/age_cues.tsv` in other languages.
fn find_ages(text: &str, lang: &str) -> Vec<NumberFound> {
    static RES: OnceLock<Vec<AgeTemplate>> = OnceLock::new();
    let res = RES.get_or_init(|| {
        let mut keys = builtin::age_cues().keys_longest_first();
        keys.retain(|k| placeholder(k).is_some());
        let forms: Vec<String> = builtin::age_inserts()
            .keys_longest_first()
            .iter()
            .map(|f| regex::escape(f).replace(' ', r"\s+"))
            .collect();
        let inserts = if forms.is_empty() {
            String::new()
        } else {
            format!(r"(?:(?:{})\s+){{0,2}}", forms.join("|"))
        };
        let res = keys
            .iter()
            .filter_map(|k| {
                let months = builtin::age_cues()
                    .get(k)
                    .is_some_and(|c| c.first().is_some_and(|x| x == "months"));
                // `N` in the template stands for the number: digits or one word.
                let at = placeholder(k)?;
                let (pre, post) = (&k[..at], &k[at + 1..]);
                // "aged just 11": words of age_inserts.tsv may stand
                // between a cue that ends in a word and the number.
                let skip = if pre.ends_with(' ') && !pre.trim().is_empty() {
                    inserts.as_str()
                } else {
                    ""
                };
                let pat = format!(
                    r"(?i)(?:^|[^\w]){}{skip}(?P<n>\d{{1,3}}|[\p{{L}}]+){}(?:$|[^\w])",
                    regex::escape(pre)
                        .replace(r"\-", "[-‐ ]")
                        .replace(' ', r"\s+"),
                    regex::escape(post)
                        .replace(r"\-", "[-‐ ]")
                        .replace(' ', r"\s+")
                );
                // A template can only match where its longest word occurs,
                // which a substring test finds far faster than the regex.
                let cue = pre
                    .split(|c: char| !c.is_alphabetic())
                    .chain(post.split(|c: char| !c.is_alphabetic()))
                    .max_by_key(|w| w.chars().count())
                    .unwrap_or("")
                    .to_owned();
                let bare = pre.trim().is_empty()
                    && post.split_whitespace().count() == 1
                    && post.starts_with(' ');
                let marked = builtin::age_cues()
                    .get(k)
                    .is_some_and(|c| c.get(2).is_some_and(|x| x == "person"));
                Regex::new(&pat).ok().map(|re| AgeTemplate {
                    re,
                    months,
                    cue,
                    needs_person: bare || marked,
                    marked,
                })
            })
            .collect::<Vec<_>>();
        res
    });
    let lower = text.to_lowercase();
    let mut out: Vec<NumberFound> = Vec::new();
    let all_toks = tokenize(text, lang, &[]);
    for AgeTemplate {
        re,
        months,
        needs_person: bare_or_person,
        marked,
        ..
    } in res.iter().filter(|t| lower.contains(t.cue.as_str()))
    {
        for c in re.captures_iter(text) {
            let (Some(whole), Some(n)) = (c.get(0), c.name("n")) else {
                continue;
            };
            let value = match n.as_str().parse::<f64>() {
                Ok(v) => v,
                Err(_) => match word_class(&fold_word(n.as_str()), lang) {
                    Some((v, "unit" | "ten")) => v,
                    _ => continue,
                },
            };
            // Trim the non-word characters the pattern consumed at its edges.
            let s = whole.start()
                + text[whole.start()..]
                    .find(|c: char| c.is_alphanumeric())
                    .unwrap_or(0);
            let inner = &text[s..whole.end()];
            let e = s + inner.trim_end_matches(|c: char| !c.is_alphanumeric()).len();
            // "хлопчик 7 років" is an age, "протягом 10 років" a duration:
            // a bare (or marked) pattern counts only right after a person.
            // A marked pattern may also stand right before its person
            // ("15-mjesečna beba").
            if *bare_or_person
                && !after_person(text, s, lang)
                && !(*marked && person_after(text, e, lang))
            {
                continue;
            }
            // "45 años después", "tre anni fa": a length of time. Only the
            // patterns that also tell durations: "a la edad de 40 años
            // después de..." is an age.
            let next_word = words(&text[e..]).next();
            if *bare_or_person
                && next_word.is_some_and(|w| {
                    text[e..e + w.start].chars().all(char::is_whitespace)
                        && builtin::age_breakers()
                            .get_in(&fold_word(w.text), crate::lexicon_lang(lang), 0)
                            .is_some()
                })
            {
                continue;
            }
            let value = if *months { value / 12.0 } else { value };
            if out.iter().any(|o| s < o.end && e > o.start) {
                continue;
            }
            let toks = &all_toks;
            let end_tok = toks.iter().rposition(|t| t.end <= e);
            let unit = end_tok.and_then(|et| unit_after(text, toks, et, "xx"));
            out.push(NumberFound {
                start: s,
                end: e,
                value: Interval::exact(value),
                kind: NumberKind::Age,
                unit,
                rule: "age",
            });
        }
    }
    // "Vladimir Ilkov, 54, was preparing", "Vladimir Ilkov (54)": a number
    // of one or two digits set off by commas or in brackets right after a
    // person's name or noun.
    static APPOSITION: OnceLock<Regex> = OnceLock::new();
    let apposition = APPOSITION.get_or_init(|| {
        Regex::new(r",\s(?P<n>\d{1,2}),|\s\((?P<p>\d{1,2})\)")
            .expect("the apposition pattern is valid")
    });
    for c in apposition.captures_iter(text) {
        let Some(n) = c.name("n").or_else(|| c.name("p")) else {
            continue;
        };
        let Ok(v) = n.as_str().parse::<f64>() else {
            continue;
        };
        if v == 0.0 || out.iter().any(|o| n.start() < o.end && n.end() > o.start) {
            continue;
        }
        if !after_person(text, n.start(), lang) {
            continue;
        }
        out.push(NumberFound {
            start: n.start(),
            end: n.end(),
            value: Interval::exact(v),
            kind: NumberKind::Age,
            unit: None,
            rule: "age",
        });
    }
    // A word with the age in it: "трирічна", "der Dreijährige"
    // (`numbers/age_words.tsv`), or Italian "tredicenne", "ventinovenne": a
    // number word fused with an age ending (`numbers/age_suffixes.tsv`).
    let lang_key = crate::lexicon_lang(lang);
    let (nouns, adjectives) = age_endings(lang_key);
    for w in words(text) {
        let folded = fold_word(w.text);
        let listed = || {
            builtin::age_words()
                .get(&folded)
                .and_then(|cols| cols.first()?.parse().ok())
        };
        let fused = || {
            nouns.iter().find_map(|end| {
                let stem = folded.strip_suffix(end.as_str())?;
                fused_number(stem, lang_key).or_else(|| prefixed_number(stem, lang_key))
            })
        };
        // "czterdziestodwuletni mechanik": an ending that also makes
        // durations is an age next to a person only.
        let fused_adjective = || {
            adjectives
                .iter()
                .find_map(|end| prefixed_number(folded.strip_suffix(end.as_str())?, lang_key))
                .filter(|_| after_person(text, w.start, lang) || person_after(text, w.end, lang))
        };
        let Some(v) = listed().or_else(fused).or_else(fused_adjective) else {
            continue;
        };
        if out.iter().any(|o| w.start < o.end && w.end > o.start) {
            continue;
        }
        let unit = all_toks
            .iter()
            .position(|t| t.start == w.start)
            .and_then(|et| unit_after(text, &all_toks, et, "xx"));
        out.push(NumberFound {
            start: w.start,
            end: w.end,
            value: Interval::exact(v),
            kind: NumberKind::Age,
            unit,
            rule: "age_word",
        });
    }
    out
}

/// The age endings of `lang` (`numbers/age_suffixes.tsv`), folded and
/// longest first: those that name only ages, and those that also make
/// durations. Built once for every language.
fn age_endings(lang: &str) -> (&'static [String], &'static [String]) {
    type Endings = (Vec<String>, Vec<String>);
    static CELL: OnceLock<std::collections::HashMap<String, Endings>> = OnceLock::new();
    let by_lang = CELL.get_or_init(|| {
        let lex = builtin::age_suffixes();
        let mut map: std::collections::HashMap<String, Endings> = Default::default();
        for key in lex.keys_longest_first() {
            for cols in lex.get_all(key) {
                let (Some(role), Some(l)) = (cols.first(), cols.get(1)) else {
                    continue;
                };
                let entry = map.entry(l.clone()).or_default();
                match role.as_str() {
                    "ending" => entry.0.push(fold_word(key)),
                    "adjective" => entry.1.push(fold_word(key)),
                    _ => {}
                }
            }
        }
        map
    });
    by_lang
        .get(lang)
        .map_or((&[], &[]), |(n, a)| (n.as_slice(), a.as_slice()))
}

/// The number a stem of numerals' combining forms stands for
/// (`numbers/age_suffixes.tsv`, role `prefix`): "trzydziesto" 30,
/// "czterdziestodwu" 42 (a ten's form, then a unit's).
fn prefixed_number(stem: &str, lang: &str) -> Option<f64> {
    let value = |p: &str| -> Option<f64> {
        builtin::age_suffixes()
            .get_all(p)
            .iter()
            .find(|c| {
                c.first().is_some_and(|r| r == "prefix") && c.get(1).is_some_and(|l| l == lang)
            })
            .and_then(|c| c.get(2)?.parse().ok())
    };
    if stem.is_empty() {
        return None;
    }
    value(stem).or_else(|| {
        stem.char_indices().skip(1).find_map(|(i, _)| {
            let ten = value(&stem[..i]).filter(|t| *t >= 20.0 && t % 10.0 == 0.0)?;
            let unit = value(&stem[i..]).filter(|u| *u < 10.0)?;
            Some(ten + unit)
        })
    })
}

/// Whether the word right after byte `at` names a person: a noun of
/// `events/victims.tsv` or `people/person_roles.tsv`, or a capitalised name.
fn person_after(text: &str, at: usize, lang: &str) -> bool {
    let Some(w) = words(&text[at..]).next() else {
        return false;
    };
    if !text[at..at + w.start].chars().all(char::is_whitespace) {
        return false;
    }
    w.text.chars().next().is_some_and(char::is_uppercase)
        || names_a_person(&fold_word(w.text), lang)
}

/// The number a word stem stands for once an ending fused to it took its
/// last vowel: "tredic" (tredici) 13, "ventun" (ventuno) 21, "ventinov"
/// (ventinove) 29; digits ("45" of "45enne") as written. Number words from
/// 1 to 99 only.
fn fused_number(stem: &str, lang: &str) -> Option<f64> {
    if stem.len() <= 3 && stem.bytes().all(|b| b.is_ascii_digit()) {
        return stem.parse().ok();
    }
    if stem.chars().count() < 2 {
        return None;
    }
    let simple = |w: &str| match word_class(w, lang) {
        Some((v, "unit" | "ten")) if (1.0..100.0).contains(&v) => Some(v),
        _ => None,
    };
    let restored = |s: &str| {
        std::iter::once(s.to_owned())
            .chain(["a", "e", "i", "o"].iter().map(|v| format!("{s}{v}")))
            .collect::<Vec<_>>()
    };
    let candidates = restored(stem);
    if let Some(v) = candidates.iter().find_map(|c| simple(c)) {
        return Some(v);
    }
    // A ten and a unit written as one word, the ten losing its vowel before
    // a unit that starts with one ("ventuno", "trentotto").
    let tens = builtin::number_words().keys_longest_first_where(|cols| {
        cols.get(1).is_some_and(|c| c == "ten") && cols.get(2).is_some_and(|l| l == lang)
    });
    candidates.iter().find_map(|c| {
        tens.iter().find_map(|ten| {
            let tv = simple(ten)?;
            let elided = &ten[..ten.char_indices().next_back()?.0];
            let rest = c.strip_prefix(ten).or_else(|| c.strip_prefix(elided))?;
            let article_unit = || {
                builtin::age_suffixes()
                    .get_in(rest, lang, 1)
                    .filter(|cols| cols.first().is_some_and(|r| r == "unit"))
                    .and_then(|cols| cols.get(2)?.parse().ok())
            };
            let uv = simple(rest).or_else(article_unit).filter(|u| *u < 10.0)?;
            Some(tv + uv)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (text, low, best, high, kind, unit) of each number found.
    type Row = (
        String,
        Option<f64>,
        Option<f64>,
        Option<f64>,
        NumberKind,
        Option<String>,
    );

    /// The best values of the numbers of one kind found in `text`.
    fn of_kind(text: &str, lang: &str, kind: NumberKind) -> Vec<f64> {
        find_numbers(text, lang)
            .into_iter()
            .filter(|n| n.kind == kind)
            .filter_map(|n| n.value.best)
            .collect()
    }

    fn nums(text: &str) -> Vec<Row> {
        nums_in(text, "en")
    }

    /// The one number of `text` (the test fails on none or several).
    fn only_number(text: &str, lang: &str) -> Row {
        let mut n = nums_in(text, lang);
        assert_eq!(n.len(), 1, "{text}: {n:?}");
        n.remove(0)
    }

    fn nums_in(text: &str, lang: &str) -> Vec<Row> {
        find_numbers(text, lang)
            .into_iter()
            .map(|n| {
                (
                    text[n.start..n.end].to_owned(),
                    n.value.low,
                    n.value.best,
                    n.value.high,
                    n.kind,
                    n.unit.map(|(a, b)| text[a..b].to_owned()),
                )
            })
            .collect()
    }

    #[test]
    fn digits_with_separators_and_scales() {
        let n = nums("Some 40,000 troops, 12 500 refugees and 1.5 million people.");
        assert_eq!(n[0].2, Some(40000.0));
        assert_eq!(n[1].2, Some(12500.0));
        assert_eq!(n[2].2, Some(1_500_000.0));
        assert_eq!(n[2].5.as_deref(), Some("people"));
        let de = find_numbers("Rund 40.000 Soldaten und 1,5 Millionen Menschen", "de");
        assert_eq!(de[0].value.best, Some(40000.0));
        assert_eq!(de[1].value.best, Some(1_500_000.0));
    }

    #[test]
    fn number_words_combine() {
        let n = nums("twenty-five drones, one hundred and forty shells, six people");
        assert_eq!(n[0].2, Some(25.0));
        assert_eq!(n[1].2, Some(140.0));
        assert_eq!(n[1].5.as_deref(), Some("shells"));
        assert_eq!(n[2].2, Some(6.0));
        assert_eq!(n[2].5.as_deref(), Some("people"));
    }

    #[test]
    fn a_word_is_no_number_only_by_losing_its_accents() {
        // Croatian "što" (what) folds to "sto" (hundred).
        assert!(find_numbers("Što je rekao gradonačelnik?", "hr").is_empty());
        let sto = find_numbers("Stigao je sto vatrogasaca.", "hr");
        assert_eq!(sto.first().and_then(|n| n.value.best), Some(100.0));
    }

    #[test]
    fn one_is_a_count_only_when_it_counts_something() {
        let values = |t: &str, lang: &str| -> Vec<Option<f64>> {
            find_numbers(t, lang).iter().map(|n| n.value.best).collect()
        };
        // "one of the councillors", "another van": no count, in any language.
        assert!(values("Один з депутатів сказав це.", "uk").is_empty());
        assert!(values("Uno de los concejales lo dijo.", "es").is_empty());
        assert!(values("Стояв ще один фургон.", "uk").is_empty());
        assert!(values("Stajao je još jedan kombi.", "hr").is_empty());
        // A lone victim is an article's "one": the extractor counts the
        // person (events/indefinite.tsv), the number grammar does not.
        assert!(values("Загинув один чоловік.", "uk").is_empty());
        assert!(values("One man was killed.", "en").is_empty());
    }

    #[test]
    fn adverbs_pronouns_and_frequencies_count_nothing() {
        let values = |t: &str, lang: &str| -> Vec<Option<f64>> {
            find_numbers(t, lang)
                .iter()
                .map(|n| n.value.best.or(n.value.low))
                .collect()
        };
        // "First" ranks without counting, whatever it modifies.
        assert!(values("We will not disarm ourselves first.", "en").is_empty());
        assert!(values("First, the storm reaches the coast.", "en").is_empty());
        assert!(values("The first reported case came in May.", "en").is_empty());
        assert!(values("Es la primera vez que ocurre.", "es").is_empty());
        assert_eq!(
            values("Two first-half goals settled it.", "en"),
            [Some(2.0)]
        );
        // A higher rank is a position unless it modifies nothing.
        assert_eq!(values("It was his third title.", "en"), [Some(3.0)]);
        assert!(values("He came third.", "en").is_empty());
        // A count ending a hyphenated phrase.
        assert_eq!(values("The mother-of-three left.", "en"), [Some(3.0)]);
        assert!(values("A state-of-the-art lab.", "en").is_empty());
        // Number words in a name written with capitals count nothing…
        assert!(values("The bomb dropped in World War Two was small.", "en").is_empty());
        assert!(values("Rain will reach the Four Corners by Tuesday.", "en").is_empty());
        // …but a sentence's first word, a title-case headline and a
        // German compound do.
        assert_eq!(values("Four Corners residents fled.", "en"), [Some(4.0)]);
        assert_eq!(values("Storm Kills Four In Texas", "en"), [Some(4.0)]);
        assert_eq!(
            values("Sie fordern die Vier-Tage-Woche.", "de"),
            [Some(4.0)]
        );
        // Italian "secondo" is a rank only after an article.
        assert!(values("Secondo la polizia, nessuno è ferito.", "it").is_empty());
        assert_eq!(values("Il secondo vertice è a Hanoi.", "it"), [Some(2.0)]);
        // English "one" as a pronoun.
        assert!(values("\"It is a scandal,\" one wrote.", "en").is_empty());
        assert!(values("The one thing they want is peace.", "en").is_empty());
        // "One" before its noun is the article a translation writes as
        // "un", "ein": no count, in English and in Slavic…
        assert!(values("One woman admitted she laughed.", "en").is_empty());
        assert!(values("Police were heard telling one man to leave.", "en").is_empty());
        assert!(values("Один фермер заявив про це.", "uk").is_empty());
        assert!(values("Jedan izvor je to rekao.", "hr").is_empty());
        // …unless a quantity word, a casualty word or a unit says it
        // counts, or it stands for a noun ("one of them").
        assert_eq!(values("Only one episode aired.", "en"), [Some(1.0)]);
        assert_eq!(values("At least one man was hurt.", "en"), [Some(1.0)]);
        assert_eq!(values("The blast left one dead.", "en"), [Some(1.0)]);
        assert_eq!(values("Всего один эпизод вышел.", "ru"), [Some(1.0)]);
        assert_eq!(values("Был один погибший.", "ru"), [Some(1.0)]);
        assert_eq!(values("Zostało tylko jedno miejsce.", "pl"), [Some(1.0)]);
        assert_eq!(values("They walked one mile.", "en"), [Some(1.0)]);
        // A frequency is no amount of things.
        assert!(values("The town was flooded several times.", "en").is_empty());
        assert!(values("The three-time champion was flooded out three times.", "en").is_empty());
        assert!(values("La ciudad se inundó tres veces.", "es").is_empty());
        assert_eq!(
            values("The blast was 200 times stronger.", "en"),
            [Some(200.0)]
        );
        assert!(values("La ciudad se inundó varias veces.", "es").is_empty());
        assert_eq!(values("Several homes were flooded.", "en"), [Some(2.0)]);
        // Names, not positions; Croatian "drugi" is mostly "other".
        assert!(values("He fought in the First World War.", "en").is_empty());
        assert!(values("Borio se u Prvom svjetskom ratu.", "hr").is_empty());
        assert!(values("Krenuli su drugom rutom.", "hr").is_empty());
        // A range of two percentages.
        let both = find_numbers("Selon les études, 70 % à 90 % des hommes se marient.", "fr");
        assert_eq!(
            both.iter()
                .map(|n| (n.value.low, n.value.high))
                .collect::<Vec<_>>(),
            [(Some(70.0), Some(90.0))]
        );
        // A count of units of time is a length of time.
        assert!(values("Через п'ять тижнів відбудуться вибори.", "uk").is_empty());
        assert!(values("They will be paid for five days.", "en").is_empty());
        // A vague amount of years is how "decades" is written.
        assert!(values("Spór trwa kilkadziesiąt lat.", "pl").is_empty());
        assert!(values("Спор длится десятки лет.", "ru").is_empty());
        assert!(values("Суперечка тривала десятки років.", "uk").is_empty());
        assert_eq!(values("Dozens of homes burned.", "en"), [Some(20.0)]);
        assert_eq!(values("Bio je to tek drugi poraz.", "hr"), [Some(2.0)]);
        assert_eq!(values("Zabio je svoj drugi gol.", "hr"), [Some(2.0)]);
        assert_eq!(values("They won the second match.", "en"), [Some(2.0)]);
    }

    #[test]
    fn a_number_word_joined_to_its_noun_is_read() {
        let found = find_numbers("They signed a six-game deal and a four-page letter.", "en");
        let read: Vec<(Option<f64>, &str)> = found
            .iter()
            .map(|n| {
                (
                    n.value.best,
                    n.unit.map_or("", |(a, b)| {
                        &"They signed a six-game deal and a four-page letter."[a..b]
                    }),
                )
            })
            .collect();
        assert_eq!(read, [(Some(6.0), "game"), (Some(4.0), "page")]);
        // A compound number stays one number; other hyphenated words are no numbers.
        assert_eq!(
            find_numbers("Twenty-one people came.", "en")[0].value.best,
            Some(21.0)
        );
        assert!(find_numbers("A well-known actor spoke.", "en").is_empty());
    }

    #[test]
    fn ranges_need_the_opener_their_joiner_asks_for() {
        let spans = |t: &str, lang: &str| -> Vec<(String, Option<f64>, Option<f64>)> {
            find_numbers(t, lang)
                .iter()
                .map(|n| (t[n.start..n.end].to_owned(), n.value.low, n.value.high))
                .collect()
        };
        // "y" (and) needs "entre" (between); "de" (from) is not enough.
        assert_eq!(
            spans("Con un promedio de 2,53 y 300 puntos.", "es").len(),
            2
        );
        let between = spans("Entre el 30 y el 43 % de los votantes.", "es");
        assert_eq!((between[0].1, between[0].2), (Some(30.0), Some(43.0)));
        let from_to = spans("Від 2 до 10 см дощу.", "uk");
        assert_eq!((from_to[0].1, from_to[0].2), (Some(2.0), Some(10.0)));
        assert_eq!(spans("До 10 см дощу.", "uk")[0].1, None);
    }

    #[test]
    fn quantifiers_scales_and_vague_amounts_in_context() {
        let first = |t: &str, lang: &str| find_numbers(t, lang).first().map(|n| n.value);
        // An estimate is roughly its figure, in every language.
        for (text, lang) in [
            ("An estimated £11 million fortune.", "en"),
            ("Une fortune estimée à 11 millions de livres.", "fr"),
            ("Статок, який оцінюється в 11 мільйонів фунтів.", "uk"),
            ("Majątek szacowany na 11 mln funtów.", "pl"),
            // A verb of change before an estimate leaves it an estimate.
            ("Miała podwoić majątek szacowany na 11 mln funtów.", "pl"),
            ("Dobio je procijenjenih 11 milijuna dolara.", "hr"),
        ] {
            let v = first(text, lang).unwrap();
            assert!(v.low < Some(11e6) && v.high > Some(11e6), "{lang}: {v:?}");
        }
        // Contracted articles and verbs of exceeding are quantifiers.
        assert_eq!(
            first("Más del 10 % de la población.", "es").unwrap().high,
            None
        );
        assert_eq!(
            first("Кількість загиблих перевищує 800.", "uk")
                .unwrap()
                .low,
            Some(801.0)
        );
        // After a quantifier a Slavic scale word is one thousand, not thousands.
        assert_eq!(
            first("Погибло около тысячи людей.", "ru").unwrap().best,
            Some(1000.0)
        );
        assert_eq!(
            first("Было убито свыше тысячи людей.", "ru").unwrap().low,
            Some(1001.0)
        );
        assert_eq!(
            first("Погибли тысячи людей.", "ru").unwrap().low,
            Some(2000.0)
        );
        // "2000 millones" is an amount, not the year 2000.
        assert_eq!(
            first("Una inversión de 2000 millones.", "es").unwrap().best,
            Some(2e9)
        );
        assert_eq!(first("A £11million deal.", "en").unwrap().best, Some(11e6));
        // "once", "one of", a lone "half", "several" with nothing counted.
        assert!(first("Тільки один раз вони прорвали оборону.", "uk").is_none());
        assert!(first("Він полетів до одного з будинків.", "uk").is_none());
        assert!(first("En la primera mitad del partido.", "es").is_none_or(|v| v.best != Some(0.5)));
        assert!(first("Several of them left.", "en").is_none());
        assert_eq!(first("Several hours later.", "en").unwrap().low, Some(2.0));
        // Scores count nothing.
        let score = find_numbers("Their 31-27 defeat to Vanderbilt.", "en");
        assert_eq!(score.len(), 2);
        assert!(score
            .iter()
            .all(|n| n.kind == NumberKind::Other && n.rule == "score"));
        // Telephone numbers and short spans of years are no counts.
        assert!(first("Call 859-292-3680 or 0800 555 111.", "en").is_none());
        assert!(first("The 1950-53 war.", "en").is_none());
        assert!(find_numbers("Nach einer halben Stunde.", "de").is_empty());
        // "some 200": the quantifier, not a vague "some".
        assert_eq!(first("Some 200 people.", "en").unwrap().low, Some(180.0));
    }

    #[test]
    fn a_bare_age_pattern_needs_a_person_before_it() {
        let age = |t: &str| {
            find_numbers(t, "uk")
                .iter()
                .any(|n| n.kind == NumberKind::Age)
        };
        assert!(age("Поранено хлопчика, хлопчик 7 років у лікарні."));
        assert!(!age("Бібліотеку не ремонтували протягом 10 років."));
        assert!(age("Поранено семирічного хлопчика."));
        let ages = |t: &str, lang: &str| of_kind(t, lang, NumberKind::Age);
        // Romance "N years" after a person, or with "had": an age.
        assert_eq!(ages("Marta Vidal, 41 anni, ha vinto.", "it"), [41.0]);
        assert_eq!(ages("Il avait 14 ans.", "fr"), [14.0]);
        assert_eq!(ages("Un hombre de 45 años murió.", "es"), [45.0]);
        // A person named by occupation, role or family tie.
        assert_eq!(
            ages("Puig, un mecánico de 42 años, lo grabó.", "es"),
            [42.0]
        );
        assert_eq!(
            ages("L'accusé de 29 ans et la victime de 19 ans.", "fr"),
            [29.0, 19.0]
        );
        assert_eq!(ages("Водителю 45 лет.", "ru"), [45.0]);
        // "de N años" with no person is a length: a contract, a period.
        assert!(ages("Firmó un contrato de 5 años.", "es").is_empty());
        assert!(ages("Un periodo di 15 mesi.", "it").is_empty());
        // A word of time after it makes a length of time of any pattern
        // that can tell one, not of an explicit age.
        assert!(ages("Lo dijo Marta Vidal 45 años después.", "es").is_empty());
        assert!(ages("Iniziò con Marta Vidal, 3 anni fa.", "it").is_empty());
        assert_eq!(
            ages(
                "Murió a la edad de 40 años después de una larga enfermedad.",
                "es"
            ),
            [40.0]
        );
    }

    #[test]
    fn a_verb_of_change_makes_to_the_new_value() {
        let n = find_numbers("Число загиблих зросло до 832 людей.", "uk");
        assert_eq!(
            (n[0].value.low, n[0].value.high),
            (Some(832.0), Some(832.0))
        );
        let n = find_numbers("Евакуювали до 832 людей.", "uk");
        assert_eq!((n[0].value.low, n[0].value.high), (None, Some(832.0)));
        // The verb may stand a few words back, and a rank has no bound.
        for (text, lang) in [
            ("Las audiencias se han duplicado hasta 1,05 millones.", "es"),
            ("Рейтинги выросли более чем вдвое — до 1,05 миллиона.", "ru"),
            ("Wyniki niemal się potroiły, do 1,05 miliona widzów.", "pl"),
        ] {
            let n = find_numbers(text, lang);
            assert_eq!(
                (n[0].value.low, n[0].value.high),
                (Some(1_050_000.0), Some(1_050_000.0)),
                "{text}"
            );
        }
        let n = find_numbers("Він готується до другого саміту.", "uk");
        assert_eq!((n[0].value.low, n[0].value.high), (Some(2.0), Some(2.0)));
        // Not across a sentence.
        let n = find_numbers("Ціни зросли. До 40 людей чекали.", "uk");
        assert_eq!((n[0].value.low, n[0].value.high), (None, Some(40.0)));
    }

    #[test]
    fn money_takes_glued_scales_and_quantifiers_before_the_sign() {
        let n = find_numbers("It costs £11m, more than $100 million.", "en");
        assert_eq!(n[0].value.best, Some(11_000_000.0));
        assert_eq!(n[1].value.low, Some(100_000_001.0));
        // No currency sign: metres, not millions.
        let n = find_numbers("A 30m wave hit the coast.", "en");
        assert!(n.iter().all(|x| x.value.best != Some(30_000_000.0)));
    }

    #[test]
    fn a_range_needs_an_opener_or_a_unit_after_it() {
        let span = |t: &str, lang: &str| {
            find_numbers(t, lang)
                .first()
                .map(|n| (n.value.low, n.value.high))
        };
        // One unit of measurement after both numbers joins them.
        assert_eq!(
            span("Caddero 25 do 100 mm.", "hr"),
            Some((Some(25.0), Some(100.0)))
        );
        assert_eq!(
            span("On attend 5 à 10 cm.", "fr"),
            Some((Some(5.0), Some(10.0)))
        );
        // Without one, "до 8" alone is a bound of its own.
        let n = find_numbers("У 2017 до 8 людей.", "uk");
        assert_eq!((n[1].value.low, n[1].value.high), (None, Some(8.0)));
    }

    #[test]
    fn elided_and_split_quantifiers() {
        let low = |t: &str, lang: &str| find_numbers(t, lang).first().and_then(|n| n.value.low);
        assert_eq!(low("Sono più dell'80% dei votanti.", "it"), Some(81.0));
        assert_eq!(
            low("Ils disent qu'au moins 30 maisons ont brûlé.", "fr"),
            Some(30.0)
        );
        assert_eq!(
            low("Rekli su da je najmanje je 30 kuća izgorjelo.", "hr"),
            Some(30.0)
        );
    }

    #[test]
    fn quantifiers_make_intervals() {
        let n = nums("more than 40 homes, at least 3 dead, nearly 4 tanks, up to 10 boats");
        assert_eq!((n[0].1, n[0].3), (Some(41.0), None));
        assert_eq!((n[1].1, n[1].3), (Some(3.0), None));
        assert_eq!((n[2].1, n[2].3), (None, Some(4.0)));
        assert_eq!((n[3].1, n[3].3), (None, Some(10.0)));
        assert_eq!(n[0].0, "more than 40");
        // Nothing counted is below zero: "almost zero" is zero.
        let z = nums("Infections fell to almost zero.");
        assert_eq!((z[0].1, z[0].3), (Some(0.0), Some(0.0)));
    }

    #[test]
    fn vague_amounts_and_ranges() {
        let n = nums("Dozens of people fled; 6-7 houses and between 5 and 8 cars burned.");
        assert_eq!((n[0].1, n[0].3), (Some(20.0), None));
        assert_eq!(n[0].5.as_deref(), Some("people"));
        assert_eq!((n[1].1, n[1].3), (Some(6.0), Some(7.0)));
        assert_eq!((n[2].1, n[2].3), (Some(5.0), Some(8.0)));
    }

    #[test]
    fn ages_are_not_counts() {
        let n = nums("a three-year-old girl and the 68-year-old woman were hurt");
        assert_eq!(n.len(), 2);
        assert!(n.iter().all(|x| x.4 == NumberKind::Age));
        assert_eq!(n[0].2, Some(3.0));
        assert_eq!(n[0].5.as_deref(), Some("girl"));
        assert_eq!(n[1].2, Some(68.0));
        assert_eq!(n[1].5.as_deref(), Some("woman"));
    }

    #[test]
    fn a_scale_word_after_a_hyphen_multiplies() {
        for (text, lang) in [
            ("Полиция не подпустила 25-тысячную толпу.", "ru"),
            ("Zablokowano 25-tysięczny tłum.", "pl"),
            ("Поліція зупинила 25-тисячний натовп.", "uk"),
        ] {
            assert_eq!(only_number(text, lang).2, Some(25_000.0), "{text}");
        }
        assert_eq!(nums("a 25-million-euro deal")[0].2, Some(25_000_000.0));
    }

    #[test]
    fn an_age_cue_may_take_just_or_only_before_its_number() {
        // "aged just 11" is an age, not eleven of something.
        for (text, lang) in [
            ("A boy aged just 11 was killed.", "en"),
            ("Chłopiec w wieku zaledwie 11 lat zginął.", "pl"),
            ("Мальчик в возрасте всего 11 лет погиб.", "ru"),
            // "to have (only) N years" is an age whoever has them.
            ("Des enfants, dont quelques-uns n'ont que 11 ans.", "fr"),
            ("Djeca, od kojih neki imaju samo 11 godina.", "hr"),
            ("Children, some as young as 11, were there.", "en"),
        ] {
            let n = only_number(text, lang);
            assert_eq!((n.4, n.2), (NumberKind::Age, Some(11.0)), "{text}");
        }
        // Words that bound the age are not skipped.
        let n = nums("Players aged under 11 were sent home.");
        assert!(n.iter().all(|x| x.4 != NumberKind::Age), "{n:?}");
    }

    #[test]
    fn a_number_set_off_by_commas_after_a_name_is_an_age() {
        let kinds = |t: &str| {
            find_numbers(t, "en")
                .into_iter()
                .map(|n| (n.value.best, n.kind))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            kinds("Vladimir Ilkov, 54, was preparing a stage."),
            [(Some(54.0), NumberKind::Age)]
        );
        assert_eq!(
            kinds("Vladimir Ilkov (54) was preparing a stage."),
            [(Some(54.0), NumberKind::Age)]
        );
        let polish = find_numbers("Michał Wanat (72 lata) powiedział to.", "pl");
        assert_eq!(
            polish
                .iter()
                .map(|n| (n.value.best, n.kind))
                .collect::<Vec<_>>(),
            [(Some(72.0), NumberKind::Age)]
        );
        assert!(kinds("They scored 3, 12, 45 in turn.")
            .iter()
            .all(|(_, k)| *k != NumberKind::Age));
    }

    #[test]
    fn an_ordinal_after_a_preposition_of_rank_is_a_place() {
        let ranks = |t: &str| of_kind(t, "en", NumberKind::Ordinal);
        assert_eq!(ranks("They moved level with Hibernian in second."), [2.0]);
        assert_eq!(ranks("Livingston climb to third and stay there."), [3.0]);
        assert!(ranks("They came second.").is_empty());
        assert!(ranks("Secondly, it rained.").is_empty());
    }

    #[test]
    fn group_nouns_count_people() {
        let first = |t: &str, lang: &str| find_numbers(t, lang).first().and_then(|n| n.value.best);
        assert_eq!(first("Obučavao je dvojicu nestalih.", "hr"), Some(2.0));
        assert_eq!(first("Pokosio je trojicu iz odreda.", "hr"), Some(3.0));
        assert_eq!(first("Matka trójki dzieci.", "pl"), Some(3.0));
    }

    #[test]
    fn slavic_ages_fused_from_combining_forms() {
        let ages = |t: &str, lang: &str| of_kind(t, lang, NumberKind::Age);
        assert_eq!(
            ages("Joan Puig, czterdziestodwuletni mechanik, mówił.", "pl"),
            [42.0]
        );
        assert_eq!(
            ages("Rzekomo zrobił to trzydziestoletni Saipov.", "pl"),
            [30.0]
        );
        assert_eq!(ages("Zaginął trzynastolatek z Opola.", "pl"), [13.0]);
        assert_eq!(ages("Погиб сорокадвухлетний мужчина.", "ru"), [42.0]);
        assert_eq!(ages("Загинула тридцятирічна жінка.", "uk"), [30.0]);
        // A duration is no age.
        assert!(ages("Rząd przyjął pięćdziesięcioletni plan.", "pl").is_empty());
        assert!(ages("Imao je 15-mjesečno iskustvo u klubu.", "hr").is_empty());
        assert_eq!(ages("Spasili su 6-mjesečnu bebu.", "hr"), [0.5]);
        assert_eq!(ages("Kada je imao 14 godina, otišao je.", "hr"), [14.0]);
        assert!(ages("Це тридцятирічний контракт.", "uk").is_empty());
    }

    #[test]
    fn italian_ages_fused_with_their_ending() {
        let ages = |t: &str| of_kind(t, "it", NumberKind::Age);
        assert_eq!(
            ages("Un tredicenne e il ventunenne, poi una ventinovenne e un 45enne."),
            [13.0, 21.0, 29.0, 45.0]
        );
        // Words that only end like an age are none ("antenne", "perenne").
        assert!(ages("Le antenne perenni del decennio.").is_empty());
    }

    #[test]
    fn dates_times_years_and_percentages() {
        let n = nums("On March 3, 2025 at 10:30, in 2022, 15% of 200 voters");
        let kinds: Vec<NumberKind> = n.iter().map(|x| x.4).collect();
        assert_eq!(
            kinds,
            [NumberKind::Other, NumberKind::Percent, NumberKind::Count]
        );
        assert_eq!(n[2].2, Some(200.0));
    }
}
