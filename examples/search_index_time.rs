//! Times the search index of a dossier alone, for `BENCHMARKS.md`:
//! loads the dossier at the path given once, then makes
//! `assets/search-index.js` RUNS times (default 15) and prints each time
//! and the median. With a second path, writes the index there (to
//! compare two builds' bytes).
//!
//! ```sh
//! cargo run --release --example search_index_time -- target/bench/corpus-10000 [OUT]
//! ```

/// The allocator of the `dossier` binary, so that the times are its.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(root) = args.next() else {
        eprintln!("usage: search_index_time DOSSIER [OUT]");
        std::process::exit(2);
    };
    let out_path = args.next();
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(15);
    let root = std::path::PathBuf::from(root);
    let mut loaded = dossier::load::load(&root);
    let theme = match dossier::theme::Theme::load(&root, &loaded.config.theme) {
        Ok(theme) => theme,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let (messages, _) =
        dossier::i18n::Messages::load(&theme, &loaded.config.language, &mut loaded.sources);
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs.max(1) {
        let start = std::time::Instant::now();
        let index = dossier::render::search_index::index_js(&loaded.dossier, &messages);
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        println!("{} bytes in {ms:.1} ms", index.len());
        times.push(ms);
        if let Some(path) = &out_path
            && let Err(e) = std::fs::write(path, &index)
        {
            eprintln!("cannot write {path}: {e}");
            std::process::exit(1);
        }
    }
    times.sort_by(f64::total_cmp);
    println!("median {:.1} ms of {}", times[times.len() / 2], times.len());
}
