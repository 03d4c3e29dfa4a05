//! Reading ahead of the workers: a thread reads the next input files (and
//! drops what it read) so that the kernel has them in its page cache when a
//! worker opens them.
//!
//! An archive is many small files; read cold, each costs a disk round trip
//! that a worker would otherwise sit out (with one worker, the whole run
//! waits). The reader stays within a fixed number of bytes ahead of the
//! workers, so it neither evicts what they are about to read nor costs more
//! than a copy of each file into a reused buffer.

use std::borrow::Borrow;
use std::fs::File;
use std::io::Read;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use super::inputs::Job;

/// How far (bytes on disk) the reader may run ahead of the workers.
const WINDOW: u64 = 16 << 20;

/// Shared between the workers and the reader.
#[derive(Default)]
pub struct Progress {
    /// Jobs (by index) that workers have started: every index below this
    /// one is taken (approximately: set with `fetch_max`).
    started: AtomicUsize,
    stop: AtomicBool,
}

impl Progress {
    /// A worker starts job `index`.
    pub fn start(&self, index: usize) {
        self.started.fetch_max(index + 1, Ordering::Relaxed);
    }

    /// Stops the reader (also done when the guard from [`run`] drops).
    pub fn stop(&self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// Reads `jobs` (but those `skip` names) ahead of `progress` until every
/// file is read or it is stopped.
pub fn run<J: Borrow<Job>>(jobs: &[J], progress: &Progress, skip: impl Fn(usize) -> bool) {
    // start offset (bytes) of each job, to measure the distance
    let mut offsets = Vec::with_capacity(jobs.len() + 1);
    let mut total = 0u64;
    for j in jobs {
        offsets.push(total);
        total = total.saturating_add(j.borrow().size);
    }
    offsets.push(total);
    let at = |i: usize| offsets.get(i).copied().unwrap_or(total);
    let mut buf = vec![0u8; 256 * 1024];
    for (i, job) in jobs.iter().enumerate() {
        loop {
            if progress.stop.load(Ordering::Relaxed) || crate::io::interrupted() {
                return;
            }
            let started = progress.started.load(Ordering::Relaxed);
            if i < started || at(i) <= at(started).saturating_add(WINDOW) {
                break;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        if i < progress.started.load(Ordering::Relaxed) || skip(i) {
            continue; // a worker has it already
        }
        if let Ok(mut f) = File::open(&job.borrow().src) {
            while matches!(f.read(&mut buf), Ok(n) if n > 0) {}
        }
    }
}

/// Stops the reader when dropped (on every way out of the cleaning loop).
pub struct StopOnDrop<'a>(pub &'a Progress);

impl Drop for StopOnDrop<'_> {
    fn drop(&mut self) {
        self.0.stop();
    }
}
