//! Handing freed memory back to the system.
//!
//! Commands run on worker threads, and glibc gives each thread its own heap arena. A large
//! response (ten thousand decrypted applications, say) is built and freed on one of them,
//! and glibc keeps that memory in the arena for good: the app stays tens of megabytes
//! bigger than it needs to be. `malloc_trim(0)` returns whole free pages of every arena.
//! It is called every few seconds from the idle thread; when nothing was freed it costs
//! next to nothing.

/// Returns the free pages of every malloc arena to the system.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
pub fn release_freed() {
    // SAFETY: malloc_trim takes no pointers and only walks glibc's own arenas under their
    // locks; it is safe to call from any thread at any time.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Other allocators return memory on their own.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn release_freed() {}
