//! The global allocator of the binaries (`src/main.rs` and the benches, which include this file
//! with `mod alloc;` and call `alloc::init()` first in `main`): mimalloc, whose allocations and
//! frees take far fewer instructions than the C library's. Extraction, which allocates many
//! small strings and vectors, needs 6.5 % fewer instructions with it; the library itself does
//! not choose an allocator.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

unsafe extern "C" {
    /// mimalloc's `mi_option_set` (`mimalloc.h`). The `mimalloc` crate's own bindings have it
    /// only with its `extended` feature, and without the purge delay's number.
    fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
}

/// `mi_option_purge_delay`: its place in `enum mi_option_e` of the mimalloc 3 that
/// `libmimalloc-sys` 0.1.49 builds (`c_src/mimalloc/v3/include/mimalloc.h`). Cargo.toml pins that
/// crate to this version so that an update cannot change the number unseen.
const MI_OPTION_PURGE_DELAY: std::ffi::c_int = 15;

/// Makes mimalloc give freed memory back to the system at once. By default it keeps freed pages
/// for a second, and opening the 100k store, which frees its read buffers while it builds the
/// graph, then peaked at 292 MiB of resident memory instead of the C library's 282 MiB.
pub fn init() {
    // SAFETY: `mi_option_set` stores a value in mimalloc's table of options, which it reads
    // atomically; the option is a valid one of the bundled mimalloc, and 0 is a valid delay.
    unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, 0) };
}
