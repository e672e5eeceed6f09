//! Stage timings for profiling: with `DOSSIER_TIMINGS` set, each stage's
//! wall and CPU time on stderr, with the process's resident memory then
//! and its peak so far (where Linux reports them). In: stage names as the build, the loader
//! and `serve` pass them; out: lines of stderr, nothing when unset.

use std::time::Instant;

/// Stage timings on stderr when `DOSSIER_TIMINGS` is set (for profiling):
/// wall time, and CPU time of the process where Linux reports it.
pub(crate) struct Timer(Option<std::cell::Cell<(Instant, f64)>>);

impl Timer {
    pub(crate) fn new() -> Self {
        Timer(
            std::env::var_os("DOSSIER_TIMINGS")
                .map(|_| std::cell::Cell::new((Instant::now(), cpu_seconds()))),
        )
    }
    pub(crate) fn lap(&self, stage: &str) {
        if let Some(t) = &self.0 {
            let (start, cpu) = t.get();
            let now = cpu_seconds();
            let (rss, peak) = resident_mb();
            eprintln!(
                "timing: {stage:<8} {:>8.1} ms (cpu {:>6.0} ms) rss {rss:>5} MB (peak {peak:>5} MB)",
                start.elapsed().as_secs_f64() * 1000.0,
                (now - cpu) * 1000.0
            );
            t.set((Instant::now(), now));
        }
    }
}

/// User + system CPU seconds of this process so far, from
/// `/proc/self/stat` (0 where there is no such file).
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // Fields after the command name (which may hold spaces) in parentheses.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let mut fields = rest.split_whitespace().skip(11);
    let ticks = |f: Option<&str>| f.and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    // utime and stime, in clock ticks (100 per second on Linux).
    (ticks(fields.next()) + ticks(fields.next())) / 100.0
}

/// Resident memory now and at its peak, in MB, from `/proc/self/status`
/// (0 where there is no such file).
fn resident_mb() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .map_or(0, |kb| kb / 1024)
    };
    (field("VmRSS:"), field("VmHWM:"))
}
