//! Reading ahead of the workers: a thread gets the next input files into the
//! kernel's page cache (asks the kernel to read them ahead, or reads and drops
//! them) so that they are there when a worker opens them.
//!
//! An archive is many small files; read cold, each costs a disk round trip
//! that a worker would otherwise sit out (with one worker, the whole run
//! waits). The reader stays within a fixed number of bytes ahead of the
//! workers, so it does not evict what they are about to read.

use std::borrow::Borrow;
use std::fs::File;
use std::io::Read;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use super::inputs::Job;

/// How far (bytes on disk) the reader may run ahead of the workers.
const WINDOW: u64 = 16 << 20;

/// Shared between the workers and the reader.
pub struct Progress {
    /// Which jobs a worker has started (the reader skips them).
    started: Vec<AtomicBool>,
    /// How many jobs workers have started: with the jobs taken roughly in
    /// order (each worker in its own stretch), the distance of the reader
    /// is measured from the start of this many jobs.
    count: AtomicUsize,
    stop: AtomicBool,
}

impl Progress {
    /// Progress over `jobs` jobs.
    pub fn new(jobs: usize) -> Progress {
        Progress {
            started: (0..jobs).map(|_| AtomicBool::new(false)).collect(),
            count: AtomicUsize::new(0),
            stop: AtomicBool::new(false),
        }
    }

    /// A worker starts job `index`.
    pub fn start(&self, index: usize) {
        if let Some(s) = self.started.get(index) {
            s.store(true, Ordering::Relaxed);
        }
        self.count.fetch_add(1, Ordering::Relaxed);
    }

    fn is_started(&self, index: usize) -> bool {
        self.started
            .get(index)
            .is_some_and(|s| s.load(Ordering::Relaxed))
    }

    /// Stops the reader (also done when a [`StopOnDrop`] drops).
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
            let count = progress.count.load(Ordering::Relaxed);
            if progress.is_started(i) || at(i) <= at(count).saturating_add(WINDOW) {
                break;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        if progress.is_started(i) || skip(i) {
            continue; // a worker has it already
        }
        warm(&job.borrow().src, &mut buf);
    }
}

/// Gets the file at `path` into the page cache. On Linux the kernel is asked
/// to read it ahead (`posix_fadvise(WILLNEED)` starts the disk reads and
/// returns): no copy, so a file already cached costs three system calls, not
/// a pass over its bytes that takes memory bandwidth from the workers.
/// Elsewhere it is read through `buf`.
fn warm(path: &std::path::Path, buf: &mut [u8]) {
    let Ok(mut f) = File::open(path) else { return };
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        use std::os::fd::AsRawFd;
        // SAFETY: the descriptor is open for the call; offset 0 and length 0
        // mean the whole file.
        let rc = unsafe { libc::posix_fadvise(f.as_raw_fd(), 0, 0, libc::POSIX_FADV_WILLNEED) };
        if rc == 0 {
            return;
        }
    }
    while matches!(f.read(&mut *buf), Ok(n) if n > 0) {}
}

/// Stops the reader when dropped (on every way out of the cleaning loop).
pub struct StopOnDrop<'a>(pub &'a Progress);

impl Drop for StopOnDrop<'_> {
    fn drop(&mut self) {
        self.0.stop();
    }
}
