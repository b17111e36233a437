//! A view's fields, its determinism, and how views, kinds and errors serialize.

use super::*;

#[test]
fn fields_are_paths_into_the_view_and_never_values() {
    let view = anonymous(&["documents[cv-1]"]);
    for expected in [
        "person.label",
        "education[0].courses[2].grade",
        "skills[0].keywords[0]",
        "documents[cv-1]",
    ] {
        assert!(view.fields.contains(&expected.to_owned()), "{expected}");
    }
    let fields = view.fields.join(" ");
    for value in [
        "Backend",
        "Rust",
        "TDT4120",
        "Informatics",
        "[removed]",
        "@",
    ] {
        assert!(!fields.contains(value), "a value in the fields: {value}");
    }
    let profile_fields: Vec<String> = view
        .fields
        .iter()
        .filter(|f| !f.starts_with("documents["))
        .cloned()
        .collect();
    let every_field = ViewChoice {
        kind: ViewKind::Full,
        include: profile_fields,
        exclude: Vec::new(),
    };
    assert!(
        Paths::read(&view.profile, &every_field).is_ok(),
        "each field names something in the view's profile"
    );
}

#[test]
fn same_choice_gives_the_same_view() {
    let include = ["person.email", "work[0]", "documents[cv-1]"];
    let first = anonymous(&include);
    let second = anonymous(&include);
    assert_eq!(first, second);
    assert_eq!(json(&first), json(&second));
}

#[test]
fn view_kind_reads_and_writes_its_name() {
    for kind in ViewKind::ALL {
        assert_eq!(kind.to_string().parse(), Ok(kind));
        assert_eq!(json(&kind), format!("\"{kind}\""));
    }
    assert_eq!(
        "open".parse::<ViewKind>().expect_err("unknown").to_string(),
        "\"open\" is not one of anonymous, full; use one of them"
    );
}

#[test]
fn view_serializes_in_camel_case_and_reads_back() {
    let view = anonymous(&["documents[cv-1]"]);
    let value = serde_json::to_value(&view).expect("serializes");
    assert_eq!(value["kind"], "anonymous");
    assert_eq!(value["findings"][0]["kind"], "name");
    assert_eq!(value["quasiIdentifiers"][0]["kind"], "courseCode");
    let back: View = serde_json::from_value(value).expect("reads back");
    assert_eq!(back, view);
    let choice: ViewChoice = serde_json::from_str(r#"{"kind":"full"}"#).expect("reads");
    assert_eq!(choice, ViewChoice::new(ViewKind::Full));
}

#[test]
fn view_error_serializes_with_its_code() {
    let error = project(&kari(), &[], &choice(ViewKind::Full, &["work[7]"], &[]))
        .expect_err("no such entry");
    let value = serde_json::to_value(&error).expect("serializes");
    assert_eq!(
        value,
        serde_json::json!({"code": "no_such_entry", "path": "work[7]", "owner": "", "list": "work", "count": 3})
    );
    assert_eq!(value["code"], error.code());
    assert_eq!(
        serde_json::from_value::<ViewError>(value).expect("reads"),
        error
    );
}
