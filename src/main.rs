use clap::Parser;

/// mimalloc: rendering allocates many small strings on every thread, where
/// glibc's allocator spends a fifth of the build in malloc and free.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (its place in `mi_option_e`, in
/// `mimalloc.h`; the Rust bindings name no constant for it).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Freed memory goes back to the system after 50 ms rather than a second
/// (mimalloc 3's default), and then only when the thread next allocates:
/// the loader's scratch (the parsed YAML of 100,000 claims) and the big
/// list pages would otherwise still count when rendering peaks. On the
/// 10,000-article corpus, rebuilds alternating five times: peak resident
/// memory 539 → 462 MB (medians) for about 5 % more wall time; at 0 ms it
/// was 433 MB but 27 % slower (a page fault for every page reused), at
/// 10 ms 456 MB and 10 % slower. A `MIMALLOC_PURGE_DELAY` set by the user
/// wins.
const PURGE_DELAY_MS: std::ffi::c_long = 50;

fn return_freed_memory_sooner() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: sets an integer option; mimalloc allows it at any time.
        unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, PURGE_DELAY_MS) };
    }
}

/// Once the pages are being made, freed memory goes back after 10 ms.
const PURGE_DELAY_PAGES_MS: std::ffi::c_long = 10;

/// Between the stages of a build (not `serve`), what the last stage freed
/// goes back to the system at once (`mi_collect`): the parses of the
/// files once the dossier is loaded, the analysis's scratch once it is
/// analysed; and while the pages are made, freed memory goes back after
/// 10 ms instead of 50. `bench/bench.py`, medians of five alternating
/// with the binary without it (ext4, 2026-12-06): at 1,000 articles a
/// rebuild peaks at 53 MB instead of 64 and a cold build at 58 instead
/// of 73, at 10,000 articles 303 instead of 312 and 294 instead of 304;
/// wall time the same within the noise (a cold build at 10,000 spends
/// about 0.2 s more in the kernel, faulting pages in again). A
/// `MIMALLOC_PURGE_DELAY` set by the user wins over the 10 ms.
fn release_between_stages(stage: dossier::memory::Stage) {
    // SAFETY: frees what mimalloc holds unused; no pointer is passed.
    unsafe { libmimalloc_sys::mi_collect(true) };
    if stage == dossier::memory::Stage::Analysed
        && std::env::var_os("MIMALLOC_PURGE_DELAY").is_none()
    {
        // SAFETY: sets an integer option; mimalloc allows it at any time.
        unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, PURGE_DELAY_PAGES_MS) };
    }
}

/// No transparent huge pages (Linux) but in `serve`: mimalloc 3 asks for
/// them on every region it maps, and the kernel then backs each 2 MB of it
/// that is touched at all with a whole huge page. A small dossier's build
/// peaked at 55 MB for 35 MB without them (`check`: 30 against 18), the
/// generated 1,000-article one at 106 MB against 72, 10,000 articles at
/// 437 against 396 (rebuilds, medians), for 0 to 8 % more wall time at
/// 10,000 (more page faults) and none measurable at 1,000. `serve`, which
/// remakes tens of megabytes of lists per edit, keeps them: a claim's
/// statement edited at 10,000 articles took 279–322 ms with them against
/// 321–348 without. Set from `main`, after mimalloc has mapped its first
/// region (before `main` runs), so it is the process's switch (`prctl`),
/// not mimalloc's `allow_thp` option, which mimalloc reads when it maps.
/// A `MIMALLOC_ALLOW_THP` set by the user wins.
fn no_transparent_huge_pages() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("MIMALLOC_ALLOW_THP").is_none() {
        // SAFETY: sets a flag of the calling process; no memory is passed.
        // On a kernel without it, the call fails and nothing changes.
        unsafe { libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0) };
    }
}

/// `serve` never gives freed memory back: each edit makes again lists of
/// tens of megabytes (`claims.json`, the search index, the sources and
/// figures pages at 10,000 articles), and memory given back between two
/// saves is faulted in again by the next, a page at a time. On the
/// 10,000-article corpus a statement edit spent 100–180 ms putting
/// `claims.json` together in fresh memory against 12–20 ms in memory kept
/// (`bench/serve_latency.py`). The server keeps what its biggest edit
/// used, about what a full build peaks at. A `MIMALLOC_PURGE_DELAY` set
/// by the user wins.
fn keep_freed_memory() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: sets an integer option; mimalloc allows it at any time.
        unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
    }
}

fn main() {
    return_freed_memory_sooner();
    let args = dossier::cli::Cli::parse();
    if matches!(args.command, dossier::cli::Command::Serve { .. }) {
        keep_freed_memory();
    } else {
        no_transparent_huge_pages();
        dossier::memory::on_stage(release_between_stages);
    }
    let code = dossier::run(args, &mut std::io::stderr());
    std::process::exit(code);
}

#[cfg(test)]
mod tests {
    #[cfg(target_os = "linux")]
    #[test]
    fn transparent_huge_pages_are_off_for_the_process() {
        if std::env::var_os("MIMALLOC_ALLOW_THP").is_some() {
            return;
        }
        super::no_transparent_huge_pages();
        // SAFETY: reads a flag of the calling process.
        let off = unsafe { libc::prctl(libc::PR_GET_THP_DISABLE, 0, 0, 0, 0) };
        assert_eq!(off, 1);
    }

    #[test]
    fn the_purge_delay_is_50_ms_then_10_once_analysed_and_never_in_serve() {
        // SAFETY: reads and sets integer options.
        let before = unsafe { libmimalloc_sys::mi_option_get(super::MI_OPTION_PURGE_DELAY) };
        // mimalloc 3's default for the purge delay: 1,000 ms (options.c).
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            assert_eq!(before, 1000, "option 15 is not the purge delay");
        }
        super::return_freed_memory_sooner();
        let after = unsafe { libmimalloc_sys::mi_option_get(super::MI_OPTION_PURGE_DELAY) };
        // Between stages: 50 ms still once loaded, 10 once analysed (one
        // test, as the option is the process's).
        super::release_between_stages(dossier::memory::Stage::Loaded);
        let loaded = unsafe { libmimalloc_sys::mi_option_get(super::MI_OPTION_PURGE_DELAY) };
        super::release_between_stages(dossier::memory::Stage::Analysed);
        let analysed = unsafe { libmimalloc_sys::mi_option_get(super::MI_OPTION_PURGE_DELAY) };
        // `serve`: never (-1).
        super::keep_freed_memory();
        let serving = unsafe { libmimalloc_sys::mi_option_get(super::MI_OPTION_PURGE_DELAY) };
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            assert_eq!(after, super::PURGE_DELAY_MS);
            assert_eq!(loaded, super::PURGE_DELAY_MS);
            assert_eq!(analysed, super::PURGE_DELAY_PAGES_MS);
            assert_eq!(serving, -1);
        }
    }
}
