//! The moments of a build after which much of what it allocated is
//! garbage, for the binary's allocator to act on. The library allocates
//! through whatever global allocator the binary chose and knows nothing
//! of it; the binary registers what to do at each moment ([`on_stage`]):
//! `dossier`'s `main` has mimalloc give freed memory back to the system
//! at once, so that the peak of the next stage does not count it.
//!
//! In: the stage a build reached (`reached`, called by the pipeline). Out:
//! nothing; with no hook registered (`serve`, the library used alone),
//! nothing happens.

use std::sync::OnceLock;

/// A stage of a build, just reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// The dossier is loaded and checked: the parses of its files are
    /// freed.
    Loaded,
    /// The dossier is analysed, the analysis's scratch freed; the pages
    /// come next.
    Analysed,
}

static HOOK: OnceLock<fn(Stage)> = OnceLock::new();

/// Registers what to do at each stage a build reaches. The first hook
/// registered stays; later calls change nothing.
pub fn on_stage(hook: fn(Stage)) {
    let _ = HOOK.set(hook);
}

/// Tells the registered hook, if any, that `stage` is reached.
pub(crate) fn reached(stage: Stage) {
    if let Some(hook) = HOOK.get() {
        hook(stage);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;

    thread_local! {
        static SEEN: RefCell<Vec<Stage>> = const { RefCell::new(Vec::new()) };
    }

    /// Notes the stages reached on this thread (a build calls its hook on
    /// the thread that runs it; other tests' builds run on theirs).
    fn note(stage: Stage) {
        SEEN.with_borrow_mut(|seen| seen.push(stage));
    }

    #[test]
    fn a_build_reaches_loaded_then_analysed_and_a_check_loaded_alone() {
        on_stage(note);
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let render = crate::pipeline::Mode::Render;
        let (report, built) = crate::pipeline::build_in_memory(root, None, &render).unwrap();
        assert!(!built.pages.is_empty(), "{}", report.shown(true));
        let seen = SEEN.with_borrow_mut(std::mem::take);
        assert_eq!(seen, [Stage::Loaded, Stage::Analysed]);
        let check = crate::pipeline::Mode::Check { strict: false };
        crate::pipeline::build_in_memory(root, None, &check).unwrap();
        let seen = SEEN.with_borrow_mut(std::mem::take);
        assert_eq!(seen, [Stage::Loaded]);
    }
}
