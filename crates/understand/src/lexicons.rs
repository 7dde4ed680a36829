//! The lexicons of this stage, compiled into the binary and parsed once.

use corroborate_text::Lexicon;
use std::sync::OnceLock;

macro_rules! lexicon {
    ($(#[$doc:meta])* $name:ident, $path:literal) => {
        $(#[$doc])*
        pub(crate) fn $name() -> &'static Lexicon {
            static CELL: OnceLock<Lexicon> = OnceLock::new();
            CELL.get_or_init(|| Lexicon::parse(include_str!(concat!("../../../lexicons/", $path))))
        }
    };
}

lexicon!(
    /// Titles, roles and ranks ("special envoy", "president", "Gen").
    titles,
    "people/titles.tsv"
);
lexicon!(
    /// Kinship and affiliation words ("son-in-law", "adviser").
    relations,
    "people/relations.tsv"
);
lexicon!(
    /// Words that head or name organisations ("Ministry", "Kremlin").
    org_words,
    "people/org_words.tsv"
);
lexicon!(
    /// Attribution cues: speech verbs, "according to", media.
    quote_cues,
    "quotes/cues.tsv"
);
lexicon!(
    /// Words that make a name a first-level division ("region", "oblast").
    region_words,
    "places/region_words.tsv"
);
lexicon!(
    /// Phrases announcing a place's kind ("the city of").
    place_cues,
    "places/context_cues.tsv"
);
lexicon!(
    /// Compass adjectives inside place cues ("southern").
    compass,
    "places/compass.txt"
);
lexicon!(
    /// Words that make a name a part of a city ("district").
    district_words,
    "places/district_words.txt"
);
lexicon!(
    /// Locative prepositions before a place name ("in", "near", "у", "w").
    locatives,
    "places/locatives.txt"
);
lexicon!(
    /// Pronouns that can stand for a person, with their gender.
    pronouns,
    "people/pronouns.tsv"
);

/// The pronoun lexicon's row for a word in the article's language (role,
/// gender, language), if it is a pronoun there.
pub(crate) fn pronoun<'a>(doc: &crate::doc::Doc, folded: &str) -> Option<&'a Vec<String>> {
    pronouns().get_in(folded, title_lang(doc.lang), 2)
}

/// Languages the title lexicon covers; others read titles as English.
pub(crate) fn title_lang(lang: &str) -> &'static str {
    const COVERED: [&str; 9] = ["en", "es", "de", "fr", "it", "ru", "uk", "hr", "pl"];
    COVERED.into_iter().find(|l| *l == lang).unwrap_or("en")
}

/// Words of the titles of one language, multi-word titles split, so a token
/// can be tested for being part of a title ("secretary", "state" from
/// "secretary of state"). Italian "regina" is a title in Italian text only.
pub(crate) fn title_vocabulary(lang: &str) -> &'static std::collections::HashSet<String> {
    use std::collections::{HashMap, HashSet};
    use std::sync::Mutex;
    type Cache = Mutex<HashMap<&'static str, &'static HashSet<String>>>;
    static CELL: OnceLock<Cache> = OnceLock::new();
    let covered = title_lang(lang);
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
