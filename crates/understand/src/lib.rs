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
mod names;
mod places;
mod quotes;
mod render;

pub use corroborate_gazetteer::Gazetteer;
use corroborate_model::{Annotations, Article, NumberMention, Sentence, TimeMention};
use doc::Doc;
pub use render::to_text;

/// Annotates one article. Without a gazetteer, places are left out.
pub fn annotate(article: &Article, gazetteer: Option<&Gazetteer>) -> Annotations {
    let lang = article.language.as_deref().unwrap_or("en");
    let published = article.published_date();
    let doc = Doc::new(&article.text, lang);
    let mut out = Annotations {
        article: article.id.0.clone(),
        language: article.language.clone(),
        published,
        ..Annotations::default()
    };
    for (i, s) in doc.sentences.iter().enumerate() {
        out.sentences.push(Sentence {
            index: i,
            paragraph: s.paragraph,
            span: doc.span(s.start, s.end),
            kind: s.kind,
        });
        let text = &doc.text[s.start..s.end];
        let times = corroborate_text::find_times(text, published, lang);
        let blocked: Vec<(usize, usize)> = times.iter().map(|t| (t.start, t.end)).collect();
        for t in times {
            out.times.push(TimeMention {
                span: doc.span(s.start + t.start, s.start + t.end),
                text: text[t.start..t.end].to_owned(),
                sentence: i,
                kind: t.kind,
                value: t.value,
                range: t.range,
                hours: t.hours,
                rule: t.rule.to_owned(),
                relative: t.relative,
            });
        }
        for n in corroborate_text::find_numbers_outside(text, lang, &blocked) {
            out.numbers.push(NumberMention {
                span: doc.span(s.start + n.start, s.start + n.end),
                text: text[n.start..n.end].to_owned(),
                sentence: i,
                value: n.value,
                kind: n.kind,
                unit: n.unit.map(|(a, b)| text[a..b].to_owned()),
                unit_span: n.unit.map(|(a, b)| doc.span(s.start + a, s.start + b)),
                rule: n.rule.to_owned(),
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
    let (entities, relations) = names::entities(&doc, &found);
    out.quotes = quotes::find(&doc, &entities);
    out.entities = entities;
    out.relations = relations;
    out
}
