//! End-to-end tests across languages (`tests/fixtures/multilingual/`, our
//! own invented articles): for each of Ukrainian, Russian, Spanish, German,
//! French, Italian, Croatian and Polish, an English wire report of a strike,
//! its translation, an independent local report of the same strike, and an
//! article about another event in the same city.
//!
//! Each language must give: one story of the three strike articles, the
//! other event apart; the translation `derived_from` the wire and the local
//! report independent (two independent sources); the same `killed` and
//! `injured` figures read off every strike article and linked into one
//! corroborated fact each, the child's age too, with no number discrepancy
//! between them; the story says which anchors tie the translation to the
//! wire, and aligns their sentences.

#[path = "support/run.rs"]
mod support;

use serde_json::Value;
use std::path::PathBuf;
use support::{report, root};

fn fixture(lang: &str) -> PathBuf {
    root()
        .join("tests/fixtures/multilingual")
        .join(format!("{lang}.jsonl"))
}

/// What each fixture states: killed, injured, the child's age.
struct Expected {
    lang: &'static str,
    killed: f64,
    injured: f64,
    child_age: f64,
}

const EXPECTED: [Expected; 8] = [
    Expected {
        lang: "uk",
        killed: 2.0,
        injured: 9.0,
        child_age: 7.0,
    },
    Expected {
        lang: "ru",
        killed: 3.0,
        injured: 12.0,
        child_age: 5.0,
    },
    Expected {
        lang: "es",
        killed: 4.0,
        injured: 6.0,
        child_age: 12.0,
    },
    Expected {
        lang: "de",
        killed: 2.0,
        injured: 15.0,
        child_age: 3.0,
    },
    Expected {
        lang: "fr",
        killed: 3.0,
        injured: 4.0,
        child_age: 9.0,
    },
    Expected {
        lang: "it",
        killed: 4.0,
        injured: 11.0,
        child_age: 8.0,
    },
    Expected {
        lang: "hr",
        killed: 1.0,
        injured: 7.0,
        child_age: 2.0,
    },
    Expected {
        lang: "pl",
        killed: 3.0,
        injured: 13.0,
        child_age: 6.0,
    },
];

/// The articles whose facts support `attribute` = `value` in a story, and
/// the qualifiers of those facts.
fn supporters(story: &Value, attribute: &str, value: f64) -> (Vec<String>, Vec<Value>) {
    let mut articles = Vec::new();
    let mut qualifiers = Vec::new();
    for e in story["events"].as_array().into_iter().flatten() {
        for f in e["facts"].as_array().into_iter().flatten() {
            if f["attribute"] != attribute {
                continue;
            }
            for s in f["support"].as_array().into_iter().flatten() {
                if s["value"]["best"].as_f64() == Some(value) {
                    articles.push(s["article"].as_str().unwrap_or_default().to_owned());
                    qualifiers.push(f["qualifiers"].clone());
                }
            }
        }
    }
    articles.sort();
    articles.dedup();
    (articles, qualifiers)
}

fn check(x: &Expected) -> Vec<String> {
    let r = report(&fixture(x.lang));
    let id = |s: &str| format!("{}-{s}", x.lang);
    let article = |s: &str| {
        r["articles"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == id(s))
            .unwrap_or_else(|| panic!("{} missing", id(s)))
            .clone()
    };
    let mut problems = Vec::new();
    let (wire, translation, local, other) = (
        article("wire-en"),
        article("translation"),
        article("local"),
        article("other"),
    );
    if translation["language"] != x.lang || wire["language"] != "en" {
        problems.push("languages not kept in the report".into());
    }
    if translation["story"] != wire["story"] || local["story"] != wire["story"] {
        problems.push(format!(
            "strike articles in stories {} / {} / {}",
            wire["story"], translation["story"], local["story"]
        ));
    }
    if other["story"] == wire["story"] || other["story"] == local["story"] {
        problems.push("the other event joined the strike story".into());
    }
    if translation["derived_from"] != wire["id"] {
        problems.push(format!(
            "translation derived_from {}",
            translation["derived_from"]
        ));
    }
    if !local["derived_from"].is_null() {
        problems.push(format!("local derived_from {}", local["derived_from"]));
    }
    let story = r["stories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == wire["story"])
        .expect("the wire's story");
    if story["independent_sources"] != 2 {
        problems.push(format!(
            "independent_sources {}",
            story["independent_sources"]
        ));
    }
    // The decision is explained: the translation's anchors shared with the
    // wire, as each writes them (a figure among them).
    let explained = story["language_links"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|l| l["article"] == translation["id"]);
    match explained {
        Some(l) if l["linked_to"] == wire["id"] => {
            let figure = l["shared"].as_array().into_iter().flatten().any(|a| {
                a["key"].as_str().is_some_and(|k| k.starts_with('#'))
                    && a["text"] == a["linked_text"]
            });
            if !figure {
                problems.push(format!("no shared figure in the link: {}", l["shared"]));
            }
        }
        other => problems.push(format!("translation's language link: {other:?}")),
    }
    // Sentences aligned across the two languages.
    let aligned = story["alignment"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|p| p["a"] == wire["id"] && p["b"] == translation["id"])
        .count();
    if aligned < 2 {
        problems.push(format!(
            "{aligned} sentences of the translation aligned with the wire"
        ));
    }
    let strike = [id("wire-en"), id("local"), id("translation")];
    for (attribute, value) in [("killed", x.killed), ("injured", x.injured)] {
        let (articles, qualifiers) = supporters(story, attribute, value);
        for a in &strike {
            if !articles.contains(a) {
                problems.push(format!("{a} does not state {attribute} {value}"));
            }
        }
        // Linked across languages: one fact, stated by all three,
        // corroborated by two independent sources.
        let one_fact = story["events"].as_array().into_iter().flatten().any(|e| {
            e["facts"].as_array().into_iter().flatten().any(|f| {
                f["attribute"] == attribute
                    && f["value"]["best"].as_f64() == Some(value)
                    && f["status"] == "corroborated"
                    && f["support"].as_array().map_or(0, Vec::len) == 3
            })
        });
        if !one_fact {
            problems.push(format!(
                "{attribute} {value} is not one corroborated fact of three articles"
            ));
        }
        if attribute == "injured" {
            let with_age = qualifiers
                .iter()
                .filter(|q| q["age"].as_f64() == Some(x.child_age))
                .count();
            if with_age < 2 {
                problems.push(format!(
                    "child aged {} read in {with_age} injured facts",
                    x.child_age
                ));
            }
        }
    }
    for d in story["discrepancies"].as_array().into_iter().flatten() {
        if d["kind"] == "number"
            && d["explanation"]
                .as_str()
                .is_some_and(|e| e.contains("killed") || e.contains("injured"))
        {
            problems.push(format!("number discrepancy: {}", d["explanation"]));
        }
    }
    problems
}

macro_rules! language_test {
    ($name:ident, $i:expr) => {
        #[test]
        fn $name() {
            let x = &EXPECTED[$i];
            let problems = check(x);
            assert!(problems.is_empty(), "{}: {problems:#?}", x.lang);
        }
    };
}

language_test!(ukrainian_strike_joins_its_english_telling, 0);
language_test!(russian_strike_joins_its_english_telling, 1);
language_test!(spanish_strike_joins_its_english_telling, 2);
language_test!(german_strike_joins_its_english_telling, 3);
language_test!(french_strike_joins_its_english_telling, 4);
language_test!(italian_strike_joins_its_english_telling, 5);
language_test!(croatian_strike_joins_its_english_telling, 6);
language_test!(polish_strike_joins_its_english_telling, 7);
