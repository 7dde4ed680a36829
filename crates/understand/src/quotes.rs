//! Quotes: direct quotes in quotation marks with the speaker and cue beside
//! them ("…,” he remarked; Putin said: “…”), reported speech ("X said
//! that …", "…, X said") and "according to X".

use crate::doc::Doc;
use crate::lexicons;
use crate::names::cue_verb;
use corroborate_model::{Entity, EntityKind, Quote, Span};

/// How many words after a closing quote the speaker's name may start
/// (",” police chief Goran Savić said").
const SPEAKER_REACH: usize = 4;
/// Shortest direct quote kept, in words (shorter ones are scare quotes).
const MIN_QUOTE_WORDS: usize = 3;
/// Most words before an unnamed source that describe it ("regional
/// officials", "Kherson regional police").
const MAX_SOURCE_MODIFIERS: usize = 2;
/// Most words a speaker description after "according to" may have.
const MAX_SOURCE_WORDS: usize = 6;

fn cue_type(folded: &str, lang: &str) -> Option<&'static str> {
    let t = lexicons::quote_cues()
        .get_in(folded, corroborate_text::lexicon_lang(lang), 1)?
        .first()?;
    Some(match t.as_str() {
        "verb" => "verb",
        "according_to" => "according_to",
        "medium" => "medium",
        _ => return None,
    })
}

/// The cue phrases of one type (`medium`, `according_to`) in one language,
/// longest first; built once per language.
fn cue_phrases(kind: &str, lang: &str) -> &'static [String] {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    type Cache = Mutex<HashMap<(String, String), &'static [String]>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut map = cache.lock().unwrap_or_else(|e| e.into_inner());
    map.entry((kind.to_owned(), lang.to_owned()))
        .or_insert_with(|| {
            let list: Vec<String> = lexicons::quote_cues()
                .keys_longest_first()
                .into_iter()
                .filter(|k| cue_type(k, lang) == Some(kind_static(kind)))
                .map(str::to_owned)
                .collect();
            Box::leak(list.into_boxed_slice())
        })
}

fn kind_static(kind: &str) -> &'static str {
    match kind {
        "medium" => "medium",
        "according_to" => "according_to",
        _ => "verb",
    }
}

/// Pairs of quotation marks: (byte after the opening mark, byte of the closing mark).
fn quote_pairs(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (i, c) in text.char_indices() {
        match (open, c) {
            (None, '“' | '«' | '„') => open = Some((i + c.len_utf8(), c)),
            (None, '"') => open = Some((i + 1, c)),
            (Some((s, o)), _) if closes(o, c) => {
                out.push((s, i));
                open = None;
            }
            // A paragraph break ends an unclosed quote (news style reopens it).
            (Some(_), '\n') => open = None,
            _ => {}
        }
    }
    out
}

fn closes(open: char, c: char) -> bool {
    matches!(
        (open, c),
        ('“', '”') | ('«', '»') | ('„', '“') | ('„', '”') | ('"', '"')
    )
}

/// "that" and its equivalents, which join a speech verb to what was said.
fn is_complementizer(folded: &str) -> bool {
    matches!(
        folded,
        "that" | "que" | "dass" | "che" | "что" | "що" | "da" | "że"
    )
}

struct Speaker {
    name: String,
    entity: Option<String>,
    span: Span,
}

/// The entity one of whose mentions covers the character span.
fn entity_at(entities: &[Entity], span: Span) -> Option<&Entity> {
    entities.iter().find(|e| {
        e.mentions.iter().any(|m| {
            m.span.start <= span.start && span.end <= m.span.end
                || span.start <= m.span.start && m.span.end <= span.end
        })
    })
}

/// The speaker named at token `i` (a name or a pronoun), if any.
fn speaker_at(doc: &Doc, entities: &[Entity], i: usize) -> Option<Speaker> {
    let t = &doc.tokens[i];
    let is_subject_pronoun = lexicons::pronoun(doc, &t.folded)
        .is_some_and(|c| c.first().is_some_and(|x| x == "subject"));
    let span = doc.span(t.start, t.end);
    if is_subject_pronoun {
        let e = crate::names::antecedent(doc, entities, t.sentence, span.start)?;
        return Some(Speaker {
            name: e.name.clone(),
            entity: Some(e.id.clone()),
            span,
        });
    }
    if !t.capital || t.possessive {
        return None;
    }
    let e = entity_at(entities, span)?;
    let m = e
        .mentions
        .iter()
        .find(|m| m.span.start <= span.start && span.end <= m.span.end)?;
    Some(Speaker {
        name: e.name.clone(),
        entity: Some(e.id.clone()),
        span: m.span,
    })
}

/// The speaker named at token `i`, or an unnamed source there ("police",
/// "officials"): only right beside a cue verb ("…, police said", "said
/// officials"), since such nouns are as often what a sentence is about.
fn speaker_or_source_at(doc: &Doc, entities: &[Entity], i: usize) -> Option<Speaker> {
    speaker_at(doc, entities, i).or_else(|| {
        let t = &doc.tokens[i];
        let span = doc.span(t.start, t.end);
        if t.possessive
            || !lexicons::is_source(doc, &t.folded)
            || entity_at(entities, span).is_some()
        {
            return None;
        }
        // Its modifiers are part of it: "regional officials", "local
        // police", "the Ukrainian foreign ministry" (words right before it,
        // no punctuation between; a person's name is not one).
        let person = |k: usize| {
            let p = &doc.tokens[k];
            p.capital
                && entity_at(entities, doc.span(p.start, p.end))
                    .is_some_and(|e| e.kind == EntityKind::Person)
        };
        let mut first = i;
        while first > 0
            && i - first < MAX_SOURCE_MODIFIERS
            && doc.tokens[first - 1].sentence == t.sentence
            && !person(first - 1)
            && doc
                .gap(doc.tokens[first - 1].end, doc.tokens[first].start)
                .trim()
                .is_empty()
            && !corroborate_text::is_function_word(&doc.tokens[first - 1].folded, doc.lang)
            && lexicons::quote_cues()
                .get(&doc.tokens[first - 1].folded)
                .is_none()
        {
            first -= 1;
        }
        let start = doc.tokens[first].start;
        Some(Speaker {
            name: doc.text[start..t.end].to_owned(),
            entity: None,
            span: doc.span(start, t.end),
        })
    })
}

/// The speaker of a cue verb at token `cue`: the nearest name or subject
/// pronoun before it in its sentence ("Xi … but stated that", "Putin said").
fn subject_before(doc: &Doc, entities: &[Entity], cue: usize) -> Option<Speaker> {
    let sentence = doc.tokens[cue].sentence;
    (cue.saturating_sub(12)..cue)
        .rev()
        .filter(|&k| doc.tokens[k].sentence == sentence)
        .find_map(|k| speaker_at(doc, entities, k))
}

/// The cue verb at token `i`, extended by a medium ("on Telegram", "in a
/// statement") or an addressee ("told India Today").
fn cue_at(doc: &Doc, i: usize) -> Option<(usize, usize)> {
    let t = &doc.tokens[i];
    if !cue_verb(&t.folded, doc.lang) {
        return None;
    }
    let mut end = t.end;
    let rest = doc.gap(t.end, doc.sentences[t.sentence].end);
    let head: String = rest.chars().take(40).collect::<String>().to_lowercase();
    let mut medium_len = 0;
    for m in cue_phrases("medium", doc.lang) {
        if head.trim_start().starts_with(m.as_str()) {
            let lead = head.len() - head.trim_start().len();
            // Map the lower-cased length back onto the original text.
            let chars = head[..lead + m.len()].chars().count();
            medium_len = rest
                .char_indices()
                .nth(chars)
                .map_or(rest.len(), |(i, _)| i);
            break;
        }
    }
    if medium_len > 0 {
        end = t.end + medium_len;
    } else if let Some(n) = doc.tokens.get(i + 1) {
        // "told India Today", "told reporters".
        if n.sentence == t.sentence
            && doc.gap(t.end, n.start).trim().is_empty()
            && (n.capital || n.folded == "reporters")
            && t.folded.starts_with("told")
        {
            let mut k = i + 1;
            while doc.tokens.get(k + 1).is_some_and(|x| {
                x.capital
                    && x.sentence == t.sentence
                    && doc.gap(doc.tokens[k].end, x.start).trim().is_empty()
            }) {
                k += 1;
            }
            end = doc.tokens[k].end;
        }
    }
    Some((t.start, end))
}

fn quote(
    doc: &Doc,
    kind: &str,
    start: usize,
    end: usize,
    speaker: Option<Speaker>,
    cue: Option<(usize, usize)>,
) -> Quote {
    let sentence = doc
        .sentences
        .iter()
        .position(|s| s.start <= start && start < s.end.max(s.start + 1))
        .unwrap_or(0);
    Quote {
        span: doc.span(start, end),
        text: doc.gap(start, end).to_owned(),
        sentence,
        kind: kind.to_owned(),
        speaker: speaker.as_ref().map(|s| s.name.clone()),
        speaker_entity: speaker.as_ref().and_then(|s| s.entity.clone()),
        speaker_span: speaker.map(|s| s.span),
        cue: cue.map(|(a, b)| doc.gap(a, b).to_owned()),
        cue_span: cue.map(|(a, b)| doc.span(a, b)),
    }
}

/// Finds the quotes of an article, speakers resolved to `entities`.
pub(crate) fn find(doc: &Doc, entities: &[Entity]) -> Vec<Quote> {
    let mut out = Vec::new();
    let pairs = quote_pairs(doc.text);
    for &(s, e) in &pairs {
        let inner = doc.gap(s, e).trim();
        let start = s + (doc.gap(s, e).len() - doc.gap(s, e).trim_start().len());
        let end = start + inner.trim_end_matches([',', ' ']).len();
        if inner.split_whitespace().count() < MIN_QUOTE_WORDS {
            continue;
        }
        let mut speaker = None;
        let mut cue = None;
        // After: `,” he said` / `,” said Putin`.
        if let Some(i) = doc.token_at_or_after(e) {
            let close_sentence = doc.token_before(e).map(|k| doc.tokens[k].sentence);
            if Some(doc.tokens[i].sentence) == close_sentence
                || doc.gap(e, doc.tokens[i].start).trim().starts_with(',')
                || doc.gap(e, doc.tokens[i].start).trim().is_empty()
            {
                if let Some(c) = cue_at(doc, i) {
                    cue = Some(c);
                    speaker = doc
                        .tokens
                        .get(i + 1)
                        .and_then(|_| speaker_at(doc, entities, i + 1));
                } else if let Some((_, sp)) = (i..(i + SPEAKER_REACH).min(doc.tokens.len()))
                    .take_while(|&k| doc.tokens[k].sentence == doc.tokens[i].sentence)
                    .find_map(|k| speaker_at(doc, entities, k).map(|sp| (k, sp)))
                {
                    // ",” Mayor Ana Petrović said": titles may stand before the name.
                    let after = doc.token_at_or_after(
                        doc.tokens[i..]
                            .iter()
                            .find(|t| doc.span(t.start, t.end).end >= sp.span.end)
                            .map_or(doc.tokens[i].end, |t| t.end),
                    );
                    if let Some(c) = after.and_then(|k| cue_at(doc, k)) {
                        cue = Some(c);
                        speaker = Some(sp);
                    }
                }
            }
        }
        // Before: `Putin said: “…”`.
        if cue.is_none() {
            if let Some(mut k) = doc.token_before(s.saturating_sub(1)) {
                let gap = doc.gap(doc.tokens[k].end, s);
                // "he stated that “…”".
                if k > 0 && is_complementizer(&doc.tokens[k].folded) {
                    k -= 1;
                }
                if gap
                    .trim()
                    .trim_end_matches(['“', '"', '«', '„'])
                    .trim()
                    .len()
                    <= 1
                {
                    if let Some(c) = cue_at(doc, k) {
                        cue = Some((c.0, doc.tokens[k].end));
                        speaker = subject_before(doc, entities, k);
                    }
                }
            }
        }
        out.push(quote(doc, "direct", start, end, speaker, cue));
    }
    // Reported speech and "according to", in sentences without direct quotes.
    for (si, sent) in doc.sentences.iter().enumerate() {
        if pairs.iter().any(|&(s, e)| s < sent.end && e > sent.start) {
            continue;
        }
        let toks: Vec<usize> = doc.sentence_tokens(si).collect();
        let body_end = sent.start
            + doc
                .gap(sent.start, sent.end)
                .trim_end_matches(['.', '!', '?', ' '])
                .len();
        // "according to city officials"
        if let Some(found) = according_to(doc, entities, sent.start, body_end) {
            out.push(found);
            continue;
        }
        for (n, &i) in toks.iter().enumerate() {
            let Some(c) = cue_at(doc, i) else { continue };
            // "X said (that) …": speaker right before the cue.
            if n > 0 {
                if let Some(sp) = speaker_or_source_at(doc, entities, toks[n - 1]) {
                    let mut from = c.1;
                    if let Some(nx) = doc.token_at_or_after(c.1) {
                        if doc.tokens[nx].sentence == si
                            && doc.gap(c.1, doc.tokens[nx].start).trim().is_empty()
                            && is_complementizer(&doc.tokens[nx].folded)
                        {
                            from = doc.tokens[nx].end;
                        }
                    }
                    let from = from + doc.gap(from, body_end).len()
                        - doc
                            .gap(from, body_end)
                            .trim_start_matches([',', ':', ' '])
                            .len();
                    // "…, police said Saturday.": after a clause that ends
                    // in a comma, a word or two after the cue is no
                    // reported clause; the clause is the one before.
                    let speaker_start = doc.byte_range(sp.span).0;
                    let before = without_determiner(doc, doc.gap(sent.start, speaker_start));
                    let clause_first = before.ends_with(',')
                        && corroborate_text::words(before).count() >= MIN_QUOTE_WORDS
                        && corroborate_text::words(doc.gap(from, body_end)).count()
                            < MIN_QUOTE_WORDS;
                    if body_end > from + 1 && !clause_first {
                        out.push(quote(doc, "reported", from, body_end, Some(sp), Some(c)));
                        break;
                    }
                    // "…, Putin said." — the clause is before the speaker
                    // (and its modifiers: "…, regional officials said").
                    out.extend(clause_before(doc, sent.start, speaker_start, sp, c));
                    break;
                }
            }
            // "…, said Putin."
            if let Some(&nx) = toks.get(n + 1) {
                if doc
                    .gap(sent.start, doc.tokens[i].start)
                    .trim_end()
                    .ends_with(',')
                {
                    if let Some(sp) = speaker_or_source_at(doc, entities, nx) {
                        out.extend(clause_before(doc, sent.start, doc.tokens[i].start, sp, c));
                        break;
                    }
                }
            }
        }
    }
    out.sort_by_key(|q| q.span.start);
    out
}

/// The text before a speaker without the function words that open the
/// speaker's phrase after a comma ("…on Sunday, his family said": the
/// clause ends at the comma, not at "his").
fn without_determiner<'d>(doc: &Doc, before: &'d str) -> &'d str {
    let before = before.trim_end();
    let Some(k) = before.rfind(',') else {
        return before;
    };
    // Function words and the words of a title: "…, the mayor Petar Ilkov
    // said on Tuesday" reports the clause before the comma.
    let function_or_title = |w: corroborate_text::Word| {
        let folded = corroborate_text::fold_word(w.text);
        corroborate_text::is_function_word(&folded, doc.lang)
            || lexicons::title_vocabulary(doc.lang).contains(&folded)
    };
    let mut tail = corroborate_text::words(&before[k + 1..]).peekable();
    if tail.peek().is_some() && tail.all(function_or_title) {
        &before[..=k]
    } else {
        before
    }
}

/// The reported clause that runs from a sentence's start to `end` ("…,
/// Putin said"), its trailing comma dropped.
fn clause_before(
    doc: &Doc,
    start: usize,
    end: usize,
    sp: Speaker,
    cue: (usize, usize),
) -> Option<Quote> {
    let clause = without_determiner(doc, doc.gap(start, end)).trim_end_matches([',', ' ']);
    (!clause.is_empty()).then(|| {
        quote(
            doc,
            "reported",
            start,
            start + clause.len(),
            Some(sp),
            Some(cue),
        )
    })
}

/// Byte offset and length in `text` of the first whole-word occurrence of
/// the lower-case phrase `needle`, compared character by character.
fn find_ignoring_case(text: &str, needle: &str) -> Option<(usize, usize)> {
    let starts = text.char_indices().map(|(i, _)| i);
    for i in starts {
        if i > 0
            && text[..i]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        let mut hay = text[i..].char_indices();
        let mut end = i;
        let mut matched = true;
        for n in needle.chars() {
            match hay.next() {
                Some((j, h)) if h.to_lowercase().eq(n.to_lowercase()) => end = i + j + h.len_utf8(),
                _ => {
                    matched = false;
                    break;
                }
            }
        }
        if matched && !text[end..].starts_with(char::is_alphanumeric) {
            return Some((i, end - i));
        }
    }
    None
}

/// "according to X" anywhere in a sentence: the source is the words after the
/// cue up to a comma or the sentence end; the statement is the rest.
fn according_to(
    doc: &Doc,
    entities: &[Entity],
    sent_start: usize,
    body_end: usize,
) -> Option<Quote> {
    let text = doc.gap(sent_start, body_end);
    // Case-insensitive search on the text itself: lower-casing can change
    // byte lengths ("İ"), so offsets found in a lower-cased copy would drift.
    let cue = cue_phrases("according_to", doc.lang)
        .iter()
        .find_map(|k| find_ignoring_case(text, k))?;
    let (at, len) = cue;
    let cue_start = sent_start + at;
    let cue_end = cue_start + len;
    let rest = doc.gap(cue_end, body_end);
    let src_len = rest.find([',', ';', '.']).unwrap_or(rest.len());
    let src_words = rest[..src_len].split_whitespace().count();
    if src_words == 0 || src_words > MAX_SOURCE_WORDS {
        return None;
    }
    let src_start = cue_end + (rest.len() - rest.trim_start().len());
    let src_end = cue_end + rest[..src_len].trim_end().len();
    let src_span = doc.span(src_start, src_end);
    let speaker = match entity_at(entities, src_span) {
        Some(e) => Speaker {
            name: e.name.clone(),
            entity: Some(e.id.clone()),
            span: src_span,
        },
        None => Speaker {
            name: doc.gap(src_start, src_end).to_owned(),
            entity: None,
            span: src_span,
        },
    };
    // The statement: the sentence without the attribution.
    let (qs, qe) = if at == 0 {
        let after = src_end + doc.gap(src_end, body_end).len()
            - doc
                .gap(src_end, body_end)
                .trim_start_matches([',', ' '])
                .len();
        (after, body_end)
    } else {
        (
            sent_start,
            sent_start
                + doc
                    .gap(sent_start, cue_start)
                    .trim_end()
                    .trim_end_matches(',')
                    .len(),
        )
    };
    (qe > qs).then(|| {
        quote(
            doc,
            "according_to",
            qs,
            qe,
            Some(speaker),
            Some((cue_start, cue_end)),
        )
    })
}
