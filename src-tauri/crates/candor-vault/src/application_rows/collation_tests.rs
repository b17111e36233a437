//! The order names sort in, in bokmål and in English.

use std::cmp::Ordering;

use super::*;

/// As a bokmål page sorts.
fn compare(a: &str, b: &str) -> Ordering {
    Collation::new("nb").compare(a, b)
}

fn sorted(names: &[&str]) -> Vec<String> {
    let mut names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
    names.sort_by(|a, b| compare(a, b));
    names
}

#[test]
fn case_does_not_matter() {
    assert_eq!(compare("equinor", "EQUINOR"), Ordering::Equal);
    assert_eq!(sorted(&["bekk", "Aker", "DNB"]), ["Aker", "bekk", "DNB"]);
}

#[test]
fn numbers_sort_by_value() {
    assert_eq!(
        sorted(&["Company 10", "Company 9", "Company 100", "Company 09"]),
        ["Company 9", "Company 09", "Company 10", "Company 100"]
    );
    assert_eq!(
        sorted(&["x99999999999999999999999", "x100000000000000000000000"]),
        ["x99999999999999999999999", "x100000000000000000000000"],
        "numbers longer than any integer type still compare by value"
    );
}

#[test]
fn digits_come_before_letters() {
    assert_eq!(sorted(&["Vy", "3Shape", "Aker"]), ["3Shape", "Aker", "Vy"]);
}

#[test]
fn norwegian_letters_follow_z_in_alphabet_order() {
    assert_eq!(
        sorted(&["Åsane", "Ølen", "Ærfugl", "Zalando", "Aker"]),
        ["Aker", "Zalando", "Ærfugl", "Ølen", "Åsane"]
    );
}

#[test]
fn accents_are_ignored() {
    assert_eq!(compare("École", "ecole"), Ordering::Equal);
    assert_eq!(
        sorted(&["Fjord", "Équinor", "Dnb"]),
        ["Dnb", "Équinor", "Fjord"]
    );
}

#[test]
fn a_prefix_sorts_first() {
    assert_eq!(sorted(&["DNB Markets", "DNB"]), ["DNB", "DNB Markets"]);
    assert_eq!(compare("", "A"), Ordering::Less);
}

#[test]
fn an_english_page_sorts_a_ring_with_a() {
    let english = Collation::new("en");
    let mut names = vec!["Zalando", "Åsane", "Aker"];
    names.sort_by(|a, b| english.compare(a, b));
    assert_eq!(names, ["Aker", "Åsane", "Zalando"]);
}

#[test]
fn an_unknown_language_sorts_in_the_root_order() {
    let unknown = Collation::new("not a language tag");
    assert_eq!(unknown.compare("Company 9", "company 10"), Ordering::Less);
}
