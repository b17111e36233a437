//! The `messages` target: see `candor_fuzz::readers::messages` for which byte picks which reader.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| candor_fuzz::readers::messages(data));
