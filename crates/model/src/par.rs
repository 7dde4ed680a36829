//! Running a pure per-item stage on every core.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

/// Environment variable that caps the threads of the per-article stages
/// (default: every core). `CORROBORATE_THREADS=1` runs everything on one
/// thread: a shared server's limit, and what instruction-count benchmarks
/// need (callgrind counts only the thread that enters the measured function).
pub const THREADS_VAR: &str = "CORROBORATE_THREADS";

/// Threads the per-article stages use: [`THREADS_VAR`] when set to a
/// positive number, else the machine's cores (read once).
pub fn threads() -> usize {
    static THREADS: OnceLock<usize> = OnceLock::new();
    *THREADS.get_or_init(|| {
        std::env::var(THREADS_VAR)
            .ok()
            .and_then(|v| v.trim().parse::<usize>().ok())
            .filter(|&n| n > 0)
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
    })
}

/// Most items a thread takes at a time: few enough that threads finish
/// together when some items (long articles, large stories) cost far more
/// than others, enough that taking them costs nothing. Fewer items are
/// taken at a time when there are few (see [`par_map`]).
const TAKE: usize = 8;

/// `f` over `items` on every core ([`threads`]), results in the items'
/// order. The stages run this way (sketching, annotation, extraction of an
/// article; building one story of a report) are pure functions of their
/// item, so they need no other coordination; threads take the next few
/// items as they finish (one at a time when there are few items), so one
/// slow item does not leave a core idle.
///
/// ```
/// let squares = corroborate_model::par_map(&[1, 2, 3, 4], |x| x * x);
/// assert_eq!(squares, [1, 4, 9, 16]);
/// ```
pub fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = threads().min(items.len());
    if threads < 2 {
        return items.iter().map(f).collect();
    }
    // Eight takes per thread at least, so that the last ones even out.
    let take = (items.len() / (threads * 8)).clamp(1, TAKE);
    let next = AtomicUsize::new(0);
    let mut parts: Vec<(usize, Vec<R>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let start = next.fetch_add(take, Ordering::Relaxed);
                        if start >= items.len() {
                            return done;
                        }
                        let end = (start + take).min(items.len());
                        done.push((start, items[start..end].iter().map(&f).collect()));
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    parts.sort_unstable_by_key(|(start, _)| *start);
    parts.into_iter().flat_map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_order_of_many_uneven_items() {
        let items: Vec<u64> = (0..1000).collect();
        // Uneven work: every 7th item costs far more.
        let got = par_map(&items, |&x| {
            let spin = if x % 7 == 0 { 20_000 } else { 10 };
            (0..spin).fold(x, |acc, i| acc.wrapping_add(i % 3))
                - (0..spin).map(|i| i % 3).sum::<u64>()
        });
        assert_eq!(got, items);
    }

    #[test]
    fn empty_and_single() {
        assert!(par_map(&[] as &[u8], |x| *x).is_empty());
        assert_eq!(par_map(&["a"], |s| s.len()), [1]);
    }
}
