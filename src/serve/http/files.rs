//! Which file of the output folder a request path names, and its content
//! type. A path is percent-decoded and split into segments; `.` and `..`
//! segments are refused (403), hidden names (`.nojekyll`, temporary
//! files) are not found, and the resolved file must stay inside the
//! output folder after symbolic links are followed (403 otherwise). A
//! folder URL serves its `index.html` (a folder URL without the trailing
//! slash is redirected, so relative links keep working, to a path of
//! single slashes: never `//host`, which would lead off the site).

use std::fs;
use std::path::{Path, PathBuf};

/// Where a request path leads.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    /// A file inside the output folder.
    File(PathBuf),
    /// A folder named without its trailing slash: redirect here.
    Redirect(String),
    /// Nothing there.
    NotFound,
    /// Outside the output folder, or a `.`/`..` segment.
    Forbidden,
    /// Not a path.
    BadRequest,
}

/// The request path `raw` (before `?`) percent-decoded, if it is a path
/// (starts with `/`), every `%` starts an escape and the bytes are UTF-8.
pub fn decode_path(raw: &str) -> Option<String> {
    let b = raw.as_bytes();
    if !raw.starts_with('/') {
        return None;
    }
    // percent-encoding passes a malformed escape through as text; here it
    // is a bad request.
    let malformed = b.iter().enumerate().any(|(i, &c)| {
        c == b'%'
            && !b
                .get(i + 1..i + 3)
                .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit))
    });
    if malformed {
        return None;
    }
    percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .ok()
        .map(|s| s.into_owned())
}

/// Resolves the request target `target` (path and query) against the
/// output folder `out`.
pub fn resolve(out: &Path, target: &str) -> Resolved {
    let raw = target.split(['?', '#']).next().unwrap_or("");
    let Some(decoded) = decode_path(raw) else {
        return Resolved::BadRequest;
    };
    if decoded.contains(['\0', '\\']) {
        return Resolved::Forbidden;
    }
    let Ok(base) = fs::canonicalize(out) else {
        return Resolved::NotFound;
    };
    let mut path = base.clone();
    for segment in decoded.split('/').filter(|s| !s.is_empty()) {
        if segment == "." || segment == ".." || (cfg!(windows) && segment.contains(':')) {
            return Resolved::Forbidden;
        }
        if segment.starts_with('.') {
            return Resolved::NotFound;
        }
        path.push(segment);
    }
    let Ok(real) = fs::canonicalize(&path) else {
        return Resolved::NotFound;
    };
    if !real.starts_with(&base) {
        return Resolved::Forbidden;
    }
    if real.is_dir() {
        if !raw.ends_with('/') {
            return Resolved::Redirect(folder_url(raw, target));
        }
        let Ok(index) = fs::canonicalize(real.join("index.html")) else {
            return Resolved::NotFound;
        };
        if !index.starts_with(&base) {
            return Resolved::Forbidden;
        }
        return if index.is_file() {
            Resolved::File(index)
        } else {
            Resolved::NotFound
        };
    }
    if real.is_file() {
        Resolved::File(real)
    } else {
        Resolved::NotFound
    }
}

/// Where a folder named without its trailing slash (`raw`, the request
/// path as sent) is redirected: its segments joined by single slashes,
/// then `/` and the query of `target`. Empty segments are dropped, so the
/// `Location` never starts with `//`, which a browser reads as another
/// host (`//articles` would lead to `http://articles/`); a backslash,
/// which browsers read as a slash, never gets here (refused by
/// [`resolve`]).
fn folder_url(raw: &str, target: &str) -> String {
    let mut url = String::with_capacity(raw.len() + 1);
    for segment in raw.split('/').filter(|s| !s.is_empty()) {
        url.push('/');
        url.push_str(segment);
    }
    url.push('/');
    url.push_str(target.find('?').map_or("", |i| &target[i..]));
    url
}

/// Whether the request path names an offline service worker (`sw.js` at
/// any depth): `serve` never lets one install, so that every page comes
/// from the server and live reload shows the fresh one.
pub fn is_service_worker(raw_path: &str) -> bool {
    decode_path(raw_path).is_some_and(|p| p.rsplit('/').next() == Some("sw.js"))
}

/// The article slug of an article page (`/articles/<slug>.html`), served
/// from `file`, a path inside the canonical output folder `base`.
pub fn article_slug(base: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(base).ok()?;
    let mut parts = rel.iter();
    let (Some(dir), Some(name), None) = (parts.next(), parts.next(), parts.next()) else {
        return None;
    };
    let slug = name.to_str()?.strip_suffix(".html")?;
    (dir == "articles" && crate::model::is_id(slug)).then(|| slug.to_string())
}

/// `Content-Type` for a file, by extension.
pub fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "xml" => "application/xml",
        "atom" => "application/atom+xml",
        "txt" | "md" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        "webmanifest" => "application/manifest+json",
        _ => "application/octet-stream",
    }
}

/// The page served for a miss: the site's `404.html`, or a note that
/// there is no good build yet.
pub fn not_found_page(out: &Path) -> Vec<u8> {
    fs::read(out.join("404.html")).unwrap_or_else(|_| {
        b"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title></head>\n<body><h1>Not found</h1><p>No page here (yet): dossier serve has no good build of this dossier so far.</p></body></html>\n".to_vec()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_inside_only() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        fs::create_dir_all(out.join("claims")).unwrap();
        fs::write(out.join("index.html"), "i").unwrap();
        fs::write(out.join("claims/a.html"), "a").unwrap();
        fs::write(out.join(".nojekyll"), "").unwrap();
        fs::write(dir.path().join("secret"), "s").unwrap();
        let base = fs::canonicalize(&out).unwrap();
        assert_eq!(resolve(&out, "/"), Resolved::File(base.join("index.html")));
        assert_eq!(
            resolve(&out, "/claims/a.html?x#y"),
            Resolved::File(base.join("claims/a.html"))
        );
        assert_eq!(
            resolve(&out, "/%63laims/a.html"),
            Resolved::File(base.join("claims/a.html"))
        );
        assert_eq!(
            resolve(&out, "/claims"),
            Resolved::Redirect("/claims/".into())
        );
        assert_eq!(resolve(&out, "/claims/"), Resolved::NotFound);
        assert_eq!(resolve(&out, "/../secret"), Resolved::Forbidden);
        assert_eq!(resolve(&out, "/claims/../../secret"), Resolved::Forbidden);
        assert_eq!(resolve(&out, "/%2e%2e/secret"), Resolved::Forbidden);
        assert_eq!(resolve(&out, "/%2E%2E%2fsecret"), Resolved::Forbidden);
        assert_eq!(resolve(&out, "/..%5csecret"), Resolved::Forbidden);
        assert_eq!(resolve(&out, "/.nojekyll"), Resolved::NotFound);
        assert_eq!(resolve(&out, "//etc/passwd"), Resolved::NotFound);
        assert_eq!(resolve(&out, "http://x/etc/passwd"), Resolved::BadRequest);
        assert_eq!(resolve(&out, "/%zz"), Resolved::BadRequest);
        assert_eq!(resolve(&out, "/a%2"), Resolved::BadRequest);
        assert_eq!(resolve(&out, "/%ff"), Resolved::BadRequest, "not UTF-8");
        assert_eq!(resolve(&out, "/a%00"), Resolved::Forbidden);
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("secret"), out.join("link.html")).unwrap();
            std::os::unix::fs::symlink(dir.path(), out.join("up")).unwrap();
            assert_eq!(resolve(&out, "/link.html"), Resolved::Forbidden);
            assert_eq!(resolve(&out, "/up/secret"), Resolved::Forbidden);
        }
    }

    /// `GET //articles` was redirected to `//articles/`, which a browser
    /// reads as `http://articles/`: an open redirect.
    #[test]
    fn folder_redirects_never_leave_the_site() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        fs::create_dir_all(out.join("articles/x")).unwrap();
        for (target, to) in [
            ("//articles", "/articles/"),
            ("///articles?a=1", "/articles/?a=1"),
            ("/articles//x", "/articles/x/"),
            ("//articles//x?//evil", "/articles/x/?//evil"),
            ("/%2farticles", "/%2farticles/"),
        ] {
            assert_eq!(
                resolve(&out, target),
                Resolved::Redirect(to.into()),
                "{target}"
            );
        }
        assert_eq!(resolve(&out, "/\\articles"), Resolved::Forbidden);
        assert_eq!(resolve(&out, "/%5Carticles"), Resolved::Forbidden);
    }

    #[test]
    fn service_workers_and_article_pages() {
        assert!(is_service_worker("/sw.js"));
        assert!(is_service_worker("/articles/sw.js"));
        assert!(is_service_worker("/a/b/%73w.js"));
        assert!(!is_service_worker("/sw.json"));
        assert!(!is_service_worker("/assets/search.js"));
        let base = Path::new("/o");
        assert_eq!(
            article_slug(base, Path::new("/o/articles/a-1.html")),
            Some("a-1".into())
        );
        assert_eq!(article_slug(base, Path::new("/o/claims/a.html")), None);
        assert_eq!(article_slug(base, Path::new("/o/articles/x/a.html")), None);
        assert_eq!(article_slug(base, Path::new("/o/articles/A.html")), None);
        assert_eq!(article_slug(base, Path::new("/o/articles/a.css")), None);
    }
}
