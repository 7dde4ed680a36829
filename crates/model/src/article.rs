use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Stable identifier of an article (`SPEC.md` §2): the input's `id` field,
/// else the file name without extension, else the feed or WARC item's URL.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(transparent)]
pub struct ArticleId(pub String);

impl fmt::Display for ArticleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for ArticleId {
    fn from(s: &str) -> Self {
        ArticleId(s.to_owned())
    }
}

/// The kind of input an article came from; decides how its bytes were read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum InputKind {
    /// Plain text: the first line may be a headline or a photo caption.
    Text,
    /// An HTML page; the main text was extracted from it.
    Html,
    /// One line of a JSON Lines file.
    Jsonl,
    /// An item of an RSS feed.
    Rss,
    /// An entry of an Atom feed.
    Atom,
    /// A response record of a WARC file.
    Warc,
}

impl InputKind {
    /// The lower-case name used in the store and in messages.
    pub fn as_str(self) -> &'static str {
        match self {
            InputKind::Text => "text",
            InputKind::Html => "html",
            InputKind::Jsonl => "jsonl",
            InputKind::Rss => "rss",
            InputKind::Atom => "atom",
            InputKind::Warc => "warc",
        }
    }

    /// Parses the name written by [`InputKind::as_str`].
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "text" => InputKind::Text,
            "html" => InputKind::Html,
            "jsonl" => InputKind::Jsonl,
            "rss" => InputKind::Rss,
            "atom" => InputKind::Atom,
            "warc" => InputKind::Warc,
            _ => return None,
        })
    }
}

/// Where an article's publication date came from: relative dates in the text
/// resolve against it, so users need to know how much to trust it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    /// Given by the user with `--published`.
    User,
    /// From the input's metadata (`<meta>`, JSON-LD, feed `pubDate`, JSONL field, WARC date).
    Metadata,
    /// From a dateline at the start of the text ("LYON, France, March 3, 2025 —").
    Dateline,
    /// From a dated photo caption, moved forward to a weekday the text names.
    Caption,
}

impl DateSource {
    /// The snake_case name used in the store and in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::User => "user",
            DateSource::Metadata => "metadata",
            DateSource::Dateline => "dateline",
            DateSource::Caption => "caption",
        }
    }

    /// Parses the name written by [`DateSource::as_str`].
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "user" => DateSource::User,
            "metadata" => DateSource::Metadata,
            "dateline" => DateSource::Dateline,
            "caption" => DateSource::Caption,
            _ => return None,
        })
    }
}

/// A publication date with its provenance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct PublishedDate {
    /// The day of publication.
    pub date: NaiveDate,
    /// How it was found.
    pub source: DateSource,
}

/// One news article after ingest: its extracted text and what is known of it.
///
/// `text` is the canonical extracted text; every span in every later stage
/// indexes into it (character offsets), and `corroborate show` prints it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Stable id (`SPEC.md` §2).
    pub id: ArticleId,
    /// Canonical URL when known.
    pub url: Option<String>,
    /// Publishing outlet ("The Daily Ledger") when known.
    pub outlet: Option<String>,
    /// Headline when known.
    pub title: Option<String>,
    /// Publication date and its provenance, when known.
    pub published: Option<PublishedDate>,
    /// ISO 639-1 language code when known.
    pub language: Option<String>,
    /// The extracted main text; paragraphs separated by `\n`.
    pub text: String,
    /// What kind of input the article came from.
    pub input: InputKind,
    /// The file (and item) it was read from, for messages.
    pub source: String,
}

impl Article {
    /// A plain-text article with only an id, a language and its text (no
    /// URL, outlet, title or date; `source` is the id): for tests,
    /// examples and callers that build articles themselves.
    ///
    /// ```
    /// use corroborate_model::Article;
    /// let a = Article::plain("a1", "en", "Two people were injured.");
    /// assert_eq!((a.id.0.as_str(), a.source.as_str()), ("a1", "a1"));
    /// ```
    pub fn plain(id: &str, language: &str, text: &str) -> Article {
        Article {
            id: ArticleId(id.into()),
            url: None,
            outlet: None,
            title: None,
            published: None,
            language: Some(language.into()),
            text: text.into(),
            input: InputKind::Text,
            source: id.into(),
        }
    }

    /// The publication day, if known.
    pub fn published_date(&self) -> Option<NaiveDate> {
        self.published.map(|p| p.date)
    }

    /// The headline, or else the text's first line, cut to 200 characters.
    pub fn display_title(&self) -> String {
        let t = match &self.title {
            Some(t) if !t.trim().is_empty() => t.trim(),
            _ => self
                .text
                .lines()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("")
                .trim(),
        };
        let mut out: String = t.chars().take(200).collect();
        if t.chars().count() > 200 {
            out.push('…');
        }
        out
    }
}

/// An article as a store holds it: with its place in stories and copy
/// families (the keys are the store's own; only their equality matters).
#[derive(Debug, Clone, PartialEq)]
pub struct StoredArticle {
    /// Store key (ingest order).
    pub key: i64,
    /// The article.
    pub article: Article,
    /// Key of its story.
    pub story: i64,
    /// Key of its copy family (the family's first member).
    pub family: i64,
    /// Key of the stored article it was found to copy, if any.
    pub copy_of: Option<i64>,
    /// Shingle similarity to that article.
    pub copy_similarity: Option<f64>,
}
