//! Passphrase → key-encryption key, with Argon2id (RFC 9106).
//!
//! The header of a vault says which parameters to use, so the reader caps them before any
//! work is done: a hostile header must not make Candor allocate a gigabyte or spin for
//! minutes. Within the bounds, an edited parameter just derives another key, which fails
//! to unwrap the data key like a wrong passphrase would.

use argon2::{Algorithm, Argon2, Params, Version};
use secrecy::{ExposeSecret, SecretString};

use crate::error::{Result, VaultError};
use crate::keys::Key256;

/// Argon2id cost parameters, as stored in the vault header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KdfParams {
    /// Memory in KiB.
    pub memory_kib: u32,
    /// Number of passes.
    pub iterations: u32,
    /// Lanes.
    pub parallelism: u32,
}

/// Accepted ranges, checked before any derivation runs.
#[cfg(not(feature = "fuzzing"))]
pub const MEMORY_KIB_BOUNDS: (u32, u32) = (19 * 1024, 1024 * 1024);
#[cfg(not(feature = "fuzzing"))]
pub const ITERATIONS_BOUNDS: (u32, u32) = (2, 10);
#[cfg(not(feature = "fuzzing"))]
pub const PARALLELISM_BOUNDS: (u32, u32) = (1, 16);

/// The fuzz targets' bounds (the `fuzzing` feature, never in a normal build): Argon2's own
/// floor of 8 KiB and one pass, and a ceiling low enough that a fuzzed header cannot turn
/// each run into a long one. One lane, since Argon2 needs 8 KiB per lane.
#[cfg(feature = "fuzzing")]
pub const MEMORY_KIB_BOUNDS: (u32, u32) = (8, 256);
#[cfg(feature = "fuzzing")]
pub const ITERATIONS_BOUNDS: (u32, u32) = (1, 2);
#[cfg(feature = "fuzzing")]
pub const PARALLELISM_BOUNDS: (u32, u32) = (1, 1);

/// Length of the random salt stored in the header.
pub const SALT_LEN: usize = 16;

impl Default for KdfParams {
    /// RFC 9106's second recommended option (and Bitwarden's default): 64 MiB, 3 passes,
    /// 4 lanes.
    fn default() -> Self {
        KdfParams {
            memory_kib: 64 * 1024,
            iterations: 3,
            parallelism: 4,
        }
    }
}

impl KdfParams {
    /// The cheapest parameters the bounds accept (OWASP's minimum for Argon2id: 19 MiB,
    /// 2 passes, 1 lane). For tests and scripted demos; a real vault uses the default.
    pub const fn minimum() -> Self {
        KdfParams {
            memory_kib: MEMORY_KIB_BOUNDS.0,
            iterations: ITERATIONS_BOUNDS.0,
            parallelism: PARALLELISM_BOUNDS.0,
        }
    }

    /// Refuses parameters outside the bounds, naming the first one out of range.
    pub fn check_bounds(&self) -> Result<()> {
        let checks = [
            ("memory (KiB)", self.memory_kib, MEMORY_KIB_BOUNDS),
            ("iteration count", self.iterations, ITERATIONS_BOUNDS),
            ("parallelism", self.parallelism, PARALLELISM_BOUNDS),
        ];
        for (param, value, (min, max)) in checks {
            if !(min..=max).contains(&value) {
                return Err(VaultError::KdfParamsOutOfBounds {
                    param,
                    value,
                    min,
                    max,
                });
            }
        }
        Ok(())
    }

    /// Derives the key-encryption key. Checks the bounds first.
    pub fn derive(&self, passphrase: &SecretString, salt: &[u8; SALT_LEN]) -> Result<Key256> {
        self.check_bounds()?;
        let params = Params::new(self.memory_kib, self.iterations, self.parallelism, Some(32))
            .expect("parameters within the checked bounds are valid for argon2");
        let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
        let mut key = Key256::zero();
        argon
            .hash_password_into(passphrase.expose_secret().as_bytes(), salt, key.bytes_mut())
            .expect("salt length and output length are fixed and valid");
        Ok(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The fuzzing build has other bounds on purpose.
    #[cfg(not(feature = "fuzzing"))]
    #[test]
    fn production_defaults_are_rfc9106_second_recommendation() {
        let p = KdfParams::default();
        assert_eq!((p.memory_kib, p.iterations, p.parallelism), (65536, 3, 4));
        assert!(
            p.check_bounds().is_ok(),
            "the defaults must be within the bounds"
        );
    }

    #[test]
    fn minimum_parameters_are_within_bounds() {
        assert!(KdfParams::minimum().check_bounds().is_ok());
    }

    // The fuzzing build has other bounds on purpose.
    #[cfg(not(feature = "fuzzing"))]
    #[test]
    fn each_parameter_out_of_bounds_is_named() {
        let cases = [
            (
                KdfParams {
                    memory_kib: 1024,
                    ..KdfParams::minimum()
                },
                "memory (KiB)",
            ),
            (
                KdfParams {
                    memory_kib: 2 * 1024 * 1024,
                    ..KdfParams::minimum()
                },
                "memory (KiB)",
            ),
            (
                KdfParams {
                    iterations: 1,
                    ..KdfParams::minimum()
                },
                "iteration count",
            ),
            (
                KdfParams {
                    iterations: 11,
                    ..KdfParams::minimum()
                },
                "iteration count",
            ),
            (
                KdfParams {
                    parallelism: 0,
                    ..KdfParams::minimum()
                },
                "parallelism",
            ),
            (
                KdfParams {
                    parallelism: 17,
                    ..KdfParams::minimum()
                },
                "parallelism",
            ),
        ];
        for (params, expected) in cases {
            match params.check_bounds() {
                Err(VaultError::KdfParamsOutOfBounds { param, .. }) => assert_eq!(param, expected),
                other => panic!("{params:?} should be out of bounds, got {other:?}"),
            }
        }
    }

    #[test]
    fn argon2id_matches_the_reference_implementation() {
        // Produced by Debian's `argon2` (the reference C implementation):
        // echo -n 'correct horse' | argon2 somesaltsomesalt -id -m 15 -t 2 -p 1 -l 32 -r
        // Exactly 2^15 KiB is below our floor, so call the primitive directly here.
        let params = Params::new(1 << 15, 2, 1, Some(32)).expect("valid");
        let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
        let mut out = [0u8; 32];
        argon
            .hash_password_into(b"correct horse", b"somesaltsomesalt", &mut out)
            .expect("valid lengths");
        assert_eq!(hex(&out), REFERENCE_M15_T2_P1);
    }

    const REFERENCE_M15_T2_P1: &str =
        "c3ba038623a450513c301145b0be0499150cde35efd87676850fb4962d931a41";

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }
}
