//! Inputs (files, directories, stdin) and how each is read into articles.

use crate::decode::{decode_html, decode_plain, header_charset, Decoded};
use crate::html::{extract_html_within, language_code, parse_date_value};
use crate::sniff::{sniff, Sniffed};
use crate::warc::{gzip_or_io, read_records, WarcEvent};
use crate::{feed, jsonl, plain, IngestError};
use chrono::NaiveDate;
use corroborate_model::{Article, ArticleId, DateSource, InputKind, PublishedDate};
use flate2::bufread::MultiGzDecoder;
use std::collections::HashSet;
use std::fmt;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// One input named on the command line (after directories are expanded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file (or, before [`expand_inputs`], a directory).
    Path(PathBuf),
    /// Standard input (`-`).
    Stdin,
}

impl fmt::Display for Input {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Input::Path(p) => write!(f, "{}", p.display()),
            Input::Stdin => f.write_str("-"),
        }
    }
}

/// Limits and overrides for reading inputs.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Publication date for every article read (`--published`), overriding metadata.
    pub published: Option<NaiveDate>,
    /// Largest input read whole (every kind but WARC, which streams).
    pub max_input_bytes: u64,
    /// Largest size a gzip stream may expand to.
    pub max_decompressed_bytes: u64,
    /// Largest WARC record read.
    pub max_record_bytes: u64,
    /// Deepest element nesting of an HTML page (see [`crate::DEFAULT_MAX_HTML_DEPTH`]).
    pub max_html_depth: usize,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            published: None,
            max_input_bytes: 64 << 20,
            max_decompressed_bytes: 4 << 30,
            max_record_bytes: 16 << 20,
            max_html_depth: crate::DEFAULT_MAX_HTML_DEPTH,
        }
    }
}

/// A problem with one input or one item of it. Displays as one line:
/// `path[#item]: reason`.
#[derive(Debug)]
pub struct Problem {
    /// The input (and item) it concerns.
    pub source: String,
    /// What went wrong.
    pub error: IngestError,
}

impl Problem {
    /// Warnings (bytes replaced while decoding) still yield an article.
    pub fn is_warning(&self) -> bool {
        matches!(self.error, IngestError::InvalidBytes { .. })
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.source, self.error)
    }
}

/// What reading an input produces, one item at a time.
#[derive(Debug)]
pub enum Item {
    /// An article ready to store.
    Article(Box<Article>),
    /// An input or item that could not be read, or a warning.
    Problem(Problem),
}

/// Expands directories into the files below them (sorted, hidden files
/// skipped, symbolic-link loops detected). Files and `-` pass through.
pub fn expand_inputs(paths: &[PathBuf]) -> (Vec<Input>, Vec<Problem>) {
    let mut inputs = Vec::new();
    let mut problems = Vec::new();
    let mut seen_dirs = HashSet::new();
    for p in paths {
        if p.as_os_str() == "-" {
            inputs.push(Input::Stdin);
        } else {
            walk(p, &mut inputs, &mut problems, &mut seen_dirs, 0);
        }
    }
    (inputs, problems)
}

const MAX_DEPTH: usize = 64;

fn walk(
    p: &Path,
    inputs: &mut Vec<Input>,
    problems: &mut Vec<Problem>,
    seen: &mut HashSet<PathBuf>,
    depth: usize,
) {
    let problem = |e: IngestError| Problem {
        source: p.display().to_string(),
        error: e,
    };
    let meta = match std::fs::metadata(p) {
        Ok(m) => m,
        Err(e) => return problems.push(problem(e.into())),
    };
    if !meta.is_dir() {
        inputs.push(Input::Path(p.to_path_buf()));
        return;
    }
    let canonical = std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    if !seen.insert(canonical) || depth > MAX_DEPTH {
        return problems.push(problem(IngestError::LinkLoop));
    }
    let entries = match std::fs::read_dir(p) {
        Ok(rd) => rd,
        Err(e) => return problems.push(problem(e.into())),
    };
    let mut children: Vec<PathBuf> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|c| {
            !c.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'))
        })
        .collect();
    children.sort();
    for c in children {
        walk(&c, inputs, problems, seen, depth + 1);
    }
}

/// Reads one input, handing each article (or problem) to `sink` as soon as
/// it is read. Never panics on bad bytes: every failure becomes a [`Problem`].
pub fn read_input(input: &Input, opts: &IngestOptions, sink: &mut dyn FnMut(Item)) {
    let name = input.to_string();
    let result = match input {
        Input::Stdin => read_all(std::io::stdin().lock(), opts.max_input_bytes).and_then(|bytes| {
            Reader {
                name: &name,
                stem: "stdin".into(),
                ext: None,
                opts,
                sink,
            }
            .bytes(bytes, true)
        }),
        Input::Path(p) => read_file(p, &name, opts, sink),
    };
    if let Err(error) = result {
        sink(Item::Problem(Problem {
            source: name,
            error,
        }));
    }
}

/// Reads one input already held in memory (an upload), as [`read_input`]
/// reads a file: `name` names it in problems and gives plain-text articles
/// their id; `extension` (`"html"`, `"jsonl"`, `"txt"`…) is the hint a file
/// name would give, and the bytes are sniffed either way. Gzip is expanded
/// within [`IngestOptions::max_decompressed_bytes`].
///
/// ```
/// use corroborate_ingest::{read_bytes, IngestOptions, Item};
/// let mut ids = Vec::new();
/// read_bytes("note", Some("txt"), b"Rain fell.".to_vec(), &IngestOptions::default(), &mut |item| {
///     if let Item::Article(a) = item { ids.push(a.id.0.clone()) }
/// });
/// assert_eq!(ids, ["note"]);
/// ```
pub fn read_bytes(
    name: &str,
    extension: Option<&str>,
    bytes: Vec<u8>,
    opts: &IngestOptions,
    sink: &mut dyn FnMut(Item),
) {
    let result = if bytes.len() as u64 > opts.max_input_bytes {
        Err(IngestError::TooLarge {
            size: bytes.len() as u64,
            limit: opts.max_input_bytes,
        })
    } else {
        Reader {
            name,
            stem: name.to_owned(),
            ext: extension.map(str::to_ascii_lowercase),
            opts,
            sink,
        }
        .bytes(bytes, true)
    };
    if let Err(error) = result {
        sink(Item::Problem(Problem {
            source: name.to_owned(),
            error,
        }));
    }
}

fn read_file(
    p: &Path,
    name: &str,
    opts: &IngestOptions,
    sink: &mut dyn FnMut(Item),
) -> Result<(), IngestError> {
    let file = File::open(p)?;
    let size = file.metadata()?.len();
    let (stem, ext) = stem_and_extension(p);
    let mut reader = BufReader::with_capacity(64 * 1024, file);
    let head = reader.fill_buf()?.to_vec();
    if head.is_empty() {
        return Err(IngestError::Empty);
    }
    let mut r = Reader {
        name,
        stem,
        ext,
        opts,
        sink,
    };
    match sniff(&head, r.ext.as_deref()) {
        Sniffed::Warc => r.warc(reader),
        Sniffed::Gzip if gzip_head_is_warc(&head) => {
            r.warc(BufReader::new(MultiGzDecoder::new(reader)))
        }
        _ if size > opts.max_input_bytes => Err(IngestError::TooLarge {
            size,
            limit: opts.max_input_bytes,
        }),
        _ => {
            let bytes = read_all(reader, opts.max_input_bytes)?;
            r.bytes(bytes, true)
        }
    }
}

fn gzip_head_is_warc(head: &[u8]) -> bool {
    let mut buf = [0u8; 8];
    let mut d = flate2::read::MultiGzDecoder::new(head);
    let mut n = 0;
    while n < buf.len() {
        match d.read(&mut buf[n..]) {
            Ok(0) | Err(_) => break,
            Ok(k) => n += k,
        }
    }
    buf[..n].starts_with(b"WARC/")
}

fn read_all<R: Read>(r: R, limit: u64) -> Result<Vec<u8>, IngestError> {
    let mut bytes = Vec::new();
    r.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(gzip_or_io)?;
    if bytes.len() as u64 > limit {
        return Err(IngestError::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

/// `A_reuters.txt` → (`A_reuters`, `txt`); `crawl.warc.gz` → (`crawl`, `gz`).
fn stem_and_extension(p: &Path) -> (String, Option<String>) {
    let file = p
        .file_name()
        .and_then(|f| f.to_str())
        .unwrap_or("input")
        .to_owned();
    let lower = file.to_ascii_lowercase();
    let ext = p
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase());
    let mut stem = p
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or(&file)
        .to_owned();
    for double in [".warc", ".html", ".htm", ".jsonl", ".xml", ".txt"] {
        if lower.ends_with(&format!("{double}.gz")) {
            stem.truncate(stem.len().saturating_sub(double.len()));
        }
    }
    (stem, ext)
}

/// Fields of an article as read, before the publication date and the
/// language are settled ([`finish_article`]).
#[derive(Debug, Clone)]
pub struct Draft {
    /// The article id.
    pub id: String,
    /// Its URL.
    pub url: Option<String>,
    /// The outlet that published it.
    pub outlet: Option<String>,
    /// Its headline.
    pub title: Option<String>,
    /// Its publication day from metadata.
    pub published: Option<NaiveDate>,
    /// Its language from metadata.
    pub language: Option<String>,
    /// Its extracted text.
    pub text: String,
    /// The kind of input it came from.
    pub kind: InputKind,
    /// The file (and item), or URL, it was read from.
    pub source: String,
}

/// Settles a draft into an article: publication date from the user
/// (`opts.published`), metadata or the text, in that order; language from
/// metadata or detection. Every reader finishes articles this way.
pub fn finish_article(d: Draft, opts: &IngestOptions) -> Article {
    let published = match (opts.published, d.published) {
        (Some(date), _) => Some(PublishedDate {
            date,
            source: DateSource::User,
        }),
        (None, Some(date)) => Some(PublishedDate {
            date,
            source: DateSource::Metadata,
        }),
        (None, None) => corroborate_text::published_from_text(&d.text)
            .map(|(date, source)| PublishedDate { date, source }),
    };
    let language = d.language.or_else(|| detect_language(&d.text));
    Article {
        id: ArticleId(d.id),
        url: d.url,
        outlet: d.outlet,
        title: d.title,
        published,
        language,
        text: d.text,
        input: d.kind,
        source: d.source,
    }
}

/// Decodes a fetched HTML page (`content_type`: the HTTP header, whose
/// charset wins over the page's own declaration) and extracts its main
/// content and metadata, within `opts.max_html_depth`.
pub fn extract_page(
    bytes: &[u8],
    content_type: Option<&str>,
    opts: &IngestOptions,
) -> Result<crate::HtmlDocument, IngestError> {
    if bytes.is_empty() {
        return Err(IngestError::Empty);
    }
    if bytes.len() as u64 > opts.max_input_bytes {
        return Err(IngestError::TooLarge {
            size: bytes.len() as u64,
            limit: opts.max_input_bytes,
        });
    }
    if matches!(sniff(bytes, Some("html")), Sniffed::Binary | Sniffed::Gzip) {
        return Err(IngestError::Binary);
    }
    let decoded = decode_html(bytes, content_type.and_then(header_charset));
    extract_html_within(&decoded.text, opts.max_html_depth)
}

struct Reader<'a> {
    name: &'a str,
    stem: String,
    ext: Option<String>,
    opts: &'a IngestOptions,
    sink: &'a mut dyn FnMut(Item),
}

impl Reader<'_> {
    fn problem(&mut self, source: String, error: IngestError) {
        (self.sink)(Item::Problem(Problem { source, error }));
    }

    /// Sends a finished article: publication date from the user, metadata or
    /// the text (in that order), language from metadata or detection.
    fn emit(&mut self, d: Draft) {
        let article = finish_article(d, self.opts);
        (self.sink)(Item::Article(Box::new(article)));
    }

    /// Reads a whole input held in memory, of whatever kind its bytes show.
    fn bytes(&mut self, bytes: Vec<u8>, allow_gzip: bool) -> Result<(), IngestError> {
        if bytes.is_empty() {
            return Err(IngestError::Empty);
        }
        match sniff(&bytes, self.ext.as_deref()) {
            Sniffed::Gzip if allow_gzip => {
                let inflated = read_all(
                    MultiGzDecoder::new(&bytes[..]),
                    self.opts
                        .max_decompressed_bytes
                        .min(self.opts.max_input_bytes),
                )
                .map_err(|e| match e {
                    IngestError::TooLarge { limit, .. } => IngestError::DecompressionBomb { limit },
                    other => other,
                })?;
                self.ext = None;
                self.bytes(inflated, false)
            }
            Sniffed::Gzip | Sniffed::Binary => Err(IngestError::Binary),
            Sniffed::Warc => self.warc(&bytes[..]),
            Sniffed::Html => {
                let decoded = decode_html(&bytes, None);
                self.html(decoded, self.stem.clone(), None, None, self.name.to_owned())
            }
            Sniffed::Rss | Sniffed::Atom => self.feed(&bytes),
            Sniffed::Jsonl => self.jsonl(&bytes),
            Sniffed::Text => {
                let decoded = decode_plain(&bytes);
                self.warn_if_replaced(&decoded, self.name.to_owned());
                let text = crate::html::tidy(&decoded.text);
                if text.is_empty() {
                    return Err(IngestError::NoText);
                }
                let title = plain::headline(&text);
                let draft = Draft {
                    id: self.stem.clone(),
                    url: None,
                    outlet: None,
                    title,
                    published: None,
                    language: None,
                    text,
                    kind: InputKind::Text,
                    source: self.name.to_owned(),
                };
                self.emit(draft);
                Ok(())
            }
        }
    }

    fn warn_if_replaced(&mut self, decoded: &Decoded, source: String) {
        if decoded.replaced {
            self.problem(
                source,
                IngestError::InvalidBytes {
                    encoding: decoded.encoding,
                },
            );
        }
    }

    fn html(
        &mut self,
        decoded: Decoded,
        id: String,
        url: Option<String>,
        kind: Option<InputKind>,
        source: String,
    ) -> Result<(), IngestError> {
        self.warn_if_replaced(&decoded, source.clone());
        let doc = extract_html_within(&decoded.text, self.opts.max_html_depth)?;
        let draft = Draft {
            id,
            url: doc.url.or(url),
            outlet: doc.outlet,
            title: doc.title,
            published: doc.published,
            language: doc.language,
            text: doc.text,
            kind: kind.unwrap_or(InputKind::Html),
            source,
        };
        self.emit(draft);
        Ok(())
    }

    fn feed(&mut self, bytes: &[u8]) -> Result<(), IngestError> {
        let kind = if sniff(bytes, None) == Sniffed::Atom {
            InputKind::Atom
        } else {
            InputKind::Rss
        };
        let (outlet, items) = feed::parse(bytes)?;
        if items.is_empty() {
            return Err(IngestError::NoText);
        }
        for item in items {
            let source = format!("{}#{}", self.name, item.id);
            let draft = Draft {
                id: item.id,
                url: item.url,
                outlet: outlet.clone(),
                title: item.title,
                published: item.published,
                language: item.language,
                text: item.text,
                kind,
                source,
            };
            self.emit(draft);
        }
        Ok(())
    }

    fn jsonl(&mut self, bytes: &[u8]) -> Result<(), IngestError> {
        let decoded = decode_plain(bytes);
        self.warn_if_replaced(&decoded, self.name.to_owned());
        for (i, line) in decoded.text.lines().enumerate() {
            let number = i + 1;
            let source = format!("{}#{number}", self.name);
            let record = match jsonl::parse_line(line, number) {
                Ok(Some(r)) => r,
                Ok(None) => continue,
                Err(e) => {
                    self.problem(self.name.to_owned(), e);
                    continue;
                }
            };
            let id = record
                .id_string()
                .or_else(|| record.url.clone())
                .unwrap_or_else(|| format!("{}#{number}", self.stem));
            let published = record.published.as_deref().and_then(parse_date_value);
            let language = record.language.as_deref().and_then(language_code);
            let outcome = match (&record.text, &record.html) {
                (Some(text), _) if !text.trim().is_empty() => {
                    let text = crate::html::tidy(&crate::decode::clean(text));
                    let draft = Draft {
                        id,
                        url: record.url,
                        outlet: record.outlet,
                        title: record.title,
                        published,
                        language,
                        text,
                        kind: InputKind::Jsonl,
                        source,
                    };
                    self.emit(draft);
                    Ok(())
                }
                (_, Some(html)) => {
                    extract_html_within(&crate::decode::clean(html), self.opts.max_html_depth).map(
                        |doc| {
                            let draft = Draft {
                                id,
                                url: record.url.or(doc.url),
                                outlet: record.outlet.or(doc.outlet),
                                title: record.title.or(doc.title),
                                published: published.or(doc.published),
                                language: language.or(doc.language),
                                text: doc.text,
                                kind: InputKind::Jsonl,
                                source: source.clone(),
                            };
                            self.emit(draft);
                        },
                    )
                }
                _ => Err(IngestError::NoText),
            };
            if let Err(e) = outcome {
                self.problem(format!("{}#{number}", self.name), e);
            }
        }
        Ok(())
    }

    fn warc<R: BufRead>(&mut self, reader: R) -> Result<(), IngestError> {
        let max_record = self.opts.max_record_bytes;
        let limit = self.opts.max_decompressed_bytes;
        // Bound what a compressed crawl may expand to.
        let mut counted = CountingReader {
            inner: reader,
            read: 0,
            limit,
        };
        let mut pages = 0usize;
        let result = read_records(&mut counted, max_record, &mut |event| match event {
            WarcEvent::Problem(uri, e) => self.problem(format!("{}#{uri}", self.name), e),
            WarcEvent::Page(page) => {
                pages += 1;
                // A response without a target URI is still an article: its
                // id is the file and its place among the pages (found by
                // fuzzing: it used to get an empty id).
                let uri = page.uri.trim();
                let (id, url) = if uri.is_empty() {
                    (format!("{}#page{pages}", self.stem), None)
                } else {
                    (uri.to_owned(), Some(uri.to_owned()))
                };
                let source = format!("{}#{}", self.name, id);
                let charset = page.http_content_type.as_deref().and_then(header_charset);
                let decoded = decode_html(&page.body, charset);
                if let Err(e) = self.html(decoded, id, url, Some(InputKind::Warc), source.clone()) {
                    self.problem(source, e);
                }
            }
        });
        if counted.read > limit {
            return Err(IngestError::DecompressionBomb { limit });
        }
        result
    }
}

/// Counts bytes read and reports end-of-input once past the limit.
struct CountingReader<R> {
    inner: R,
    read: u64,
    limit: u64,
}

impl<R: BufRead> Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.read > self.limit {
            return Ok(0);
        }
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for CountingReader<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        if self.read > self.limit {
            return Ok(&[]);
        }
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        self.read += amt as u64;
        self.inner.consume(amt);
    }
}

/// ISO 639-1 code of the text's language, when detection is reliable.
fn detect_language(text: &str) -> Option<String> {
    let sample: String = text.chars().take(2000).collect();
    let info = whatlang::detect(&sample)?;
    if !info.is_reliable() && sample.chars().count() > 200 {
        return None;
    }
    let code = match info.lang() {
        whatlang::Lang::Eng => "en",
        whatlang::Lang::Ukr => "uk",
        whatlang::Lang::Rus => "ru",
        whatlang::Lang::Spa => "es",
        whatlang::Lang::Deu => "de",
        whatlang::Lang::Fra => "fr",
        whatlang::Lang::Ita => "it",
        whatlang::Lang::Hrv => "hr",
        whatlang::Lang::Pol => "pl",
        whatlang::Lang::Por => "pt",
        whatlang::Lang::Nld => "nl",
        whatlang::Lang::Ces => "cs",
        whatlang::Lang::Srp => "sr",
        whatlang::Lang::Slv => "sl",
        whatlang::Lang::Slk => "sk",
        whatlang::Lang::Bul => "bg",
        whatlang::Lang::Ron => "ro",
        whatlang::Lang::Hun => "hu",
        whatlang::Lang::Swe => "sv",
        whatlang::Lang::Dan => "da",
        whatlang::Lang::Fin => "fi",
        whatlang::Lang::Est => "et",
        whatlang::Lang::Lit => "lt",
        whatlang::Lang::Lav => "lv",
        whatlang::Lang::Tur => "tr",
        whatlang::Lang::Ara => "ar",
        whatlang::Lang::Heb => "he",
        whatlang::Lang::Jpn => "ja",
        whatlang::Lang::Kor => "ko",
        whatlang::Lang::Cmn => "zh",
        whatlang::Lang::Ind => "id",
        whatlang::Lang::Ell => "el",
        whatlang::Lang::Bel => "be",
        whatlang::Lang::Kat => "ka",
        whatlang::Lang::Hin => "hi",
        whatlang::Lang::Pes => "fa",
        _ => return None,
    };
    Some(code.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_warc_response_without_target_uri_gets_an_id() {
        // Regression: found by the `warc` fuzz target (empty article id).
        let body = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>Storm damaged 40 homes in Sarnica on Monday, the council said.</p></body></html>";
        let warc = format!(
            "WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{body}\r\n\r\n",
            body.len()
        );
        let mut ids = Vec::new();
        read_bytes(
            "crawl",
            Some("warc"),
            warc.into_bytes(),
            &IngestOptions::default(),
            &mut |item| {
                if let Item::Article(a) = item {
                    ids.push((a.id.0.clone(), a.url.clone()));
                }
            },
        );
        assert_eq!(ids, [("crawl#page1".to_owned(), None)]);
    }

    #[test]
    fn stems_drop_compound_extensions() {
        assert_eq!(
            stem_and_extension(Path::new("d/A_reuters.txt")).0,
            "A_reuters"
        );
        assert_eq!(stem_and_extension(Path::new("crawl.warc.gz")).0, "crawl");
        assert_eq!(stem_and_extension(Path::new("page.html.gz")).0, "page");
        assert_eq!(stem_and_extension(Path::new("noext")).0, "noext");
    }

    #[test]
    fn languages_are_detected_on_long_text() {
        let uk = "Унаслідок атаки поранено шестеро людей, серед них трирічна дівчинка. Пошкоджено понад сорок житлових будинків.";
        assert_eq!(detect_language(uk).as_deref(), Some("uk"));
    }
}
