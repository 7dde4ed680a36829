//! The event lexicons, compiled into the binary and parsed once.

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
    /// Words that evoke an event: form, type, subtype, language.
    triggers,
    "events/triggers.tsv"
);
lexicon!(
    /// Words that type a figure: form, attribute, language.
    casualties,
    "events/casualties.tsv"
);
lexicon!(
    /// Nouns for people a figure counts: form, category, gender, language.
    victims,
    "events/victims.tsv"
);
lexicon!(
    /// Weapons that set an attack's subtype: form, subtype, language.
    weapons,
    "events/weapons.tsv"
);
lexicon!(
    /// Things damaged, with a canonical object: form, object, language.
    damage_objects,
    "events/damage_objects.tsv"
);
lexicon!(
    /// Words that attach a victim to the count before ("including").
    including,
    "events/including.txt"
);

lexicon!(
    /// Determiners that refer back to an event already told ("the assault").
    definite,
    "events/definite.txt"
);

/// The lexicon language for an article language (English when the lexicons
/// do not cover it).
pub(crate) fn lang(lang: &str) -> &'static str {
    const COVERED: [&str; 9] = ["en", "es", "de", "fr", "it", "ru", "uk", "hr", "pl"];
    COVERED.into_iter().find(|l| *l == lang).unwrap_or("en")
}
