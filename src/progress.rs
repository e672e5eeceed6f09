//! Progress on the terminal for long builds (`indicatif`). A spinner with
//! the current stage and the elapsed time appears on stderr only when
//! stderr is a terminal and the build has run for [`DELAY`]; otherwise
//! nothing is drawn, so piped output (tests, CI, logs) is unchanged. It is
//! cleared before the summary line is printed.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

/// How long a build runs before the spinner appears (short builds show
/// nothing, so there is no flicker).
pub const DELAY: Duration = Duration::from_millis(800);

/// A spinner on stderr, shown after [`DELAY`] if stderr is a terminal.
pub struct Progress {
    bar: ProgressBar,
    stop: Option<mpsc::Sender<()>>,
    shower: Option<thread::JoinHandle<()>>,
}

impl Progress {
    /// Starts a spinner with `message`, hidden unless stderr is a terminal
    /// (and hidden under `DOSSIER_TIMINGS`, whose lines it would garble).
    pub fn start(message: impl Into<String>) -> Progress {
        let shown =
            std::io::stderr().is_terminal() && std::env::var_os("DOSSIER_TIMINGS").is_none();
        Progress::start_on(shown, message)
    }

    /// Starts a spinner that is drawn only if `terminal` is true.
    pub fn start_on(terminal: bool, message: impl Into<String>) -> Progress {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar.set_message(message.into());
        if !terminal {
            return Progress {
                bar,
                stop: None,
                shower: None,
            };
        }
        let (stop, stopped) = mpsc::channel::<()>();
        let shown = bar.clone();
        let shower = thread::spawn(move || {
            if let Err(mpsc::RecvTimeoutError::Timeout) = stopped.recv_timeout(DELAY) {
                shown.set_draw_target(ProgressDrawTarget::stderr());
                shown.enable_steady_tick(Duration::from_millis(100));
            }
        });
        Progress {
            bar,
            stop: Some(stop),
            shower: Some(shower),
        }
    }

    /// Changes the stage shown.
    pub fn set_message(&self, message: impl Into<String>) {
        self.bar.set_message(message.into());
    }

    /// Removes the spinner (call before printing anything else).
    pub fn finish(mut self) {
        self.clear();
    }

    fn clear(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(shower) = self.shower.take() {
            let _ = shower.join();
        }
        self.bar.finish_and_clear();
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_without_terminal() {
        let p = Progress::start_on(false, "building");
        assert!(p.bar.is_hidden());
        p.set_message("writing");
        p.finish();
    }

    #[test]
    fn short_build_draws_nothing() {
        let p = Progress::start_on(true, "building");
        p.finish();
    }
}
