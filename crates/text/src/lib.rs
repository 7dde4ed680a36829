//! Text understanding for corroborate.
//!
//! Today: word tokens with offsets, absolute dates in the month and weekday
//! names of the languages in `lexicons/`, and the publication date read off a
//! dateline or a dated photo caption. The understanding layer (numbers,
//! relative times, places, people, quotes) grows here.
//!
//! Every function is a pure function of its input text plus read-only
//! lexicons, so stages can run it on any number of threads.

mod anchors;
mod dates;
mod grammar;
mod lexicon;
mod measures;
mod numbers;
mod pubdate;
mod sentences;
mod times;
mod tokens;

pub use anchors::{cross_anchor_sequence, cross_anchor_spans};
pub use dates::{find_dates, find_dates_in, DateMention, DateRule};
pub use lexicon::{lexicon_lang, shared, Lexicon};
pub use measures::measure_of;
pub use numbers::{find_numbers, find_numbers_outside, NumberFound};
pub use pubdate::{is_caption, published_from_text};
pub use sentences::{is_headline, split_sentences, SentenceSpan};
pub use times::{find_times, shift_date, TimeFound};
pub use tokens::{
    char_byte_offsets, content_word, content_words, content_words_in, fold_word, is_function_word,
    is_stopword, name_key, words, Word,
};
