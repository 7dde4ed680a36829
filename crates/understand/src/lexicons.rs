//! The lexicons of this stage, compiled into the binary and parsed once.

use std::sync::OnceLock;

corroborate_text::lexicon_file!(
    /// Titles, roles and ranks ("special envoy", "president", "Gen").
    pub(crate) titles,
    "people/titles.tsv"
);
corroborate_text::lexicon_file!(
    /// Kinship and affiliation words ("son-in-law", "adviser").
    pub(crate) relations,
    "people/relations.tsv"
);
corroborate_text::lexicon_file!(
    /// Words that head or name organisations ("Ministry", "Kremlin").
    pub(crate) org_words,
    "people/org_words.tsv"
);
corroborate_text::lexicon_file!(
    /// Attribution cues: speech verbs, "according to", media.
    pub(crate) quote_cues,
    "quotes/cues.tsv"
);
corroborate_text::lexicon_file!(
    /// Words that make a name a first-level division ("region", "oblast").
    pub(crate) region_words,
    "places/region_words.tsv"
);
corroborate_text::lexicon_file!(
    /// Phrases announcing a place's kind ("the city of").
    pub(crate) place_cues,
    "places/context_cues.tsv"
);
corroborate_text::lexicon_file!(
    /// Compass adjectives inside place cues ("southern").
    pub(crate) compass,
    "places/compass.txt"
);
corroborate_text::lexicon_file!(
    /// Words that make a name a part of a city ("district").
    pub(crate) district_words,
    "places/district_words.txt"
);
corroborate_text::lexicon_file!(
    /// Locative prepositions before a place name ("in", "near", "у", "w").
    pub(crate) locatives,
    "places/locatives.txt"
);
corroborate_text::lexicon_file!(
    /// Pronouns that can stand for a person, with their gender.
    pub(crate) pronouns,
    "people/pronouns.tsv"
);

corroborate_text::lexicon_file!(
    /// Unnamed sources that speak ("police", "officials", "autoridades").
    sources,
    "quotes/sources.tsv"
);

/// Whether a folded word is an unnamed source that speaks, in the
/// document's language ("…, police said").
pub(crate) fn is_source(doc: &crate::doc::Doc, folded: &str) -> bool {
    sources()
        .get_in(folded, corroborate_text::lexicon_lang(doc.lang), 0)
        .is_some()
}

/// The pronoun lexicon's row for a word in the article's language (role,
/// gender, language), if it is a pronoun there.
pub(crate) fn pronoun<'a>(doc: &crate::doc::Doc, folded: &str) -> Option<&'a Vec<String>> {
    pronouns().get_in(folded, corroborate_text::lexicon_lang(doc.lang), 2)
}

/// Words of the titles of one language, multi-word titles split, so a token
/// can be tested for being part of a title ("secretary", "state" from
/// "secretary of state"). Italian "regina" is a title in Italian text only.
pub(crate) fn title_vocabulary(lang: &str) -> &'static std::collections::HashSet<String> {
    use std::collections::{HashMap, HashSet};
    use std::sync::Mutex;
    type Cache = Mutex<HashMap<&'static str, &'static HashSet<String>>>;
    static CELL: OnceLock<Cache> = OnceLock::new();
    let covered = corroborate_text::lexicon_lang(lang);
    let cache = CELL.get_or_init(Default::default);
    let mut map = cache.lock().unwrap_or_else(|e| e.into_inner());
    map.entry(covered).or_insert_with(|| {
        let mut set = HashSet::new();
        for k in titles().keys_longest_first() {
            if titles().get_in(k, covered, 1).is_none() {
                continue;
            }
            for w in k.split_whitespace() {
                if !corroborate_text::is_stopword(w) && w.chars().count() > 2 {
                    set.insert(w.to_owned());
                }
            }
        }
        Box::leak(Box::new(set))
    })
}
