//! A profile as one HTML page for a person to read: the `profile.html` beside a view's
//! `profile.json`.
//!
//! The page stands alone and stays quiet: its style is inline, it has no scripts, and it
//! loads nothing (web addresses are shown as text, not links, and a Content-Security-Policy
//! forbids every fetch), so opening it tells no one that it was opened. Every text from
//! the profile is HTML-escaped. Fields left empty, as a view leaves what it does not
//! share, are left out; the national identity number is never shown, even if present.

use std::fmt::Write as _;

use candor_model::{
    gpa, Award, Certificate, Education, Interest, InterestKind, Language, LearningOpportunity,
    PartialDate, Person, Profile, Project, Publication, Reference, Skill, Volunteer, Work,
};

/// The style, inline so the page needs nothing else.
const STYLE: &str = "body{font:16px/1.5 system-ui,sans-serif;color:#222;max-width:50em;margin:2em auto;padding:0 1em}\
h1{margin-bottom:0}h2{border-bottom:1px solid #ccc;margin-top:2em}h3{margin-bottom:0}\
.meta{color:#555;margin-top:0}.text{white-space:pre-line}\
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.2em .5em;border-bottom:1px solid #eee;vertical-align:top}\
td.n{text-align:right}blockquote{margin:0 0 1em 1em;color:#444}";

/// A self-contained HTML5 page of `profile` under the heading `title`: the person, then
/// every section that has entries, education with its courses, credits, grades and grade
/// point average.
pub fn profile_html(profile: &Profile, title: &str) -> String {
    let mut page = Page::default();
    page.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    page.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    page.raw("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
    page.element("title", title);
    page.raw("<style>");
    page.raw(STYLE);
    page.raw("</style>\n</head>\n<body>\n");
    page.element("h1", title);
    if let Some(person) = &profile.person {
        page.person(person);
    }
    page.section("Education", &profile.education, Page::education);
    page.section("Work", &profile.work, Page::work);
    page.section("Skills", &profile.skills, Page::skill);
    page.section("Languages", &profile.languages, Page::language);
    page.section("Interests", &profile.interests, Page::interest);
    page.section("Projects", &profile.projects, Page::project);
    page.section("Certificates", &profile.certificates, Page::certificate);
    page.section("Awards", &profile.awards, Page::award);
    page.section("Publications", &profile.publications, Page::publication);
    page.section("Volunteering", &profile.volunteer, Page::volunteer);
    page.section("References", &profile.references, Page::reference);
    page.raw("</body>\n</html>\n");
    page.html
}

/// The page as it is written.
#[derive(Debug, Default)]
struct Page {
    html: String,
}

impl Page {
    /// Markup, as it is.
    fn raw(&mut self, markup: &str) {
        self.html.push_str(markup);
    }

    /// Text, escaped: `<`, `>`, `&` and both quotes, so it is text in any place.
    fn text(&mut self, text: &str) {
        for c in text.chars() {
            match c {
                '&' => self.html.push_str("&amp;"),
                '<' => self.html.push_str("&lt;"),
                '>' => self.html.push_str("&gt;"),
                '"' => self.html.push_str("&quot;"),
                '\'' => self.html.push_str("&#39;"),
                c => self.html.push(c),
            }
        }
    }

    /// `<tag>text</tag>`, or nothing when `text` is empty.
    fn element(&mut self, tag: &str, text: &str) {
        self.with_class(tag, "", text);
    }

    /// `<tag class="…">text</tag>`, or nothing when `text` is empty.
    fn with_class(&mut self, tag: &str, class: &str, text: &str) {
        if text.is_empty() {
            return;
        }
        if class.is_empty() {
            let _ = write!(self.html, "<{tag}>");
        } else {
            let _ = write!(self.html, "<{tag} class=\"{class}\">");
        }
        self.text(text);
        let _ = writeln!(self.html, "</{tag}>");
    }

    /// Free text, its line breaks kept.
    fn paragraph(&mut self, text: &str) {
        self.with_class("p", "text", text);
    }

    /// A line of the non-empty `parts`, joined by a middle dot.
    fn meta(&mut self, parts: &[&str]) {
        let parts: Vec<&str> = parts.iter().copied().filter(|p| !p.is_empty()).collect();
        self.with_class("p", "meta", &parts.join(" · "));
    }

    /// A bulleted list of the non-empty `items`.
    fn list(&mut self, items: &[String]) {
        if items.iter().all(String::is_empty) {
            return;
        }
        self.raw("<ul>\n");
        for item in items {
            self.element("li", item);
        }
        self.raw("</ul>\n");
    }

    /// A section with its heading, one `entry` each; nothing when there are no entries.
    fn section<T>(&mut self, heading: &str, entries: &[T], entry: fn(&mut Self, &T)) {
        if entries.is_empty() {
            return;
        }
        self.raw("<section>\n");
        self.element("h2", heading);
        for item in entries {
            entry(self, item);
        }
        self.raw("</section>\n");
    }

    fn person(&mut self, person: &Person) {
        self.with_class("p", "name", &person.name);
        self.with_class("p", "meta", &person.label);
        let given_and_family = [person.given_name.as_deref(), person.family_name.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        let birth_date = person.birth_date.map(|d| format!("born {d}"));
        self.meta(&[
            &given_and_family,
            &person.email,
            &person.phone,
            &person.url,
            birth_date.as_deref().unwrap_or_default(),
            person.gender.as_deref().unwrap_or_default(),
        ]);
        for address in &person.addresses {
            let place = format!("{} {}", address.postal_code, address.city);
            self.meta(&[
                &address.address,
                place.trim(),
                &address.region,
                &address.country_code,
            ]);
        }
        let profiles: Vec<String> = person
            .profiles
            .iter()
            .map(|p| join(&[&p.network, &p.username, &p.url], " · "))
            .collect();
        self.list(&profiles);
        self.paragraph(&person.summary);
    }

    fn education(&mut self, education: &Education) {
        self.element(
            "h3",
            &join(&[&education.degree, &education.programme], ", "),
        );
        let dates = span(education.start_date, education.end_date);
        self.meta(&[&education.institution, &dates, &education.url]);
        if !education.score.is_empty() {
            self.paragraph(&format!("Score: {}", education.score));
        }
        if let Some(gpa) = gpa(&education.courses) {
            let courses = if gpa.courses == 1 {
                "course"
            } else {
                "courses"
            };
            self.paragraph(&format!(
                "Grade point average: {gpa}, over {} credits from {} {courses}",
                gpa.credits, gpa.courses
            ));
        }
        if education.courses.is_empty() {
            return;
        }
        self.raw("<table>\n<thead><tr><th>Code</th><th>Course</th><th>Credits</th><th>Grade</th><th>Date</th></tr></thead>\n<tbody>\n");
        for course in &education.courses {
            self.course(course, 0);
        }
        self.raw("</tbody>\n</table>\n");
    }

    /// A row for `course`, indented by its `depth` in the tree, then its children's rows.
    fn course(&mut self, course: &LearningOpportunity, depth: usize) {
        self.raw("<tr><td>");
        self.text(&course.code);
        let _ = write!(
            self.html,
            "</td><td style=\"padding-left:{}em\">",
            0.5 + 1.5 * depth as f64
        );
        self.text(&course.title);
        let notes = join(
            &[course.kind.as_deref(), course.status.as_deref()].map(Option::unwrap_or_default),
            ", ",
        );
        if !notes.is_empty() {
            self.raw(" <span class=\"meta\">(");
            self.text(&notes);
            self.raw(")</span>");
        }
        self.raw("</td><td class=\"n\">");
        self.text(&course.credits.map(|c| c.to_string()).unwrap_or_default());
        self.raw("</td><td>");
        self.text(
            &course
                .grade
                .as_ref()
                .map(|g| g.label.clone())
                .unwrap_or_default(),
        );
        self.raw("</td><td>");
        let when = course.date.map(|d| d.to_string());
        self.text(
            when.as_deref()
                .or(course.term.as_deref())
                .unwrap_or_default(),
        );
        self.raw("</td></tr>\n");
        for child in &course.children {
            self.course(child, depth + 1);
        }
    }

    fn work(&mut self, work: &Work) {
        self.element("h3", &work.position);
        let dates = span(work.start_date, work.end_date);
        self.meta(&[
            &work.name,
            &work.industry,
            &work.location,
            &dates,
            &work.url,
        ]);
        self.paragraph(&work.description);
        self.paragraph(&work.summary);
        self.list(&work.highlights);
    }

    fn skill(&mut self, skill: &Skill) {
        let name = join(&[&skill.name, &skill.level], ": ");
        self.element("h3", &join(&[&name, &skill.category], " · "));
        self.paragraph(&skill.keywords.join(", "));
    }

    fn language(&mut self, language: &Language) {
        let fluency = language.fluency.to_string();
        self.paragraph(&join(&[&language.language, &fluency], ": "));
    }

    fn interest(&mut self, interest: &Interest) {
        let kind = match interest.kind {
            Some(InterestKind::Field) => "field",
            Some(InterestKind::Industry) => "industry",
            None => "",
        };
        self.element("h3", &interest.name);
        self.meta(&[kind]);
        self.paragraph(&interest.keywords.join(", "));
    }

    fn project(&mut self, project: &Project) {
        self.element("h3", &project.name);
        let dates = span(project.start_date, project.end_date);
        let roles = project.roles.join(", ");
        self.meta(&[&project.kind, &roles, &project.entity, &dates, &project.url]);
        self.paragraph(&project.description);
        self.list(&project.highlights);
        self.paragraph(&project.keywords.join(", "));
    }

    fn certificate(&mut self, certificate: &Certificate) {
        self.element("h3", &certificate.name);
        let date = certificate.date.map(|d| d.to_string()).unwrap_or_default();
        self.meta(&[&certificate.issuer, &date, &certificate.url]);
    }

    fn award(&mut self, award: &Award) {
        self.element("h3", &award.title);
        let date = award.date.map(|d| d.to_string()).unwrap_or_default();
        self.meta(&[&award.awarder, &date]);
        self.paragraph(&award.summary);
    }

    fn publication(&mut self, publication: &Publication) {
        self.element("h3", &publication.name);
        let date = publication.release_date.map(|d| d.to_string());
        let date = date.unwrap_or_default();
        self.meta(&[&publication.publisher, &date, &publication.url]);
        self.paragraph(&publication.summary);
    }

    fn volunteer(&mut self, volunteer: &Volunteer) {
        self.element("h3", &volunteer.position);
        let dates = span(volunteer.start_date, volunteer.end_date);
        self.meta(&[&volunteer.organization, &dates, &volunteer.url]);
        self.paragraph(&volunteer.summary);
        self.list(&volunteer.highlights);
    }

    fn reference(&mut self, reference: &Reference) {
        self.element("h3", &reference.name);
        if !reference.reference.is_empty() {
            self.raw("<blockquote>");
            self.paragraph(&reference.reference);
            self.raw("</blockquote>\n");
        }
    }
}

/// The non-empty `parts`, joined by `separator`.
fn join(parts: &[&str], separator: &str) -> String {
    let parts: Vec<&str> = parts.iter().copied().filter(|p| !p.is_empty()).collect();
    parts.join(separator)
}

/// "2015-08 – 2020-06", "from 2015-08", "until 2020-06", or nothing.
fn span(start: Option<PartialDate>, end: Option<PartialDate>) -> String {
    match (start, end) {
        (Some(start), Some(end)) => format!("{start} – {end}"),
        (Some(start), None) => format!("from {start}"),
        (None, Some(end)) => format!("until {end}"),
        (None, None) => String::new(),
    }
}

#[cfg(test)]
mod tests;
