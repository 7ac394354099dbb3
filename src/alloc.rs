//! The global allocator of the binaries (`src/main.rs` and the benches, which include this file
//! with `mod alloc;`): mimalloc, whose allocations and frees take far fewer instructions than the
//! C library's. Extraction, which allocates many small strings and vectors, needs 6.5 % fewer
//! instructions with it; the library itself does not choose an allocator.
//!
//! mimalloc keeps its default purge delay: freed pages stay resident for a few milliseconds, so a
//! query that frees its large arrays and runs again reuses them instead of faulting them in anew.
//! With immediate purging, opening the 100k store peaked 8–11 MiB lower (282 MiB), but the
//! top-10 question on its head entity took 10.2–10.6 ms instead of 7.3 ms.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
