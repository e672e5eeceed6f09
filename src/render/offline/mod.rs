//! Reading offline: the files that let a reader keep the site.
//!
//! In: every file the build made (path, size, hash: a [`Recorder`] notes
//! them as they pass to the writer), the settings of `[offline]`. Out: the
//! web app manifest (`manifest.webmanifest`) and its icons (drawn here,
//! `icon.rs`), the service worker (`sw.js`, `worker.rs`) with its list of
//! files to precache, and who makes the site's zip ([`Download`]): the
//! writer, to the plan [`Archive`] gives (its name, the folder inside
//! it), or the reader's browser, from the list of files [`FILE_LIST`]. The worker is
//! registered by the theme's `assets/offline.js`, never from `file://`.
//! Never reads or writes a file.

use crate::config::{Archiving, Config};
use crate::model::Dossier;
use crate::page::{Archive, Page};
use std::sync::Mutex;

mod icon;
mod worker;

/// The service worker, at the site's root so that its scope is the site.
pub const WORKER: &str = "sw.js";
/// The web app manifest.
pub const WEB_MANIFEST: &str = "manifest.webmanifest";
/// The icons, with their sizes in pixels.
const ICONS: [(&str, u32); 2] = [("assets/icon-192.png", 192), ("assets/icon-512.png", 512)];

/// A file of the build as it went to the writer.
#[derive(Debug, Clone)]
pub struct Recorded {
    /// Path from the site's root.
    pub path: String,
    /// Size in bytes.
    pub len: u64,
    /// Its bytes' hash (xxh3-128).
    pub hash: u128,
}

impl Recorded {
    /// The record of `page`.
    pub fn of(page: &Page) -> Recorded {
        // `404.html` names where the site is (published, or served by
        // `dossier serve`) as its `<base href>`; the worker gives it its
        // own scope as base, so its revision leaves the base out, and
        // `serve` writes the same `sw.js` as `build`.
        let bytes = if page.path == NOT_FOUND {
            without_base(&page.bytes)
        } else {
            std::borrow::Cow::Borrowed(&page.bytes[..])
        };
        Recorded {
            path: page.path.clone(),
            len: bytes.len() as u64,
            hash: xxhash_rust::xxh3::xxh3_128(&bytes),
        }
    }
}

/// The page the worker answers with for a page it does not have.
const NOT_FOUND: &str = "404.html";

/// A page without its `<base …>` element (and the line break after it),
/// looked for in its head.
fn without_base(bytes: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    let head_end = memchr::memmem::find(bytes, b"</head>").unwrap_or(bytes.len());
    let Some(start) = memchr::memmem::find(&bytes[..head_end], b"<base ") else {
        return bytes.into();
    };
    let Some(len) = memchr::memchr(b'>', &bytes[start..head_end]) else {
        return bytes.into();
    };
    let mut end = start + len + 1;
    if bytes.get(end) == Some(&b'\n') {
        end += 1;
    }
    [&bytes[..start], &bytes[end..]].concat().into()
}

/// Notes every file handed to the writer, from any thread.
#[derive(Debug, Default)]
pub struct Recorder(Mutex<Vec<Recorded>>);

impl Recorder {
    /// Notes `page`.
    pub fn record(&self, page: &Page) {
        let r = Recorded::of(page);
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(r);
    }

    /// Notes a file kept as the last build wrote it, by its record.
    pub fn note(&self, r: Recorded) {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(r);
    }

    fn take(&self) -> Vec<Recorded> {
        std::mem::take(
            &mut *self
                .0
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        )
    }
}

/// How a reader gets the site as one `.zip` (every page's footer offers
/// it), named after its title (transliterated, as a slug): `The Orvenne
/// dam, 2030` → `the-orvenne-dam-2030.zip`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Download {
    /// Written by the build beside the pages: the footer links to it.
    Built(String),
    /// Made by the reader's browser from the site as served (the files
    /// listed in [`FILE_LIST`]): the footer has a button, shown by
    /// `assets/offline.js` where it can work (over http or https).
    Browser(String),
}

/// The list of the site's files the browser reads to make the zip.
pub const FILE_LIST: &str = "assets/files.json";

/// How this dossier's zip is made, or `None` when `[offline] archive =
/// false` (see [`Archiving`]).
pub fn download(config: &Config, dossier: &Dossier) -> Option<Download> {
    let name = format!("{}.zip", archive_stem(&dossier.front.title));
    match config
        .offline
        .archive
        .resolve(dossier.articles.len(), dossier.claims.len())
    {
        Archiving::Build => Some(Download::Built(name)),
        Archiving::Browser => Some(Download::Browser(name)),
        Archiving::Auto | Archiving::Off => None,
    }
}

/// The slug of a title without its subtitle (what follows a colon), at
/// most 48 characters (cut at a hyphen), or `dossier` when nothing of it
/// is left.
fn archive_stem(title: &str) -> String {
    let main = title
        .split(':')
        .find(|t| !t.trim().is_empty())
        .unwrap_or("");
    let slug = crate::load::slugify(&deunicode::deunicode(main));
    let mut stem = slug.as_str();
    if stem.len() > 48 {
        stem = &stem[..48];
        stem = stem.rsplit_once('-').map_or(stem, |(a, _)| a);
    }
    match stem.trim_matches('-') {
        "" | "x" => "dossier".into(),
        s => s.into(),
    }
}

/// The archive the writer makes of this build, when it makes one: every
/// file under one folder named as the archive.
pub fn archive(config: &Config, dossier: &Dossier) -> Option<Archive> {
    let Download::Built(name) = download(config, dossier)? else {
        return None;
    };
    let folder = name.trim_end_matches(".zip").to_string();
    Some(Archive { path: name, folder })
}

/// The web app manifest: the site's name, where it starts, its colours
/// (the default theme's page and link colours) and icons. Paths are
/// relative to the manifest, at the site's root.
fn web_manifest(config: &Config, title: &str) -> Vec<u8> {
    let hex = |c: [u8; 3]| format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2]);
    let mut icons = Vec::new();
    for (src, size) in ICONS {
        for purpose in ["any", "maskable"] {
            icons.push(serde_json::json!({
                "src": src,
                "sizes": format!("{size}x{size}"),
                "type": "image/png",
                "purpose": purpose,
            }));
        }
    }
    let mut manifest = serde_json::json!({
        "name": title,
        "short_name": short_name(title),
        "lang": config.language,
        "start_url": "index.html",
        "scope": "./",
        "display": "standalone",
        "background_color": hex(icon::PAPER),
        "theme_color": hex(icon::BACKGROUND),
        "icons": icons,
    });
    if let Some(d) = &config.description {
        manifest["description"] = d.as_str().into();
    }
    let mut bytes = serde_json::to_vec_pretty(&manifest).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// A name short enough for a home screen (12 characters): the title's
/// first words that fit, else its first 12 characters.
fn short_name(title: &str) -> String {
    const FIT: usize = 12;
    if title.chars().count() <= FIT {
        return title.to_string();
    }
    let mut out = String::new();
    for word in title.split_whitespace() {
        let len = out.chars().count() + usize::from(!out.is_empty()) + word.chars().count();
        if len > FIT {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    let out = out.trim_end_matches([',', ';', ':', '—', '-']).to_string();
    if out.is_empty() {
        title.chars().take(FIT).collect()
    } else {
        out
    }
}

/// The offline files of a build whose other files `recorder` noted:
/// the manifest and icons, then the list of files the browser zips
/// (when it makes the zip) and the worker (made last, since it lists
/// them). Also gives every file the worker lists, for [`listed`] to make
/// them again when some of them change (`dossier serve`).
pub fn files(
    config: &Config,
    dossier: &Dossier,
    recorder: &Recorder,
) -> (Vec<Page>, Vec<Recorded>) {
    let mut pages = vec![Page {
        path: WEB_MANIFEST.into(),
        bytes: web_manifest(config, &dossier.front.title),
    }];
    for (path, size) in ICONS {
        pages.push(Page {
            path: path.into(),
            bytes: icon::png(size),
        });
    }
    let mut recorded = recorder.take();
    recorded.extend(pages.iter().map(Recorded::of));
    pages.extend(listed(config, dossier, &mut recorded));
    (pages, recorded)
}

/// The files that list a site whose other files are `recorded`: the list
/// the browser zips (when it makes the zip; its record put in
/// `recorded`), then the service worker.
pub fn listed(config: &Config, dossier: &Dossier, recorded: &mut Vec<Recorded>) -> Vec<Page> {
    let mut pages = Vec::with_capacity(2);
    if let Some(Download::Browser(_)) = download(config, dossier) {
        let list = file_list(recorded);
        let record = Recorded::of(&list);
        match recorded.iter_mut().find(|r| r.path == FILE_LIST) {
            Some(r) => *r = record,
            None => recorded.push(record),
        }
        pages.push(list);
    }
    pages.push(Page {
        path: WORKER.into(),
        bytes: worker::script(recorded, config.offline.budget_bytes).into_bytes(),
    });
    pages
}

/// [`FILE_LIST`]: every file of the site by its path from the root,
/// sorted (the worker and the list itself included), as a JSON array.
/// Paths alone, not sizes: the list changes only when files come or go.
fn file_list(recorded: &[Recorded]) -> Page {
    let mut paths: Vec<&str> = recorded.iter().map(|r| r.path.as_str()).collect();
    paths.extend([WORKER, FILE_LIST]);
    paths.sort_unstable();
    paths.dedup();
    let mut bytes = serde_json::to_vec(&paths).unwrap_or_default();
    bytes.push(b'\n');
    Page {
        path: FILE_LIST.into(),
        bytes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titled(title: &str) -> Dossier {
        let mut d = Dossier::default();
        d.front.title = title.into();
        d
    }

    #[test]
    fn archive_names_come_from_the_title() {
        let config = Config::fallback();
        let dam = titled("The Orvenne dam, 2030");
        assert_eq!(
            download(&config, &dam),
            Some(Download::Built("the-orvenne-dam-2030.zip".into()))
        );
        assert_eq!(
            archive(&config, &dam).unwrap().folder,
            "the-orvenne-dam-2030"
        );
        assert_eq!(archive_stem("Корея и Россия"), "koreia-i-rossiia");
        assert_eq!(
            archive_stem("North Korea and Russia, 2025: troops, workers"),
            "north-korea-and-russia-2025"
        );
        assert_eq!(archive_stem("—"), "dossier");
        assert_eq!(archive_stem("北朝鮮"), "bei-zhao-xian");
        let long = archive_stem(&"word ".repeat(30));
        assert!(long.len() <= 48 && !long.ends_with('-'), "{long}");
        let mut off = Config::fallback();
        off.offline.archive = Archiving::Off;
        assert_eq!(download(&off, &dam), None);
        assert!(archive(&off, &dam).is_none());
        // Made by the browser: no archive for the writer.
        off.offline.archive = Archiving::Browser;
        assert_eq!(
            download(&off, &dam),
            Some(Download::Browser("the-orvenne-dam-2030.zip".into()))
        );
        assert!(archive(&off, &dam).is_none());
    }

    #[test]
    fn a_browser_made_zip_gets_the_list_of_every_file_and_the_worker_lists_it() {
        let mut config = Config::fallback();
        let dam = titled("Dam");
        let file = |path: &str| Recorded {
            path: path.into(),
            len: 10,
            hash: xxhash_rust::xxh3::xxh3_128(path.as_bytes()),
        };
        let mut recorded = vec![
            file("index.html"),
            file("claims/a.html"),
            file("assets/style.css"),
        ];
        // Written by the build: no list.
        let pages = listed(&config, &dam, &mut recorded);
        assert_eq!(
            pages.iter().map(|p| p.path.as_str()).collect::<Vec<_>>(),
            [WORKER]
        );
        config.offline.archive = Archiving::Browser;
        let pages = listed(&config, &dam, &mut recorded);
        assert_eq!(
            pages.iter().map(|p| p.path.as_str()).collect::<Vec<_>>(),
            [FILE_LIST, WORKER]
        );
        assert_eq!(
            String::from_utf8_lossy(&pages[0].bytes),
            "[\"assets/files.json\",\"assets/style.css\",\"claims/a.html\",\"index.html\",\"sw.js\"]\n"
        );
        // The list is one of the files the worker's version follows, once.
        assert_eq!(recorded.iter().filter(|r| r.path == FILE_LIST).count(), 1);
        let again = listed(&config, &dam, &mut recorded);
        assert_eq!(again[0].bytes, pages[0].bytes);
        assert_eq!(again[1].bytes, pages[1].bytes);
        recorded.push(file("articles/b.html"));
        let more = listed(&config, &dam, &mut recorded);
        assert!(String::from_utf8_lossy(&more[0].bytes).contains("\"articles/b.html\""));
        assert_ne!(more[1].bytes, pages[1].bytes);
    }

    #[test]
    fn the_404_pages_revision_leaves_its_base_out() {
        let page = |path: &str, base: &str| {
            Page {
            path: path.into(),
            bytes: format!("<!DOCTYPE html>\n<head>\n<meta charset=\"utf-8\">\n{base}<title>Not found</title>\n</head>\n<body><base href=\"x\"></body>").into_bytes(),
        }
        };
        let built = Recorded::of(&page("404.html", "<base href=\"https://e.org/repo/\">\n"));
        let served = Recorded::of(&page(
            "404.html",
            "<base href=\"http://127.0.0.1:1111/\">\n",
        ));
        let bare = Recorded::of(&page("404.html", ""));
        assert_eq!((built.hash, built.len), (served.hash, served.len));
        assert_eq!((built.hash, built.len), (bare.hash, bare.len));
        // Only in the head, only for the 404 page.
        let other = Recorded::of(&page("index.html", "<base href=\"https://e.org/repo/\">\n"));
        assert_ne!(other.hash, Recorded::of(&page("index.html", "")).hash);
        assert_eq!(
            &*without_base(b"<head></head><body><base href=\"x\"></body>"),
            b"<head></head><body><base href=\"x\"></body>"
        );
    }

    #[test]
    fn short_names_fit_a_home_screen() {
        assert_eq!(short_name("Dam, 2030"), "Dam, 2030");
        assert_eq!(short_name("North Korea and Russia, 2025"), "North Korea");
        assert_eq!(short_name("Donaudampfschifffahrt"), "Donaudampfsc");
    }

    #[test]
    fn the_manifest_names_the_site_and_its_icons() {
        let mut config = Config::fallback();
        config.description = Some("A test.".into());
        let m: serde_json::Value =
            serde_json::from_slice(&web_manifest(&config, "The Orvenne dam, 2030")).unwrap();
        assert_eq!(m["name"], "The Orvenne dam, 2030");
        assert_eq!(m["start_url"], "index.html");
        assert_eq!(m["scope"], "./");
        assert_eq!(m["description"], "A test.");
        assert_eq!(m["icons"].as_array().unwrap().len(), 4);
        assert_eq!(m["icons"][0]["src"], "assets/icon-192.png");
    }
}
