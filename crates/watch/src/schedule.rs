//! Politeness: requests to one site are spaced by a minimum delay and
//! limited in number at once, while other sites proceed — a slow or broken
//! host holds only its own slots, never the workers others are waiting for.

use std::collections::{HashMap, VecDeque};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};
use url::Url;

/// The politeness key of a URL: scheme, host and port (the scope of a
/// `robots.txt`).
///
/// ```
/// let u = url::Url::parse("https://News.example:8443/a?b").unwrap();
/// assert_eq!(corroborate_watch::origin(&u), "https://news.example:8443");
/// ```
pub fn origin(url: &Url) -> String {
    url.origin().ascii_serialization()
}

/// When each site may next be asked, remembered across cycles.
#[derive(Debug, Default)]
pub struct HostClock {
    next: Mutex<HashMap<String, Instant>>,
}

/// Per-site limits.
#[derive(Debug, Clone, Copy)]
pub struct Politeness {
    /// Shortest time between the starts of two requests to one site.
    pub delay: Duration,
    /// Most requests to one site at once.
    pub per_host: usize,
    /// Most requests at once over all sites (worker threads).
    pub workers: usize,
}

impl Default for Politeness {
    fn default() -> Self {
        Politeness {
            delay: Duration::from_secs(1),
            per_host: 1,
            workers: 16,
        }
    }
}

struct Queue<T> {
    tasks: HashMap<String, VecDeque<(usize, T)>>,
    in_flight: HashMap<String, usize>,
    left: usize,
}

/// Runs `work` on every task, at most `limits.workers` at once, each site
/// (the task's origin) at most `limits.per_host` at once and no sooner than
/// its delay after the previous start (`delay_for` may lengthen it, e.g. a
/// `robots.txt` crawl delay). Results come back in task order.
pub fn run<T: Send, R: Send>(
    tasks: Vec<(String, T)>,
    limits: Politeness,
    clock: &HostClock,
    delay_for: &(dyn Fn(&str) -> Duration + Sync),
    work: &(dyn Fn(T) -> R + Sync),
) -> Vec<R> {
    let total = tasks.len();
    let mut queue = Queue {
        tasks: HashMap::new(),
        in_flight: HashMap::new(),
        left: total,
    };
    for (i, (origin, task)) in tasks.into_iter().enumerate() {
        queue.tasks.entry(origin).or_default().push_back((i, task));
    }
    let state = Mutex::new(queue);
    let wake = Condvar::new();
    let results: Mutex<Vec<Option<R>>> = Mutex::new((0..total).map(|_| None).collect());
    let workers = limits.workers.clamp(1, total.max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                while let Some((origin, i, task)) = next(&state, &wake, limits, clock, delay_for) {
                    let r = work(task);
                    if let Ok(mut res) = results.lock() {
                        res[i] = Some(r);
                    }
                    if let Ok(mut q) = state.lock() {
                        if let Some(n) = q.in_flight.get_mut(&origin) {
                            *n -= 1;
                        }
                    }
                    wake.notify_all();
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_default()
        .into_iter()
        .flatten()
        .collect()
}

/// Takes the next task some site is ready for, waiting when every site
/// with work left is busy or resting; `None` when no task is left.
fn next<T>(
    state: &Mutex<Queue<T>>,
    wake: &Condvar,
    limits: Politeness,
    clock: &HostClock,
    delay_for: &(dyn Fn(&str) -> Duration + Sync),
) -> Option<(String, usize, T)> {
    let mut q = state.lock().ok()?;
    loop {
        if q.left == 0 {
            return None;
        }
        let now = Instant::now();
        let mut soonest: Option<Instant> = None;
        let mut ready: Option<String> = None;
        {
            let next_at = clock.next.lock().ok()?;
            for (origin, tasks) in &q.tasks {
                if tasks.is_empty()
                    || q.in_flight.get(origin).copied().unwrap_or(0) >= limits.per_host
                {
                    continue;
                }
                match next_at.get(origin) {
                    Some(&t) if t > now => soonest = Some(soonest.map_or(t, |s| s.min(t))),
                    _ => {
                        ready = Some(origin.clone());
                        break;
                    }
                }
            }
        }
        if let Some(origin) = ready {
            let (i, task) = q.tasks.get_mut(&origin)?.pop_front()?;
            q.left -= 1;
            *q.in_flight.entry(origin.clone()).or_default() += 1;
            let delay = limits.delay.max(delay_for(&origin));
            if let Ok(mut next_at) = clock.next.lock() {
                next_at.insert(origin.clone(), now + delay);
            }
            return Some((origin, i, task));
        }
        q = match soonest {
            Some(t) => wake.wait_timeout(q, t - now).ok()?.0,
            None => wake.wait(q).ok()?,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn one_site_is_spaced_by_its_delay_and_others_run_meanwhile() {
        let limits = Politeness {
            delay: Duration::from_millis(60),
            per_host: 1,
            workers: 4,
        };
        let clock = HostClock::default();
        let tasks: Vec<(String, usize)> = (0..4)
            .map(|i| ("http://slow".to_string(), i))
            .chain((4..12).map(|i| (format!("http://fast{i}"), i)))
            .collect();
        let starts = Mutex::new(Vec::new());
        let t0 = Instant::now();
        let out = run(tasks, limits, &clock, &|_| Duration::ZERO, &|i| {
            starts.lock().unwrap().push((i, t0.elapsed()));
            i * 10
        });
        assert_eq!(out, (0..12).map(|i| i * 10).collect::<Vec<_>>());
        let starts = starts.into_inner().unwrap();
        let mut slow: Vec<Duration> = starts
            .iter()
            .filter(|(i, _)| *i < 4)
            .map(|(_, t)| *t)
            .collect();
        slow.sort();
        for w in slow.windows(2) {
            assert!(w[1] - w[0] >= Duration::from_millis(55), "{slow:?}");
        }
        // Every other site started before the slow site's last request.
        let last_slow = slow[3];
        assert!(starts
            .iter()
            .filter(|(i, _)| *i >= 4)
            .all(|(_, t)| *t < last_slow));
    }

    #[test]
    fn per_host_concurrency_is_bounded() {
        let limits = Politeness {
            delay: Duration::ZERO,
            per_host: 2,
            workers: 8,
        };
        let now = AtomicUsize::new(0);
        let peak = AtomicUsize::new(0);
        let tasks: Vec<(String, ())> = (0..10).map(|_| ("http://one".to_string(), ())).collect();
        run(
            tasks,
            limits,
            &HostClock::default(),
            &|_| Duration::ZERO,
            &|()| {
                let n = now.fetch_add(1, Ordering::SeqCst) + 1;
                peak.fetch_max(n, Ordering::SeqCst);
                std::thread::sleep(Duration::from_millis(10));
                now.fetch_sub(1, Ordering::SeqCst);
            },
        );
        assert_eq!(peak.load(Ordering::SeqCst), 2);
    }
}
