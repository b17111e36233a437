//! Walking screens for words that did not come from the catalogue: in the pseudo-locale
//! every catalogue string is wrapped in ⟦…⟧, so visible text outside the marks is either
//! the person's own data or hard-coded; in bokmål, no English catalogue string may show.

use super::*;

/// Words a screen may show outside the marks without being data: dates and sizes are
/// written by the platform's formatter in the language, not by the catalogue.
const FORMATTED: &[&str] = &[
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    "jan", "feb", "mar", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "des", "kB", "MB",
    "GB", "Candor",
];

/// Reloads the page with the pseudo-locale on (or off); the app comes back to its start
/// screen, and the Rust side keeps no unlocked vault the page cannot see.
pub fn set_pseudo_locale(s: &Session, on: bool) {
    s.execute(
        "if (arguments[0]) localStorage.setItem('candor.pseudoLocale', '1'); \
         else localStorage.removeItem('candor.pseudoLocale'); \
         setTimeout(() => location.reload(), 0);",
        vec![serde_json::json!(on)],
    );
    std::thread::sleep(Duration::from_millis(500));
    s.by_id("start-open-other");
}

/// What the page shows, as a person reads it.
pub fn visible_text(s: &Session) -> String {
    s.execute("return document.body.innerText", vec![])
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// Every word of `values` (the person's data on the screen), for the walk to allow.
pub fn data_words(values: &[String]) -> Vec<String> {
    let mut words: Vec<String> = values
        .iter()
        .flat_map(|v| {
            v.split(|c: char| !c.is_alphanumeric())
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .filter(|w| !w.is_empty())
        .collect();
    words.extend(FORMATTED.iter().map(|w| (*w).to_owned()));
    words.sort();
    words.dedup();
    words
}

/// The text outside the ⟦…⟧ marks (innermost first, so marks inside values come out too).
fn outside_marks(text: &str) -> String {
    let mut text = text.to_owned();
    while let Some(close) = text.find('⟧') {
        let Some(open) = text[..close].rfind('⟦') else {
            break;
        };
        text.replace_range(open..close + '⟧'.len_utf8(), " ");
    }
    text
}

/// Words on the screen, outside the marks, made of letters only, that are not the
/// person's data: each is text the catalogue does not hold.
pub fn unmarked_words(text: &str, allowed: &[String]) -> Vec<String> {
    let mut found: Vec<String> = outside_marks(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 2 && w.chars().all(char::is_alphabetic))
        .filter(|w| !allowed.iter().any(|a| a == w))
        .map(str::to_owned)
        .collect();
    found.dedup();
    found
}

/// Asserts the screen shows nothing outside the marks but `allowed` data words.
pub fn assert_all_marked(s: &Session, screen: &str, allowed: &[String]) {
    let text = visible_text(s);
    assert!(
        text.contains('⟦'),
        "{screen}: the pseudo-locale is on: {text}"
    );
    let unmarked = unmarked_words(&text, allowed);
    assert!(
        unmarked.is_empty(),
        "{screen} shows words that are not from the catalogue: {unmarked:?}\n---\n{text}"
    );
}

/// The English catalogue's texts that bokmål says differently: the longest run of each
/// between placeholders, when it is long enough to be a phrase of its own.
pub fn english_phrases() -> Vec<String> {
    let read = |name: &str| -> Vec<(String, String)> {
        let path = workspace().join("ui/src/lib/i18n").join(name);
        let text = std::fs::read_to_string(&path).expect("the catalogue");
        text.lines()
            .filter_map(|line| {
                let line = line.trim().strip_prefix('"')?;
                let (key, rest) = line.split_once("\": \"")?;
                let value = rest.strip_suffix("\",")?;
                Some((key.to_owned(), value.replace("\\\"", "\"")))
            })
            .collect()
    };
    let nb = read("nb.ts");
    read("en.ts")
        .into_iter()
        .filter(|(key, en)| nb.iter().all(|(k, v)| k != key || v != en))
        .filter_map(|(_, en)| {
            en.split(['{', '}'])
                .step_by(2)
                .map(str::trim)
                .max_by_key(|part| part.len())
                .map(str::to_owned)
        })
        .filter(|phrase| phrase.len() >= 12 && phrase.contains(' '))
        .collect()
}

/// Asserts the screen, in bokmål, shows none of the English catalogue's phrases.
pub fn assert_no_english(s: &Session, screen: &str, phrases: &[String]) {
    let text = visible_text(s);
    let english: Vec<&String> = phrases
        .iter()
        .filter(|p| text.contains(p.as_str()))
        .collect();
    assert!(
        english.is_empty(),
        "{screen} in bokmål shows English: {english:?}\n---\n{text}"
    );
}

/// Chooses the language on the start screen (remembered for the next start).
pub fn choose_language(s: &Session, language: &str) {
    s.select(&s.by_id("language-switch"), language);
}

#[test]
fn the_walk_finds_words_outside_the_marks_and_allows_data() {
    let allowed = data_words(&["Fjordkraft Data AS".to_owned()]);
    let text = "⟦Ledger⟧\nFjordkraft Data AS ⟦Active⟧ 3 Dec 2026\nHard coded ⟦a ⟦b⟧ c⟧ IN1000";
    assert_eq!(unmarked_words(text, &allowed), ["Hard", "coded"]);
    assert!(unmarked_words("⟦Saved as Fjordkraft.txt.⟧", &[]).is_empty());
}
