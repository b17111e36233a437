//! The `vault` target: see `candor_fuzz::readers::vault` for which byte picks which reader.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| candor_fuzz::readers::vault(data));
