//! Everyday occurrences (`lexicons/events/occurrences.tsv`): the words that
//! tell that something happened which no typed lexicon reads, read off
//! invented sentences.

use corroborate_model::{Article, ArticleEvent};

fn events(text: &str) -> Vec<ArticleEvent> {
    let article = Article::plain("t", "en", text);
    let ann = corroborate_understand::annotate(&article, None);
    corroborate_extract::extract(&article, &ann)
}

/// The labels of the article's `other` events, in order.
fn occurrences(ev: &[ArticleEvent]) -> Vec<&str> {
    ev.iter()
        .filter(|e| e.event_type == "other")
        .filter_map(|e| e.subtype.as_deref())
        .collect()
}

#[test]
fn everyday_verbs_are_events_labelled_by_their_lemma() {
    let ev = events("The winger walked off the pitch and returned after the break.");
    assert_eq!(occurrences(&ev), ["walk", "return"], "{ev:?}");
    let walk = ev
        .iter()
        .find(|e| e.subtype.as_deref() == Some("walk"))
        .unwrap();
    assert_eq!(walk.trigger_text, "walked");
    assert!(walk.location.is_none() && walk.facts.is_empty());
}

#[test]
fn one_word_told_again_is_one_event_with_both_mentions() {
    let ev = events(
        "Marta Ilves returned to Tallinn in May. \
         Her return surprised the club's board.",
    );
    let ret: Vec<&ArticleEvent> = ev
        .iter()
        .filter(|e| e.subtype.as_deref() == Some("return"))
        .collect();
    assert_eq!(ret.len(), 1, "{ev:?}");
    assert_eq!(ret[0].trigger_text, "returned");
    assert_eq!(ret[0].also.len(), 1);
    assert_eq!(ret[0].also[0].1, "return");
    assert_eq!(ret[0].sentences, [0, 1]);
}

#[test]
fn a_verb_form_after_a_determiner_is_a_noun_not_an_occurrence() {
    // "run" is listed as a verb; "the run" is a noun.
    let ev = events("The run ended before dawn.");
    assert_eq!(occurrences(&ev), ["end"], "{ev:?}");
}

#[test]
fn a_word_hyphenated_into_a_compound_is_no_occurrence() {
    let ev = events("The clinic started a walk-in service.");
    assert_eq!(occurrences(&ev), ["start"], "{ev:?}");
}

#[test]
fn dates_and_names_are_no_occurrence() {
    // "March" is a month and a verb, "Mark" a name and a verb.
    let ev = events("On March 3 Mark Tennant worked late.");
    assert_eq!(occurrences(&ev), ["work"], "{ev:?}");
}

#[test]
fn a_reporting_word_without_a_speaker_is_a_statement_of_its_own() {
    let ev = events(
        "It was announced on Monday that the ferry line would close. \
         The closure was announced again in a second notice.",
    );
    let stmts: Vec<&ArticleEvent> = ev
        .iter()
        .filter(|e| e.event_type == "statement" && e.subtype.as_deref() == Some("announce"))
        .collect();
    assert_eq!(stmts.len(), 2, "two statements, not one: {ev:?}");
    assert!(stmts.iter().all(|e| e.actors.is_empty()));
    assert!(occurrences(&ev).contains(&"close"), "{ev:?}");
}

#[test]
fn a_word_another_lexicon_reads_keeps_that_reading() {
    // "attacked" is an attack trigger and "killing" a casualty word: neither
    // is an everyday occurrence.
    let ev = events("Gunmen attacked a bus near Kirov, killing six passengers.");
    assert!(ev.iter().any(|e| e.event_type == "attack"), "{ev:?}");
    assert!(
        ev.iter()
            .filter(|e| e.event_type == "other")
            .all(|e| !["attacked", "killing"].contains(&e.trigger_text.as_str())),
        "{ev:?}"
    );
}

#[test]
fn a_capitalised_word_inside_a_sentence_is_part_of_a_name() {
    let ev = events("Crews of the State Emergency Service worked through the night.");
    assert_eq!(occurrences(&ev), ["work"], "{ev:?}");
    // The first word of a sentence is capitalised anyway, and so is every
    // word of a headline.
    let ev = events("Rescuers worked on. Working through the night, they found two boys.");
    assert_eq!(occurrences(&ev), ["work", "find"], "{ev:?}");
    let ev = events("Ferry Returns To Port After Engine Fails\n\nNobody was hurt.");
    assert!(occurrences(&ev).contains(&"return"), "{ev:?}");
}

/// The labels of the `other` events of an article in `lang`.
fn occurrences_in(lang: &str, text: &str) -> Vec<String> {
    let article = Article::plain("t", lang, text);
    let ann = corroborate_understand::annotate(&article, None);
    corroborate_extract::extract(&article, &ann)
        .into_iter()
        .filter(|e| e.event_type == "other")
        .filter_map(|e| e.subtype)
        .collect()
}

#[test]
fn every_language_reads_its_everyday_words_under_the_english_label() {
    // The same news in each language: a ferry returned to port.
    for (lang, text) in [
        ("uk", "Пором повернувся до порту в неділю ввечері."),
        ("ru", "Паром вернулся в порт в воскресенье вечером."),
        ("es", "El ferry regresó al puerto el domingo por la noche."),
        (
            "de",
            "Die Fähre ist am Sonntagabend in den Hafen zurückgekehrt.",
        ),
        ("fr", "Le ferry est rentré au port dimanche soir."),
        ("it", "Il traghetto è tornato in porto domenica sera."),
        ("hr", "Trajekt se vratio u luku u nedjelju navečer."),
        ("pl", "Prom wrócił do portu w niedzielę wieczorem."),
    ] {
        let labels = occurrences_in(lang, text);
        assert!(labels.iter().any(|l| l == "return"), "{lang}: {labels:?}");
    }
    // A form shared with English after accent folding keeps each
    // language's row: Spanish "explosión" is read in Spanish.
    let labels = occurrences_in("es", "La explosión se oyó en todo el barrio.");
    assert!(!labels.is_empty(), "{labels:?}");
}

#[test]
fn casualty_words_among_an_events_mentions_carry_the_part_they_tell() {
    let ev =
        events("A gunman opened fire at a shop, killing two people before police arrested him.");
    let attack = ev
        .iter()
        .find(|e| e.event_type == "attack")
        .unwrap_or_else(|| panic!("no attack: {ev:?}"));
    let part_of = |word: &str| {
        attack
            .parts
            .iter()
            .find(|(span, _)| {
                std::iter::once((attack.trigger, attack.trigger_text.as_str()))
                    .chain(attack.also.iter().map(|(s, w)| (*s, w.as_str())))
                    .any(|(s, w)| s == *span && w == word)
            })
            .map(|(_, attribute)| attribute.as_str())
    };
    assert_eq!(part_of("killing"), Some("killed"), "{attack:?}");
    assert_eq!(part_of("arrested"), Some("arrested"), "{attack:?}");
    assert_eq!(part_of("opened fire"), None, "{attack:?}");
    // An arrest is what "arrested" tells: no part of itself.
    let ev = events("Police arrested two men in the city on Monday.");
    let arrest = ev
        .iter()
        .find(|e| e.event_type == "arrest")
        .unwrap_or_else(|| panic!("no arrest: {ev:?}"));
    assert!(arrest.parts.is_empty(), "{arrest:?}");
}
