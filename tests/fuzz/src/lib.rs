//! The fuzz targets' shared code: [`readers`] is also included, as it is, by the corpus
//! replay test of the main workspace (`tests/tests/fuzz_corpus.rs`).

pub mod readers;
