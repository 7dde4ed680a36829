//! The watcher's HTTP client: conditional GETs with bounded size, time,
//! redirects and retries, through the [`Guard`]'s resolver.

use crate::guard::{Guard, PRIVATE_MARK};
use std::io::Read;
use std::net::IpAddr;
use std::time::Duration;
use url::Url;

/// How the watcher fetches.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// Sent as `User-Agent`; its first word is the token `robots.txt`
    /// groups are matched against.
    pub user_agent: String,
    /// Longest time for one request (connect, send, receive).
    pub timeout: Duration,
    /// Largest response body read (after gzip decoding).
    pub max_bytes: u64,
    /// Most redirects followed for one fetch.
    pub max_redirects: usize,
    /// Retries after a 5xx, a 429, a timeout or a failed connection.
    pub retries: u32,
    /// Wait before the first retry; doubled for each further one.
    pub backoff: Duration,
    /// Allow loopback and private addresses (see [`Guard`]).
    pub allow_private: bool,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            user_agent: format!(
                "corroborate/{} (+https://example.invalid/corroborate; news corroboration)",
                env!("CARGO_PKG_VERSION")
            ),
            timeout: Duration::from_secs(20),
            max_bytes: 16 << 20,
            max_redirects: 5,
            retries: 2,
            backoff: Duration::from_millis(500),
            allow_private: false,
        }
    }
}

/// What a fetch that did not fail gave.
#[derive(Debug)]
pub enum Fetched {
    /// `304 Not Modified`: the validators sent still hold.
    NotModified,
    /// A `2xx` response.
    Body(Body),
}

/// A response body and what the next conditional request needs.
#[derive(Debug, Clone)]
pub struct Body {
    /// The URL finally answered (after redirects).
    pub url: String,
    /// The body, gzip already decoded.
    pub bytes: Vec<u8>,
    /// `Content-Type`, for the charset.
    pub content_type: Option<String>,
    /// `ETag`.
    pub etag: Option<String>,
    /// `Last-Modified`.
    pub last_modified: Option<String>,
}

/// Why a fetch failed; displays as one line.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    /// Not an http or https URL.
    #[error("only http and https URLs are fetched: {0}")]
    Scheme(String),
    /// A URL that does not parse.
    #[error("not a URL: {0}")]
    BadUrl(String),
    /// The host is (or resolves to) a loopback or private address.
    #[error("{host}: {PRIVATE_MARK} (use --allow-private to allow it)")]
    Private {
        /// The host refused.
        host: String,
    },
    /// A status that is not success, after any retries.
    #[error("HTTP {0}")]
    Status(u16),
    /// Too many redirects, or one without a usable `Location`.
    #[error("redirects: {0}")]
    Redirect(String),
    /// The body exceeded [`FetchOptions::max_bytes`].
    #[error("response larger than {0} bytes")]
    TooLarge(u64),
    /// Timed out, could not connect, or the connection broke.
    #[error("{0}")]
    Network(String),
}

impl FetchError {
    /// Whether trying again later may succeed.
    pub fn is_transient(&self) -> bool {
        match self {
            FetchError::Status(s) => *s >= 500 || *s == 429 || *s == 408,
            FetchError::Network(_) => true,
            _ => false,
        }
    }
}

/// A blocking HTTP client shared by the watcher's workers.
#[derive(Debug, Clone)]
pub struct Fetcher {
    agent: ureq::Agent,
    guard: Guard,
    opts: FetchOptions,
}

impl Fetcher {
    /// A client with these options.
    pub fn new(opts: FetchOptions) -> Self {
        let guard = Guard {
            allow_private: opts.allow_private,
        };
        let agent = ureq::AgentBuilder::new()
            .timeout(opts.timeout)
            .timeout_connect(opts.timeout.min(Duration::from_secs(10)))
            .redirects(0)
            .user_agent(&opts.user_agent)
            .resolver(move |netloc: &str| guard.resolve(netloc))
            .build();
        Fetcher { agent, guard, opts }
    }

    /// The `robots.txt` product token: the User-Agent's first word before `/`.
    pub fn robots_token(&self) -> &str {
        self.opts
            .user_agent
            .split(['/', ' '])
            .next()
            .unwrap_or("corroborate")
    }

    /// Checks that `url` may be requested at all: http(s), and not a
    /// literal private address unless allowed.
    pub fn check_url(&self, url: &Url) -> Result<(), FetchError> {
        if !matches!(url.scheme(), "http" | "https") {
            return Err(FetchError::Scheme(url.to_string()));
        }
        let ip = match url.host() {
            Some(url::Host::Ipv4(ip)) => Some(IpAddr::V4(ip)),
            Some(url::Host::Ipv6(ip)) => Some(IpAddr::V6(ip)),
            Some(url::Host::Domain(_)) => None,
            None => return Err(FetchError::BadUrl(url.to_string())),
        };
        if ip.is_some_and(|ip| !self.guard.allows_ip(ip)) {
            return Err(FetchError::Private {
                host: url.host_str().unwrap_or_default().to_owned(),
            });
        }
        Ok(())
    }

    /// GETs `url`, sending `etag` / `last_modified` as validators, following
    /// up to [`FetchOptions::max_redirects`] redirects (each checked like
    /// the first URL) and retrying transient failures with backoff.
    pub fn get(
        &self,
        url: &Url,
        etag: Option<&str>,
        last_modified: Option<&str>,
    ) -> Result<Fetched, FetchError> {
        let mut attempt = 0;
        loop {
            match self.get_once(url, etag, last_modified) {
                Err(e) if e.is_transient() && attempt < self.opts.retries => {
                    std::thread::sleep(self.opts.backoff * 2u32.pow(attempt));
                    attempt += 1;
                }
                other => return other,
            }
        }
    }

    fn get_once(
        &self,
        url: &Url,
        etag: Option<&str>,
        last_modified: Option<&str>,
    ) -> Result<Fetched, FetchError> {
        let mut current = url.clone();
        for _ in 0..=self.opts.max_redirects {
            self.check_url(&current)?;
            let mut req = self.agent.get(current.as_str());
            if let Some(e) = etag {
                req = req.set("If-None-Match", e);
            }
            if let Some(m) = last_modified {
                req = req.set("If-Modified-Since", m);
            }
            let resp = match req.call() {
                Ok(r) => r,
                Err(ureq::Error::Status(code, r)) if (300..400).contains(&code) => r,
                Err(ureq::Error::Status(code, _)) => return Err(FetchError::Status(code)),
                Err(ureq::Error::Transport(t)) => return Err(self.transport_error(&current, &t)),
            };
            let status = resp.status();
            if status == 304 {
                return Ok(Fetched::NotModified);
            }
            if (300..400).contains(&status) {
                let location = resp
                    .header("Location")
                    .ok_or_else(|| FetchError::Redirect(format!("{status} without Location")))?;
                current = current
                    .join(location)
                    .map_err(|_| FetchError::Redirect(format!("bad Location {location:?}")))?;
                continue;
            }
            let header = |name: &str| resp.header(name).map(str::to_owned);
            let (content_type, etag, last_modified) = (
                header("Content-Type"),
                header("ETag"),
                header("Last-Modified"),
            );
            let final_url = resp.get_url().to_owned();
            let mut bytes = Vec::new();
            resp.into_reader()
                .take(self.opts.max_bytes + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| FetchError::Network(format!("{current}: reading the body: {e}")))?;
            if bytes.len() as u64 > self.opts.max_bytes {
                return Err(FetchError::TooLarge(self.opts.max_bytes));
            }
            return Ok(Fetched::Body(Body {
                url: final_url,
                bytes,
                content_type,
                etag,
                last_modified,
            }));
        }
        Err(FetchError::Redirect(format!(
            "more than {} for {url}",
            self.opts.max_redirects
        )))
    }

    /// POSTs a JSON document (a webhook alert); success is any 2xx.
    pub fn post_json(&self, url: &Url, json: &str) -> Result<(), FetchError> {
        self.check_url(url)?;
        match self
            .agent
            .post(url.as_str())
            .set("Content-Type", "application/json")
            .send_string(json)
        {
            Ok(r) if (200..300).contains(&r.status()) => Ok(()),
            Ok(r) => Err(FetchError::Status(r.status())),
            Err(ureq::Error::Status(code, _)) => Err(FetchError::Status(code)),
            Err(ureq::Error::Transport(t)) => Err(self.transport_error(url, &t)),
        }
    }

    fn transport_error(&self, url: &Url, t: &ureq::Transport) -> FetchError {
        let text = t.to_string();
        if text.contains(PRIVATE_MARK) {
            return FetchError::Private {
                host: url.host_str().unwrap_or_default().to_owned(),
            };
        }
        FetchError::Network(format!("{url}: {}", one_line(&text)))
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
