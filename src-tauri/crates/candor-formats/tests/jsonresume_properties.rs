//! JSON Resume export and import, for any valid profile: what goes out comes back, but for
//! what the export leaves out on purpose.

use candor_formats::{export_json_resume, export_json_resume_string, read_json_resume};
use candor_model::{Profile, Validate};
use proptest::prelude::*;
use serde_json::json;

#[path = "../../candor-model/tests/support/profiles.rs"]
mod profiles;

/// The profile as a resume file can give it back: the export never carries the national
/// identity number (it stays in the vault unless the seeker types it in again) nor the
/// photo's document id (a vault's document id means nothing in a file; JSON Resume's
/// `image` is a URL). Nothing else is dropped.
fn without_what_export_leaves_out(profile: &Profile) -> Profile {
    let mut expected = profile.clone();
    if let Some(person) = expected.person.as_mut() {
        person.national_id = None;
        person.photo = None;
    }
    expected
}

proptest! {
    // No regression files: a case found is kept as a plain test beside the code it fixed.
    #![proptest_config(ProptestConfig {
        cases: 128,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_valid_profile_survives_export_and_import_but_for_the_national_id_and_photo(
        profile in profiles::profile()
    ) {
        prop_assert_eq!(profile.validate(), Ok(()), "the strategy makes valid profiles");
        let text = export_json_resume_string(&profile, None);
        let import = read_json_resume(text.as_bytes())
            .map_err(|e| TestCaseError::fail(format!("the export does not import: {e}\n{text}")))?;
        prop_assert_eq!(&import.profile, &without_what_export_leaves_out(&profile), "{}", text);
        prop_assert_eq!(&import.kept, &json!({}), "nothing left over from Candor's own export");
        prop_assert!(import.warnings.is_empty(), "{:?}", import.warnings);
        // And exporting again gives the same document: the round trip is a fixed point.
        prop_assert_eq!(
            export_json_resume(&import.profile, Some(&import.kept)),
            export_json_resume(&profile, None)
        );
    }
}
