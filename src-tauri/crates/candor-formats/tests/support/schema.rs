//! The JSON Resume schema check, shared by the tests of candor-formats and candor-vault
//! (each includes this file with `#[path]`), so there is one copy of it. The schema is
//! tests/fixtures/jsonresume/schema.json (see tests/fixtures/SOURCES.md).

use serde_json::Value;

const SCHEMA: &str = include_str!("../fixtures/jsonresume/schema.json");

/// Panics with every violation when `document` does not validate against the JSON Resume
/// schema.
pub fn assert_valid_against_schema(document: &Value) {
    let schema: Value = serde_json::from_str(SCHEMA).expect("schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(document)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "export violates the schema: {errors:#?}");
}
