//! In-process tests of every endpoint and page (`tower::ServiceExt::oneshot`
//! on the router, no socket): documented answers, bad requests as 4xx JSON,
//! the token, escaping of hostile article text.

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use corroborate_server::{check_bind, router, AppState, Options, StoreOpener};
use corroborate_store::{SqliteStore, Store};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use tower::ServiceExt;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn gazetteer() -> Option<corroborate_understand::Gazetteer> {
    // Loaded once per test binary: the seeds' places need it.
    static LOADED: OnceLock<bool> = OnceLock::new();
    LOADED.get_or_init(|| true);
    corroborate_understand::Gazetteer::open_default().ok()
}

struct App {
    router: Router,
    _dir: tempfile::TempDir,
}

fn app_with(options: Options) -> App {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let open: StoreOpener =
        Arc::new(move || Ok(Box::new(SqliteStore::open(&path)?) as Box<dyn Store + Send>));
    let state = AppState::new(open, gazetteer(), options).unwrap();
    App {
        router: router(Arc::new(state)),
        _dir: dir,
    }
}

fn app() -> App {
    app_with(Options::default())
}

struct Reply {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: String,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| {
            panic!("not JSON ({e}): {}", &self.body[..self.body.len().min(300)])
        })
    }
}

async fn send(app: &App, req: Request<Body>) -> Reply {
    let res = app.router.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    Reply {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

async fn get(app: &App, uri: &str) -> Reply {
    send(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

async fn post(app: &App, uri: &str, content_type: &str, body: impl Into<Body>) -> Reply {
    let req = Request::post(uri)
        .header(header::CONTENT_TYPE, content_type)
        .body(body.into())
        .unwrap();
    send(app, req).await
}

fn fixture(rel: &str) -> Vec<u8> {
    std::fs::read(repo().join(rel)).unwrap()
}

/// Posts the invented examples, the planted floods story and the hostile
/// fixture; returns the story id of each article.
async fn load(app: &App) {
    for f in [
        "tests/fixtures/planted/floods.jsonl",
        "tests/fixtures/hostile/xss.jsonl",
    ] {
        let r = post(app, "/api/articles", "application/x-ndjson", fixture(f)).await;
        assert_eq!(r.status, StatusCode::CREATED, "{f}: {}", r.body);
    }
}

async fn story_of(app: &App, article: &str) -> String {
    let r = get(app, &format!("/api/articles/{article}")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.json()["article"]["story"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn uploads_are_stored_once_in_every_body_kind() {
    let app = app();
    let one = json!({"id": "a1", "title": "Storm cuts power", "published": "2026-01-05",
        "text": "A storm cut power to 5,000 homes in Gdańsk on Monday, the utility said."});
    let r = post(&app, "/api/articles", "application/json", one.to_string()).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.json()["stored"], 1);
    assert_eq!(r.json()["articles"][0]["id"], "a1");
    assert!(r.json()["articles"][0]["story"]
        .as_str()
        .unwrap()
        .starts_with('s'));
    // The same again changes nothing (as on the command line).
    let again = post(&app, "/api/articles", "application/json", one.to_string()).await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.json()["unchanged"], 1);
    // An array, JSON Lines, plain text and HTML.
    let arr = json!([{"id": "a2", "text": "Ferry service resumed in Split after the strike ended on Friday."},
                     {"id": "a3", "text": "The museum reopened its east wing after a two-year renovation."}]);
    assert_eq!(
        post(&app, "/api/articles", "application/json", arr.to_string())
            .await
            .json()["stored"],
        2
    );
    let lines =
        "{\"id\":\"a4\",\"text\":\"Snow closed the mountain pass near Zakopane for six hours.\"}\n";
    assert_eq!(
        post(&app, "/api/articles", "application/x-ndjson", lines)
            .await
            .json()["stored"],
        1
    );
    let t = post(
        &app,
        "/api/articles?id=note-1&published=2026-01-09",
        "text/plain",
        "Volunteers planted 3,000 trees along the river in Osijek on Saturday.",
    )
    .await;
    assert_eq!(t.status, StatusCode::CREATED, "{}", t.body);
    assert_eq!(t.json()["articles"][0]["id"], "note-1");
    let html = "<html><head><title>Bridge reopens</title></head><body><article><p>The old bridge in Mostar reopened to traffic on Sunday after repairs that took eight months and cost 2 million euros, the city said.</p><p>Engineers replaced 40 steel cables.</p></article></body></html>";
    let h = post(&app, "/api/articles", "text/html", html).await;
    assert_eq!(h.status, StatusCode::CREATED, "{}", h.body);
    let listed = get(&app, "/api/articles?limit=100").await.json();
    assert_eq!(listed["total"], 6);
    let published = get(&app, "/api/articles/note-1").await.json();
    assert_eq!(published["article"]["published"], "2026-01-09");
    assert!(published["annotations"]["numbers"]
        .as_array()
        .is_some_and(|n| !n.is_empty()));
}

#[tokio::test]
async fn bad_requests_are_4xx_json_never_500() {
    let app = app_with(Options {
        max_body_bytes: 4096,
        ..Options::default()
    });
    let cases: Vec<(Reply, StatusCode)> = vec![
        (
            post(&app, "/api/articles", "application/json", "{not json").await,
            StatusCode::BAD_REQUEST,
        ),
        (
            post(&app, "/api/articles", "application/json", "42").await,
            StatusCode::BAD_REQUEST,
        ),
        (
            post(&app, "/api/articles", "application/json", "[1, 2]").await,
            StatusCode::BAD_REQUEST,
        ),
        (
            post(&app, "/api/articles", "application/json", "[]").await,
            StatusCode::BAD_REQUEST,
        ),
        (
            post(&app, "/api/articles", "text/plain", "").await,
            StatusCode::BAD_REQUEST,
        ),
        (
            post(&app, "/api/articles", "text/plain", vec![b'x'; 10_000]).await,
            StatusCode::PAYLOAD_TOO_LARGE,
        ),
        (
            post(
                &app,
                "/api/articles",
                "application/octet-stream",
                vec![0u8, 159, 146, 150, 0, 0, 1, 2],
            )
            .await,
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            post(
                &app,
                "/api/articles?published=yesterday",
                "text/plain",
                "Some text.",
            )
            .await,
            StatusCode::BAD_REQUEST,
        ),
        (
            post(
                &app,
                "/api/analyse",
                "application/json",
                "{\"articles\": 3}",
            )
            .await,
            StatusCode::BAD_REQUEST,
        ),
        (
            post(
                &app,
                "/api/analyse",
                "application/json",
                "{\"articles\": []}",
            )
            .await,
            StatusCode::BAD_REQUEST,
        ),
        (
            get(&app, "/api/stories?limit=abc").await,
            StatusCode::BAD_REQUEST,
        ),
        (
            get(&app, "/api/stories?conflicts=maybe").await,
            StatusCode::BAD_REQUEST,
        ),
        (
            get(&app, "/api/stories?from=2026-13-45").await,
            StatusCode::BAD_REQUEST,
        ),
        (get(&app, "/api/stories/s999").await, StatusCode::NOT_FOUND),
        (get(&app, "/api/stories/abc").await, StatusCode::NOT_FOUND),
        (get(&app, "/api/stories/s-1").await, StatusCode::NOT_FOUND),
        (get(&app, "/api/articles/nope").await, StatusCode::NOT_FOUND),
        (get(&app, "/api/map?story=x1").await, StatusCode::NOT_FOUND),
        (get(&app, "/api/map?story=s77").await, StatusCode::NOT_FOUND),
        (
            get(&app, "/api/no/such/endpoint").await,
            StatusCode::NOT_FOUND,
        ),
    ];
    for (i, (r, want)) in cases.iter().enumerate() {
        assert_eq!(r.status, *want, "case {i}: {}", r.body);
        assert!(
            r.json()["error"].as_str().is_some_and(|e| !e.is_empty()),
            "case {i}: {}",
            r.body
        );
    }
}

#[tokio::test]
async fn hostile_ids_and_search_strings_are_only_data() {
    let app = app();
    load(&app).await;
    let before = get(&app, "/api/articles").await.json()["total"].clone();
    let hostile = [
        "' OR 1=1 --",
        "\"; DROP TABLE articles; --",
        "%27%20OR%20%271%27=%271",
        "s1 UNION SELECT *",
        "\\\"\\\"*)(",
        "NEAR(a b)",
        "title:x OR text:*",
    ];
    for h in hostile {
        let enc: String = form_urlencoded::byte_serialize(h.as_bytes()).collect();
        let a = get(&app, &format!("/api/articles/{}", enc.replace('+', "%20"))).await;
        assert_eq!(a.status, StatusCode::NOT_FOUND, "{h}");
        let s = get(&app, &format!("/api/stories?q={enc}&place={enc}")).await;
        assert_eq!(s.status, StatusCode::OK, "{h}: {}", s.body);
    }
    // The store is intact.
    assert_eq!(get(&app, "/api/articles").await.json()["total"], before);
    assert!(before.as_u64().unwrap() >= 6);
}

#[tokio::test]
async fn stories_list_filter_and_open_with_their_evidence() {
    let app = app();
    load(&app).await;
    let all = get(&app, "/api/stories").await.json();
    assert_eq!(all["total"], 2, "{all}");
    let floods = story_of(&app, "wire").await;
    let by_words = get(&app, "/api/stories?q=flash%20floods").await.json();
    assert_eq!(by_words["items"].as_array().unwrap().len(), 1);
    assert_eq!(by_words["items"][0]["id"], floods.as_str());
    let by_place = get(&app, "/api/stories?place=novi%20sad").await.json();
    assert_eq!(by_place["items"][0]["id"], floods.as_str());
    assert_eq!(by_place["total"], 1);
    let conflicted = get(&app, "/api/stories?conflicts=true").await.json();
    assert!(conflicted["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["id"] == floods.as_str()));
    let later = get(&app, "/api/stories?from=2026-03-01").await.json();
    assert_eq!(later["total"], 1);
    let earlier = get(&app, "/api/stories?to=2026-02-28").await.json();
    assert!(earlier["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["id"] != floods.as_str()));
    let paged = get(&app, "/api/stories?limit=1&offset=1").await.json();
    assert_eq!(paged["items"].as_array().unwrap().len(), 1);
    assert_eq!(paged["total"], 2);

    let story = get(&app, &format!("/api/stories/{floods}")).await.json();
    let s = &story["stories"][0];
    assert_eq!(s["id"], floods.as_str());
    assert!(s["independent_sources"].as_u64().unwrap() >= 2);
    assert!(!s["alignment"].as_array().unwrap().is_empty());
    assert!(!s["discrepancies"].as_array().unwrap().is_empty());
    let support = &s["events"][0]["facts"][0]["support"][0];
    assert!(
        support["article"].is_string() && support["span"][0].is_u64(),
        "{support}"
    );

    let map = get(&app, &format!("/api/map?story={floods}")).await;
    assert_eq!(map.status, StatusCode::OK);
    let features = map.json()["features"].as_array().unwrap().clone();
    assert!(
        features
            .iter()
            .any(|f| f["properties"]["place"] == "Novi Sad"),
        "{features:?}"
    );
}

#[tokio::test]
async fn the_openapi_document_is_valid_and_every_operation_answers_as_documented() {
    let app = app();
    load(&app).await;
    let doc: openapiv3::OpenAPI =
        serde_json::from_str(corroborate_server::OPENAPI).expect("valid OpenAPI 3");
    assert!(doc.openapi.starts_with("3."));
    let served = get(&app, "/api/openapi.json").await;
    assert_eq!(
        served.json(),
        serde_json::from_str::<Value>(corroborate_server::OPENAPI).unwrap()
    );
    let floods = story_of(&app, "wire").await;
    let mut checked = 0;
    for (path, item) in doc.paths.iter() {
        let openapiv3::ReferenceOr::Item(item) = item else {
            panic!("{path}")
        };
        for (method, op) in item.iter() {
            let uri = path.replace(
                "{id}",
                if path.contains("stories") {
                    &floods
                } else {
                    "wire"
                },
            );
            let (m, body, ct) = match method {
                "get" => (Method::GET, String::new(), "application/json"),
                "post" if path.ends_with("analyse") => (
                    Method::POST,
                    json!({"articles": [{"text": "Fire destroyed 3 barns near Ptuj on Monday."}]})
                        .to_string(),
                    "application/json",
                ),
                "post" => (
                    Method::POST,
                    json!({"id": "doc-check", "text": "A new bakery opened in Ptuj."}).to_string(),
                    "application/json",
                ),
                other => panic!("undocumented method {other}"),
            };
            let req = Request::builder()
                .method(m)
                .uri(&uri)
                .header(header::CONTENT_TYPE, ct)
                .body(Body::from(body))
                .unwrap();
            let r = send(&app, req).await;
            let documented: Vec<String> = op
                .responses
                .responses
                .keys()
                .map(|k| k.to_string())
                .collect();
            assert!(
                documented.contains(&r.status.as_u16().to_string()),
                "{method} {uri}: {} not in {documented:?}",
                r.status
            );
            assert!(r.status.is_success(), "{method} {uri}: {}", r.body);
            // Success bodies are JSON of the documented top-level shape.
            let v = r.json();
            let resp = op
                .responses
                .responses
                .get(&openapiv3::StatusCode::Code(r.status.as_u16()))
                .unwrap();
            let openapiv3::ReferenceOr::Item(resp) = resp else {
                panic!()
            };
            let media = resp.content.values().next().expect("documented body");
            if let Some(openapiv3::ReferenceOr::Reference { reference }) = &media.schema {
                let name = reference.rsplit('/').next().unwrap();
                let schema = doc.components.as_ref().unwrap().schemas.get(name).unwrap();
                let openapiv3::ReferenceOr::Item(schema) = schema else {
                    panic!()
                };
                if let openapiv3::SchemaKind::Type(openapiv3::Type::Object(o)) = &schema.schema_kind
                {
                    for required in &o.required {
                        assert!(
                            v.get(required).is_some(),
                            "{method} {uri}: missing {required}"
                        );
                    }
                }
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 9, "every documented operation was called");
}

#[tokio::test]
async fn a_token_is_required_when_set_and_browsers_keep_it_in_a_cookie() {
    let app = app_with(Options {
        token: Some("s3cret-token".into()),
        ..Options::default()
    });
    assert_eq!(
        get(&app, "/api/health").await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(get(&app, "/").await.status, StatusCode::UNAUTHORIZED);
    let wrong = Request::get("/api/health")
        .header(header::AUTHORIZATION, "Bearer nope")
        .body(Body::empty())
        .unwrap();
    assert_eq!(send(&app, wrong).await.status, StatusCode::UNAUTHORIZED);
    let right = Request::get("/api/health")
        .header(header::AUTHORIZATION, "Bearer s3cret-token")
        .body(Body::empty())
        .unwrap();
    assert_eq!(send(&app, right).await.status, StatusCode::OK);
    let login = get(&app, "/timeline?token=s3cret-token").await;
    assert_eq!(login.status, StatusCode::SEE_OTHER);
    let cookie = login
        .headers
        .get(header::SET_COOKIE)
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert!(cookie.contains("HttpOnly"));
    let with_cookie = Request::get("/timeline")
        .header(header::COOKIE, cookie.split(';').next().unwrap())
        .body(Body::empty())
        .unwrap();
    assert_eq!(send(&app, with_cookie).await.status, StatusCode::OK);
    // Static assets need no token (the login page needs its stylesheet).
    assert_eq!(get(&app, "/assets/app.css").await.status, StatusCode::OK);

    assert!(check_bind("0.0.0.0:8080".parse().unwrap(), None).is_err());
    assert!(check_bind("0.0.0.0:8080".parse().unwrap(), Some("  ")).is_err());
    assert!(check_bind("0.0.0.0:8080".parse().unwrap(), Some("t")).is_ok());
    assert!(check_bind("127.0.0.1:8080".parse().unwrap(), None).is_ok());
    assert!(check_bind("[::1]:8080".parse().unwrap(), None).is_ok());
}

#[tokio::test]
async fn pages_show_hostile_text_as_text() {
    let app = app();
    load(&app).await;
    let hostile = story_of(&app, "xss-1").await;
    let pages = [
        "/".to_owned(),
        format!("/stories/{hostile}"),
        "/articles/xss-1".to_owned(),
        "/articles/xss-2".to_owned(),
        "/timeline".to_owned(),
        "/?q=%3Cscript%3Ealert(1)%3C/script%3E".to_owned(),
    ];
    for p in &pages {
        let r = get(&app, p).await;
        assert_eq!(r.status, StatusCode::OK, "{p}");
        let csp = r
            .headers
            .get(header::CONTENT_SECURITY_POLICY)
            .unwrap()
            .to_str()
            .unwrap();
        assert!(csp.contains("script-src 'self'"), "{p}");
        let lower = r.body.to_lowercase();
        for raw in [
            "<script>window",
            "<img src=x",
            "<svg onload",
            "<iframe",
            "<style>body",
            "<a href=\"javascript",
        ] {
            assert!(!lower.contains(raw), "{p} contains raw {raw:?}");
        }
        assert!(!lower.contains("href=\"javascript:"), "{p}");
    }
    let view = get(&app, &format!("/stories/{hostile}")).await.body;
    assert!(
        view.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "payload shown as text"
    );
    assert!(view.contains("&lt;script&gt;"), "title shown as text");
    let analysed = post(
        &app,
        "/analyse",
        "application/x-www-form-urlencoded",
        "text0=%3Cimg+src%3Dx+onerror%3Dalert(1)%3E+Four+hurt+in+Split.&outlet0=%3Cb%3Ex%3C%2Fb%3E",
    )
    .await;
    assert_eq!(analysed.status, StatusCode::OK);
    assert!(!analysed.body.contains("<img src=x") && analysed.body.contains("&lt;img src=x"));
}

#[tokio::test]
async fn every_page_renders_and_unknown_pages_are_404() {
    let app = app();
    load(&app).await;
    let floods = story_of(&app, "wire").await;
    for p in [
        "/",
        "/map",
        "/timeline",
        "/analyse",
        "/?conflicts=true&place=novi",
        &format!("/stories/{floods}"),
        &format!("/map?story={floods}"),
    ] {
        let r = get(&app, p).await;
        assert_eq!(r.status, StatusCode::OK, "{p}: {}", r.body);
        assert!(
            r.headers[header::CONTENT_TYPE]
                .to_str()
                .unwrap()
                .starts_with("text/html"),
            "{p}"
        );
    }
    let view = get(&app, &format!("/stories/{floods}")).await.body;
    // Side by side: one header cell per article, conflicting values marked.
    let members = get(&app, &format!("/api/stories/{floods}")).await.json()["stories"][0]
        ["articles"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(view.matches("role=\"columnheader\"").count(), members);
    assert!(
        view.contains("class=\"v conflict\""),
        "a conflicting value is marked"
    );
    assert!(
        view.contains("class=\"v agree\""),
        "an agreeing value is marked"
    );
    assert!(view.contains("Discrepancies"));
    assert_eq!(
        get(&app, "/stories/s999").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(get(&app, "/nope").await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        get(&app, "/map?story=bad").await.status,
        StatusCode::NOT_FOUND
    );
    let form = post(&app, "/analyse", "application/x-www-form-urlencoded",
        "text0=Fire+destroyed+3+barns+near+Ptuj+on+Monday%2C+police+said.&published0=2026-02-02&text1=Police+said+a+fire+destroyed+four+barns+near+Ptuj+on+Monday.&published1=2026-02-03").await;
    assert_eq!(form.status, StatusCode::OK);
    assert_eq!(
        form.body.matches("role=\"columnheader\"").count(),
        2,
        "{}",
        form.body
    );
    let empty = post(
        &app,
        "/analyse",
        "application/x-www-form-urlencoded",
        "text0=",
    )
    .await;
    assert!(empty.body.contains("at least one article"));
    let js = get(&app, "/assets/app.js").await;
    assert_eq!(js.status, StatusCode::OK);
    assert!(js.headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .contains("javascript"));
    assert_eq!(
        get(&app, "/assets/none.js").await.status,
        StatusCode::NOT_FOUND
    );
}
