//! What each field of the profile is to a view: shared, or identifying the seeker.
//!
//! Each type takes itself apart field by field, without `..`: a field added to the model
//! does not compile until it is classed here, so it can never slip into an anonymous view
//! unnoticed. The keys are the fields' JSON names, as paths use them.

use super::walk::Class::{Identifying, Shared};
use super::walk::{Walk, Walker};
use super::{QuasiDetail, QuasiIdentifierKind};
use crate::{
    Address, Award, Certificate, Classification, Education, Fluency, Interest, Language,
    LearningOpportunity, Person, Profile, Project, Publication, Reference, Skill, SocialProfile,
    Volunteer, Work,
};

impl Walk for Profile {
    fn walk(&mut self, w: &mut Walker<'_>) {
        let Profile {
            person,
            education,
            work,
            skills,
            languages,
            interests,
            projects,
            certificates,
            awards,
            publications,
            volunteer,
            references,
        } = self;
        w.object("person", person, Shared);
        w.list("education", education, Shared);
        w.list("work", work, Shared);
        if !work.is_empty() {
            let note = "your roles, industries and dates, in order, can be recognised by someone who knows your career";
            w.note_at(
                "work",
                QuasiIdentifierKind::CareerHistory,
                note.into(),
                QuasiDetail::default(),
            );
        }
        w.list("skills", skills, Shared);
        w.list("languages", languages, Shared);
        w.list("interests", interests, Shared);
        w.list("projects", projects, Shared);
        w.list("certificates", certificates, Shared);
        w.list("awards", awards, Shared);
        w.list("publications", publications, Shared);
        w.list("volunteer", volunteer, Shared);
        w.list("references", references, Identifying("who vouches for you"));
    }
}

impl Walk for Person {
    fn walk(&mut self, w: &mut Walker<'_>) {
        let Person {
            name,
            given_name,
            family_name,
            label,
            email,
            phone,
            url,
            summary,
            birth_date,
            gender,
            national_id,
            photo,
            addresses,
            profiles,
        } = self;
        // Never in any view, whatever was chosen: it identifies the seeker everywhere and
        // for life.
        *national_id = None;
        w.text("name", name, Identifying("your name"));
        w.optional_text("givenName", given_name, Identifying("your given name"));
        w.optional_text("familyName", family_name, Identifying("your family name"));
        w.text("label", label, Shared);
        w.text("email", email, Identifying("your e-mail address"));
        w.text("phone", phone, Identifying("your phone number"));
        w.text("url", url, Identifying("your web address"));
        w.text("summary", summary, Shared);
        w.value("birthDate", birth_date, Identifying("your birth date"));
        w.optional_text("gender", gender, Identifying("your gender"));
        w.optional_text("photo", photo, Identifying("your photo"));
        w.list("addresses", addresses, Identifying("where you live"));
        w.list(
            "profiles",
            profiles,
            Identifying("your profiles on other sites"),
        );
    }
}

impl Walk for Address {
    fn walk(&mut self, w: &mut Walker<'_>) {
        let Address {
            address,
            postal_code,
            city,
            country_code,
            region,
        } = self;
        w.text("address", address, Shared);
        w.text("postalCode", postal_code, Shared);
        w.text("city", city, Shared);
        w.text("countryCode", country_code, Shared);
        w.text("region", region, Shared);
    }
}

impl Walk for SocialProfile {
    fn walk(&mut self, w: &mut Walker<'_>) {
        let SocialProfile {
            network,
            username,
            url,
        } = self;
        w.text("network", network, Shared);
        w.text("username", username, Shared);
        w.text("url", url, Shared);
    }
}

impl Walk for Education {
    fn walk(&mut self, w: &mut Walker<'_>) {
        let Education {
            institution,
            programme,
            degree,
            start_date,
            end_date,
            url,
            score,
            courses,
        } = self;
        w.text(
            "institution",
            institution,
            Identifying("an institution's name"),
        );
        w.text("area", programme, Shared);
        w.text("studyType", degree, Shared);
        w.date("startDate", start_date);
        w.date("endDate", end_date);
        w.text("url", url, Identifying("an institution's web address"));
        w.text("score", score, Shared);
        w.list("courses", courses, Shared);
        Transcript::of(courses).note(w);
    }
}

impl Walk for LearningOpportunity {
    fn walk(&mut self, w: &mut Walker<'_>) {
        let LearningOpportunity {
            code,
            title,
            kind,
            credits,
            grade,
            status,
            date,
            term,
            classifications,
            distribution,
            children,
        } = self;
        w.value("code", code, Shared);
        w.text("title", title, Shared);
        w.optional_text("kind", kind, Shared);
        w.value("credits", credits, Shared);
        w.value("grade", grade, Shared);
        w.optional_text("status", status, Shared);
        w.date("date", date);
        w.optional_text("term", term, Shared);
        w.list("classifications", classifications, Shared);
        w.value("distribution", distribution, Shared);
        w.list("children", children, Shared);
    }
}

impl Walk for Classification {
    fn walk(&mut self, w: &mut Walker<'_>) {
        let Classification { scheme, value } = self;
        w.value("scheme", scheme, Shared);
        w.value("value", value, Shared);
    }
}

impl Walk for Work {
    fn walk(&mut self, w: &mut Walker<'_>) {
        let Work {
            name,
            position,
            url,
            start_date,
            end_date,
            summary,
            highlights,
            location,
            description,
            industry,
        } = self;
        w.text("name", name, Identifying("an employer's name"));
        w.text("position", position, Shared);
        w.text("url", url, Identifying("an employer's web address"));
        w.date("startDate", start_date);
        w.date("endDate", end_date);
        w.text("summary", summary, Shared);
        w.texts("highlights", highlights, Shared);
        w.text("location", location, Identifying("where you worked"));
        // JSON Resume's description of the employer ("Norway's largest bank") names it as
        // surely as its name does.
        w.text(
            "description",
            description,
            Identifying("what an employer does"),
        );
        w.text("industry", industry, Shared);
    }
}

impl Walk for Skill {
    fn walk(&mut self, w: &mut Walker<'_>) {
        let Skill {
            name,
            category,
            level,
            keywords,
        } = self;
        w.text("name", name, Shared);
        w.text("category", category, Shared);
        w.text("level", level, Shared);
        w.texts("keywords", keywords, Shared);
    }
}

impl Walk for Language {
    fn walk(&mut self, w: &mut Walker<'_>) {
        let Language { language, fluency } = self;
        w.text("language", language, Shared);
        // A fluency in words is typed like any other text; a CEFR level is picked.
        w.leaf("fluency", fluency, |w, fluency| {
            if let Fluency::Described(text) = fluency {
                w.scan(text);
            }
        });
    }
}

impl Walk for Interest {
    fn walk(&mut self, w: &mut Walker<'_>) {
        let Interest {
            name,
            keywords,
            kind,
        } = self;
        w.text("name", name, Shared);
        w.texts("keywords", keywords, Shared);
        w.value("kind", kind, Shared);
    }
}

impl Walk for Project {
    fn walk(&mut self, w: &mut Walker<'_>) {
        let Project {
            name,
            description,
            highlights,
            keywords,
            start_date,
            end_date,
            url,
            roles,
            entity,
            kind,
        } = self;
        w.text("name", name, Shared);
        w.text("description", description, Shared);
        w.texts("highlights", highlights, Shared);
        w.texts("keywords", keywords, Shared);
        w.date("startDate", start_date);
        w.date("endDate", end_date);
        w.text("url", url, Identifying("a project's web address"));
        w.texts("roles", roles, Shared);
        w.text("entity", entity, Identifying("who a project was for"));
        w.text("type", kind, Shared);
        if !name.is_empty() {
            let note = "a named project can often be looked up, and who made it with it";
            w.note(QuasiIdentifierKind::Searchable, note.into());
        }
    }
}

impl Walk for Certificate {
    fn walk(&mut self, w: &mut Walker<'_>) {
        let Certificate {
            name,
            date,
            issuer,
            url,
        } = self;
        w.text("name", name, Shared);
        w.date("date", date);
        w.text("issuer", issuer, Identifying("who issued a certificate"));
        w.text("url", url, Identifying("a certificate's web address"));
    }
}

impl Walk for Award {
    fn walk(&mut self, w: &mut Walker<'_>) {
        let Award {
            title,
            date,
            awarder,
            summary,
        } = self;
        w.text("title", title, Shared);
        w.date("date", date);
        w.text("awarder", awarder, Identifying("who gave an award"));
        w.text("summary", summary, Shared);
        if !title.is_empty() {
            let note = "awards are often announced with the winners' names";
            w.note(QuasiIdentifierKind::Searchable, note.into());
        }
    }
}

impl Walk for Publication {
    fn walk(&mut self, w: &mut Walker<'_>) {
        let Publication {
            name,
            publisher,
            release_date,
            url,
            summary,
        } = self;
        w.text("name", name, Shared);
        w.text("publisher", publisher, Identifying("a publisher's name"));
        w.date("releaseDate", release_date);
        w.text("url", url, Identifying("a publication's web address"));
        w.text("summary", summary, Shared);
        if !name.is_empty() {
            let note = "a publication's title can be looked up, and its authors with it";
            w.note(QuasiIdentifierKind::Searchable, note.into());
        }
    }
}

impl Walk for Volunteer {
    fn walk(&mut self, w: &mut Walker<'_>) {
        let Volunteer {
            organization,
            position,
            url,
            start_date,
            end_date,
            summary,
            highlights,
        } = self;
        w.text(
            "organization",
            organization,
            Identifying("an organisation's name"),
        );
        w.text("position", position, Shared);
        w.text("url", url, Identifying("an organisation's web address"));
        w.date("startDate", start_date);
        w.date("endDate", end_date);
        w.text("summary", summary, Shared);
        w.texts("highlights", highlights, Shared);
    }
}

impl Walk for Reference {
    fn walk(&mut self, w: &mut Walker<'_>) {
        let Reference { name, reference } = self;
        w.text("name", name, Shared);
        w.text("reference", reference, Shared);
    }
}

/// What a transcript, as shared, says that could point to one student.
#[derive(Debug, Default)]
struct Transcript {
    codes: usize,
    first_code: Option<String>,
    graded_and_dated: usize,
    with_distribution: usize,
}

impl Transcript {
    fn of(courses: &[LearningOpportunity]) -> Self {
        let mut transcript = Transcript::default();
        for course in courses {
            transcript.add(course);
        }
        transcript
    }

    fn add(&mut self, course: &LearningOpportunity) {
        if !course.code.is_empty() {
            self.codes += 1;
            self.first_code.get_or_insert_with(|| course.code.clone());
        }
        if course.grade.is_some() && (course.date.is_some() || course.term.is_some()) {
            self.graded_and_dated += 1;
        }
        if course.distribution.is_some() {
            self.with_distribution += 1;
        }
        for child in &course.children {
            self.add(child);
        }
    }

    fn note(self, w: &mut Walker<'_>) {
        if let Some(code) = &self.first_code {
            let note = format!(
                "{} course code{}, such as {code}, {} the institution even where its name is left out",
                self.codes,
                plural(self.codes),
                if self.codes == 1 { "names" } else { "name" }
            );
            let detail = QuasiDetail {
                count: Some(count(self.codes)),
                example: Some(code.clone()),
                distributions: false,
            };
            w.note_at("courses", QuasiIdentifierKind::CourseCode, note, detail);
        }
        if self.graded_and_dated > 0 {
            let mut note = format!(
                "{} course{} with a grade and a date: in a small class, course, grade and date together can point to one person",
                self.graded_and_dated,
                plural(self.graded_and_dated)
            );
            if self.with_distribution > 0 {
                note.push_str("; the grade distributions show how few got each grade");
            }
            let detail = QuasiDetail {
                count: Some(count(self.graded_and_dated)),
                example: None,
                distributions: self.with_distribution > 0,
            };
            w.note_at("courses", QuasiIdentifierKind::GradedCourse, note, detail);
        }
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn plural(count: usize) -> &'static str {
    if count == 1 {
        ""
    } else {
        "s"
    }
}
