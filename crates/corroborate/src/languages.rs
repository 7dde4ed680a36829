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

/// The anchors of one member: each key once, in text order, with where the
/// text first writes it, and an index by key.
pub(crate) struct Anchors {
    order: Vec<(String, Range<usize>)>,
    index: HashMap<String, usize>,
}

impl Anchors {
    pub(crate) fn of(m: &Member) -> Self {
        let lang = m.article.language.as_deref().unwrap_or("en");
        let mut order: Vec<(String, Range<usize>)> = Vec::new();
        let mut index = HashMap::new();
        for (key, at) in corroborate_text::cross_anchor_spans(&m.article.text, lang) {
            if !index.contains_key(&key) {
                index.insert(key.clone(), order.len());
                order.push((key, at));
            }
        }
        Anchors { order, index }
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

fn language<'a>(m: &Member<'a>) -> &'a str {
    m.article.language.as_deref().unwrap_or("?")
}

/// For each member not in the language of the first member, the member of
/// another language it shares the most anchors with, and those anchors
/// (none listed for a member that shares no anchor: it is in the story
/// through a member of its own language). Empty for a story of one
/// language.
pub(crate) fn language_links(members: &[Member]) -> Vec<LanguageLink> {
    let Some(first) = members.first() else {
        return Vec::new();
    };
    if members.iter().all(|m| language(m) == language(first)) {
        return Vec::new();
    }
    let anchors: Vec<Anchors> = members.iter().map(Anchors::of).collect();
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
