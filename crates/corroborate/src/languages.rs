//! Stories told in several languages: why their articles are together.
//! Story linking across languages rests on language-independent anchors
//! (figures, names folded across scripts: `corroborate_text::cross_anchor_spans`);
//! a reader checking the decision wants to see them, as each article
//! writes them.

use crate::Member;
use corroborate_model::{LanguageLink, SharedAnchor};
use std::collections::HashMap;
use std::ops::Range;

/// Most shared anchors listed per link.
pub const MAX_SHARED_SHOWN: usize = 12;

/// Most members of other languages an article is compared with: enough
/// for any real story, bounded for a crawl-sized one.
pub const MAX_COMPARED: usize = 200;

/// The language-independent anchors of one member, read once per story
/// for lineage and language links.
pub(crate) struct Anchors {
    /// Every anchor of headline and text in order, repeats kept: what
    /// lineage compares.
    pub(crate) sequence: Vec<String>,
    /// Each key of the text once, in order, with where the text first
    /// writes it: what a language link shows.
    order: Vec<(String, Range<usize>)>,
    index: HashMap<String, usize>,
}

impl Anchors {
    pub(crate) fn of(m: &Member) -> Self {
        let lang = m.article.language.as_deref().unwrap_or("en");
        let text = &m.article.text;
        // The headline is read first unless the text opens with it; the
        // text's anchors are the same read after it (a new line starts a
        // sentence), shifted by where the text starts.
        let (spans, offset) = match &m.article.title {
            Some(t) if !text.starts_with(t.as_str()) => (
                corroborate_text::cross_anchor_spans(&format!("{t}\n{text}"), lang),
                t.len() + 1,
            ),
            _ => (corroborate_text::cross_anchor_spans(text, lang), 0),
        };
        let mut order: Vec<(String, Range<usize>)> = Vec::new();
        let mut index = HashMap::new();
        for (key, at) in spans.iter().filter(|(_, at)| at.start >= offset) {
            if !index.contains_key(key) {
                index.insert(key.clone(), order.len());
                order.push((key.clone(), at.start - offset..at.end - offset));
            }
        }
        Anchors {
            sequence: spans.into_iter().map(|(key, _)| key).collect(),
            order,
            index,
        }
    }

    /// Keys this member shares with `other`, in this member's order, with
    /// how each writes them.
    fn shared<'a>(
        &'a self,
        other: &'a Anchors,
    ) -> Vec<(&'a str, &'a Range<usize>, &'a Range<usize>)> {
        self.order
            .iter()
            .filter_map(|(key, at)| {
                let there = &other.order[*other.index.get(key)?].1;
                Some((key.as_str(), at, there))
            })
            .collect()
    }
}

/// Whether a story's members are in more than one language.
pub(crate) fn several_languages(members: &[Member]) -> bool {
    members
        .first()
        .is_some_and(|f| members.iter().any(|m| language(m) != language(f)))
}

/// The anchors of every member when the story has several languages;
/// empty otherwise (nothing needs them).
pub(crate) fn anchors_of(members: &[Member], several: bool) -> Vec<Anchors> {
    if several {
        members.iter().map(Anchors::of).collect()
    } else {
        Vec::new()
    }
}

fn language<'a>(m: &Member<'a>) -> &'a str {
    m.article.language.as_deref().unwrap_or("?")
}

/// For each member not in the language of the first member, the member of
/// another language it shares the most anchors with, and those anchors
/// (none listed for a member that shares no anchor: it is in the story
/// through a member of its own language). Empty for a story of one
/// language (whose `anchors` are empty).
pub(crate) fn language_links(members: &[Member], anchors: &[Anchors]) -> Vec<LanguageLink> {
    let Some(first) = members.first() else {
        return Vec::new();
    };
    if anchors.len() != members.len() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (i, m) in members.iter().enumerate() {
        if language(m) == language(first) {
            continue;
        }
        let best = members
            .iter()
            .enumerate()
            .filter(|(j, o)| *j != i && language(o) != language(m))
            .take(MAX_COMPARED)
            .map(|(j, _)| (j, anchors[i].shared(&anchors[j])))
            .max_by(|(a, x), (b, y)| x.len().cmp(&y.len()).then(b.cmp(a)));
        // No anchor in common: the member is here through the words it
        // shares with a member of its own language, which has its link.
        let Some((j, shared)) = best.filter(|(_, shared)| !shared.is_empty()) else {
            continue;
        };
        let (text, other) = (&m.article.text, &members[j].article.text);
        out.push(LanguageLink {
            article: m.article.id.clone(),
            language: language(m).to_owned(),
            linked_to: members[j].article.id.clone(),
            linked_language: language(&members[j]).to_owned(),
            shared: shared
                .into_iter()
                .take(MAX_SHARED_SHOWN)
                .map(|(key, at, there)| SharedAnchor {
                    key: key.to_owned(),
                    text: text.get(at.clone()).unwrap_or_default().to_owned(),
                    linked_text: other.get(there.clone()).unwrap_or_default().to_owned(),
                })
                .collect(),
        });
    }
    out
}
