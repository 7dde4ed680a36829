//! The side-by-side story view's layout, apart from its markup: which
//! sentences of which articles share a row, and which words of each
//! sentence to light up for which fact.

use corroborate_model::{FactStatus, Report, Span};
use std::collections::HashMap;

/// How a highlighted value stands (one CSS class each, with a legend).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tone {
    /// Agrees with the consensus of independent sources.
    Agree,
    /// Stated by one independent source only.
    Single,
    /// Disagrees with the consensus, or flagged by a discrepancy.
    Conflict,
}

impl Tone {
    /// CSS class.
    pub fn class(self) -> &'static str {
        match self {
            Tone::Agree => "agree",
            Tone::Single => "single",
            Tone::Conflict => "conflict",
        }
    }

    /// Tone of a supporting statement of a fact with `status`.
    pub fn of_support(status: FactStatus) -> Tone {
        match status {
            FactStatus::SingleSource => Tone::Single,
            FactStatus::Corroborated | FactStatus::Conflict => Tone::Agree,
        }
    }
}

/// Words of one article to light up: a character span, the facts (or
/// discrepancies) it is evidence of, and how it stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    /// Character span in the article text.
    pub span: Span,
    /// Fact or discrepancy id (`s1e2f0`, `s1d3`).
    pub target: String,
    /// Agreeing, single-source or conflicting.
    pub tone: Tone,
}

/// A stretch of a sentence with the marks that cover it.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece<'a> {
    /// The text.
    pub text: &'a str,
    /// Ids of the facts it is evidence of (empty: plain text), strongest first.
    pub targets: Vec<&'a str>,
    /// The strongest tone among them.
    pub tone: Option<Tone>,
}

/// Cuts `text[span]` (character span) into pieces at every mark boundary.
/// `bytes` is [`corroborate_text::char_byte_offsets`] of `text`.
pub fn pieces<'a>(text: &'a str, bytes: &[usize], span: Span, marks: &'a [Mark]) -> Vec<Piece<'a>> {
    let end_char = span.end.min(bytes.len().saturating_sub(1));
    let start_char = span.start.min(end_char);
    let inside: Vec<&Mark> = marks
        .iter()
        .filter(|m| m.span.start < end_char && m.span.end > start_char)
        .collect();
    let mut cuts = vec![start_char, end_char];
    for m in &inside {
        cuts.push(m.span.start.clamp(start_char, end_char));
        cuts.push(m.span.end.clamp(start_char, end_char));
    }
    cuts.sort_unstable();
    cuts.dedup();
    // (first byte, end byte, targets, tone) per stretch.
    let mut runs: Vec<(usize, usize, Vec<&'a str>, Option<Tone>)> = Vec::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let mut covering: Vec<&Mark> = inside
            .iter()
            .copied()
            .filter(|m| m.span.start <= a && m.span.end >= b)
            .collect();
        covering.sort_by(|x, y| y.tone.cmp(&x.tone).then(x.target.cmp(&y.target)));
        covering.dedup_by(|x, y| x.target == y.target);
        let targets: Vec<&'a str> = covering.iter().map(|m| m.target.as_str()).collect();
        match runs.last_mut() {
            // Neighbours under the same marks are one piece.
            Some(last) if last.2 == targets => last.1 = bytes[b],
            _ => runs.push((
                bytes[a],
                bytes[b],
                targets,
                covering.first().map(|m| m.tone),
            )),
        }
    }
    runs.into_iter()
        .map(|(from, to, targets, tone)| Piece {
            text: &text[from..to],
            targets,
            tone,
        })
        .collect()
}

/// Every mark of every article of a one-story report: fact values (their
/// value span, else their sentence) and discrepancies' evidence (the
/// stated words when the sentence contains them, else the sentence).
pub fn marks(report: &Report, texts: &HashMap<&str, &str>) -> HashMap<String, Vec<Mark>> {
    let mut out: HashMap<String, Vec<Mark>> = HashMap::new();
    for story in &report.stories {
        for e in &story.events {
            for (i, f) in e.facts.iter().enumerate() {
                let target = fact_id(&e.id, i);
                let stated = f
                    .support
                    .iter()
                    .map(|s| (s, Tone::of_support(f.status)))
                    .chain(f.conflicting.iter().map(|s| (s, Tone::Conflict)));
                for (s, tone) in stated {
                    out.entry(s.article.0.clone()).or_default().push(Mark {
                        span: s.value_span.unwrap_or(s.span),
                        target: target.clone(),
                        tone,
                    });
                }
            }
        }
        for (i, d) in story.discrepancies.iter().enumerate() {
            let target = discrepancy_id(&story.id, i);
            for ev in &d.evidence {
                let text = texts.get(ev.article.0.as_str()).copied().unwrap_or("");
                let span = if ev.article == d.article {
                    find_in(text, ev.span, &d.stated).unwrap_or(ev.span)
                } else {
                    ev.span
                };
                out.entry(ev.article.0.clone()).or_default().push(Mark {
                    span,
                    target: target.clone(),
                    tone: Tone::Conflict,
                });
            }
        }
    }
    out
}

/// Id of the `i`-th fact of event `event`.
pub fn fact_id(event: &str, i: usize) -> String {
    format!("{event}f{i}")
}

/// Id of the `i`-th discrepancy of story `story`.
pub fn discrepancy_id(story: &str, i: usize) -> String {
    format!("{story}d{i}")
}

/// The character span of `needle` inside `text[within]`, if it occurs there.
fn find_in(text: &str, within: Span, needle: &str) -> Option<Span> {
    let needle = needle.trim();
    if needle.is_empty() {
        return None;
    }
    let bytes = corroborate_text::char_byte_offsets(text);
    let (from, to) = (*bytes.get(within.start)?, *bytes.get(within.end)?);
    let at = text.get(from..to)?.find(needle)? + from;
    let start = bytes.partition_point(|&b| b < at);
    let end = bytes.partition_point(|&b| b < at + needle.len());
    Some(Span::new(start, end))
}

/// A sentence of the view: (column, sentence index in that column).
pub type Cell = (usize, usize);

/// One row of the side-by-side view: per column, the indices of the
/// sentences shown in it (most often one, or none).
pub type Row = Vec<Vec<usize>>;

/// Lays out the sentences of `counts.len()` articles (column `c` has
/// `counts[c]` sentences) in rows so that aligned sentences share a row and
/// every column still reads in order. `pairs` are aligned sentences
/// `((column, sentence), (column, sentence))`.
///
/// The first column gives the backbone; each later column's sentence joins
/// the row of a sentence it is aligned with when that row lies below the
/// column's previous sentence, and otherwise gets a row of its own right
/// after it.
pub fn rows(counts: &[usize], pairs: &[(Cell, Cell)]) -> Vec<Row> {
    let offsets: Vec<usize> = counts
        .iter()
        .scan(0, |acc, n| {
            let o = *acc;
            *acc += n;
            Some(o)
        })
        .collect();
    let node = |(c, s): Cell| offsets.get(c).map(|o| o + s);
    let total: usize = counts.iter().sum();
    let mut parent: Vec<usize> = (0..total).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    for &(a, b) in pairs {
        let (Some(x), Some(y)) = (node(a), node(b)) else {
            continue;
        };
        if x >= total || y >= total || a.1 >= counts[a.0] || b.1 >= counts[b.0] {
            continue;
        }
        let (rx, ry) = (find(&mut parent, x), find(&mut parent, y));
        parent[rx] = ry;
    }
    let mut out: Vec<(usize, Row)> = Vec::new(); // (component, cells)
    for (c, &n) in counts.iter().enumerate() {
        let mut last: Option<usize> = None;
        for s in 0..n {
            let comp = find(&mut parent, offsets[c] + s);
            let joined = out
                .iter()
                .position(|(k, _)| *k == comp)
                .filter(|&pos| last.is_none_or(|l| pos > l));
            let same_row = last.filter(|&l| out[l].0 == comp);
            let pos = match (same_row, joined) {
                (Some(l), _) => l,
                (None, Some(p)) => p,
                (None, None) => {
                    let at = last.map_or(0, |l| l + 1);
                    out.insert(at, (comp, vec![Vec::new(); counts.len()]));
                    at
                }
            };
            out[pos].1[c].push(s);
            last = Some(pos);
        }
    }
    out.into_iter().map(|(_, cells)| cells).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligned_sentences_share_rows_and_columns_keep_their_order() {
        // A: a0 a1 a2 ; B: b0 (new) b1~a0 b2~a2 ; C: c0~a2 c1~a0 (crossing)
        let rows = rows(
            &[3, 3, 2],
            &[
                ((1, 1), (0, 0)),
                ((1, 2), (0, 2)),
                ((2, 0), (0, 2)),
                ((2, 1), (0, 0)),
            ],
        );
        let col = |c: usize| -> Vec<usize> { rows.iter().flat_map(|r| r[c].clone()).collect() };
        for c in 0..3 {
            let mut sorted = col(c);
            sorted.sort_unstable();
            assert_eq!(col(c), sorted, "column {c} reads in order");
        }
        let row_of = |c: usize, s: usize| rows.iter().position(|r| r[c].contains(&s)).unwrap();
        assert_eq!(row_of(1, 1), row_of(0, 0));
        assert_eq!(row_of(1, 2), row_of(0, 2));
        assert_eq!(row_of(2, 0), row_of(0, 2));
        assert!(
            row_of(2, 1) > row_of(2, 0),
            "the crossing pair gets a row of its own"
        );
        assert!(row_of(1, 0) < row_of(1, 1));
        assert_eq!(
            rows.iter()
                .map(|r| r.iter().map(Vec::len).sum::<usize>())
                .sum::<usize>(),
            8
        );
    }

    #[test]
    fn out_of_range_pairs_are_ignored() {
        let r = rows(&[1, 1], &[((0, 5), (1, 0)), ((7, 0), (0, 0))]);
        assert_eq!(r.len(), 2);
    }

    #[test]
    fn pieces_split_at_marks_and_keep_the_strongest_tone() {
        let text = "Six people, incl. a child, were hurt.";
        let bytes = corroborate_text::char_byte_offsets(text);
        let marks = [
            Mark {
                span: Span::new(0, 3),
                target: "f1".into(),
                tone: Tone::Agree,
            },
            Mark {
                span: Span::new(0, 10),
                target: "d0".into(),
                tone: Tone::Conflict,
            },
        ];
        let p = pieces(text, &bytes, Span::new(0, text.chars().count()), &marks);
        assert_eq!(p[0].text, "Six");
        assert_eq!(p[0].targets, ["d0", "f1"]);
        assert_eq!(p[0].tone, Some(Tone::Conflict));
        assert_eq!(p[1].text, " people");
        assert_eq!(p[1].targets, ["d0"]);
        assert_eq!(p[2].targets, Vec::<&str>::new());
        assert_eq!(p.iter().map(|x| x.text).collect::<String>(), text);
    }

    #[test]
    fn pieces_handle_multibyte_text_and_spans_past_the_end() {
        let text = "Київ: 5 поранених";
        let bytes = corroborate_text::char_byte_offsets(text);
        let marks = [Mark {
            span: Span::new(6, 99),
            target: "f".into(),
            tone: Tone::Single,
        }];
        let p = pieces(text, &bytes, Span::new(0, 99), &marks);
        assert_eq!(p.iter().map(|x| x.text).collect::<String>(), text);
        assert_eq!(p.last().unwrap().text, "5 поранених");
    }
}
