//! Story clustering for corroborate.
//!
//! Per article (a pure map): [`sketch`] computes a content fingerprint, a
//! MinHash signature with fixed seeds, its LSH band keys, and the article's
//! term counts. Across articles (keyed work): the store looks up candidates
//! by band key and by shared anchor terms, and [`assign`] decides — a
//! near-duplicate joins its copy family and story; a rewrite of the same
//! news joins the story of its most similar candidate; anything else starts
//! a story of its own.
//!
//! ```
//! use corroborate_cluster::{sketch_text, MinHash};
//! let a = sketch_text("Four people were killed and 17 injured in an overnight drone attack on the city.");
//! let b = sketch_text("Four people were killed and 17 injured in an overnight drone attack on the town.");
//! assert!(MinHash::similarity(&a.minhash, &b.minhash) > 0.5);
//! ```

mod across;
mod minhash;
mod recluster;
mod similarity;

pub use across::{cross_anchors, merge_across_languages, CrossItem, SAME_STORY_ACROSS};
pub use minhash::{band_keys, MinHash, BANDS, NUM_PERM, ROWS, SIGNATURE_VERSION};
pub use recluster::{
    absorb_small_stories, recluster, Item as ReclusterItem, SAME_STORY_AVERAGE, SAME_STORY_CENTROID,
};
pub use similarity::{
    assign, df_key, Assignment, Candidate, DocFreqs, TermVector, ANCHORS, NEAR_DUPLICATE,
    SAME_STORY,
};

use corroborate_model::Article;
use corroborate_text::{content_words_in, fold_word, words};
use std::collections::HashMap;

/// Words per shingle for near-duplicate detection: long enough that
/// rewrites share few shingles, short enough that light edits keep most.
pub const SHINGLE: usize = 4;

/// Everything about one article that clustering needs, computed once.
#[derive(Debug, Clone, PartialEq)]
pub struct Sketch {
    /// 128-bit hash of the folded word sequence: equal for the same content
    /// whatever its whitespace, case or punctuation.
    pub fingerprint: [u8; 16],
    /// MinHash signature over word shingles.
    pub minhash: Vec<u32>,
    /// Content-word counts, for TF-IDF similarity.
    pub terms: HashMap<String, u32>,
    /// The language the terms were read in (its primary subtag, lower
    /// case: "en", "uk"…), which keys their document frequencies ([`df_key`]).
    pub language: String,
}

impl Sketch {
    /// The keys under which this article's terms count for document
    /// frequency ([`df_key`]).
    pub fn df_keys(&self) -> impl Iterator<Item = std::borrow::Cow<'_, str>> {
        self.terms.keys().map(|t| df_key(t, &self.language))
    }
}

/// Sketches an article (its headline and text) in its language.
pub fn sketch(article: &Article) -> Sketch {
    sketch_parts(
        article.title.as_deref(),
        &article.text,
        article.language.as_deref(),
    )
}

/// Sketches a headline and text in a language, as [`sketch`] does an
/// article: the headline is read first unless the text starts with it.
pub fn sketch_parts(title: Option<&str>, text: &str, language: Option<&str>) -> Sketch {
    let lang = language.unwrap_or("en");
    match title {
        Some(t) if !text.starts_with(t) => sketch_text_in(&format!("{t}\n{text}"), lang),
        _ => sketch_text_in(text, lang),
    }
}

/// The MinHash signature of a text alone, as [`sketch_text`] computes it
/// (no fingerprint, no term counts): what near-duplicate detection needs.
pub fn minhash_text(text: &str) -> Vec<u32> {
    let folded: Vec<String> = words(text).map(|w| fold_word(w.text)).collect();
    MinHash::signature(&folded, SHINGLE)
}

/// Sketches an English text.
pub fn sketch_text(text: &str) -> Sketch {
    sketch_text_in(text, "en")
}

/// Sketches a text in a language: its function words stay out of the
/// term counts.
pub fn sketch_text_in(text: &str, lang: &str) -> Sketch {
    let folded: Vec<String> = words(text).map(|w| fold_word(w.text)).collect();
    let mut fp = xxhash_rust::xxh3::Xxh3::new();
    for w in &folded {
        fp.update(w.as_bytes());
        fp.update(b" ");
    }
    let fingerprint = fp.digest128().to_le_bytes();
    let minhash = MinHash::signature(&folded, SHINGLE);
    let mut terms = HashMap::new();
    for w in content_words_in(text, lang) {
        *terms.entry(w).or_insert(0) += 1;
    }
    Sketch {
        fingerprint,
        minhash,
        terms,
        // The primary subtag: "pt-BR" counts with "pt".
        language: lang
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_ignores_layout_and_case() {
        let a = sketch_text("Four people were killed.\nSeventeen injured.");
        let b = sketch_text("four  people were KILLED —  seventeen injured");
        assert_eq!(a.fingerprint, b.fingerprint);
        assert_ne!(
            a.fingerprint,
            sketch_text("Five people were killed.").fingerprint
        );
    }

    #[test]
    fn terms_count_content_words() {
        let s = sketch_text("The drones hit the city; drones again.");
        assert_eq!(s.terms.get("drones"), Some(&2));
        assert!(!s.terms.contains_key("the"));
    }
}
