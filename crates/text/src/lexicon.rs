use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

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
    /// Lower-cased key → every row listed for it, in file order.
    entries: HashMap<String, Vec<Vec<String>>>,
    /// Folded key (lower case, accents removed with [`crate::fold_word`]) →
    /// every row of every key that folds to it, in file order: words are
    /// looked up folded, so Spanish "explosión" and English "explosion"
    /// are one word whose rows say which language each is.
    by_fold: HashMap<String, Vec<Vec<String>>>,
    /// Lower-cased key that folding changes → its folded key, so that the
    /// written form ("dieciséis", "пʼять") finds its rows too.
    folded: HashMap<String, String>,
    /// Keys, longest first, sorted once at parse time.
    sorted: Vec<String>,
    /// The first word of every key, lower-cased and folded: a phrase
    /// matcher skips the words no key starts with ([`Lexicon::starts_key`]).
    firsts: HashSet<String>,
}

impl Lexicon {
    /// Parses lexicon text; keys are lower-cased. A key listed on several
    /// rows (a form shared by two languages) keeps every row.
    pub fn parse(src: &str) -> Self {
        let mut entries: HashMap<String, Vec<Vec<String>>> = HashMap::default();
        let mut by_fold: HashMap<String, Vec<Vec<String>>> = HashMap::default();
        let mut folded = HashMap::default();
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
            let f = crate::tokens::fold_word(&key);
            let row: Vec<String> = cols.map(|c| c.trim().to_owned()).collect();
            by_fold.entry(f.clone()).or_default().push(row.clone());
            if f != key {
                folded.insert(key.clone(), f);
            }
            entries.entry(key).or_default().push(row);
        }
        let mut sorted: Vec<String> = entries.keys().cloned().collect();
        sorted.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
        let firsts = entries
            .keys()
            .chain(by_fold.keys())
            .filter_map(|k| k.split(' ').next())
            .map(str::to_owned)
            .collect();
        Lexicon {
            entries,
            by_fold,
            folded,
            sorted,
            firsts,
        }
    }

    /// Every row of the keys that fold as `key` does (`key` in any case,
    /// folded or as written).
    fn rows(&self, key: &str) -> Option<&Vec<Vec<String>>> {
        // Keys are lower case; most lookups already are, so skip the copy.
        if !key.chars().any(char::is_uppercase) {
            return self
                .by_fold
                .get(key)
                .or_else(|| self.by_fold.get(self.folded.get(key)?));
        }
        let lower = key.to_lowercase();
        self.by_fold
            .get(&lower)
            .or_else(|| self.by_fold.get(self.folded.get(&lower)?))
    }

    /// The columns after the key, if the key (any case, or folded without
    /// accents) is in the lexicon; of a key listed on several rows, the last
    /// row (later rows override earlier ones).
    pub fn get(&self, key: &str) -> Option<&Vec<String>> {
        self.rows(key)?.last()
    }

    /// The columns of the first row for `key` whose column `lang_col` is
    /// `lang` or `*`: a form shared by two languages ("due" is 2 in Italian)
    /// only counts in its own.
    ///
    /// ```
    /// use corroborate_text::Lexicon;
    /// let lex = Lexicon::parse("due\t2\tit\nsix\t6\ten\nsix\t6\tfr\n");
    /// assert!(lex.get_in("due", "en", 1).is_none());
    /// assert_eq!(lex.get_in("six", "fr", 1).map(|c| c[0].as_str()), Some("6"));
    /// // A folded word finds the row of each language whose form folds to it.
    /// let lex = Lexicon::parse("explosion\tblast\ten\nexplosión\tblast\tes\n");
    /// assert!(lex.get_in("explosion", "es", 1).is_some());
    /// assert!(lex.get_in("explosión", "en", 1).is_some());
    /// ```
    pub fn get_in(&self, key: &str, lang: &str, lang_col: usize) -> Option<&Vec<String>> {
        self.rows(key)?
            .iter()
            .find(|r| r.get(lang_col).is_some_and(|l| l == lang || l == "*"))
    }

    /// Every row listed for the key, in file order (empty when absent).
    pub fn get_all(&self, key: &str) -> &[Vec<String>] {
        self.rows(key).map_or(&[], Vec::as_slice)
    }

    /// Whether the key (any case) is in the lexicon.
    pub fn contains(&self, key: &str) -> bool {
        self.rows(key).is_some()
    }

    /// All keys, longest first (the order a regex alternation needs).
    pub fn keys_longest_first(&self) -> Vec<&str> {
        self.sorted.iter().map(String::as_str).collect()
    }

    /// The keys, longest first, that have a row satisfying `keep` (given
    /// the row's columns after the key): the alternation of a grammar that
    /// takes only some of a lexicon's forms.
    ///
    /// ```
    /// use corroborate_text::Lexicon;
    /// let lex = Lexicon::parse("fri\t5\tday\nfridays\t5\tadjective\n");
    /// let days = lex.keys_longest_first_where(|r| r.get(1).map(String::as_str) != Some("adjective"));
    /// assert_eq!(days, ["fri"]);
    /// ```
    pub fn keys_longest_first_where(&self, keep: impl Fn(&[String]) -> bool) -> Vec<&str> {
        self.sorted
            .iter()
            .filter(|k| self.entries[k.as_str()].iter().any(|r| keep(r)))
            .map(String::as_str)
            .collect()
    }

    /// Whether some key starts with this word (lower case, or folded with
    /// [`crate::fold_word`]): a matcher trying the phrases that begin at a
    /// word need not build them when none can match.
    ///
    /// ```
    /// use corroborate_text::Lexicon;
    /// let lex = Lexicon::parse("set fire to\tarson\nfeuer\tarson\n");
    /// assert!(lex.starts_key("set") && lex.starts_key("feuer"));
    /// assert!(!lex.starts_key("fire"));
    /// ```
    pub fn starts_key(&self, word: &str) -> bool {
        self.firsts.contains(word)
    }

    /// Number of distinct keys.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there is no entry.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// The language whose lexicon rows are read for an article in `lang`: the
/// nine languages the lexicons cover, English for any other.
///
/// ```
/// assert_eq!(corroborate_text::lexicon_lang("uk"), "uk");
/// assert_eq!(corroborate_text::lexicon_lang("nl"), "en");
/// ```
pub fn lexicon_lang(lang: &str) -> &'static str {
    const COVERED: [&str; 9] = ["en", "es", "de", "fr", "it", "ru", "uk", "hr", "pl"];
    COVERED.into_iter().find(|l| *l == lang).unwrap_or("en")
}

/// Defines `fn $name() -> &'static Lexicon` reading `lexicons/$path` of the
/// repository, compiled in and parsed once on first use. For a crate under
/// `crates/NAME/src/`.
#[macro_export]
macro_rules! lexicon_file {
    ($(#[$doc:meta])* $vis:vis $name:ident, $path:literal) => {
        $(#[$doc])*
        $vis fn $name() -> &'static $crate::Lexicon {
            static CELL: ::std::sync::OnceLock<$crate::Lexicon> = ::std::sync::OnceLock::new();
            CELL.get_or_init(|| $crate::Lexicon::parse(include_str!(concat!("../../../lexicons/", $path))))
        }
    };
}

/// Lexicons that two stages read, parsed once for both.
pub mod shared {
    crate::lexicon_file!(
        /// Everyday words that tell that something happened
        /// (`events/occurrences.tsv`: form, label, part `verb`/`noun`/`report`,
        /// language): the extractor's occurrences, and for the place reader
        /// the verb forms that a headline capitalises ("Goes") and that are
        /// no town.
        pub occurrences,
        "events/occurrences.tsv"
    );
    crate::lexicon_file!(
        /// Words that join two words or clauses ("and", "і", "e", "oraz";
        /// `events/coordinators.txt`, with the language they join in, `*`
        /// for all): "slipping and falling" is two event mentions, and a
        /// figure after "and" (or Croatian "a") starts its own conjunct.
        pub coordinators,
        "events/coordinators.txt"
    );
    crate::lexicon_file!(
        /// Words that type a figure (`events/casualties.tsv`: form,
        /// attribute, language): the extractor's casualty words, and for
        /// the number grammar the words after which "one" still counts
        /// ("one dead", "один погибший").
        pub casualties,
        "events/casualties.tsv"
    );
}

/// The lexicons compiled into the binary, parsed once on first use.
pub(crate) mod builtin {
    use std::sync::OnceLock;

    crate::lexicon_file!(pub(crate) months, "months.tsv");
    crate::lexicon_file!(pub(crate) weekdays, "weekdays.tsv");
    crate::lexicon_file!(pub(crate) stopwords_en, "stopwords/en.txt");
    crate::lexicon_file!(pub(crate) stems, "text/stems.tsv");
    crate::lexicon_file!(pub(crate) determiners, "text/determiners.tsv");
    crate::lexicon_file!(stopwords_uk, "stopwords/uk.txt");
    crate::lexicon_file!(stopwords_ru, "stopwords/ru.txt");
    crate::lexicon_file!(stopwords_es, "stopwords/es.txt");
    crate::lexicon_file!(stopwords_de, "stopwords/de.txt");
    crate::lexicon_file!(stopwords_fr, "stopwords/fr.txt");
    crate::lexicon_file!(stopwords_it, "stopwords/it.txt");
    crate::lexicon_file!(stopwords_hr, "stopwords/hr.txt");
    crate::lexicon_file!(stopwords_pl, "stopwords/pl.txt");

    /// The function words of a covered language other than English.
    pub(crate) fn stopwords(lang: &str) -> Option<&'static crate::Lexicon> {
        Some(match crate::lexicon_lang(lang) {
            "uk" => stopwords_uk(),
            "ru" => stopwords_ru(),
            "es" => stopwords_es(),
            "de" => stopwords_de(),
            "fr" => stopwords_fr(),
            "it" => stopwords_it(),
            "hr" => stopwords_hr(),
            "pl" => stopwords_pl(),
            _ => return None,
        })
    }
    crate::lexicon_file!(pub(crate) caption_cues, "caption_cues.txt");
    crate::lexicon_file!(pub(crate) dateline_cues, "dateline_cues.txt");
    crate::lexicon_file!(pub(crate) abbreviations, "text/abbreviations.tsv");
    crate::lexicon_file!(pub(crate) translit, "text/translit.tsv");
    crate::lexicon_file!(pub(crate) name_key_rules, "text/name_key.tsv");
    crate::lexicon_file!(pub(crate) number_words, "numbers/words.tsv");
    crate::lexicon_file!(pub(crate) quantifiers, "numbers/quantifiers.tsv");
    crate::lexicon_file!(pub(crate) vague_amounts, "numbers/vague.tsv");
    crate::lexicon_file!(pub(crate) range_joiners, "numbers/range_joiners.tsv");
    crate::lexicon_file!(pub(crate) range_openers, "numbers/range_openers.tsv");
    crate::lexicon_file!(pub(crate) unit_links, "numbers/unit_links.txt");
    crate::lexicon_file!(pub(crate) number_kinds, "numbers/kinds.tsv");
    crate::lexicon_file!(pub(crate) irregular_plurals, "numbers/irregular_plurals.txt");
    crate::lexicon_file!(pub(crate) age_cues, "numbers/age_cues.tsv");
    crate::lexicon_file!(pub(crate) age_inserts, "numbers/age_inserts.tsv");
    crate::lexicon_file!(pub(crate) age_words, "numbers/age_words.tsv");
    crate::lexicon_file!(pub(crate) age_suffixes, "numbers/age_suffixes.tsv");
    crate::lexicon_file!(pub(crate) age_breakers, "numbers/age_breakers.tsv");
    crate::lexicon_file!(
        pub(crate) determined_ordinals,
        "numbers/determined_ordinals.tsv"
    );
    crate::lexicon_file!(pub(crate) person_nouns, "events/victims.tsv");
    crate::lexicon_file!(pub(crate) person_roles, "people/person_roles.tsv");
    crate::lexicon_file!(pub(crate) change_verbs, "numbers/change_verbs.tsv");
    crate::lexicon_file!(pub(crate) money_suffixes, "numbers/money_suffixes.tsv");
    crate::lexicon_file!(pub(crate) not_one, "numbers/not_one.tsv");
    crate::lexicon_file!(pub(crate) one_counts, "numbers/one_counts.tsv");
    crate::lexicon_file!(pub(crate) rank_prepositions, "numbers/rank_prepositions.tsv");
    crate::lexicon_file!(pub(crate) not_numbers, "numbers/not_numbers.tsv");
    crate::lexicon_file!(pub(crate) frequencies, "numbers/frequencies.tsv");
    crate::lexicon_file!(pub(crate) measures, "numbers/measures.tsv");
    crate::lexicon_file!(pub(crate) temperature_deltas, "numbers/temperature_deltas.tsv");
    crate::lexicon_file!(pub(crate) future_cues, "times/future_cues.txt");
    crate::lexicon_file!(pub(crate) complementizers, "times/complementizers.tsv");
    crate::lexicon_file!(pub(crate) weekday_modifiers, "times/weekday_modifiers.tsv");
    crate::lexicon_file!(pub(crate) future_endings, "times/future_endings.tsv");
    crate::lexicon_file!(pub(crate) future_modals, "times/future_modals.tsv");
    crate::lexicon_file!(pub(crate) future_verbs, "times/future_verbs.tsv");
    crate::lexicon_file!(pub(crate) month_modifiers, "times/month_modifiers.tsv");
    crate::lexicon_file!(pub(crate) month_adjectives, "times/month_adjectives.tsv");
    crate::lexicon_file!(pub(crate) decades, "times/decades.tsv");
    crate::lexicon_file!(pub(crate) unit_adjectives, "times/unit_adjectives.tsv");
    crate::lexicon_file!(pub(crate) parts_of_day, "times/parts_of_day.tsv");
    crate::lexicon_file!(pub(crate) clock_words, "times/clock_words.tsv");
    crate::lexicon_file!(pub(crate) relative_times, "times/relative.tsv");
    crate::lexicon_file!(pub(crate) time_units, "times/units.tsv");
    crate::lexicon_file!(pub(crate) back_cues, "times/back_cues.tsv");
    crate::lexicon_file!(pub(crate) ago_words, "times/ago.tsv");

    /// First words of the vague amounts ("dozens", "several" of "several
    /// dozen"), so the number grammar tries a phrase only where one can start.
    pub(crate) fn vague_first_words() -> &'static std::collections::HashSet<String> {
        static CELL: OnceLock<std::collections::HashSet<String>> = OnceLock::new();
        CELL.get_or_init(|| {
            vague_amounts()
                .keys_longest_first()
                .iter()
                .filter_map(|k| k.split_whitespace().next())
                .map(crate::tokens::fold_word)
                .collect()
        })
    }
}
