//! Typed facts read off sentences of the covered languages, as a
//! translation states them (invented sentences).

use corroborate_model::Article;

/// (attribute, value) of every typed fact of a text.
fn facts(lang: &str, text: &str) -> Vec<(String, f64)> {
    let article = Article::plain("t", lang, text);
    let ann = corroborate_understand::annotate(&article, None);
    corroborate_extract::extract(&article, &ann)
        .iter()
        .flat_map(|e| e.facts.iter())
        .filter(|f| f.attribute != "quantity" && f.attribute != "quote")
        .filter_map(|f| Some((f.attribute.clone(), f.value.best.or(f.value.low)?)))
        .collect()
}

fn has(found: &[(String, f64)], attribute: &str, value: f64) -> bool {
    found.iter().any(|(a, v)| a == attribute && *v == value)
}

#[test]
fn the_longest_casualty_phrase_after_a_figure_types_it() {
    // "víctimas mortales" are the dead, not all victims.
    let f = facts(
        "es",
        "La riada en Valencia dejó cientos de víctimas mortales.",
    );
    assert!(has(&f, "killed", 200.0), "{f:?}");
}

#[test]
fn a_clause_opened_by_a_participle_counts_the_dead() {
    let f = facts("pl", "Powódź nawiedziła Opole, zabijając 12 osób.");
    assert!(has(&f, "killed", 12.0), "{f:?}");
    let f = facts("it", "La frana ha colpito Genova, uccidendo 5 persone.");
    assert!(has(&f, "killed", 5.0), "{f:?}");
}

#[test]
fn auxiliaries_between_the_figure_and_the_casualty_word_are_skipped() {
    let f = facts(
        "it",
        "Quattro persone sono morte e undici sono rimaste ferite a Bari.",
    );
    assert!(has(&f, "killed", 4.0) && has(&f, "injured", 11.0), "{f:?}");
}

#[test]
fn a_part_of_the_injured_is_not_their_number() {
    let f = facts("en", "Six of the injured were taken to hospital in Lyon.");
    assert!(!has(&f, "injured", 6.0), "{f:?}");
}

#[test]
fn a_magnitude_a_score_or_a_span_of_years_is_no_typed_fact() {
    let quake = facts(
        "en",
        "Hospitals damaged by the magnitude 7.5 quake were overwhelmed in Palmira.",
    );
    assert!(!quake.iter().any(|(_, v)| *v == 7.5), "{quake:?}");
    let game = facts(
        "en",
        "The linebacker suffered a head injury in Saturday's 31-27 defeat in Nashville.",
    );
    assert!(!has(&game, "injured", 31.0), "{game:?}");
    let years = facts(
        "en",
        "For most of my eight years as the local MP, the Friday meetings in Leeds were calm.",
    );
    assert!(
        !years.iter().any(|(a, _)| a == "duration_hours"),
        "{years:?}"
    );
    let talks = facts(
        "en",
        "The talks in the Kremlin lasted five hours, officials said.",
    );
    assert!(has(&talks, "duration_hours", 5.0), "{talks:?}");
}
