//! The understanding pass: reads one article and returns its
//! [`Annotations`] — sentences, numbers as intervals, times resolved against
//! the publication date, places geocoded against the offline gazetteer,
//! people and organisations with roles and relations, and quotes with their
//! speakers. Every item carries its character span.
//!
//! The pass is a pure function of the article plus read-only resources (the
//! lexicons compiled into the binary and a loaded [`Gazetteer`]), so it runs
//! on any number of threads.
//!
//! ```
//! use corroborate_model::{Article, ArticleId, InputKind};
//! use corroborate_understand::annotate;
//! let article = Article {
//!     id: ArticleId("a1".into()),
//!     url: None, outlet: None, title: None, published: None,
//!     language: Some("en".into()),
//!     text: "Mayor Ana Ruiz said 40 homes burned.".into(),
//!     input: InputKind::Text, source: "example".into(),
//! };
//! let a = annotate(&article, None);
//! assert_eq!(a.numbers[0].value.best, Some(40.0));
//! assert_eq!(a.entities[0].name, "Ana Ruiz");
//! assert_eq!(a.entities[0].roles[0].role, "mayor");
//! ```

mod doc;
mod lexicons;
mod memo;
mod names;
mod places;
mod quotes;
mod render;

pub use corroborate_gazetteer::Gazetteer;
use corroborate_model::{Ago, Annotations, Article, NumberMention, Sentence, TimeMention};
use doc::Doc;
pub use memo::SentenceMemo;
pub use render::to_text;

/// Annotates one article. Without a gazetteer, places are left out.
pub fn annotate(article: &Article, gazetteer: Option<&Gazetteer>) -> Annotations {
    annotate_with(article, gazetteer, &SentenceMemo::default())
}

/// Annotates one article like [`annotate`], reading each sentence's times
/// and numbers from `memo` when a sentence with the same words, language and
/// publication date was read before: the articles of a story share it, so a
/// wire story's reprints read each of their common sentences once.
///
/// ```
/// use corroborate_model::{Article, ArticleId, InputKind};
/// use corroborate_understand::{annotate, annotate_with, SentenceMemo};
/// let article = |id: &str, text: &str| Article {
///     id: ArticleId(id.into()),
///     url: None, outlet: None, title: None, published: None,
///     language: Some("en".into()),
///     text: text.into(),
///     input: InputKind::Text, source: "example".into(),
/// };
/// let memo = SentenceMemo::default();
/// let a = article("a", "Rescuers found 12 people. The bridge reopened on Monday.");
/// let b = article("b", "Updated. Rescuers found 12 people.");
/// assert_eq!(annotate_with(&a, None, &memo), annotate(&a, None));
/// let read = annotate_with(&b, None, &memo);
/// assert_eq!(read, annotate(&b, None));
/// assert_eq!(memo.reused(), 1);
/// ```
pub fn annotate_with(
    article: &Article,
    gazetteer: Option<&Gazetteer>,
    memo: &SentenceMemo,
) -> Annotations {
    let lang = article.language.as_deref().unwrap_or("en");
    let published = article.published_date();
    let doc = Doc::new(&article.text, lang);
    let mut out = Annotations {
        article: article.id.0.clone(),
        language: article.language.clone(),
        published,
        ..Annotations::default()
    };
    let context = memo::Context::new(published, lang);
    for (i, s) in doc.sentences.iter().enumerate() {
        out.sentences.push(Sentence {
            index: i,
            paragraph: s.paragraph,
            span: doc.span(s.start, s.end),
            kind: s.kind,
        });
        let text = &doc.text[s.start..s.end];
        let reading = memo.read(&context, text, || {
            memo::read_sentence(text, published, lang)
        });
        for t in &reading.times {
            out.times.push(TimeMention {
                span: doc.span(s.start + t.start, s.start + t.end),
                text: text[t.start..t.end].to_owned(),
                sentence: i,
                kind: t.kind,
                value: t.value.clone(),
                range: t.range,
                hours: t.hours,
                rule: t.rule.to_owned(),
                relative: t.relative,
                ago: t.ago.clone().map(|(amount, unit, quantifier)| Ago {
                    amount,
                    unit,
                    quantifier,
                }),
            });
        }
        for (n, measure) in &reading.numbers {
            out.numbers.push(NumberMention {
                span: doc.span(s.start + n.start, s.start + n.end),
                text: text[n.start..n.end].to_owned(),
                sentence: i,
                value: n.value,
                kind: n.kind,
                unit: n.unit.map(|(a, b)| text[a..b].to_owned()),
                unit_span: n.unit.map(|(a, b)| doc.span(s.start + a, s.start + b)),
                rule: n.rule.to_owned(),
                measure: measure.clone(),
            });
        }
    }
    // Words that are dates or times are not names ("March", "Thursday").
    let mut blocked: Vec<(usize, usize)> = Vec::new();
    for t in &out.times {
        blocked.push(doc.byte_range(t.span));
    }
    let found = names::find(&doc, &blocked, gazetteer);
    out.places = places::resolve(&doc, &found, gazetteer);
    let (mut entities, relations) = names::entities(&doc, &found);
    out.quotes = quotes::find(&doc, &entities);
    names::pronoun_mentions(&doc, &mut entities);
    out.entities = entities;
    out.relations = relations;
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use corroborate_model::{
        ArticleId, DateSource, EntityKind, InputKind, PlaceKind, PublishedDate,
    };

    fn article(text: &str, published: Option<&str>) -> Article {
        Article {
            id: ArticleId("t".into()),
            url: None,
            outlet: None,
            title: None,
            published: published.map(|d| PublishedDate {
                date: chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap(),
                source: DateSource::User,
            }),
            language: Some("en".into()),
            text: text.into(),
            input: InputKind::Text,
            source: "test".into(),
        }
    }

    /// An invented gazetteer: a Ukrainian city and a small American namesake,
    /// their divisions, and two countries.
    fn gazetteer() -> Gazetteer {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        std::fs::write(
            p.join("places.tsv"),
            "# id name cc admin1 lat lon population alternates\n\
             9001\tNovogrod\tUA\t05\t48.10000\t35.10000\t250000\tNovohrad|Новоград\n\
             9002\tNovogrod\tUS\tTX\t31.00000\t-100.00000\t90000\t\n\
             9003\tBelsk\tUA\t07\t47.00000\t33.00000\t120000\tBilsk\n",
        )
        .unwrap();
        std::fs::write(
            p.join("admin1.tsv"),
            "UA\t05\tNovogrod\t48.1\t35.1\t900000\t9001\nUA\t07\tBelsk\t47\t33\t400000\t9003\nUS\tTX\tTexas\t31\t-99\t90000\t9002\n",
        )
        .unwrap();
        std::fs::write(
            p.join("countries.tsv"),
            "UA\t690791\tUkraine\tUKR\tKyiv\t44622516\t50.45\t30.52\nUS\t6252001\tUnited States\tUSA\tWashington\t327167434\t38.9\t-77.0\n",
        )
        .unwrap();
        corroborate_gazetteer::compile(p).unwrap()
    }

    #[test]
    fn a_shared_memo_reads_a_sentence_again_in_another_context() {
        let memo = SentenceMemo::default();
        let text = "The ferry to Vis sailed again on Monday with 212 passengers.";
        let january = article(text, Some("2024-01-10"));
        let march = article(text, Some("2024-03-13"));
        let mut german = article(text, Some("2024-03-13"));
        german.language = Some("de".into());
        for a in [&january, &march, &german] {
            assert_eq!(annotate_with(a, None, &memo), annotate(a, None));
        }
        assert_eq!(memo.reused(), 0, "date and language are part of the key");
        // A sentence without times reads the same on any date.
        let undated = |d| article("Rescuers found 212 passengers.", d);
        annotate_with(&undated(Some("2024-01-10")), None, &memo);
        let later = annotate_with(&undated(Some("2024-05-02")), None, &memo);
        assert_eq!(later, annotate(&undated(Some("2024-05-02")), None));
        assert_eq!(
            annotate_with(&undated(None), None, &memo),
            annotate(&undated(None), None)
        );
        assert_eq!(memo.reused(), 2);
        // Read without a date, "yesterday" is no time; read again with one, it is.
        let yesterday = |d| article("The bridge reopened yesterday.", d);
        annotate_with(&yesterday(None), None, &memo);
        let dated = annotate_with(&yesterday(Some("2024-05-02")), None, &memo);
        assert_eq!(dated, annotate(&yesterday(Some("2024-05-02")), None));
        assert_eq!(dated.times.len(), 1);
        assert_eq!(memo.reused(), 2);
        let monday = |a: &Annotations| a.times[0].value.clone();
        let (jan, mar) = (
            annotate_with(&january, None, &memo),
            annotate_with(&march, None, &memo),
        );
        assert_eq!(monday(&jan).as_deref(), Some("2024-01-08"));
        assert_eq!(monday(&mar).as_deref(), Some("2024-03-11"));
        assert_eq!(memo.reused(), 4);
        // A reprint with a sentence before it: the same reading, at its own offsets.
        let reprint = article(&format!("Updated at noon. {text}"), Some("2024-03-13"));
        let read = annotate_with(&reprint, None, &memo);
        assert_eq!(read, annotate(&reprint, None));
        assert_eq!(memo.reused(), 5);
        assert_eq!(read.numbers[0].text, "212");
    }

    #[test]
    fn places_follow_the_articles_context_and_region_words() {
        let g = gazetteer();
        let a = annotate(
            &article(
                "Drones hit the southern city of Novogrod in Ukraine. Officials in the Belsk region said rain fell.",
                None,
            ),
            Some(&g),
        );
        let novogrod = a.places.iter().find(|p| p.text == "Novogrod").unwrap();
        assert_eq!(novogrod.place.geonames_id, Some(9001));
        assert_eq!(novogrod.place.country.as_deref(), Some("UA"));
        let region = a.places.iter().find(|p| p.text == "Belsk region").unwrap();
        assert_eq!(region.kind, PlaceKind::Region);
        assert_eq!(region.place.admin1.as_deref(), Some("Belsk"));
        assert!(a
            .places
            .iter()
            .any(|p| p.kind == PlaceKind::Country && p.text == "Ukraine"));
    }

    #[test]
    fn a_texan_context_picks_the_texan_namesake() {
        let g = gazetteer();
        let a = annotate(
            &article("Storms flooded Novogrod, United States, overnight.", None),
            Some(&g),
        );
        let p = a.places.iter().find(|p| p.text == "Novogrod").unwrap();
        assert_eq!(p.place.geonames_id, Some(9002));
    }

    #[test]
    fn roles_come_from_titles_and_possessors() {
        let a = annotate(
            &article(
                "Ukraine's President Ivo Lind met the regional administration head Marta Sole on Monday.",
                None,
            ),
            None,
        );
        let lind = a.entities.iter().find(|e| e.name == "Ivo Lind").unwrap();
        assert_eq!(lind.kind, EntityKind::Person);
        assert_eq!(lind.roles[0].role, "president");
        assert_eq!(lind.roles[0].of.as_deref(), Some("Ukraine"));
        let sole = a.entities.iter().find(|e| e.name == "Marta Sole").unwrap();
        assert_eq!(sole.roles[0].role, "regional administration head");
    }

    #[test]
    fn a_possessive_pronoun_with_two_candidates_is_ambiguous() {
        let text = "President Ivo Lind's special envoy, Marko Sedlar, arrived alongside his son-in-law Tomas Wren.\n\
                    Later, Ivo Lind's son-in-law Petar Wolf spoke.";
        let a = annotate(&article(text, None), None);
        let r = &a.relations[0];
        assert_eq!(
            (r.relation.as_str(), r.subject_name.as_str()),
            ("son-in-law", "Tomas Wren")
        );
        assert_eq!(r.object_name.as_deref(), Some("Marko Sedlar"));
        assert!(r.ambiguous);
        assert_eq!(r.alternatives, ["Ivo Lind"]);
        let r = &a.relations[1];
        assert_eq!(r.subject_name, "Petar Wolf");
        assert_eq!(r.object_name.as_deref(), Some("Ivo Lind"));
        assert!(!r.ambiguous);
        let sedlar = a
            .entities
            .iter()
            .find(|e| e.name == "Marko Sedlar")
            .unwrap();
        assert_eq!(sedlar.roles[0].of.as_deref(), Some("Ivo Lind"));
    }

    #[test]
    fn quotes_find_their_speakers() {
        let text = "Mayor Ana Ruiz visited the port on Tuesday.\n\
                    “We will rebuild every single house,” she said. \
                    Police chief Tom Bale said that two boats sank. \
                    Nine homes burned, according to city officials.";
        let a = annotate(&article(text, Some("2024-05-16")), None);
        let direct = a.quotes.iter().find(|q| q.kind == "direct").unwrap();
        assert_eq!(direct.text, "We will rebuild every single house");
        assert_eq!(direct.speaker.as_deref(), Some("Ana Ruiz"));
        assert_eq!(direct.cue.as_deref(), Some("said"));
        // Within-article coreference: name, then the pronoun that stands for her.
        let ruiz = a.entities.iter().find(|e| e.name == "Ana Ruiz").unwrap();
        let via: Vec<(&str, &str)> = ruiz
            .mentions
            .iter()
            .map(|m| (m.text.as_str(), m.via.as_str()))
            .collect();
        assert_eq!(via, [("Ana Ruiz", "name"), ("she", "pronoun")]);
        let reported = a.quotes.iter().find(|q| q.kind == "reported").unwrap();
        assert_eq!(reported.speaker.as_deref(), Some("Tom Bale"));
        assert_eq!(reported.text, "two boats sank");
        let according = a.quotes.iter().find(|q| q.kind == "according_to").unwrap();
        assert_eq!(according.speaker.as_deref(), Some("city officials"));
        assert_eq!(according.text, "Nine homes burned");
    }

    /// (speaker, words) of every quote.
    fn said(a: &Annotations) -> Vec<(Option<&str>, &str)> {
        a.quotes
            .iter()
            .map(|q| (q.speaker.as_deref(), q.text.as_str()))
            .collect()
    }

    #[test]
    fn unnamed_sources_speak_beside_their_verb_only() {
        let text = "Two ferries sank near Split on Monday, regional police said Tuesday. \
                    Officials said the port would stay closed. \
                    Rescuers evacuated 40 residents, the harbour office said. \
                    Las autoridades dijeron que el puerto seguirá cerrado.";
        let a = annotate(&article(text, Some("2024-05-16")), None);
        let said = said(&a);
        assert_eq!(
            said,
            [
                (
                    Some("regional police"),
                    "Two ferries sank near Split on Monday"
                ),
                (Some("Officials"), "the port would stay closed")
            ],
            "residents evacuated are nobody's words"
        );
        let mut es = article(
            "Las autoridades dijeron que el puerto seguirá cerrado.",
            Some("2024-05-16"),
        );
        es.language = Some("es".into());
        let a = annotate(&es, None);
        assert_eq!(a.quotes[0].speaker.as_deref(), Some("autoridades"));
        assert_eq!(a.quotes[0].text, "el puerto seguirá cerrado");
    }

    #[test]
    fn a_speaker_with_a_title_after_a_comma_reports_the_clause_before() {
        let text = "The Vidin dam held after the Danube reached a record level, \
                    the mayor Petar Ilkov said on Tuesday.";
        let a = annotate(&article(text, Some("2024-05-16")), None);
        assert_eq!(
            said(&a),
            [(
                Some("Petar Ilkov"),
                "The Vidin dam held after the Danube reached a record level"
            )]
        );
    }

    #[test]
    fn institutions_and_families_speak_as_unnamed_sources() {
        let text = "The coastal navy said it detained 12 smugglers near Zadar. \
                    The boy was found on Sunday, his family said.";
        let a = annotate(&article(text, Some("2024-05-16")), None);
        let said = said(&a);
        assert_eq!(
            said,
            [
                (Some("coastal navy"), "it detained 12 smugglers near Zadar"),
                (Some("family"), "The boy was found on Sunday")
            ]
        );
    }

    #[test]
    fn spans_are_character_offsets_into_the_text() {
        let text = "Kyiv’s mayor said “six homes” burned; 40 people fled on Tuesday.";
        let a = annotate(&article(text, Some("2024-05-16")), None);
        for n in &a.numbers {
            assert_eq!(n.span.slice(text), Some(n.text.as_str()));
        }
        for t in &a.times {
            assert_eq!(t.span.slice(text), Some(t.text.as_str()));
        }
        let forty = a
            .numbers
            .iter()
            .find(|n| n.value.best == Some(40.0))
            .unwrap();
        assert_eq!(forty.unit.as_deref(), Some("people"));
        assert_eq!(a.times[0].value.as_deref(), Some("2024-05-14"));
    }
}
