use crate::{fold_name, Entry, Gazetteer, GazetteerError, INDEX_FILE, MAGIC};
use corroborate_model::PlaceKind;
use fst::{Map, MapBuilder};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Cities table written by `scripts/build_gazetteer.py`.
pub(crate) const PLACES_FILE: &str = "places.tsv";
/// First-level divisions table.
const ADMIN1_FILE: &str = "admin1.tsv";
/// Countries table.
const COUNTRIES_FILE: &str = "countries.tsv";

/// Country names and demonyms in many languages (form, ISO code, language, type).
const COUNTRY_FORMS: &str = include_str!("../../../lexicons/places/countries.tsv");
/// Colloquial region names (form, ISO code, division name, language).
const REGION_FORMS: &str = include_str!("../../../lexicons/places/region_forms.tsv");

/// Rows of a TSV table or lexicon: `#` comments and blank lines skipped,
/// with their 1-based line numbers.
fn rows(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    text.lines().enumerate().filter_map(|(i, l)| {
        let l = l.trim_end_matches('\r');
        (!l.trim().is_empty() && !l.starts_with('#')).then(|| (i + 1, l.split('\t').collect()))
    })
}

fn read(path: &Path) -> Result<String, GazetteerError> {
    std::fs::read_to_string(path).map_err(|source| GazetteerError::Io {
        path: path.to_owned(),
        source,
    })
}

fn field<'a>(
    cols: &[&'a str],
    i: usize,
    path: &Path,
    line: usize,
) -> Result<&'a str, GazetteerError> {
    cols.get(i)
        .copied()
        .ok_or_else(|| GazetteerError::Malformed {
            path: path.to_owned(),
            line,
            message: format!("expected at least {} columns", i + 1),
        })
}

fn number<T: std::str::FromStr + Default>(s: &str) -> T {
    s.parse().unwrap_or_default()
}

/// Builds the gazetteer from the tables in `dir` and the place lexicons.
pub fn compile(dir: &Path) -> Result<Gazetteer, GazetteerError> {
    let mut entries: Vec<Entry> = Vec::new();
    let mut keys: Vec<(String, u32)> = Vec::new();
    let add_key = |keys: &mut Vec<(String, u32)>, name: &str, idx: usize| {
        let k = fold_name(name);
        if k.chars().count() >= 2 {
            keys.push((k, idx as u32));
        }
    };

    // Divisions first, so cities can carry their division's name.
    let admin_path = dir.join(ADMIN1_FILE);
    let mut admin_names: BTreeMap<(String, String), String> = BTreeMap::new();
    for (line, cols) in rows(&read(&admin_path)?) {
        let country = field(&cols, 0, &admin_path, line)?;
        let code = field(&cols, 1, &admin_path, line)?;
        let name = field(&cols, 2, &admin_path, line)?;
        if name.is_empty() {
            continue;
        }
        admin_names.insert((country.to_owned(), code.to_owned()), name.to_owned());
        let idx = entries.len();
        entries.push(Entry {
            geonames_id: 0,
            kind: PlaceKind::Region,
            name: name.to_owned(),
            country: country.to_owned(),
            admin1_code: code.to_owned(),
            admin1: name.to_owned(),
            lat: number(cols.get(3).copied().unwrap_or("")),
            lon: number(cols.get(4).copied().unwrap_or("")),
            population: number(cols.get(5).copied().unwrap_or("")),
            demonym: false,
        });
        add_key(&mut keys, name, idx);
    }
    for (_, cols) in rows(REGION_FORMS) {
        let (Some(form), Some(cc), Some(admin)) = (cols.first(), cols.get(1), cols.get(2)) else {
            continue;
        };
        if let Some(idx) = entries
            .iter()
            .position(|e| e.kind == PlaceKind::Region && e.country == *cc && e.name == *admin)
        {
            add_key(&mut keys, form, idx);
        }
    }

    let places_path = dir.join(PLACES_FILE);
    let places = read(&places_path)?;
    for (line, cols) in rows(&places) {
        let id: u64 = field(&cols, 0, &places_path, line)?.parse().map_err(|_| {
            GazetteerError::Malformed {
                path: places_path.clone(),
                line,
                message: "geonames id is not a number".into(),
            }
        })?;
        let name = field(&cols, 1, &places_path, line)?;
        let country = field(&cols, 2, &places_path, line)?;
        let admin1_code = field(&cols, 3, &places_path, line)?;
        let idx = entries.len();
        entries.push(Entry {
            geonames_id: id,
            kind: PlaceKind::City,
            name: name.to_owned(),
            country: country.to_owned(),
            admin1_code: admin1_code.to_owned(),
            admin1: admin_names
                .get(&(country.to_owned(), admin1_code.to_owned()))
                .cloned()
                .unwrap_or_default(),
            lat: number(field(&cols, 4, &places_path, line)?),
            lon: number(field(&cols, 5, &places_path, line)?),
            population: number(field(&cols, 6, &places_path, line)?),
            demonym: false,
        });
        add_key(&mut keys, name, idx);
        for alt in cols.get(7).copied().unwrap_or("").split('|') {
            if !alt.is_empty() {
                add_key(&mut keys, alt, idx);
            }
        }
    }

    let countries_path = dir.join(COUNTRIES_FILE);
    let mut country_idx: BTreeMap<String, usize> = BTreeMap::new();
    for (line, cols) in rows(&read(&countries_path)?) {
        let iso = field(&cols, 0, &countries_path, line)?;
        let name = field(&cols, 2, &countries_path, line)?;
        let idx = entries.len();
        entries.push(Entry {
            geonames_id: number(field(&cols, 1, &countries_path, line)?),
            kind: PlaceKind::Country,
            name: name.to_owned(),
            country: iso.to_owned(),
            admin1_code: String::new(),
            admin1: String::new(),
            lat: number(cols.get(6).copied().unwrap_or("")),
            lon: number(cols.get(7).copied().unwrap_or("")),
            population: number(cols.get(5).copied().unwrap_or("")),
            demonym: false,
        });
        country_idx.insert(iso.to_owned(), idx);
        add_key(&mut keys, name, idx);
    }
    let mut demonym_idx: BTreeMap<String, usize> = BTreeMap::new();
    for (_, cols) in rows(COUNTRY_FORMS) {
        let (Some(form), Some(iso)) = (cols.first(), cols.get(1)) else {
            continue;
        };
        let Some(&cidx) = country_idx.get(*iso) else {
            continue;
        };
        if cols.get(3).is_some_and(|t| *t == "demonym") {
            let didx = *demonym_idx.entry(iso.to_string()).or_insert_with(|| {
                let mut d = entries[cidx].clone();
                d.demonym = true;
                entries.push(d);
                entries.len() - 1
            });
            add_key(&mut keys, form, didx);
        } else {
            add_key(&mut keys, form, cidx);
        }
    }

    keys.sort_unstable();
    keys.dedup();
    let mut builder = MapBuilder::memory();
    let mut postings: Vec<u32> = Vec::new();
    let mut i = 0;
    while i < keys.len() {
        let key = &keys[i].0;
        let start = postings.len();
        postings.push(0);
        while i < keys.len() && &keys[i].0 == key {
            postings.push(keys[i].1);
            i += 1;
        }
        postings[start] = (postings.len() - start - 1) as u32;
        builder.insert(key, start as u64)?;
    }
    let names = Map::new(builder.into_inner()?)?;
    Ok(Gazetteer::from_parts(names, postings, entries))
}

/// Compiles the tables of `dir` and writes `dir/gazetteer.idx` (atomically:
/// a temporary file renamed into place). Returns the index path.
pub fn compile_dir(dir: &Path) -> Result<PathBuf, GazetteerError> {
    let gaz = compile(dir)?;
    let path = dir.join(INDEX_FILE);
    // Unique per process and call, so concurrent builders never share a file.
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = dir.join(format!("{INDEX_FILE}.tmp{}-{n}", std::process::id()));
    let io = |source| GazetteerError::Io {
        path: path.clone(),
        source,
    };
    std::fs::write(&tmp, encode(&gaz)).map_err(io)?;
    std::fs::rename(&tmp, &path).map_err(io)?;
    Ok(path)
}

fn kind_code(k: PlaceKind) -> char {
    match k {
        PlaceKind::City => 'c',
        PlaceKind::Region => 'r',
        PlaceKind::Country => 'n',
    }
}

/// Serialises a gazetteer: magic, the fst, the postings, then the entries as
/// tab-separated lines.
pub(crate) fn encode(g: &Gazetteer) -> Vec<u8> {
    let fst_bytes = g.names.as_fst().as_bytes();
    let mut out = Vec::with_capacity(fst_bytes.len() + g.postings.len() * 4 + g.entries.len() * 64);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(fst_bytes.len() as u64).to_le_bytes());
    out.extend_from_slice(fst_bytes);
    out.extend_from_slice(&(g.postings.len() as u64).to_le_bytes());
    for p in &g.postings {
        out.extend_from_slice(&p.to_le_bytes());
    }
    for e in &g.entries {
        let line = format!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{:.5}\t{:.5}\t{}\t{}\n",
            e.geonames_id,
            kind_code(e.kind),
            e.name,
            e.country,
            e.admin1_code,
            e.admin1,
            e.lat,
            e.lon,
            e.population,
            u8::from(e.demonym)
        );
        out.extend_from_slice(line.as_bytes());
    }
    out
}

fn take<'a>(bytes: &'a [u8], pos: &mut usize, n: usize) -> Option<&'a [u8]> {
    let s = bytes.get(*pos..pos.checked_add(n)?)?;
    *pos += n;
    Some(s)
}

fn take_u64(bytes: &[u8], pos: &mut usize) -> Option<u64> {
    Some(u64::from_le_bytes(take(bytes, pos, 8)?.try_into().ok()?))
}

/// Reads what [`encode`] wrote; `None` when the bytes are not such a file.
pub(crate) fn decode(bytes: Vec<u8>) -> Option<Gazetteer> {
    let mut pos = 0;
    if take(&bytes, &mut pos, 8)? != MAGIC {
        return None;
    }
    let fst_len = usize::try_from(take_u64(&bytes, &mut pos)?).ok()?;
    let fst_bytes = take(&bytes, &mut pos, fst_len)?.to_vec();
    let names = Map::new(fst_bytes).ok()?;
    let n_post = usize::try_from(take_u64(&bytes, &mut pos)?).ok()?;
    let raw = take(&bytes, &mut pos, n_post.checked_mul(4)?)?;
    let postings = raw
        .chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect();
    let text = std::str::from_utf8(bytes.get(pos..)?).ok()?;
    let mut entries = Vec::with_capacity(text.len() / 48);
    for line in text.lines() {
        let mut f = line.split('\t');
        let mut next = || f.next();
        let geonames_id = next()?.parse().ok()?;
        let kind = match next()? {
            "c" => PlaceKind::City,
            "r" => PlaceKind::Region,
            "n" => PlaceKind::Country,
            _ => return None,
        };
        entries.push(Entry {
            geonames_id,
            kind,
            name: next()?.to_owned(),
            country: next()?.to_owned(),
            admin1_code: next()?.to_owned(),
            admin1: next()?.to_owned(),
            lat: next()?.parse().ok()?,
            lon: next()?.parse().ok()?,
            population: next()?.parse().ok()?,
            demonym: next()? == "1",
        });
    }
    Some(Gazetteer::from_parts(names, postings, entries))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tiny invented gazetteer in the layout of the real tables.
    fn fixture() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(PLACES_FILE),
            "# invented rows\n1001\tNovogrod\tUA\t05\t48.10000\t35.10000\t250000\tNovgorod|Новоград\n\
             1002\tNovogrod\tUS\tTX\t31.00000\t-100.00000\t900\t\n\
             1003\tLake Tarn\tUA\t05\t48.20000\t35.20000\t700\tLake-Tarn\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join(ADMIN1_FILE),
            "UA\t05\tNovogrod\t48.1\t35.1\t250700\t1001\nUS\tTX\tTexas\t31\t-99\t900\t1002\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join(COUNTRIES_FILE),
            "UA\t690791\tUkraine\tUKR\tKyiv\t44622516\t50.45\t30.52\nUS\t6252001\tUnited States\tUSA\tWashington\t327167434\t38.9\t-77.0\n",
        )
        .unwrap();
        dir
    }

    #[test]
    fn names_in_any_script_reach_their_entries() {
        let dir = fixture();
        let g = compile(dir.path()).unwrap();
        let hits = g.lookup("Новоград");
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].geonames_id, 1001);
        assert_eq!(hits[0].admin1, "Novogrod");
        // Two cities and the division share the name.
        let all = g.lookup("NOVOGROD");
        assert_eq!(all.len(), 3);
        assert!(all.iter().any(|e| e.kind == PlaceKind::Region));
        assert_eq!(g.lookup("lake tarn")[0].geonames_id, 1003);
        assert!(g.lookup("Atlantis").is_empty());
    }

    #[test]
    fn the_index_file_round_trips() {
        let dir = fixture();
        let path = compile_dir(dir.path()).unwrap();
        let g = Gazetteer::load(&path).unwrap();
        let city = g.lookup("Novgorod")[0].clone();
        assert_eq!((city.lat, city.population), (48.1, 250000));
        assert_eq!(
            g.region_of(&city).map(|r| r.name.as_str()),
            Some("Novogrod")
        );
        assert_eq!(
            g.country("US").map(|c| c.name.as_str()),
            Some("United States")
        );
    }

    #[test]
    fn place_anchors_key_well_known_places_in_any_script() {
        let dir = fixture();
        let g = compile(dir.path()).unwrap();
        // The city, not the division of the same name, whatever the
        // script; the division alone has no Cyrillic name.
        assert_eq!(g.place_anchors("Floods hit Novogrod."), ["^1001"]);
        assert_eq!(g.place_anchors("Повінь у Новоград."), ["^1001"]);
        assert_eq!(g.place_anchors("Aid reached Ukraine"), ["^UA"]);
        // Too small to be a safe anchor, and not a name when lower case.
        assert!(g
            .place_anchors("At Lake Tarn, novogrod residents")
            .is_empty());
    }

    #[test]
    fn a_foreign_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.idx");
        std::fs::write(&p, b"CORGAZ02\xff\xff\xff\xff\xff\xff\xff\xff").unwrap();
        assert!(matches!(
            Gazetteer::load(&p),
            Err(GazetteerError::BadIndex(_))
        ));
        std::fs::write(&p, b"not an index").unwrap();
        assert!(matches!(
            Gazetteer::load(&p),
            Err(GazetteerError::BadIndex(_))
        ));
    }
}
