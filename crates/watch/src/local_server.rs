//! A small HTTP/1.1 server over in-memory resources, for the watcher's
//! tests and benchmarks: pages and feeds that change between cycles,
//! ETags and `304`s, gzip, delays, failures, and a record of every request
//! (webhook bodies included). It listens on loopback only.

use flate2::write::GzEncoder;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// One resource the server answers with.
#[derive(Debug, Clone)]
pub struct Resource {
    /// Status code (200 unless set).
    pub status: u16,
    /// `Content-Type`.
    pub content_type: String,
    /// Body.
    pub body: Vec<u8>,
    /// Wait before answering.
    pub delay: Duration,
    /// `Location` (with a 3xx status).
    pub location: Option<String>,
}

/// One request received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// `GET`, `POST`…
    pub method: String,
    /// Path and query.
    pub path: String,
    /// The status answered.
    pub status: u16,
    /// The request body (POST).
    pub body: String,
    /// The `User-Agent` sent.
    pub user_agent: String,
}

#[derive(Default)]
struct Shared {
    resources: HashMap<String, Resource>,
    log: Vec<Request>,
}

/// A running server; stops when dropped.
pub struct LocalServer {
    addr: SocketAddr,
    shared: Arc<Mutex<Shared>>,
    stop: Arc<AtomicBool>,
}

impl LocalServer {
    /// Listens on a free port of `127.0.0.1`.
    pub fn start() -> std::io::Result<LocalServer> {
        Self::start_on("127.0.0.1:0")
    }

    /// Listens on `addr` (a loopback address).
    pub fn start_on(addr: &str) -> std::io::Result<LocalServer> {
        let listener = TcpListener::bind(addr)?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Mutex::new(Shared::default()));
        let stop = Arc::new(AtomicBool::new(false));
        let (s, st) = (Arc::clone(&shared), Arc::clone(&stop));
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                if st.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(conn) = conn else { continue };
                let s = Arc::clone(&s);
                std::thread::spawn(move || serve_connection(conn, &s));
            }
        });
        Ok(LocalServer { addr, shared, stop })
    }

    /// `http://127.0.0.1:PORT` + `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Serves `body` at `path` with status 200.
    pub fn set(&self, path: &str, content_type: &str, body: impl Into<Vec<u8>>) {
        self.put(
            path,
            Resource {
                status: 200,
                content_type: content_type.into(),
                body: body.into(),
                delay: Duration::ZERO,
                location: None,
            },
        );
    }

    /// Serves `resource` at `path`.
    pub fn put(&self, path: &str, resource: Resource) {
        if let Ok(mut s) = self.shared.lock() {
            s.resources.insert(path.into(), resource);
        }
    }

    /// Changes the status of `path` (an empty body when not set before).
    pub fn set_status(&self, path: &str, status: u16) {
        if let Ok(mut s) = self.shared.lock() {
            let r = s.resources.entry(path.into()).or_insert_with(|| Resource {
                status,
                content_type: "text/plain".into(),
                body: Vec::new(),
                delay: Duration::ZERO,
                location: None,
            });
            r.status = status;
        }
    }

    /// Makes `path` answer only after `delay`.
    pub fn set_delay(&self, path: &str, delay: Duration) {
        if let Ok(mut s) = self.shared.lock() {
            if let Some(r) = s.resources.get_mut(path) {
                r.delay = delay;
            }
        }
    }

    /// Every request received so far.
    pub fn requests(&self) -> Vec<Request> {
        self.shared
            .lock()
            .map(|s| s.log.clone())
            .unwrap_or_default()
    }

    /// Requests received for `path`.
    pub fn requests_to(&self, path: &str) -> Vec<Request> {
        self.requests()
            .into_iter()
            .filter(|r| r.path == path)
            .collect()
    }

    /// Forgets the requests received so far.
    pub fn clear_log(&self) {
        if let Ok(mut s) = self.shared.lock() {
            s.log.clear();
        }
    }
}

impl Drop for LocalServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so that it sees the flag.
        let _ = TcpStream::connect(self.addr);
    }
}

/// The ETag of a body: a digest of its bytes.
fn etag(body: &[u8]) -> String {
    let d = Sha256::digest(body);
    format!(
        "\"{}\"",
        d.iter()
            .take(8)
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    )
}

fn serve_connection(conn: TcpStream, shared: &Mutex<Shared>) {
    let _ = conn.set_read_timeout(Some(Duration::from_secs(30)));
    let Ok(write_half) = conn.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(conn);
    let mut out = write_half;
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        let mut parts = line.split_whitespace();
        let (Some(method), Some(path)) = (parts.next(), parts.next()) else {
            return;
        };
        let (method, path) = (method.to_owned(), path.to_owned());
        let mut headers: HashMap<String, String> = HashMap::new();
        loop {
            let mut h = String::new();
            if reader.read_line(&mut h).unwrap_or(0) == 0 {
                return;
            }
            let h = h.trim_end();
            if h.is_empty() {
                break;
            }
            if let Some((k, v)) = h.split_once(':') {
                headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_owned());
            }
        }
        let length: usize = headers
            .get("content-length")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let mut body = vec![0u8; length.min(16 << 20)];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        let resource = shared
            .lock()
            .ok()
            .and_then(|s| s.resources.get(&path).cloned());
        let (status, mut extra, payload) = match &resource {
            None if method == "POST" => (204, Vec::new(), Vec::new()),
            None => (404, Vec::new(), b"not found".to_vec()),
            Some(r) => {
                if !r.delay.is_zero() {
                    std::thread::sleep(r.delay);
                }
                let tag = etag(&r.body);
                let mut extra = vec![("ETag".to_owned(), tag.clone())];
                extra.push(("Content-Type".to_owned(), r.content_type.clone()));
                if let Some(l) = &r.location {
                    extra.push(("Location".to_owned(), l.clone()));
                }
                if r.status == 200 && headers.get("if-none-match") == Some(&tag) {
                    (304, extra, Vec::new())
                } else {
                    (r.status, extra, r.body.clone())
                }
            }
        };
        let gzip = payload.len() > 512
            && headers
                .get("accept-encoding")
                .is_some_and(|v| v.contains("gzip"));
        let payload = if gzip {
            let mut enc = GzEncoder::new(Vec::new(), flate2::Compression::fast());
            let _ = enc.write_all(&payload);
            extra.push(("Content-Encoding".to_owned(), "gzip".to_owned()));
            enc.finish().unwrap_or_default()
        } else {
            payload
        };
        if let Ok(mut s) = shared.lock() {
            s.log.push(Request {
                method: method.clone(),
                path,
                status,
                body: String::from_utf8_lossy(&body).into_owned(),
                user_agent: headers.get("user-agent").cloned().unwrap_or_default(),
            });
        }
        let mut head = format!(
            "HTTP/1.1 {status} X\r\nContent-Length: {}\r\n",
            payload.len()
        );
        for (k, v) in extra {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str("\r\n");
        if out.write_all(head.as_bytes()).is_err() || out.write_all(&payload).is_err() {
            return;
        }
        if headers
            .get("connection")
            .is_some_and(|v| v.eq_ignore_ascii_case("close"))
        {
            return;
        }
    }
}
