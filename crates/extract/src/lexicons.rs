//! The event lexicons, compiled into the binary and parsed once.

pub(crate) use corroborate_text::shared::{casualties, coordinators, occurrences};

corroborate_text::lexicon_file!(
    /// Words that evoke an event: form, type, subtype, language.
    pub(crate) triggers,
    "events/triggers.tsv"
);
corroborate_text::lexicon_file!(
    /// Words that evoke a happening of general news that no trigger types:
    /// form, happening, language.
    pub(crate) happenings,
    "events/happenings.tsv"
);
corroborate_text::lexicon_file!(
    /// Determiners and possessives after which a verb form is a noun.
    pub(crate) noun_markers,
    "events/noun_markers.txt"
);
corroborate_text::lexicon_file!(
    /// Nouns for people a figure counts: form, category, gender, language.
    pub(crate) victims,
    "events/victims.tsv"
);
corroborate_text::lexicon_file!(
    /// Weapons that set an attack's subtype: form, subtype, language.
    pub(crate) weapons,
    "events/weapons.tsv"
);
corroborate_text::lexicon_file!(
    /// Things damaged, with a canonical object: form, object, language.
    pub(crate) damage_objects,
    "events/damage_objects.tsv"
);
corroborate_text::lexicon_file!(
    /// Words that attach a victim to the count before ("including").
    pub(crate) including,
    "events/including.txt"
);

corroborate_text::lexicon_file!(
    /// Partitive words ("six *of* the injured"): after a figure, the group
    /// named next is what the figure is a part of.
    pub(crate) partitives,
    "events/partitives.tsv"
);

corroborate_text::lexicon_file!(
    /// Determiners that refer back to an event already told ("the assault").
    pub(crate) definite,
    "events/definite.txt"
);

corroborate_text::lexicon_file!(
    /// Indefinite articles: before a victim noun, one person.
    pub(crate) indefinite,
    "events/indefinite.tsv"
);

corroborate_text::lexicon_file!(
    /// Casualty words that count several people, never one.
    pub(crate) plural_casualties,
    "events/plural_casualties.tsv"
);

corroborate_text::lexicon_file!(
    /// Words that avert harm: a casualty word or count right after them
    /// counts people saved ("saved hundreds of lives").
    pub(crate) averting,
    "events/averting.tsv"
);

corroborate_text::lexicon_file!(
    /// Road traffic: trigger words of striking and the road vehicles that
    /// make them an accident: form, role (`impact`, `vehicle`), language.
    pub(crate) road,
    "events/road.tsv"
);

corroborate_text::lexicon_file!(
    /// Words that make a place a residence: form, position (`before`,
    /// `after` the name), language.
    pub(crate) residence_cues,
    "places/residence_cues.tsv"
);

corroborate_text::lexicon_file!(
    /// Words around "fired" that make it a dismissal: form, role, language.
    pub(crate) dismissal_cues,
    "events/dismissal_cues.tsv"
);
