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

#[test]
fn a_lone_victim_beside_a_casualty_word_counts_one() {
    assert!(has(
        &facts(
            "en",
            "A pedestrian was killed when a lorry overturned in Tarnow."
        ),
        "killed",
        1.0
    ));
    assert!(has(
        &facts("en", "Shelling wounded an elderly woman in Sumy."),
        "injured",
        1.0
    ));
    assert!(has(
        &facts("de", "Eine Frau wurde am Dienstag in Graz schwer verletzt."),
        "injured",
        1.0
    ));
    assert!(has(
        &facts("es", "Un niño murió en el incendio de Cuenca."),
        "killed",
        1.0
    ));
    assert!(has(
        &facts("fr", "Une femme a été blessée à Nantes."),
        "injured",
        1.0
    ));
    assert!(has(
        &facts("it", "Un uomo è stato ucciso a Bari."),
        "killed",
        1.0
    ));
    // "One" before the victim is an article too, where a language writes
    // it apart from its article or has none.
    for (lang, text, attribute) in [
        (
            "en",
            "One man was killed when a lorry overturned in Tarnow.",
            "killed",
        ),
        (
            "en",
            "Police in Tarnow arrested one man on Sunday.",
            "arrested",
        ),
        (
            "uk",
            "Одна жінка загинула внаслідок обстрілу Сум.",
            "killed",
        ),
        ("ru", "В Сумах погиб один мужчина.", "killed"),
        ("hr", "Jedna žena je ozlijeđena u Splitu.", "injured"),
        ("pl", "Jeden mężczyzna zginął w Tarnowie.", "killed"),
        // A figure after the victim's phrase counts others.
        (
            "hr",
            "U napadu je poginula jedna osoba, a sedam je ozlijeđeno.",
            "killed",
        ),
    ] {
        let f = facts(lang, text);
        assert!(has(&f, attribute, 1.0), "{lang}: {f:?}");
    }
    // Several people, a figure after the noun, a word that counts several,
    // a victim further from the casualty word: no lone victim.
    let f = facts(
        "en",
        "A spokesman said the storm killed 12 people in Tarnow.",
    );
    assert!(!has(&f, "killed", 1.0) && has(&f, "killed", 12.0), "{f:?}");
    let f = facts("es", "Un niño de 9 años resultó herido en Cuenca.");
    assert_eq!(f.iter().filter(|(a, _)| a == "injured").count(), 1, "{f:?}");
    assert!(facts("en", "A teacher who lives in Tarnow spoke to reporters.").is_empty());
    assert!(facts(
        "en",
        "He was arrested and charged with assaulting a woman in Tarnow."
    )
    .iter()
    .all(|(a, _)| a != "arrested"));
}

#[test]
fn a_lone_victim_among_the_dead_is_at_least_one_and_joins_the_count_before() {
    let article = Article::plain("t", "en", "A child is among the dead in Sumy.");
    let ann = corroborate_understand::annotate(&article, None);
    let killed: Vec<_> = corroborate_extract::extract(&article, &ann)
        .into_iter()
        .flat_map(|e| e.facts)
        .filter(|f| f.attribute == "killed")
        .collect();
    assert_eq!(killed.len(), 1, "{killed:?}");
    assert_eq!(
        (killed[0].value.low, killed[0].value.high),
        (Some(1.0), None)
    );
    assert_eq!(killed[0].qualifiers["children"], 1.0);
    let f = facts("en", "Six people were injured in Sumy, including a child.");
    assert_eq!(f, [("injured".to_owned(), 6.0)]);
}

/// The `unit` of every `injured` fact of a text.
fn injured_units(lang: &str, text: &str) -> Vec<String> {
    let article = Article::plain("t", lang, text);
    let ann = corroborate_understand::annotate(&article, None);
    corroborate_extract::extract(&article, &ann)
        .iter()
        .flat_map(|e| e.facts.iter())
        .filter(|f| f.attribute == "injured")
        .filter_map(|f| f.qualifiers.get("unit")?.as_str().map(str::to_owned))
        .collect()
}

#[test]
fn a_lone_victim_keeps_its_noun_as_written() {
    // The unit names the victim as the text does, not its folded key.
    assert_eq!(
        injured_units("de", "Ein Mann wurde in Graz verletzt."),
        ["Mann"]
    );
    assert_eq!(
        injured_units("en", "Shelling wounded an Elderly Woman in Sumy."),
        ["Elderly Woman"]
    );
}

#[test]
fn people_saved_or_sheltered_are_no_casualties() {
    // Averted harm, in several languages.
    for (lang, text) in [
        (
            "en",
            "The pilot's decision saved hundreds of lives, officials said.",
        ),
        ("en", "The dam crew spared the lives of 20 miners."),
        ("es", "Los bomberos salvaron 30 vidas en Cuenca."),
        ("it", "I soccorritori hanno salvato 12 persone a Bari."),
    ] {
        let f = facts(lang, text);
        assert!(f.iter().all(|(a, _)| a != "killed"), "{lang}: {f:?}");
    }
    // Words inside a longer phrase that counts nothing.
    let f = facts(
        "en",
        "Fleeing for their lives, 40 residents reached an evacuation centre in Varnow.",
    );
    assert!(f.is_empty(), "{f:?}");
    // The same words still count harm elsewhere.
    let f = facts("en", "The flood claimed hundreds of lives in Varnow.");
    assert!(has(&f, "killed", 200.0), "{f:?}");
    let f = facts("en", "The evacuation of 300 residents began at noon.");
    assert!(has(&f, "evacuated", 300.0), "{f:?}");
}

#[test]
fn a_german_compound_counts_what_its_last_part_names() {
    // "Gefängnisbeamte" are officers (victims.tsv lists "Beamte"), the
    // tails of a compound are looked up when the whole is not listed.
    let f = facts("de", "In Lübeck wurden sechs Gefängnisbeamte verletzt.");
    assert!(has(&f, "injured", 6.0), "{f:?}");
    let f = facts("de", "Der Sturm in Kiel kostete acht Menschenleben.");
    assert!(has(&f, "killed", 8.0), "{f:?}");
}

#[test]
fn hit_and_fired_type_only_figures_of_known_things() {
    let f = facts("en", "Ola Berg hit two goals for Tromsø on Sunday.");
    assert!(f.is_empty(), "{f:?}");
    let f = facts("en", "Missiles hit 12 houses in Tromsø on Sunday.");
    assert!(has(&f, "damaged", 12.0), "{f:?}");
    let f = facts("en", "The army fired 30 rockets at Tromsø on Sunday.");
    assert!(has(&f, "launched", 30.0), "{f:?}");
}

#[test]
fn a_figure_of_people_names_its_own_group_after_a_partitive_word() {
    let f = facts("en", "Hundreds of people were injured in Tromsø on Sunday.");
    assert!(has(&f, "injured", 200.0), "{f:?}");
    let f = facts("es", "Cientos de personas resultaron heridas en Cuenca.");
    assert!(has(&f, "injured", 200.0), "{f:?}");
}

#[test]
fn an_age_is_a_victim_only_near_its_casualty_word() {
    let f = facts(
        "en",
        "Mira Holm, a 35-year-old teacher, told reporters in Tromsø on Sunday: \"Every hour the ambulances bring in bodies.\"",
    );
    assert!(f.is_empty(), "{f:?}");
    let f = facts(
        "de",
        "Ein 45-jähriger Mann wurde am Freitag in Kiel schwer verletzt.",
    );
    assert!(has(&f, "injured", 1.0), "{f:?}");
}

#[test]
fn a_toll_counts_the_figure_its_sentence_gives_it() {
    for (lang, text) in [
        ("ru", "Число жертв наводнения в Приморске достигло 40."),
        (
            "uk",
            "Кількість загиблих від повені в Приморську зросла до 40.",
        ),
        (
            "it",
            "Il bilancio delle vittime dell'alluvione a Vernate sale a 40.",
        ),
        (
            "es",
            "El número de víctimas de la riada en Olmeda aumenta a 40.",
        ),
        ("en", "The death toll from the floods in Marlow rose to 40."),
    ] {
        let f = facts(lang, text);
        assert!(has(&f, "killed", 40.0), "{lang}: {f:?}");
    }
    // A figure far on in a long sentence is not its.
    let f = facts(
        "en",
        "The death toll was unknown as officials in the flooded northern province \
         said rescue teams had finally reached 40 villages.",
    );
    assert!(!has(&f, "killed", 40.0), "{f:?}");
}

#[test]
fn officials_and_guards_are_people_a_casualty_word_counts() {
    let f = facts(
        "es",
        "Seis funcionarios de prisiones han resultado heridos en Soria.",
    );
    assert!(has(&f, "injured", 6.0), "{f:?}");
    let f = facts("it", "Sei guardie carcerarie sono rimaste ferite a Lecce.");
    assert!(has(&f, "injured", 6.0), "{f:?}");
}

#[test]
fn a_casualty_word_counts_the_figure_it_governs_and_no_distant_crowd() {
    // "killing" counts the people right after it, not the countries before.
    let f = facts(
        "en",
        "The wave struck 14 countries, killing 9,000 people along the coast of Lorca.",
    );
    assert!(
        has(&f, "killed", 9000.0) && !has(&f, "killed", 14.0),
        "{f:?}"
    );
    // A crowd named many words before a death is not the dead.
    let f = facts(
        "en",
        "Hundreds of people had gathered for a fair on the beach of the old town of \
         Lorca on Friday when a wave swept some to their deaths.",
    );
    assert!(!has(&f, "killed", 200.0), "{f:?}");
    // Evacuated to 24 centres: the centres do not take the people's word.
    let f = facts(
        "uk",
        "Близько 700 осіб було евакуйовано до 24 центрів у Лорці.",
    );
    assert!(has(&f, "evacuated", 700.0), "{f:?}");
}

#[test]
fn slavic_past_forms_of_every_gender_type_destruction_missing_and_deaths() {
    // A quake (neuter or masculine noun) destroyed; people went missing.
    let f = facts("hr", "Potres je uništio 40 kuća u Splitu.");
    assert!(has(&f, "destroyed", 40.0), "{f:?}");
    let f = facts("ru", "Землетрясение разрушило 40 домов в Сочи.");
    assert!(has(&f, "destroyed", 40.0), "{f:?}");
    let f = facts("pl", "Trzęsienie ziemi zniszczyło 40 domów w Opolu.");
    assert!(has(&f, "destroyed", 40.0), "{f:?}");
    let f = facts("uk", "Після повені 12 людей пропали без вісті.");
    assert!(has(&f, "missing", 12.0), "{f:?}");
    let f = facts("pl", "Po powodzi 12 osób uznaje się za zaginione.");
    assert!(has(&f, "missing", 12.0), "{f:?}");
    let f = facts("pl", "W powodzi 12 osób poniosło śmierć.");
    assert!(has(&f, "killed", 12.0), "{f:?}");
}

#[test]
fn a_figure_after_and_starts_its_own_conjunct() {
    // "risultano" stands between 29 and "disperse"; "ferite" is nearer but
    // belongs to the conjunct before "e".
    let f = facts(
        "it",
        "Dopo il terremoto 540 persone sono rimaste ferite e 29 risultano disperse a Bari.",
    );
    assert!(
        has(&f, "injured", 540.0) && has(&f, "missing", 29.0),
        "{f:?}"
    );
    assert!(!has(&f, "injured", 29.0), "{f:?}");
    // With no other casualty word, the one before "and" still counts it.
    let f = facts("en", "Two people were killed and 5 more in Tarnow.");
    assert!(has(&f, "killed", 2.0), "{f:?}");
}

#[test]
fn headline_verbs_in_the_present_and_slavic_pasts_count_a_lone_victim() {
    assert!(has(
        &facts("es", "Tiburón hiere a un niño de 13 años en California"),
        "injured",
        1.0
    ));
    assert!(has(
        &facts("uk", "Акула травмувала 13-річного хлопчика в Каліфорнії"),
        "injured",
        1.0
    ));
}

#[test]
fn a_person_set_off_by_commas_with_an_age_is_a_victim_only_of_a_casualty_word_in_their_voice() {
    let f = facts(
        "en",
        "Police arrest man, 32, after a woman is stabbed to death in Leeds.",
    );
    assert!(has(&f, "killed", 1.0), "{f:?}");
    let f = facts(
        "en",
        "\"It means safer lives for all of us,\" said Marta Ilkova, 79, in Ohrid.",
    );
    assert!(!has(&f, "killed", 1.0), "{f:?}");
}

#[test]
fn people_treated_for_injuries_are_injured() {
    for (lang, text) in [
        (
            "en",
            "Six members of staff have been treated for injuries in Hull.",
        ),
        (
            "es",
            "Catorce personas fueron atendidas por lesiones leves en Girona.",
        ),
        (
            "pl",
            "Sześć osób z obrażeniami trafiło do szpitala w Opolu.",
        ),
    ] {
        let f = facts(lang, text);
        assert!(f.iter().any(|(a, _)| a == "injured"), "{lang}: {f:?}");
    }
}

#[test]
fn a_figure_after_croatian_or_polish_a_starts_its_own_conjunct() {
    let f = facts(
        "hr",
        "Dodao je da je 540 ljudi ozlijeđeno u Splitu, a 29 se smatra nestalima.",
    );
    assert!(
        has(&f, "injured", 540.0) && has(&f, "missing", 29.0),
        "{f:?}"
    );
    let f = facts(
        "pl",
        "Dodał, że 540 osób odniosło obrażenia w Opolu, a 29 osób uznaje się za zaginione.",
    );
    assert!(
        has(&f, "missing", 29.0) && !has(&f, "injured", 29.0),
        "{f:?}"
    );
}

#[test]
fn polish_pasts_of_injure_and_a_croatian_toll() {
    let f = facts("pl", "Rekin zranił 13-latka nurkującego przy Gdyni.");
    assert!(has(&f, "injured", 1.0), "{f:?}");
    let f = facts(
        "hr",
        "Broj smrtno stradalih u potresu u Splitu narastao je na 832.",
    );
    assert!(has(&f, "killed", 832.0), "{f:?}");
}
