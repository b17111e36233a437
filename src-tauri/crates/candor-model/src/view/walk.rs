//! The projection itself: one pass over a copy of the profile that leaves out what was
//! excluded, hides what identifies the seeker in an anonymous view, scans what they typed,
//! and notes every field shared. Which fields identify the seeker is said, type by type, in
//! the `fields` module.

use super::path::{is_within, push_index, push_key, Paths};
use super::scan::Scanner;
use super::{Finding, IdentifyingField, QuasiDetail, QuasiIdentifier, QuasiIdentifierKind};
use crate::PartialDate;

/// What a field is to an anonymous view.
#[derive(Debug, Clone, Copy)]
pub(super) enum Class {
    /// Part of what an anonymous view is for: shared, and scanned if the seeker typed it.
    Shared,
    /// Says who the seeker is or where: left out of an anonymous view unless included. The
    /// words name it in the list of what could identify them: "your e-mail address".
    Identifying(&'static str),
}

use Class::{Identifying, Shared};

/// One step into the profile. A list entry has an index in the seeker's profile and one
/// in the view, which differ once an entry before it is left out.
#[derive(Debug, Clone, Copy)]
enum Step<'k> {
    Key(&'k str),
    Index { source: usize, target: usize },
}

/// Where the walk was before a step, to go back to.
#[derive(Debug, Clone, Copy)]
struct Saved {
    source: usize,
    target: usize,
    hidden: Option<&'static str>,
    opted_in: bool,
}

/// Walks a profile, changing it into the view, and collects what the view reports.
pub(super) struct Walker<'a> {
    anonymous: bool,
    paths: &'a Paths,
    scanner: &'a Scanner,
    /// Where the walk is in the seeker's profile: `work[3].highlights[0]`. Findings and
    /// quasi-identifiers use it, as include and exclude do.
    source: String,
    /// Where the same field lands in the view: `work[2].highlights[0]` when `work[1]` was
    /// left out. The list of fields shared uses it.
    target: String,
    /// Inside something identifying (in an anonymous view): what it is.
    hidden: Option<&'static str>,
    /// Inside something the seeker included: shared as written.
    opted_in: bool,
    pub(super) fields: Vec<String>,
    pub(super) findings: Vec<Finding>,
    pub(super) quasi_identifiers: Vec<QuasiIdentifier>,
    pub(super) identifying: Vec<IdentifyingField>,
}

/// A part of the profile that a view walks through.
pub(super) trait Walk: Default + PartialEq {
    /// Visits each field, so that `self` becomes what the view shares of it.
    fn walk(&mut self, w: &mut Walker<'_>);
}

impl<'a> Walker<'a> {
    pub(super) fn new(anonymous: bool, paths: &'a Paths, scanner: &'a Scanner) -> Self {
        Self {
            anonymous,
            paths,
            scanner,
            source: String::new(),
            target: String::new(),
            hidden: None,
            opted_in: false,
            fields: Vec::new(),
            findings: Vec::new(),
            quasi_identifiers: Vec::new(),
            identifying: Vec::new(),
        }
    }

    /// A text the seeker typed, scanned in an anonymous view.
    pub(super) fn text(&mut self, key: &str, text: &mut String, class: Class) {
        self.visit(Step::Key(key), class, true, text, Self::scan);
    }

    /// An optional text the seeker typed.
    pub(super) fn optional_text(&mut self, key: &str, text: &mut Option<String>, class: Class) {
        self.visit(Step::Key(key), class, true, text, |w, text| {
            if let Some(text) = text {
                w.scan(text);
            }
        });
    }

    /// A list of texts (highlights, keywords), each its own field.
    pub(super) fn texts(&mut self, key: &str, texts: &mut Vec<String>, class: Class) {
        self.visit(Step::Key(key), class, false, texts, |w, texts| {
            w.entries(texts, true, Self::scan);
        });
    }

    /// A value that was picked or computed rather than typed (credits, a grade, a code):
    /// shared as it is.
    pub(super) fn value<T: Default + PartialEq>(&mut self, key: &str, value: &mut T, class: Class) {
        self.visit(Step::Key(key), class, true, value, |_, _| {});
    }

    /// A shared value that `inside` treats its own way.
    pub(super) fn leaf<T: Default + PartialEq>(
        &mut self,
        key: &str,
        value: &mut T,
        inside: impl FnOnce(&mut Self, &mut T),
    ) {
        self.visit(Step::Key(key), Shared, true, value, inside);
    }

    /// A date: to the month only in an anonymous view, unless included.
    pub(super) fn date(&mut self, key: &str, date: &mut Option<PartialDate>) {
        self.visit(Step::Key(key), Shared, true, date, Self::blur);
    }

    /// A nested item, left out altogether when nothing of it is shared.
    pub(super) fn object<T: Walk>(&mut self, key: &str, item: &mut Option<T>, class: Class) {
        self.visit(Step::Key(key), class, false, item, |w, item| {
            if let Some(inner) = item.as_mut() {
                inner.walk(w);
            }
            if item.as_ref().is_some_and(|inner| *inner == T::default()) {
                *item = None;
            }
        });
    }

    /// A list of items; an entry of which nothing is shared is left out.
    pub(super) fn list<T: Walk>(&mut self, key: &str, items: &mut Vec<T>, class: Class) {
        self.visit(Step::Key(key), class, false, items, |w, items| {
            w.entries(items, false, |w, item| item.walk(w));
        });
    }

    /// Something that could still identify the seeker, here (anonymous views only).
    pub(super) fn note(&mut self, kind: QuasiIdentifierKind, note: String) {
        if self.anonymous {
            let path = self.source.clone();
            self.quasi_identifiers.push(QuasiIdentifier {
                path,
                kind,
                note,
                detail: QuasiDetail::default(),
            });
        }
    }

    /// Something that could still identify the seeker, in the field `key` of this item.
    pub(super) fn note_at(
        &mut self,
        key: &str,
        kind: QuasiIdentifierKind,
        note: String,
        detail: QuasiDetail,
    ) {
        if self.anonymous {
            let mut path = self.source.clone();
            push_key(&mut path, key);
            self.quasi_identifiers.push(QuasiIdentifier {
                path,
                kind,
                note,
                detail,
            });
        }
    }

    /// Steps into one field or entry and decides what becomes of it: left out when
    /// excluded; hidden when identifying in an anonymous view and not included (unless
    /// something inside it is); otherwise `inside` makes it what the view shares. A leaf
    /// that ends up non-empty is listed among the fields.
    fn visit<T: Default + PartialEq>(
        &mut self,
        step: Step<'_>,
        class: Class,
        leaf: bool,
        value: &mut T,
        inside: impl FnOnce(&mut Self, &mut T),
    ) {
        let saved = self.step_in(step);
        if self.is_chosen(&self.paths.exclude, leaf) {
            *value = T::default();
            self.step_out(saved);
            return;
        }
        let was_shown_hidden = self.hidden.is_some() && self.opted_in;
        if let (Identifying(what), true) = (class, self.anonymous) {
            self.hidden = self.hidden.or(Some(what));
        }
        self.opted_in = self.opted_in || self.is_chosen(&self.paths.include, leaf);
        if saved.hidden.is_none() && self.hidden.is_some() && *value != T::default() {
            self.identifying.push(IdentifyingField {
                path: self.source.clone(),
                included: self.opted_in,
            });
        }
        let include_inside = self
            .paths
            .include
            .iter()
            .any(|p| is_within(p, &self.source));
        if self.hidden.is_some() && !self.opted_in && !include_inside {
            *value = T::default();
        } else {
            inside(self, value);
            if *value != T::default() {
                let shown_hidden = self.hidden.is_some() && self.opted_in;
                if shown_hidden && !was_shown_hidden {
                    self.note_opted_in();
                }
                if leaf {
                    self.fields.push(self.target.clone());
                }
            }
        }
        self.step_out(saved);
    }

    /// The entries of a list, each visited; those left empty are dropped, and the rest
    /// numbered again.
    fn entries<T: Default + PartialEq>(
        &mut self,
        items: &mut Vec<T>,
        leaf: bool,
        each: impl Fn(&mut Self, &mut T),
    ) {
        let mut kept = 0;
        for (source, item) in items.iter_mut().enumerate() {
            let step = Step::Index {
                source,
                target: kept,
            };
            self.visit(step, Shared, leaf, item, &each);
            if *item != T::default() {
                kept += 1;
            }
        }
        items.retain(|item| *item != T::default());
    }

    /// Whether one of `chosen` names this field, or, for a leaf, something inside it (a
    /// grade is shared or left out whole, so `…grade.label` stands for `…grade`).
    fn is_chosen(&self, chosen: &[String], leaf: bool) -> bool {
        chosen
            .iter()
            .any(|path| *path == self.source || (leaf && is_within(path, &self.source)))
    }

    fn step_in(&mut self, step: Step<'_>) -> Saved {
        let saved = Saved {
            source: self.source.len(),
            target: self.target.len(),
            hidden: self.hidden,
            opted_in: self.opted_in,
        };
        match step {
            Step::Key(key) => {
                push_key(&mut self.source, key);
                push_key(&mut self.target, key);
            }
            Step::Index { source, target } => {
                push_index(&mut self.source, source);
                push_index(&mut self.target, target);
            }
        }
        saved
    }

    fn step_out(&mut self, saved: Saved) {
        self.source.truncate(saved.source);
        self.target.truncate(saved.target);
        self.hidden = saved.hidden;
        self.opted_in = saved.opted_in;
    }

    /// In an anonymous view, unless included: each hit replaced, and listed.
    pub(super) fn scan(&mut self, text: &mut String) {
        if !self.anonymous || self.opted_in {
            return;
        }
        if let Some((redacted, hits)) = self.scanner.redact(text) {
            for (kind, found) in hits {
                let path = self.source.clone();
                self.findings.push(Finding {
                    path,
                    kind,
                    text: found,
                });
            }
            *text = redacted;
        }
    }

    /// In an anonymous view, a day goes to its month: the day adds little for an employer
    /// and much for finding the one person who, say, took an exam that day. An included
    /// date stays exact and is listed.
    fn blur(&mut self, date: &mut Option<PartialDate>) {
        let Some(exact) = date.filter(|d| d.day().is_some()) else {
            return;
        };
        if !self.anonymous {
            return;
        }
        if self.opted_in {
            self.note(
                QuasiIdentifierKind::ExactDate,
                "an exact day narrows down who you are; without including it, the view gives the month only".into(),
            );
        } else {
            let month = PartialDate::new(exact.year(), exact.month(), None)
                .expect("the year and month of a valid date make a valid date");
            *date = Some(month);
        }
    }

    fn note_opted_in(&mut self) {
        if let Some(what) = self.hidden {
            self.note(
                QuasiIdentifierKind::OptedIn,
                format!("you chose to share {what}"),
            );
        }
    }
}
