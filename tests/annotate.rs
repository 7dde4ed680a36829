//! End-to-end tests of `corroborate annotate` on the real seed articles in
//! `../shared/data/seeds` with the real GeoNames gazetteer (`make gazetteer`
//! builds it; `make test` does so first).

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/seeds")
}

/// The annotations of one seed article, as JSON.
fn annotate(file: &str) -> Value {
    annotate_path(&seeds().join(file))
}

/// One of this repository's fixtures (`tests/fixtures/…`).
fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(path)
}

/// The annotations of the article in `path`, as JSON.
fn annotate_path(path: &Path) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_corroborate"))
        .args(["annotate", "--format", "json"])
        .arg(path)
        .output()
        .expect("binary runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("no gazetteer"),
        "the gazetteer is missing: run `make gazetteer` first\n{stderr}"
    );
    assert!(out.status.success(), "{stderr}");
    let all: Value = serde_json::from_slice(&out.stdout).expect("annotations are JSON");
    all[0].clone()
}

fn items<'a>(a: &'a Value, layer: &str) -> &'a Vec<Value> {
    a[layer].as_array().unwrap_or_else(|| panic!("no {layer}"))
}

fn find<'a>(a: &'a Value, layer: &str, text: &str) -> &'a Value {
    items(a, layer)
        .iter()
        .find(|x| x["text"] == text)
        .unwrap_or_else(|| panic!("no {layer} {text:?} in {:#}", a[layer]))
}

/// Every span must cut its own text out of the article.
fn spans_match(a: &Value, file: &str) {
    let text = std::fs::read_to_string(seeds().join(file)).unwrap();
    let chars: Vec<char> = text.chars().collect();
    for layer in ["numbers", "times", "places"] {
        for x in items(a, layer) {
            let (s, e) = (
                x["span"][0].as_u64().unwrap() as usize,
                x["span"][1].as_u64().unwrap() as usize,
            );
            let cut: String = chars[s..e].iter().collect();
            assert_eq!(cut, x["text"].as_str().unwrap(), "{layer} span");
        }
    }
}

#[test]
fn seed_000_numbers_times_places_and_quotes() {
    let file = "000_932dead0a5037501.txt";
    let a = annotate(file);
    spans_match(&a, file);
    assert_eq!(a["published"], "2025-12-04");

    let kr = find(&a, "places", "Kryvyi Rih");
    assert_eq!(kr["place"]["geonames_id"], 703845);
    for city in ["Kherson", "Odesa"] {
        let p = find(&a, "places", city);
        assert_eq!(
            (p["kind"].as_str(), p["place"]["country"].as_str()),
            (Some("city"), Some("UA")),
            "{city}"
        );
    }

    let missiles = items(&a, "numbers")
        .iter()
        .find(|n| n["unit"] == "ballistic missiles")
        .unwrap();
    assert_eq!(missiles["value"]["best"], 2);
    let drones = find(&a, "numbers", "138");
    assert_eq!(drones["unit"], "drones");
    let buildings = find(&a, "numbers", "over 40");
    assert_eq!(
        (
            buildings["value"]["low"].as_i64(),
            buildings["value"]["high"].is_null()
        ),
        (Some(41), true)
    );
    assert_eq!(buildings["unit"], "residential buildings");
    let girl = find(&a, "numbers", "three-year-old");
    assert_eq!(
        (
            girl["kind"].as_str(),
            girl["value"]["best"].as_i64(),
            girl["unit"].as_str()
        ),
        (Some("age"), Some(3), Some("girl"))
    );

    let caption = find(&a, "times", "Tuesday, Dec. 2, 2025");
    assert_eq!(caption["value"], "2025-12-02");
    let ago = find(&a, "times", "nearly four years ago");
    let range = &ago["range"];
    assert!(
        range["low"].as_str().unwrap() < range["high"].as_str().unwrap(),
        "{ago:#}"
    );

    let quote = items(&a, "quotes")
        .iter()
        .find(|q| {
            q["text"]
                .as_str()
                .unwrap()
                .contains("necessary conversation")
        })
        .unwrap();
    assert_eq!(quote["speaker"], "Vladimir Putin");

    // The caption names Trump's son-in-law directly.
    let rel = items(&a, "relations")
        .iter()
        .find(|r| r["relation"] == "son-in-law")
        .unwrap();
    assert_eq!(
        (rel["subject_name"].as_str(), rel["object_name"].as_str()),
        (Some("Jared Kushner"), Some("Donald Trump"))
    );
    assert_eq!(rel["ambiguous"], false);
}

#[test]
fn seed_004_son_in_law_reads_as_witkoffs_and_is_ambiguous() {
    let file = "004_6f176334ef9ca0c7.txt";
    let a = annotate(file);
    spans_match(&a, file);
    let rel = items(&a, "relations")
        .iter()
        .find(|r| r["relation"] == "son-in-law")
        .unwrap();
    assert_eq!(rel["subject_name"], "Jared Kushner");
    assert_eq!(rel["object_name"], "Steve Witkoff");
    assert_eq!(rel["ambiguous"], true);
    assert!(rel["alternatives"]
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x == "Donald Trump"));
}

#[test]
fn a_place_written_by_its_own_name_wins_and_a_headline_verb_is_no_place() {
    let a = &annotate_path(&fixture("places/names_and_namesakes.txt"));
    // GeoNames also lists the bigger Macon, Georgia as "Troy"; the city
    // whose own name is Troy is the reading.
    let troy = find(a, "places", "Troy");
    assert_eq!(troy["place"]["name"], "Troy", "{troy:#}");
    assert_eq!(troy["place"]["admin1"], "Michigan", "{troy:#}");
    // "Goes" and "Fall" in title-case headlines are words, not the Dutch
    // town or the Iranian one, even after "In".
    assert!(
        !items(a, "places")
            .iter()
            .any(|p| p["text"] == "Goes" || p["text"] == "Fall"),
        "{:#}",
        a["places"]
    );
}

#[test]
fn an_event_happens_in_the_most_specific_place_its_sentence_names() {
    let a = &annotate_path(&fixture("places/nested.txt"));
    // "A Michigan man" comes first, but the shooting was at the Detroit
    // firm: the city inside the state is where it happened.
    let attack = items(a, "events")
        .iter()
        .find(|e| e["type"] == "attack")
        .unwrap_or_else(|| panic!("no attack: {:#}", a["events"]));
    assert_eq!(attack["location"]["name"], "Detroit", "{attack:#}");
}

#[test]
fn a_foreign_place_reached_only_by_an_alternate_name_is_no_place_in_a_story_of_one_country() {
    let a = &annotate_path(&fixture("places/store_names.txt"));
    // GeoNames also calls Damascus "Sams"; in a Minnesota story "Sam's
    // Club" is a store.
    let places = items(a, "places");
    assert!(
        !places.iter().any(|p| p["place"]["country"] == "SY"),
        "{places:#?}"
    );
    assert!(
        places.iter().any(|p| p["place"]["name"] == "Rochester"),
        "{places:#?}"
    );
}

#[test]
fn event_words_of_a_title_case_headline_are_no_part_of_a_name() {
    let a = &annotate_path(&fixture("places/title_case_headline.txt"));
    // "Yonkers Hit-And-Run" is no person: "Hit-And-Run" is made of event
    // words, so Yonkers stays a place, in the headline and after it.
    let entities = items(a, "entities");
    assert!(
        !entities
            .iter()
            .any(|e| e["name"].as_str().unwrap().contains("Hit-And-Run")),
        "{entities:#?}"
    );
    let yonkers = items(a, "places")
        .iter()
        .filter(|p| p["text"] == "Yonkers")
        .count();
    assert_eq!(yonkers, 2, "{:#}", a["places"]);
}
