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
    /// Pronouns that can stand for a person, with their gender.
    pronouns,
    "people/pronouns.tsv"
);

/// Words of multi-word lexicon keys, so a token can be tested for being part
/// of a title ("secretary", "state" from "secretary of state").
pub(crate) fn title_vocabulary() -> &'static std::collections::HashSet<String> {
    static CELL: OnceLock<std::collections::HashSet<String>> = OnceLock::new();
    CELL.get_or_init(|| {
        let mut set = std::collections::HashSet::new();
        for k in titles().keys_longest_first() {
            for w in k.split_whitespace() {
                if !corroborate_text::is_stopword(w) && w.chars().count() > 2 {
                    set.insert(w.to_owned());
                }
            }
        }
        set
    })
}
