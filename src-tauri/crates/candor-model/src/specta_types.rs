//! How the types that serialize as plain strings look to TypeScript (the IPC bindings).
//!
//! Their serde form is a string (`"2019-06"`, `"7.5"`, `"interview"`), so that is what the
//! webview sees; the Rust side validates on the way back in.

use specta::datatype::DataType;
use specta::{Type, Types};

macro_rules! as_string {
    ($($ty:ty),* $(,)?) => {$(
        impl Type for $ty {
            fn definition(types: &mut Types) -> DataType {
                <String as Type>::definition(types)
            }
        }
    )*};
}

as_string!(
    crate::PartialDate,
    crate::Day,
    crate::Timestamp,
    crate::Credits,
    crate::GradeScheme,
    crate::Fluency,
);
