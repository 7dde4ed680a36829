//! Happenings of general news (nominations, resignations, escapes…) and
//! the words that evoke an event, read off invented sentences.

use corroborate_model::{Article, ArticleEvent};

fn events(lang: &str, text: &str) -> Vec<ArticleEvent> {
    let article = Article::plain("t", lang, text);
    let ann = corroborate_understand::annotate(&article, None);
    corroborate_extract::extract(&article, &ann)
}

/// The words that evoke an event: its trigger, then the others.
fn words(e: &ArticleEvent) -> Vec<&str> {
    std::iter::once(e.trigger_text.as_str())
        .chain(e.also.iter().map(|(_, w)| w.as_str()))
        .collect()
}

fn happening<'e>(events: &'e [ArticleEvent], label: &str) -> Option<&'e ArticleEvent> {
    events
        .iter()
        .find(|e| e.event_type == "other" && e.subtype.as_deref() == Some(label))
}

#[test]
fn a_nomination_told_twice_is_one_happening_with_both_words() {
    let ev = events(
        "en",
        "The governor nominated Ilse Varga as the new head of the port authority. \
         The weather stayed mild all week. \
         Her nomination still needs the approval of the assembly.",
    );
    let n = happening(&ev, "nomination").expect("a nomination");
    assert_eq!(words(n), ["nominated", "nomination"]);
    assert_eq!(n.sentences, [0, 2]);
    assert!(
        happening(&ev, "approval").is_some(),
        "the approval is another happening: {ev:?}"
    );
}

#[test]
fn a_trigger_or_a_casualty_word_is_never_a_happening() {
    // "arrested" is an arrest trigger and a casualty word; "resigned" a
    // happening.
    let ev = events(
        "en",
        "Police in Tarnow arrested two men after the mayor resigned on Monday.",
    );
    assert!(ev
        .iter()
        .all(|e| e.subtype.as_deref() != Some("arrest") || e.event_type == "arrest"));
    assert!(happening(&ev, "resignation").is_some(), "{ev:?}");
    assert!(
        ev.iter()
            .filter(|e| e.event_type == "other")
            .all(|e| e.trigger_text != "arrested"),
        "{ev:?}"
    );
}

#[test]
fn ambiguous_words_evoke_no_happening() {
    // "party", "game", "open" and "fall" alone are left out of the
    // happenings. "game" is an everyday occurrence (occurrences.tsv) under
    // its own word; "party", "open" (mostly the adjective) and "fall" (a
    // season here) are nothing.
    let ev = events(
        "en",
        "The party will open a new office in the fall, before the game.",
    );
    let other: Vec<&str> = ev
        .iter()
        .filter(|e| e.event_type == "other")
        .filter_map(|e| e.subtype.as_deref())
        .collect();
    assert_eq!(other, ["game"], "{ev:?}");
}

#[test]
fn figures_of_a_sentence_with_only_a_happening_are_stated_about_it() {
    let ev = events(
        "en",
        "The board approved the sale of 14 ferries to a shipping group.",
    );
    let sale = happening(&ev, "sale")
        .or_else(|| happening(&ev, "approval"))
        .expect("a happening");
    assert!(
        sale.facts
            .iter()
            .any(|f| f.attribute == "quantity" && f.value.best == Some(14.0)),
        "{sale:?}"
    );
}

#[test]
fn casualty_words_and_further_triggers_of_the_type_evoke_the_event() {
    let ev = events(
        "en",
        "A gunman opened fire at a market in Gdynia, killing three people and wounding five.",
    );
    let attack = ev
        .iter()
        .find(|e| e.event_type == "attack")
        .expect("an attack");
    let w = words(attack);
    for word in ["gunman", "opened fire", "killing", "wounding"] {
        assert!(w.contains(&word), "{word} evokes the attack: {w:?}");
    }
}

#[test]
fn a_bare_trigger_refers_back_to_the_event_of_its_type() {
    let ev = events(
        "en",
        "A drone attack on Sumy wounded four residents on Tuesday. \
         The attack also cut power to two districts.",
    );
    let attacks: Vec<_> = ev.iter().filter(|e| e.event_type == "attack").collect();
    assert_eq!(attacks.len(), 1, "{ev:?}");
    assert_eq!(words(attacks[0]), ["drone attack", "wounded", "attack"]);
}

#[test]
fn happenings_are_read_in_every_covered_language() {
    // The same resignation, as a translation would tell it.
    for (lang, text) in [
        ("en", "The health minister resigned on Friday."),
        (
            "de",
            "Die Gesundheitsministerin ist am Freitag zurückgetreten.",
        ),
        ("es", "La ministra de Sanidad dimitió el viernes."),
        ("fr", "La ministre de la Santé a démissionné vendredi."),
        ("it", "La ministra della Salute si è dimessa venerdì."),
        (
            "uk",
            "Міністерка охорони здоров'я подала у відставку в п'ятницю.",
        ),
        ("ru", "Министр здравоохранения ушла в отставку в пятницу."),
        ("pl", "Minister zdrowia podała się do dymisji w piątek."),
        ("hr", "Ministrica zdravstva podnijela je ostavku u petak."),
    ] {
        let ev = events(lang, text);
        assert!(
            happening(&ev, "resignation").is_some(),
            "{lang}: no resignation in {ev:?}"
        );
    }
}

#[test]
fn a_dateline_is_not_where_a_happening_happened() {
    let ev = events(
        "en",
        "WARSAW — The president nominated Ola Nowak as ambassador to Chile on Monday.",
    );
    let n = happening(&ev, "nomination").expect("a nomination");
    assert!(n.location.is_none(), "{n:?}");
}

#[test]
fn a_phrase_pins_down_an_ambiguous_word() {
    // "Party" and "fall" alone are no happenings; their phrases are.
    assert!(happening(
        &events("en", "The Labour party met in Leeds on Monday."),
        "party"
    )
    .is_none());
    let ev = events(
        "en",
        "A gunman opened fire at an office Christmas party in Leeds on Friday.",
    );
    assert!(happening(&ev, "party").is_some(), "{ev:?}");
    assert!(happening(
        &events("en", "Prices will fall in Leeds next year."),
        "fall"
    )
    .is_none());
    let ev = events(
        "en",
        "A climber died after falling 200 metres near Zermatt on Sunday.",
    );
    assert!(happening(&ev, "fall").is_some(), "{ev:?}");
}

#[test]
fn a_charge_told_with_a_shooting_is_an_event_of_its_own() {
    // One sentence, three happenings: the shooting (the main event), the
    // charge (an arrest, which alone would need a place or a name) and the
    // offence charged.
    let ev = events(
        "en",
        "A 47-year-old man was charged with first-degree murder on Sunday after a \
         shooting at a bowling alley killed two people.",
    );
    let attack = ev
        .iter()
        .find(|e| e.event_type == "attack")
        .expect("attack");
    assert_eq!(attack.trigger_text, "shooting");
    let charge = ev
        .iter()
        .find(|e| e.event_type == "arrest")
        .unwrap_or_else(|| panic!("a charge beside the shooting: {ev:?}"));
    assert_eq!(charge.subtype.as_deref(), Some("charge"));
    assert!(words(charge).iter().any(|w| w.starts_with("charged")));
    assert_eq!(charge.sentences, [0]);
    assert!(charge.facts.is_empty(), "the figures are the shooting's");
    let offence = happening(&ev, "murder").expect("the offence charged");
    assert_eq!(words(offence), ["first-degree murder"]);
}

#[test]
fn a_charge_alone_with_no_place_name_or_crime_is_no_event() {
    let ev = events("en", "He said the charges were a mistake.");
    assert!(ev.iter().all(|e| e.event_type != "arrest"), "{ev:?}");
}

#[test]
fn a_fall_is_pinned_down_by_the_words_after_it() {
    let fall = events(
        "en",
        "A hiker fell from a ridge above the Varn glacier on Tuesday.",
    );
    assert!(happening(&fall, "fall").is_some(), "{fall:?}");
    let prices = events(
        "en",
        "Shares in the lender fell from 12 to 9 euros on Tuesday.",
    );
    assert!(happening(&prices, "fall").is_none(), "{prices:?}");
}

#[test]
fn a_happening_grounds_an_attack_word_with_nothing_to_refer_back_to() {
    let thwarted = events(
        "en",
        "A coast guard cutter repulsed an attack on a grain freighter on Saturday.",
    );
    assert!(
        thwarted.iter().any(|e| e.event_type == "attack"),
        "{thwarted:?}"
    );
    assert!(happening(&thwarted, "thwarting").is_some(), "{thwarted:?}");
    // Without a happening, a bare attack word tells no attack.
    let talk = events("en", "Critics wrote that the attack was a turning point.");
    assert!(talk.iter().all(|e| e.event_type != "attack"), "{talk:?}");
}

#[test]
fn a_bare_disaster_word_after_an_attack_is_the_attack_s_doing() {
    let ev = events(
        "en",
        "A missile struck a school in Varnow on Monday, injuring four teachers. \
         Rescue teams searched the collapsed gym for hours.",
    );
    assert!(ev.iter().all(|e| e.event_type != "disaster"), "{ev:?}");
    let attack = ev
        .iter()
        .find(|e| e.event_type == "attack")
        .expect("attack");
    assert!(words(attack).contains(&"collapsed"), "{attack:?}");
}

#[test]
fn firing_a_person_in_a_post_is_a_dismissal_not_gunfire() {
    let ev = events(
        "en",
        "The Brno Lions fired head coach Ivo Marek on Sunday after a sixth straight loss.",
    );
    assert!(ev.iter().all(|e| e.event_type != "attack"), "{ev:?}");
    assert!(happening(&ev, "dismissal").is_some(), "{ev:?}");
    let shots = events(
        "en",
        "A gunman fired at a bus in Brno on Sunday, wounding two passengers.",
    );
    assert!(shots.iter().any(|e| e.event_type == "attack"), "{shots:?}");
}

#[test]
fn personnel_news_told_in_phrases_are_happenings() {
    let ev = events(
        "en",
        "The Kraków Bears parted ways with coach Ola Nowak on Monday. \
         Jan Zieliński was introduced as head coach on Tuesday. \
         Eva Lind has been offered the job of club director.",
    );
    for label in ["dismissal", "appointment", "job offer"] {
        assert!(happening(&ev, label).is_some(), "{label}: {ev:?}");
    }
    // Phrases as often about other things are not listed.
    let ev = events("en", "Floods hit many towns, to name a few: Ubla and Kemi.");
    assert!(happening(&ev, "nomination").is_none(), "{ev:?}");
}
