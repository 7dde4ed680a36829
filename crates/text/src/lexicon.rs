use std::collections::HashMap;

/// A word list read from a lexicon data file: one entry per line, optional
/// tab-separated columns, `#` comments and blank lines ignored.
///
/// Lexicons are data, not code: they live under `lexicons/` with comments
/// saying what they are for, and are compiled into the binary so that a
/// release runs from one file.
///
/// ```
/// use corroborate_text::Lexicon;
/// let lex = Lexicon::parse("# months\ndec\t12\ten\n");
/// assert_eq!(lex.get("DEC").map(|cols| cols[0].as_str()), Some("12"));
/// ```
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    entries: HashMap<String, Vec<String>>,
}

impl Lexicon {
    /// Parses lexicon text; keys are lower-cased.
    pub fn parse(src: &str) -> Self {
        let mut entries = HashMap::new();
        for line in src.lines() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let mut cols = line.split('\t');
            let key = cols.next().unwrap_or("").trim().to_lowercase();
            if key.is_empty() {
                continue;
            }
            entries.insert(key, cols.map(|c| c.trim().to_owned()).collect());
        }
        Lexicon { entries }
    }

    /// The columns after the key, if the key (any case) is in the lexicon.
    pub fn get(&self, key: &str) -> Option<&Vec<String>> {
        self.entries.get(&key.to_lowercase())
    }

    /// Whether the key (any case) is in the lexicon.
    pub fn contains(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// All keys, longest first (the order a regex alternation needs).
    pub fn keys_longest_first(&self) -> Vec<&str> {
        let mut keys: Vec<&str> = self.entries.keys().map(String::as_str).collect();
        keys.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
        keys
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there is no entry.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// The lexicons compiled into the binary, parsed once on first use.
pub(crate) mod builtin {
    use super::Lexicon;
    use std::sync::OnceLock;

    macro_rules! lexicon {
        ($name:ident, $path:literal) => {
            pub(crate) fn $name() -> &'static Lexicon {
                static CELL: OnceLock<Lexicon> = OnceLock::new();
                CELL.get_or_init(|| {
                    Lexicon::parse(include_str!(concat!("../../../lexicons/", $path)))
                })
            }
        };
    }

    lexicon!(months, "months.tsv");
    lexicon!(weekdays, "weekdays.tsv");
    lexicon!(stopwords_en, "stopwords/en.txt");
    lexicon!(caption_cues, "caption_cues.txt");
    lexicon!(dateline_cues, "dateline_cues.txt");
}
