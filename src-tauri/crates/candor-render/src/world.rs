//! Candor's own Typst [`World`]: one template as the main file, the view's data as one JSON
//! file, the fonts built into the binary, and nothing else.
//!
//! The template reads the data with `json("/data.json")`; user text therefore reaches Typst
//! only as JSON strings, never as markup, so `#import "x"` in a course title prints as
//! itself. Every other path the template could ask for is refused, no package is ever
//! fetched, no system font is looked at, and there is no today: the same view gives the
//! same PDF on every machine.

use std::sync::LazyLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

/// Where the template finds the view's data.
pub(crate) const DATA_PATH: &str = "/data.json";

/// Where the template itself lives, as Typst's diagnostics name it.
const MAIN_PATH: &str = "/template.typ";

/// The faces the templates use, so nothing depends on what the machine has installed (all
/// under the SIL Open Font License 1.1; `fonts/OFL.txt`, `fonts/Noto-OFL.txt`): Libertinus
/// Serif for Latin, Greek, Cyrillic and Hebrew; Noto Naskh Arabic and monochrome Noto
/// Emoji, which Typst falls back to for the letters Libertinus lacks, so a name in Arabic
/// or an emoji in a summary prints rather than turning into empty boxes.
const FONT_FILES: [&[u8]; 6] = [
    include_bytes!("../fonts/LibertinusSerif-Regular.otf"),
    include_bytes!("../fonts/LibertinusSerif-Bold.otf"),
    include_bytes!("../fonts/LibertinusSerif-Italic.otf"),
    include_bytes!("../fonts/NotoNaskhArabic-Regular.ttf"),
    include_bytes!("../fonts/NotoNaskhArabic-Bold.ttf"),
    include_bytes!("../fonts/NotoEmoji-Regular.ttf"),
];

/// What every render shares: the standard library and the parsed fonts. Built once per
/// process; parsing fonts and building the library is most of a cold render's set-up.
struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

static SHARED: LazyLock<Shared> = LazyLock::new(|| {
    let fonts: Vec<Font> = FONT_FILES
        .iter()
        .flat_map(|data| Font::iter(Bytes::new(*data)))
        .collect();
    Shared {
        library: LazyHash::new(Library::default()),
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
    }
});

/// One render's world: a template and the data it typesets.
pub(crate) struct CvWorld {
    main: Source,
    data_id: FileId,
    data: Bytes,
}

impl CvWorld {
    /// A world whose main file is `template` and whose `/data.json` holds `data`.
    pub(crate) fn new(template: &'static str, data: Vec<u8>) -> Self {
        let main_id = project_file(MAIN_PATH);
        Self {
            main: Source::new(main_id, template.to_owned()),
            data_id: project_file(DATA_PATH),
            data: Bytes::new(data),
        }
    }
}

/// The id of a file at a fixed, absolute path in the project.
fn project_file(path: &'static str) -> FileId {
    let vpath = VirtualPath::new(path).expect("the world's own paths are absolute and valid");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

impl World for CvWorld {
    fn library(&self) -> &LazyHash<Library> {
        &SHARED.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &SHARED.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            Ok(self.data.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        SHARED.fonts.get(index).cloned()
    }

    /// No today: a CV says nothing about when or where it was made.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}
