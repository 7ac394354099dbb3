//! Getting the pages of a large array ready before it is written, on another thread.
//!
//! `Graph::restore` sizes petgraph's node and edge arrays once (about 100 MB for a million
//! statements) and then writes them from start to end. Each 4 KiB page the opening thread
//! touches first costs it a page fault, and those faults were a quarter of its time. A
//! `Prefault` thread asks the kernel to map the pages ahead (`MADV_POPULATE_WRITE`) while
//! the opening thread goes on with its work. This does not change what the memory holds: it
//! maps zeroed pages where none were mapped, exactly what the first write would have done,
//! and leaves mapped pages alone. Elsewhere than on Linux, or if the kernel refuses, nothing
//! happens and the pages fault in as before. Huge pages (`MADV_HUGEPAGE` on the same ranges)
//! were measured too: the opening thread gained nothing more, and the kernel's time went up
//! by about 0.15 s (it zeroes, and on this machine compacts, 2 MiB at a time).

use std::sync::mpsc;

/// The bytes populated per call, so that the owner's writes meet mapped pages early.
const STEP: usize = 2 << 20;

/// The whole pages inside the bytes `start..end`, if there are any.
pub fn whole_pages(start: usize, end: usize) -> Option<std::ops::Range<usize>> {
    const PAGE: usize = 4096;
    let (a, b) = (start.checked_next_multiple_of(PAGE)?, end / PAGE * PAGE);
    (a < b).then_some(a..b)
}

/// A thread that populates the ranges it is sent, in order. Dropping it waits for the thread,
/// so that no range is touched after its owner is gone.
pub struct Prefault {
    ranges: Option<mpsc::Sender<std::ops::Range<usize>>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Prefault {
    /// Starts the thread; without one (the system refused it), `populate` does nothing.
    pub fn start() -> Prefault {
        let (tx, rx) = mpsc::channel::<std::ops::Range<usize>>();
        let thread = std::thread::Builder::new()
            .name("prefault".into())
            .spawn(move || {
                for r in rx {
                    populate(r);
                }
            })
            .ok();
        Prefault {
            ranges: thread.as_ref().map(|_| tx),
            thread,
        }
    }
    /// Has the pages of `r` populated ahead of use. The caller keeps the memory allocated
    /// until this `Prefault` is dropped or waited for, and the range must lie inside one
    /// allocation of its own: then populating it changes nothing the program can observe
    /// (see the module comment).
    pub fn populate(&self, r: std::ops::Range<usize>) {
        if let Some(tx) = &self.ranges {
            let _ = tx.send(r);
        }
    }
    /// Waits until every range sent is done; later ones are ignored. For an owner about to
    /// free or move the memory.
    pub fn wait(&mut self) {
        self.ranges = None;
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for Prefault {
    fn drop(&mut self) {
        self.wait();
    }
}

/// Populates the pages of `r` (page-aligned, inside a live allocation); returns whether the
/// kernel did.
fn populate(r: std::ops::Range<usize>) -> bool {
    #[cfg(target_os = "linux")]
    {
        unsafe extern "C" {
            fn madvise(addr: *mut std::ffi::c_void, len: usize, advice: std::ffi::c_int) -> i32;
        }
        const MADV_POPULATE_WRITE: std::ffi::c_int = 23;
        let ptr = |a: usize| std::ptr::without_provenance_mut::<std::ffi::c_void>(a);
        // SAFETY: `r` is page-aligned and inside an allocation that stays alive while this
        // runs (see `Prefault::populate`). `MADV_POPULATE_WRITE` maps zeroed pages where
        // none are mapped yet (what the first write would do) and leaves mapped pages and
        // their contents alone, so a write by the owner at the same time is kept. It reads
        // and writes no memory through these pointers.
        unsafe {
            let mut at = r.start;
            while at < r.end {
                let len = STEP.min(r.end - at);
                if madvise(ptr(at), len, MADV_POPULATE_WRITE) != 0 {
                    // An older kernel (before 5.14) does not know the advice.
                    return false;
                }
                at += len;
            }
        }
        true
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = r;
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_pages_lie_inside_the_bytes() {
        assert_eq!(whole_pages(4096, 3 * 4096), Some(4096..3 * 4096));
        assert_eq!(whole_pages(4097, 3 * 4096 + 5), Some(8192..3 * 4096));
        assert_eq!(whole_pages(4097, 8191), None);
        assert_eq!(whole_pages(usize::MAX - 10, usize::MAX), None);
    }

    /// Populating a buffer's pages, some written before and some written while it runs,
    /// leaves every byte as the program wrote it.
    #[test]
    fn populating_keeps_what_the_memory_holds() {
        let n = 8 << 20;
        let mut buf: Vec<u8> = Vec::with_capacity(n);
        let base = buf.as_ptr() as usize;
        buf.extend((0..n / 2).map(|i| (i % 251) as u8));
        let pages = whole_pages(base, base + n).expect("a large buffer has whole pages");
        {
            let pre = Prefault::start();
            pre.populate(pages.clone());
            buf.extend((n / 2..n).map(|i| (i % 251) as u8));
        }
        let _ = populate(pages);
        assert!(buf.iter().enumerate().all(|(i, &b)| b == (i % 251) as u8));
    }
}
