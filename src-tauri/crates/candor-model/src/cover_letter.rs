//! A cover letter as structured blocks: paragraphs and bullet lists of runs of text, each
//! run plain, bold or italic. Stored as JSON with its application; never as markup of any
//! typesetting language, so what the seeker wrote prints as written.
//!
//! People write a letter in a light plain-text form, which [`CoverLetter::parse`] reads and
//! [`CoverLetter::to_plain`] writes back:
//!
//! - a blank line starts a new paragraph;
//! - a line starting with `- ` or `* ` is a bullet (lines in a row make one list);
//! - `**bold**` and `_italic_` mark runs; a mark that is never closed is text.
//!
//! ```
//! use candor_model::{CoverLetter, LetterBlock};
//!
//! let letter = CoverLetter::parse("I would like to **join** you.\n\n- Rust\n- SQL");
//! assert_eq!(letter.blocks.len(), 2);
//! assert!(matches!(&letter.blocks[1], LetterBlock::Bullets { items } if items.len() == 2));
//! assert_eq!(letter.to_plain(), "I would like to **join** you.\n\n- Rust\n- SQL");
//! ```

use serde::{Deserialize, Serialize};

/// A cover letter's body: what comes between the salutation and the signature.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CoverLetter {
    /// "Dear Ms Berg," — empty for the language's own greeting.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub salutation: String,
    #[serde(default)]
    pub blocks: Vec<LetterBlock>,
}

/// A paragraph or a bullet list.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum LetterBlock {
    Paragraph { runs: Vec<Run> },
    Bullets { items: Vec<Vec<Run>> },
}

/// A run of text and how it is set.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Run {
    pub text: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub bold: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub italic: bool,
}

impl Run {
    /// Plain text.
    pub fn plain(text: impl Into<String>) -> Self {
        Run {
            text: text.into(),
            ..Run::default()
        }
    }
}

impl CoverLetter {
    /// Reads the plain-text form (see the module's documentation). Never fails: text that
    /// is not a mark is text. The salutation is left empty.
    pub fn parse(text: &str) -> Self {
        let mut blocks = Vec::new();
        let mut paragraph: Vec<&str> = Vec::new();
        let mut bullets: Vec<Vec<Run>> = Vec::new();
        let flush_paragraph = |paragraph: &mut Vec<&str>, blocks: &mut Vec<LetterBlock>| {
            if !paragraph.is_empty() {
                let joined = paragraph.join(" ");
                blocks.push(LetterBlock::Paragraph {
                    runs: parse_runs(&joined),
                });
                paragraph.clear();
            }
        };
        let flush_bullets = |bullets: &mut Vec<Vec<Run>>, blocks: &mut Vec<LetterBlock>| {
            if !bullets.is_empty() {
                blocks.push(LetterBlock::Bullets {
                    items: std::mem::take(bullets),
                });
            }
        };
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() {
                flush_paragraph(&mut paragraph, &mut blocks);
                flush_bullets(&mut bullets, &mut blocks);
            } else if let Some(item) = line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")) {
                flush_paragraph(&mut paragraph, &mut blocks);
                bullets.push(parse_runs(item.trim()));
            } else {
                flush_bullets(&mut bullets, &mut blocks);
                paragraph.push(line);
            }
        }
        flush_paragraph(&mut paragraph, &mut blocks);
        flush_bullets(&mut bullets, &mut blocks);
        CoverLetter {
            salutation: String::new(),
            blocks,
        }
    }

    /// The plain-text form, which [`CoverLetter::parse`] reads back to the same blocks.
    pub fn to_plain(&self) -> String {
        self.blocks
            .iter()
            .map(|block| match block {
                LetterBlock::Paragraph { runs } => plain_runs(runs),
                LetterBlock::Bullets { items } => items
                    .iter()
                    .map(|item| format!("- {}", plain_runs(item)))
                    .collect::<Vec<_>>()
                    .join("\n"),
            })
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    /// True when the letter has no text.
    pub fn is_empty(&self) -> bool {
        self.blocks.iter().all(|block| match block {
            LetterBlock::Paragraph { runs } => runs.iter().all(|r| r.text.trim().is_empty()),
            LetterBlock::Bullets { items } => items
                .iter()
                .all(|item| item.iter().all(|r| r.text.trim().is_empty())),
        })
    }

    /// Every run's text, for scanning: the salutation first, then run by run.
    pub fn texts_mut(&mut self) -> impl Iterator<Item = &mut String> {
        std::iter::once(&mut self.salutation).chain(self.blocks.iter_mut().flat_map(|block| {
            let runs: Box<dyn Iterator<Item = &mut Run>> = match block {
                LetterBlock::Paragraph { runs } => Box::new(runs.iter_mut()),
                LetterBlock::Bullets { items } => Box::new(items.iter_mut().flatten()),
            };
            runs.map(|run| &mut run.text)
        }))
    }
}

/// `**bold**` and `_italic_` marks, nested either way; a mark never closed is text.
fn parse_runs(text: &str) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    let mut bold = false;
    let mut italic = false;
    let mut current = String::new();
    let mut rest = text;
    let push = |runs: &mut Vec<Run>, text: &mut String, bold: bool, italic: bool| {
        if text.is_empty() {
            return;
        }
        match runs.last_mut() {
            Some(last) if last.bold == bold && last.italic == italic => last.text.push_str(text),
            _ => runs.push(Run {
                text: text.clone(),
                bold,
                italic,
            }),
        }
        text.clear();
    };
    while let Some(c) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix("**") {
            if bold || after.contains("**") {
                push(&mut runs, &mut current, bold, italic);
                bold = !bold;
                rest = after;
                continue;
            }
        } else if let Some(after) = rest.strip_prefix('_') {
            let at_word_edge = if italic {
                after.chars().next().is_none_or(|n| !n.is_alphanumeric())
            } else {
                current.chars().last().is_none_or(|p| !p.is_alphanumeric()) && after.contains('_')
            };
            if at_word_edge {
                push(&mut runs, &mut current, bold, italic);
                italic = !italic;
                rest = after;
                continue;
            }
        }
        current.push(c);
        rest = &rest[c.len_utf8()..];
    }
    push(&mut runs, &mut current, bold, italic);
    runs
}

fn plain_runs(runs: &[Run]) -> String {
    runs.iter()
        .map(|run| {
            let mut text = run.text.clone();
            if run.italic {
                text = format!("_{text}_");
            }
            if run.bold {
                text = format!("**{text}**");
            }
            text
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(letter: &CoverLetter) -> Vec<Run> {
        match &letter.blocks[0] {
            LetterBlock::Paragraph { runs } => runs.clone(),
            other => panic!("expected a paragraph, got {other:?}"),
        }
    }

    #[test]
    fn blank_lines_part_paragraphs_and_lines_within_one_join() {
        let letter = CoverLetter::parse("Dear team,\nI write\n\nabout the role.\n");
        assert_eq!(letter.blocks.len(), 2);
        assert_eq!(runs(&letter), vec![Run::plain("Dear team, I write")]);
    }

    #[test]
    fn bullets_in_a_row_make_one_list_between_paragraphs() {
        let letter = CoverLetter::parse("Intro\n- one\n* two\nOutro");
        assert_eq!(letter.blocks.len(), 3);
        assert_eq!(
            letter.blocks[1],
            LetterBlock::Bullets {
                items: vec![vec![Run::plain("one")], vec![Run::plain("two")]]
            }
        );
    }

    #[test]
    fn bold_and_italic_marks_become_runs() {
        let letter = CoverLetter::parse("a **b _c_** d");
        assert_eq!(
            runs(&letter),
            vec![
                Run::plain("a "),
                Run {
                    text: "b ".into(),
                    bold: true,
                    italic: false
                },
                Run {
                    text: "c".into(),
                    bold: true,
                    italic: true
                },
                Run::plain(" d"),
            ]
        );
    }

    #[test]
    fn marks_never_closed_and_underscores_inside_words_stay_text() {
        for text in ["5 ** 2", "snake_case_name", "a _b", "#import \"x\" $x$ *y*"] {
            let letter = CoverLetter::parse(text);
            assert_eq!(runs(&letter), vec![Run::plain(text)], "{text}");
        }
    }

    #[test]
    fn the_plain_form_reads_back_to_the_same_blocks() {
        let text = "Hello **there** and _you_.\n\n- a **b**\n- c\n\nBye.";
        let letter = CoverLetter::parse(text);
        assert_eq!(letter.to_plain(), text);
        assert_eq!(CoverLetter::parse(&letter.to_plain()), letter);
    }

    #[test]
    fn a_letter_of_blank_lines_is_empty() {
        assert!(CoverLetter::parse("\n\n  \n").is_empty());
        assert!(!CoverLetter::parse("x").is_empty());
    }

    #[test]
    fn texts_mut_reaches_salutation_paragraphs_and_bullets() {
        let mut letter = CoverLetter::parse("p\n- b");
        letter.salutation = "s".into();
        let seen: Vec<String> = letter.texts_mut().map(|t| t.clone()).collect();
        assert_eq!(seen, ["s", "p", "b"]);
    }
}
