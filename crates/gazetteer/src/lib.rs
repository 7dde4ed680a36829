//! Offline gazetteer: every populated place of GeoNames' `cities500`, the
//! first-level divisions (oblasts, states, provinces) and the countries,
//! looked up by folded name in any script GeoNames lists (Latin, Cyrillic,
//! Greek).
//!
//! `make setup` runs `scripts/build_gazetteer.py`, which writes the GeoNames
//! tables as TSV into `data/gazetteer/`; [`compile`] turns them (plus the
//! country and region forms of `lexicons/places/`) into one index file,
//! `gazetteer.idx`: an `fst` map from folded name to a postings list, and the
//! entries. [`Gazetteer::load`] reads that file in a few tens of milliseconds.
//!
//! ```no_run
//! use corroborate_gazetteer::Gazetteer;
//! let gaz = Gazetteer::open_default().unwrap();
//! let hits = gaz.lookup("Kyiv");
//! assert!(hits.iter().any(|e| e.country == "UA"));
//! ```

mod compile;
mod fold;

pub use compile::{compile, compile_dir};
pub use fold::fold_name;

use corroborate_model::{Place, PlaceKind};
use fst::Map;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// Why the gazetteer could not be built or loaded.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum GazetteerError {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
    /// The index file is not one this build wrote.
    #[error("{0}: not a gazetteer index of this version (run `make setup` to rebuild it)")]
    BadIndex(PathBuf),
    /// No gazetteer data was found where it is looked for.
    #[error("no gazetteer found (looked in {0}); run `make setup` or set CORROBORATE_GAZETTEER")]
    NotFound(String),
    /// A source table is malformed.
    #[error("{path}:{line}: {message}")]
    Malformed {
        /// The table.
        path: PathBuf,
        /// Line number, from 1.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The name index could not be built.
    #[error("building the name index: {0}")]
    Fst(#[from] fst::Error),
}

/// One gazetteer entry: a city, a first-level division or a country.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// GeoNames id; 0 for divisions (the package has no ids for them).
    pub geonames_id: u64,
    /// City, region or country.
    pub kind: PlaceKind,
    /// Name as GeoNames spells it.
    pub name: String,
    /// ISO 3166-1 alpha-2 country code.
    pub country: String,
    /// First-level division code ("04").
    pub admin1_code: String,
    /// First-level division name ("Dnipropetrovsk").
    pub admin1: String,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// Population (a division's or country's total).
    pub population: u64,
    /// Whether this entry was reached through a demonym ("Ukrainian"), which
    /// tells the country of the context but is not itself a place mention.
    pub demonym: bool,
}

impl Entry {
    /// The entry as the report's [`Place`].
    pub fn to_place(&self) -> Place {
        Place {
            name: self.name.clone(),
            country: Some(self.country.clone()).filter(|c| !c.is_empty()),
            admin1: Some(self.admin1.clone()).filter(|a| !a.is_empty()),
            lat: Some(self.lat),
            lon: Some(self.lon),
            geonames_id: (self.geonames_id != 0).then_some(self.geonames_id),
            population: (self.population != 0).then_some(self.population),
        }
    }
}

/// The loaded gazetteer.
pub struct Gazetteer {
    names: Map<Vec<u8>>,
    postings: Vec<u32>,
    entries: Vec<Entry>,
}

/// Fewest people a place other than a country needs for its name to be an
/// anchor ([`Gazetteer::place_anchors`]): small namesakes of common words
/// are many, well-known places few.
pub const ANCHOR_MIN_POPULATION: u64 = 100_000;

/// File name of the compiled index inside the gazetteer directory.
pub const INDEX_FILE: &str = "gazetteer.idx";
/// First bytes of an index file; bumped when the layout changes.
pub(crate) const MAGIC: &[u8; 8] = b"CORGAZ02";

impl Gazetteer {
    /// Loads a compiled index file.
    pub fn load(path: &Path) -> Result<Gazetteer, GazetteerError> {
        let bytes = std::fs::read(path).map_err(|source| GazetteerError::Io {
            path: path.to_owned(),
            source,
        })?;
        compile::decode(bytes).ok_or_else(|| GazetteerError::BadIndex(path.to_owned()))
    }

    /// Builds a gazetteer straight from parts (used by the compiler and tests).
    pub(crate) fn from_parts(names: Map<Vec<u8>>, postings: Vec<u32>, entries: Vec<Entry>) -> Self {
        Gazetteer {
            names,
            postings,
            entries,
        }
    }

    /// The directories searched for gazetteer data, in order:
    /// `$CORROBORATE_GAZETTEER`, `data/gazetteer` beside the repository the
    /// binary was built in (`target/release/../../data/gazetteer`), the
    /// source tree this crate was compiled from, and `./data/gazetteer`.
    pub fn search_dirs() -> Vec<PathBuf> {
        let mut dirs = Vec::new();
        if let Some(d) = std::env::var_os("CORROBORATE_GAZETTEER") {
            dirs.push(PathBuf::from(d));
        }
        if let Ok(exe) = std::env::current_exe() {
            if let Some(root) = exe.parent().and_then(Path::parent).and_then(Path::parent) {
                dirs.push(root.join("data/gazetteer"));
            }
        }
        dirs.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/gazetteer"));
        dirs.push(PathBuf::from("data/gazetteer"));
        dirs
    }

    /// Opens the gazetteer of the first search directory that has one,
    /// compiling the index first when it is missing or older than its tables.
    pub fn open_default() -> Result<Gazetteer, GazetteerError> {
        let dirs = Self::search_dirs();
        for dir in &dirs {
            let index = dir.join(INDEX_FILE);
            let tables = dir.join(compile::PLACES_FILE);
            if !index.exists() && !tables.exists() {
                continue;
            }
            let stale = match (modified(&index), modified(&tables)) {
                (Some(i), Some(t)) => i < t,
                (None, _) => true,
                (Some(_), None) => false,
            };
            if stale {
                compile_dir(dir)?;
            }
            return Self::load(&index);
        }
        Err(GazetteerError::NotFound(
            dirs.iter()
                .map(|d| d.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
        ))
    }

    /// Entries whose name, any alternate name or form folds to the same key
    /// as `name` ("Kiev" and "Київ" both reach Kyiv).
    pub fn lookup(&self, name: &str) -> Vec<&Entry> {
        self.lookup_folded(&fold_name(name))
    }

    /// Like [`Gazetteer::lookup`] for a key already folded with [`fold_name`].
    pub fn lookup_folded(&self, key: &str) -> Vec<&Entry> {
        let Some(off) = self.names.get(key) else {
            return Vec::new();
        };
        let off = off as usize;
        let Some(&n) = self.postings.get(off) else {
            return Vec::new();
        };
        self.postings
            .get(off + 1..off + 1 + n as usize)
            .unwrap_or(&[])
            .iter()
            .filter_map(|&i| self.entries.get(i as usize))
            .collect()
    }

    /// Language-independent keys of the well-known places a text names, in
    /// text order: `^` and the country code, GeoNames id or division code
    /// of every capitalised word or pair of words that names a country, or
    /// a city or division of at least [`ANCHOR_MIN_POPULATION`] people, in
    /// any language the gazetteer's names cover. "Туреччині", "Turkey" and
    /// "Türkei" give one key; a story told in Ukrainian and its English
    /// telling share it where they share no word.
    ///
    /// Cheap by design (a lookup per capitalised word, no context): the
    /// biggest namesake is taken, which is what a well-known place is.
    pub fn place_anchors(&self, text: &str) -> Vec<String> {
        let words: Vec<&str> = text
            .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
            .filter(|w| !w.is_empty())
            .collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let w = words[i];
            if !w.chars().next().is_some_and(char::is_uppercase) || w.chars().count() < 3 {
                i += 1;
                continue;
            }
            let pair = words
                .get(i + 1)
                .filter(|n| n.chars().next().is_some_and(char::is_uppercase))
                .and_then(|n| self.anchor_of(&format!("{w} {n}")));
            match pair {
                Some(key) => {
                    out.push(key);
                    i += 2;
                }
                None => {
                    out.extend(self.anchor_of(w));
                    i += 1;
                }
            }
        }
        out
    }

    /// The key of a name: its country if it names one; else its most
    /// populous city big enough; else a first-level division big enough
    /// (`^UA.08`). A city is preferred over a division of the same name,
    /// since the division often has no alternate names: "Херсон" reaches
    /// only the city, and "Kherson" must give the same key.
    fn anchor_of(&self, name: &str) -> Option<String> {
        let entries = self.lookup(name);
        if let Some(c) = entries.iter().find(|e| e.kind == PlaceKind::Country) {
            return Some(format!("^{}", c.country));
        }
        let biggest = |kind: PlaceKind| {
            entries
                .iter()
                .filter(|e| e.kind == kind && e.population >= ANCHOR_MIN_POPULATION)
                .max_by_key(|e| e.population)
        };
        if let Some(city) = biggest(PlaceKind::City).filter(|c| c.geonames_id != 0) {
            return Some(format!("^{}", city.geonames_id));
        }
        biggest(PlaceKind::Region).map(|r| format!("^{}.{}", r.country, r.admin1_code))
    }

    /// Whether any name folds to `key` (cheaper than a lookup).
    pub fn contains_folded(&self, key: &str) -> bool {
        self.names.contains_key(key)
    }

    /// The first-level division a city lies in.
    pub fn region_of(&self, city: &Entry) -> Option<&Entry> {
        if city.admin1.is_empty() {
            return None;
        }
        self.lookup_folded(&fold_name(&city.admin1))
            .into_iter()
            .find(|e| {
                e.kind == PlaceKind::Region
                    && e.country == city.country
                    && e.admin1_code == city.admin1_code
            })
    }

    /// The country entry for an ISO code.
    pub fn country(&self, iso2: &str) -> Option<&Entry> {
        self.entries
            .iter()
            .find(|e| e.kind == PlaceKind::Country && !e.demonym && e.country == iso2)
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the gazetteer has no entry.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

fn modified(p: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(p).and_then(|m| m.modified()).ok()
}
