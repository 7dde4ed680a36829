//! A deterministic generator of invented news for the crash and
//! concurrency tests: `stories` events, each told by several articles
//! (reprints, light edits, rewrites with changed figures), as JSON Lines.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// A small deterministic generator (SplitMix64).
pub struct Rng(pub u64);

impl Rng {
    /// Next value.
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A value in `lo..hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo).max(1)
    }

    /// One of `items`.
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.range(0, items.len() as u64) as usize]
    }
}

const PLACES: &[&str] = &[
    "Novi Sad",
    "Split",
    "Ptuj",
    "Osijek",
    "Gdańsk",
    "Poznań",
    "Brno",
    "Graz",
    "Tartu",
    "Kaunas",
    "Cluj-Napoca",
    "Varna",
    "Mostar",
    "Skopje",
    "Debrecen",
    "Ljubljana",
    "Plovdiv",
    "Rijeka",
];
const EVENTS: &[(&str, &str, &str)] = &[
    ("A fire destroyed", "warehouses", "injured"),
    ("Floods damaged", "homes", "evacuated"),
    ("A storm tore the roofs off", "buildings", "injured"),
    ("An explosion wrecked", "garages", "hurt"),
    ("A landslide buried", "houses", "rescued"),
];
const NAMES: &[&str] = &[
    "Ana Horvat",
    "Marek Nowak",
    "Jana Svoboda",
    "Ivo Petrov",
    "Lena Kask",
    "Tomas Varga",
];
const DAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Writes `stories × per_story` articles into `files` JSON Lines files
/// under `dir`; returns the files and every article id.
pub fn write(
    dir: &Path,
    stories: usize,
    per_story: usize,
    files: usize,
    seed: u64,
) -> (Vec<PathBuf>, Vec<String>) {
    let mut rng = Rng(seed);
    let mut lines: Vec<Vec<String>> = vec![Vec::new(); files.max(1)];
    let mut ids = Vec::new();
    for s in 0..stories {
        let place = PLACES[s % PLACES.len()];
        let (verb, object, people) = EVENTS[(s / PLACES.len()) % EVENTS.len()];
        let official = rng.pick(NAMES);
        let day = rng.pick(DAYS);
        let objects = rng.range(3, 60);
        let hurt = rng.range(2, 40);
        let month = 1 + s % 12;
        for a in 0..per_story {
            let id = format!("gen-{s}-{a}");
            // Most copies keep the figures; some rewrites change one.
            let hurt_here = if a % 5 == 4 {
                hurt + rng.range(1, 9)
            } else {
                hurt
            };
            let mut text = String::new();
            let _ = write!(
                text,
                "{verb} {objects} {object} in {place} on {day}, and {hurt_here} people were {people}, officials said. \
                 Emergency crews worked through the night near the old town of {place}, story number {s}. "
            );
            let _ = write!(
                text,
                "\"We are doing everything we can,\" said {official}, who leads the regional emergency office. \
                 The cause of the disaster in {place} was not yet known, and an inquiry was opened on {day}."
            );
            // Every article is distinct content (the store keeps one copy of
            // identical texts), as real reprints differ in their bylines.
            let _ = write!(text, " Filed by desk {}.", s * per_story + a);
            if a % 3 == 1 {
                let _ = write!(
                    text,
                    "\nThis report was updated with comments from residents (edition {a})."
                );
            }
            if a % 3 == 2 {
                text = text
                    .replace("officials said", "local authorities reported")
                    .replace("worked through the night", "stayed overnight");
                let _ = write!(text, "\nEdition {a} of this report.");
            }
            let line = serde_json::json!({
                "id": id, "outlet": format!("Outlet {}", a % 7), "published": format!("2025-{month:02}-{:02}", 1 + a % 27),
                "title": format!("{verb} {object} in {place}"), "text": text,
            });
            let file = (s * per_story + a) % lines.len();
            lines[file].push(line.to_string());
            ids.push(id);
        }
    }
    let mut paths = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let p = dir.join(format!("part-{i:02}.jsonl"));
        std::fs::write(&p, l.join("\n") + "\n").expect("write corpus");
        paths.push(p);
    }
    (paths, ids)
}
