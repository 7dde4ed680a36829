//! End-to-end tests of the corroboration stage: `corroborate run` on the
//! real seed articles and on an invented story with one planted error of
//! every discrepancy kind (`tests/fixtures/planted/`).

#[path = "support/run.rs"]
mod support;

use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;
use support::{report, root, run};

fn tempfile_path(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("corroborate-{}-{name}", std::process::id()))
}

fn events<'a>(story: &'a Value, ty: &str) -> Vec<&'a Value> {
    story["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["type"] == ty)
        .collect()
}

/// The report's summary of article `id`.
fn article<'a>(r: &'a Value, id: &str) -> &'a Value {
    r["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == id)
        .unwrap()
}

fn fact<'a>(e: &'a Value, attribute: &str) -> Option<&'a Value> {
    e["facts"]
        .as_array()?
        .iter()
        .find(|f| f["attribute"] == attribute)
}

/// The articles an event's mentions come from, sorted, each once.
fn articles_of(e: &Value) -> Vec<String> {
    let mut a: Vec<String> = e["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["article"].as_str().unwrap().to_owned())
        .collect();
    a.sort_unstable();
    a.dedup();
    a
}

/// The story of a report that must tell one (asserted).
fn the_only_story(path: &std::path::Path) -> Value {
    let r = report(path);
    let stories = r["stories"].as_array().unwrap();
    assert_eq!(stories.len(), 1, "one story: {stories:#?}");
    stories[0].clone()
}

fn located<'a>(story: &'a Value, ty: &str, place: &str) -> &'a Value {
    events(story, ty)
        .into_iter()
        .find(|e| {
            e["location"]["name"]
                .as_str()
                .is_some_and(|n| n.starts_with(place))
        })
        .unwrap_or_else(|| panic!("no {ty} in {place}: {:#}", story["events"]))
}

#[test]
fn the_seeds_are_one_story_of_one_copy_family_with_their_events_and_discrepancies() {
    let r = report(&root().join("../shared/data/seeds"));
    let stories = r["stories"].as_array().unwrap();
    assert_eq!(stories.len(), 1);
    let s = &stories[0];
    assert_eq!(
        s["independent_sources"], 1,
        "two rewrites of one wire story"
    );
    let derived: Vec<&Value> = r["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| &a["derived_from"])
        .collect();
    assert_eq!(derived.iter().filter(|d| d.is_string()).count(), 1);

    let kr = located(s, "attack", "Kryvyy Rih");
    assert_eq!(kr["subtype"], "missile");
    assert_eq!(kr["location"]["geonames_id"], 703845);
    let injured = fact(kr, "injured").unwrap();
    assert_eq!(injured["value"]["best"], 6);
    assert_eq!(injured["qualifiers"]["children"], 1.0);
    assert_eq!(injured["qualifiers"]["age"], 3.0);
    let damaged = fact(kr, "damaged").unwrap();
    assert_eq!(
        (
            damaged["value"]["low"].as_i64(),
            damaged["value"]["high"].is_null()
        ),
        (Some(41), true)
    );
    assert_eq!(damaged["qualifiers"]["object"], "residential buildings");

    let kherson = located(s, "attack", "Kherson");
    assert_eq!(kherson["subtype"], "shelling");
    let killed = fact(kherson, "killed").unwrap();
    assert_eq!(
        (
            killed["value"]["best"].as_i64(),
            killed["qualifiers"]["age"].as_f64()
        ),
        (Some(1), Some(6.0))
    );

    let odesa = located(s, "attack", "Odesa");
    assert_eq!(odesa["subtype"], "drone");
    assert_eq!(fact(odesa, "injured").unwrap()["value"]["best"], 6);

    let launches = events(s, "attack")
        .into_iter()
        .find(|e| fact(e, "launched").is_some())
        .expect("an event with the launch counts");
    let launched: Vec<(i64, &str)> = launches["facts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["attribute"] == "launched")
        .map(|f| {
            (
                f["value"]["best"].as_i64().unwrap(),
                f["qualifiers"]["unit"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(
        launched.contains(&(138, "drones")) && launched.contains(&(2, "ballistic missiles")),
        "{launched:?}"
    );

    let region = events(s, "attack")
        .into_iter()
        .find(|e| e["location"]["name"] == "Kherson" && e["location"]["geonames_id"].is_null())
        .expect("the strike in the Kherson region");
    assert_eq!(fact(region, "killed").unwrap()["value"]["best"], 2);
    assert_eq!(fact(region, "injured").unwrap()["qualifiers"]["age"], 68.0);

    let meeting = events(s, "meeting")
        .into_iter()
        .find(|e| fact(e, "duration_hours").is_some())
        .expect("the Kremlin talks");
    assert_eq!(fact(meeting, "duration_hours").unwrap()["value"]["best"], 5);
    assert_eq!(meeting["location"]["name"], "Moscow");

    let disc = s["discrepancies"].as_array().unwrap();
    let date = disc
        .iter()
        .find(|d| d["kind"] == "date" && d["stated"] == "2024-03-14")
        .expect("the March 14, 2024 dating is flagged");
    assert_eq!(date["expected"], "2025-12-04");
    let evidence: Vec<&str> = date["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["sentence"].as_str().unwrap())
        .collect();
    assert!(
        evidence.iter().any(|e| e.contains("Dec. 2, 2025")),
        "the caption is evidence"
    );
    assert!(
        evidence.iter().any(|e| e.contains("nearly four years")),
        "the invasion arithmetic is evidence"
    );
    let person = disc
        .iter()
        .find(|d| d["kind"] == "person")
        .expect("his son-in-law");
    assert_eq!(person["severity"], "ambiguous");
    assert_eq!(person["article"], "004_6f176334ef9ca0c7");
    // Mentions are word-level trigger spans.
    for e in s["events"].as_array().unwrap() {
        for m in e["mentions"].as_array().unwrap() {
            assert!(
                m["text"].as_str().unwrap().split_whitespace().count() <= 3,
                "{m}"
            );
        }
    }
}

#[test]
fn every_planted_error_is_found_with_its_evidence() {
    let r = report(&root().join("tests/fixtures/planted"));
    let s = &r["stories"][0];
    assert_eq!(s["independent_sources"], 3);
    let article = |id: &str| article(&r, id).clone();
    assert_eq!(article("rewrite")["derived_from"], "wire");
    assert!(article("independent")["derived_from"].is_null());
    let disc = s["discrepancies"].as_array().unwrap();
    let find = |kind: &str| {
        disc.iter()
            .find(|d| d["kind"] == kind)
            .unwrap_or_else(|| panic!("no {kind} discrepancy in {disc:#?}"))
    };
    let number = find("number");
    assert_eq!(
        (
            number["article"].as_str(),
            number["stated"].as_str(),
            number["expected"].as_str()
        ),
        (Some("rewrite"), Some("21"), Some("12"))
    );
    let date = find("date");
    assert_eq!(
        (
            date["article"].as_str(),
            date["stated"].as_str(),
            date["expected"].as_str()
        ),
        (Some("rewrite"), Some("2026-03-02"), Some("2026-03-09"))
    );
    let place = find("place");
    assert_eq!(
        (
            place["article"].as_str(),
            place["stated"].as_str(),
            place["expected"].as_str()
        ),
        (Some("misplaced"), Some("Subotica"), Some("Novi Sad"))
    );
    let person = find("person");
    assert_eq!(
        (person["article"].as_str(), person["severity"].as_str()),
        (Some("misplaced"), Some("high"))
    );
    let attribution = find("attribution");
    assert_eq!(
        (
            attribution["article"].as_str(),
            attribution["stated"].as_str(),
            attribution["expected"].as_str()
        ),
        (Some("rewrite"), Some("Goran Savić"), Some("Ana Petrović"))
    );
    let quote = find("quote");
    assert_eq!(quote["article"], "rewrite");
    for d in disc {
        assert!(
            d["evidence"].as_array().unwrap().len() >= 2,
            "evidence from both sides: {d}"
        );
        assert!(!d["explanation"].as_str().unwrap().is_empty());
    }
    // Nothing is flagged in the articles that carry no planted error.
    assert!(
        disc.iter()
            .all(|d| d["article"] != "wire" && d["article"] != "independent"),
        "{disc:#?}"
    );
    // The consensus of the flood keeps the majority's figure.
    let flood = located(s, "disaster", "Novi Sad");
    let injured = fact(flood, "injured").unwrap();
    assert_eq!(
        (
            injured["value"]["best"].as_i64(),
            injured["status"].as_str()
        ),
        (Some(12), Some("conflict"))
    );
}

#[test]
fn exports_carry_the_events() {
    let dir = root().join("tests/fixtures/planted");
    let csv = run(&dir, "csv");
    let header = csv.lines().next().unwrap();
    assert!(header.starts_with("event_id_cnty,event_date,year,event_type,sub_event_type,actor1,country,admin1,location,latitude,longitude,source,notes,fatalities,injured,fatalities_low,fatalities_high,sources_independent"));
    assert!(
        csv.lines()
            .any(|l| l.contains("Novi Sad") && l.contains(",3,12,3,3,")),
        "{csv}"
    );
    let geo: Value = serde_json::from_str(&run(&dir, "geojson")).unwrap();
    assert_eq!(geo["type"], "FeatureCollection");
    let f = &geo["features"].as_array().unwrap()[0];
    assert_eq!(f["geometry"]["type"], "Point");
    // An event evoked by several words of one article counts the article once.
    let planted = report(&dir)["articles"].as_array().unwrap().len() as u64;
    assert!(geo["features"].as_array().unwrap().iter().all(|f| {
        f["properties"]["articles"]
            .as_u64()
            .is_some_and(|n| (1..=planted).contains(&n))
    }));
    let out = tempfile_path("facts.parquet");
    let status = Command::new(env!("CARGO_BIN_EXE_corroborate"))
        .args(["run", "--quiet", "--format", "parquet", "--out"])
        .arg(&out)
        .arg(&dir)
        .status()
        .unwrap();
    assert!(status.success());
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"));
    let _ = std::fs::remove_file(&out);
    let html = run(&dir, "html");
    assert!(
        html.starts_with("<!DOCTYPE html>")
            && html.contains("Discrepancies")
            && html.contains("Subotica")
    );
}

#[test]
fn a_happening_of_general_news_is_one_event_evoked_in_every_report_of_it() {
    let r = report(&root().join("tests/fixtures/happenings/nomination.jsonl"));
    let story_of = |id: &str| article(&r, id)["story"].as_str().unwrap().to_owned();
    let port = story_of("harbour-wire");
    assert_eq!(story_of("harbour-local"), port);
    assert_eq!(story_of("harbour-radio"), port);
    assert_ne!(story_of("zoo-local"), port, "the zoo item stays apart");
    let story = r["stories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == port.as_str())
        .unwrap();
    assert_eq!(story["independent_sources"], 3);
    let nominations: Vec<&Value> = events(story, "other")
        .into_iter()
        .filter(|e| e["subtype"] == "nomination")
        .collect();
    assert_eq!(
        nominations.len(),
        1,
        "one nomination: {:#?}",
        story["events"]
    );
    let mentions = nominations[0]["mentions"].as_array().unwrap();
    let mut articles: Vec<&str> = mentions
        .iter()
        .map(|m| m["article"].as_str().unwrap())
        .collect();
    articles.dedup();
    assert_eq!(
        articles,
        ["harbour-wire", "harbour-local", "harbour-radio"],
        "every report evokes it: {mentions:#?}"
    );
    // Each mention is the evoking word, not its sentence.
    assert!(mentions
        .iter()
        .all(|m| m["text"].as_str().unwrap().starts_with("nominat")));
    // The predecessor's resignation is a happening of its own.
    assert!(events(story, "other")
        .iter()
        .any(|e| e["subtype"] == "resignation"));
}

#[test]
fn an_everyday_occurrence_is_one_event_across_reports_and_one_word_for_people() {
    let path = root().join("tests/fixtures/happenings/occurrences.jsonl");
    let story = &the_only_story(&path);
    let occurrence = |label: &str| -> Vec<&Value> {
        events(story, "other")
            .into_iter()
            .filter(|e| e["subtype"] == label)
            .collect()
    };
    // "returned" in both reports is one event, evoked in each.
    let returned = occurrence("return");
    assert_eq!(returned.len(), 1, "{:#?}", story["events"]);
    let mut articles: Vec<&str> = returned[0]["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["article"].as_str().unwrap())
        .collect();
    articles.sort_unstable();
    assert_eq!(articles, ["ferry-local", "ferry-wire"]);
    assert!(returned[0]["facts"].as_array().unwrap().is_empty());
    // So is the walk; the offer of refunds is told once.
    assert_eq!(occurrence("walk").len(), 1);
    assert_eq!(occurrence("offer").len(), 1);
    // People read bare events on one line, not one section each, and the
    // ACLED export leaves them out.
    let md = run(&path, "markdown");
    let line = md
        .lines()
        .find(|l| l.starts_with("Also told"))
        .unwrap_or_else(|| panic!("no line of bare events: {md}"));
    assert!(
        line.contains("return (2)") && line.contains("walk (2)"),
        "{line}"
    );
    assert!(!md.contains("— other (return)"), "{md}");
    let bare: Vec<&str> = story["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| {
            e["location"].is_null()
                && e["actors"].as_array().unwrap().is_empty()
                && e["facts"].as_array().unwrap().is_empty()
        })
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert!(bare.contains(&returned[0]["id"].as_str().unwrap()));
    let csv = run(&path, "csv");
    let rows: Vec<&str> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert!(!rows.is_empty(), "{csv}");
    assert!(rows.iter().all(|id| !bare.contains(id)), "{csv}");
}

#[test]
fn a_happening_told_in_other_words_joins_its_event_and_casualty_words_say_their_part() {
    let path = root().join("tests/fixtures/happenings/senses.jsonl");
    let story = &the_only_story(&path);
    let words_of = |e: &Value| -> Vec<String> {
        e["mentions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["text"].as_str().unwrap().to_lowercase())
            .collect()
    };
    // "arrested" in one report and "captured" in the other: one arrest,
    // which stays an arrest.
    let arrests = events(story, "arrest");
    assert_eq!(arrests.len(), 1, "{:#?}", story["events"]);
    assert_eq!(articles_of(arrests[0]), ["quarry-local", "quarry-wire"]);
    assert!(words_of(arrests[0]).contains(&"captured".to_owned()));
    assert_eq!(arrests[0]["subtype"], "arrest");
    assert!(!story["events"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["subtype"] == "capture"));
    // The shooting's casualty words are its mentions, each with the part
    // it tells; the words of the shooting itself have none.
    let shootings = events(story, "attack");
    assert_eq!(shootings.len(), 1, "{:#?}", story["events"]);
    let mentions = shootings[0]["mentions"].as_array().unwrap();
    let part_of = |word: &str| -> Vec<Option<&str>> {
        mentions
            .iter()
            .filter(|m| m["text"].as_str().unwrap().eq_ignore_ascii_case(word))
            .map(|m| m["part"].as_str())
            .collect()
    };
    assert_eq!(part_of("killing"), [Some("killed")], "{mentions:#?}");
    assert_eq!(part_of("wounded"), [Some("injured")], "{mentions:#?}");
    assert!(
        part_of("opened fire").iter().all(Option::is_none) && !part_of("opened fire").is_empty(),
        "{mentions:#?}"
    );
    // "died" and "deaths", bare words of the one attack's deaths, are
    // that attack, not events of their own.
    assert!(
        !story["events"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["type"] == "other" && (e["subtype"] == "die" || e["subtype"] == "death")),
        "{:#?}",
        story["events"]
    );
}

#[test]
fn a_speakers_statements_are_one_event_whose_different_quotes_stay_apart() {
    let path = root().join("tests/fixtures/happenings/speaker.jsonl");
    let story = &the_only_story(&path);
    let by_mayor: Vec<&Value> = events(story, "statement")
        .into_iter()
        .filter(|e| {
            e["actors"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a["name"].as_str().unwrap_or("").ends_with("Ilkov"))
        })
        .collect();
    assert_eq!(by_mayor.len(), 1, "{:#?}", story["events"]);
    let quotes: Vec<&Value> = by_mayor[0]["facts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["attribute"] == "quote")
        .collect();
    // The quote both reports give is one fact with two supports; the
    // schools and the sandbags are two more, each told once.
    let supports = |q: &Value| q["support"].as_array().unwrap().len();
    let shared = quotes
        .iter()
        .find(|q| {
            q["qualifiers"]["quote"]
                .as_str()
                .unwrap_or("")
                .contains("falling slowly")
        })
        .unwrap_or_else(|| panic!("{quotes:#?}"));
    assert_eq!(supports(shared), 2, "{shared:#}");
    assert!(quotes.len() >= 3, "{quotes:#?}");
    // Two different things said are no quote discrepancy.
    assert!(
        !story["discrepancies"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["kind"] == "quote"),
        "{:#}",
        story["discrepancies"]
    );
}

#[test]
fn a_vehicle_striking_someone_is_one_road_accident_across_neighbouring_places() {
    let path = root().join("tests/fixtures/happenings/road.jsonl");
    let story = &the_only_story(&path);
    // "struck by a white van", "a van hit a cyclist": an accident, no attack.
    assert!(events(story, "attack").is_empty(), "{:#?}", story["events"]);
    let accidents = events(story, "disaster");
    assert_eq!(accidents.len(), 1, "{:#?}", story["events"]);
    let accident = accidents[0];
    assert_eq!(accident["subtype"], "accident");
    // Salford and Manchester are one area; where the victim lived is not
    // where he was hit.
    assert_eq!(
        articles_of(accident),
        ["road-local", "road-wire"],
        "{accident:#?}"
    );
    assert_ne!(accident["location"]["name"], "Stockport", "{accident:#?}");
    // "he later died", in the article that tells the crash, is its death.
    let died: Vec<&Value> = accident["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["text"] == "died")
        .collect();
    assert_eq!(died.len(), 2, "{accident:#?}");
}
