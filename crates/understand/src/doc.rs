//! The article as this stage sees it: sentences, tokens with byte offsets,
//! and the byte → character map that turns offsets into report spans.

use corroborate_model::Span;
use corroborate_text::{fold_word, split_sentences, words, SentenceSpan};
use std::collections::HashSet;

/// One word of the article.
#[derive(Debug, Clone)]
pub(crate) struct Token {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset one past the end.
    pub end: usize,
    /// Index of the sentence it is in.
    pub sentence: usize,
    /// Folded form (lower case, no accents), a possessive `'s` removed.
    pub folded: String,
    /// Whether the word starts with an upper-case letter.
    pub capital: bool,
    /// Whether the word ends in a possessive `'s` / `’s` / `'`.
    pub possessive: bool,
}

/// An article split for annotation.
pub(crate) struct Doc<'a> {
    pub text: &'a str,
    /// Language code used for lexicon lookups.
    pub lang: &'a str,
    pub sentences: Vec<SentenceSpan>,
    pub tokens: Vec<Token>,
    /// Folded words the article writes in lower case somewhere: a capitalised
    /// sentence opener among them is a common word, not a name.
    pub lower_words: HashSet<String>,
    char_of_byte: Vec<u32>,
}

impl<'a> Doc<'a> {
    pub fn new(text: &'a str, lang: &'a str) -> Self {
        let sentences = split_sentences(text);
        let mut char_of_byte = vec![0u32; text.len() + 1];
        let mut n = 0u32;
        for (b, c) in text.char_indices() {
            for slot in &mut char_of_byte[b..b + c.len_utf8()] {
                *slot = n;
            }
            n += 1;
        }
        char_of_byte[text.len()] = n;
        let mut tokens = Vec::new();
        let mut lower_words = HashSet::new();
        for (si, s) in sentences.iter().enumerate() {
            for w in words(&text[s.start..s.end]) {
                let raw = w.text;
                let first = raw.chars().next().unwrap_or(' ');
                let mut folded = fold_word(raw);
                let possessive = folded.ends_with("'s") || folded.ends_with('\'');
                if folded.ends_with("'s") {
                    folded.truncate(folded.len() - 2);
                }
                if first.is_lowercase() {
                    lower_words.insert(folded.clone());
                }
                tokens.push(Token {
                    start: s.start + w.start,
                    end: s.start + w.end,
                    sentence: si,
                    folded,
                    capital: first.is_uppercase(),
                    possessive,
                });
            }
        }
        Doc {
            text,
            lang,
            sentences,
            tokens,
            lower_words,
            char_of_byte,
        }
    }

    /// The character span of a byte range.
    pub fn span(&self, start: usize, end: usize) -> Span {
        let at = |b: usize| self.char_of_byte[b.min(self.text.len())] as usize;
        Span::new(at(start), at(end))
    }

    /// Index of the token at or after byte `b`.
    pub fn token_at_or_after(&self, b: usize) -> Option<usize> {
        let i = self.tokens.partition_point(|t| t.start < b);
        (i < self.tokens.len()).then_some(i)
    }

    /// Index of the last token ending at or before byte `b`.
    pub fn token_before(&self, b: usize) -> Option<usize> {
        self.tokens.partition_point(|t| t.end <= b).checked_sub(1)
    }

    /// The byte range of a character span.
    pub fn byte_range(&self, span: Span) -> (usize, usize) {
        let byte = |c: usize| self.char_of_byte.partition_point(|&x| (x as usize) < c);
        (byte(span.start), byte(span.end))
    }

    /// Text between two byte offsets (empty when reversed).
    pub fn gap(&self, a: usize, b: usize) -> &'a str {
        self.text.get(a..b).unwrap_or("")
    }

    /// The article text of a token range (inclusive), possessive kept.
    pub fn words_text(&self, first: usize, last: usize) -> &'a str {
        &self.text[self.tokens[first].start..self.tokens[last].end]
    }

    /// The indices of sentence `si`'s tokens (tokens are in sentence
    /// order, so a sentence's are one run).
    pub fn sentence_tokens(&self, si: usize) -> std::ops::Range<usize> {
        let first = self.tokens.partition_point(|t| t.sentence < si);
        let last = self.tokens.partition_point(|t| t.sentence <= si);
        first..last
    }

    /// The token text with a possessive ending removed.
    pub fn bare(&self, i: usize) -> &'a str {
        let t = &self.tokens[i];
        let s = &self.text[t.start..t.end];
        if t.possessive {
            s.trim_end_matches(['s', 'S'])
                .trim_end_matches(['\'', '’', 'ʼ'])
        } else {
            s
        }
    }
}
