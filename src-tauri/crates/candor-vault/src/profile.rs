//! The whole profile at once: read it, or replace some of its sections in one transaction.

use crate::roles::SeekerVault;
use candor_model::{
    Award, Certificate, Education, Interest, Language, Profile, Project, Publication, Record,
    Reference, Skill, Validate, Volunteer, Work,
};

use crate::error::Result;
use crate::records::PERSON_ID;
use crate::vault::Writer;

/// The sections of a profile document, by their JSON names.
pub const PROFILE_SECTIONS: &[&str] = &[
    "person",
    "education",
    "work",
    "skills",
    "languages",
    "interests",
    "projects",
    "certificates",
    "awards",
    "publications",
    "volunteer",
    "references",
];

fn values<T: Record>(vault: &SeekerVault) -> Result<Vec<T>> {
    Ok(vault.list::<T>()?.into_iter().map(|e| e.value).collect())
}

impl Writer<'_> {
    /// Replaces every record of `T` with `values`, in order.
    pub(crate) fn replace_kind<T: Record>(&mut self, values: &[T]) -> Result<Vec<String>> {
        for id in self.ids(T::KIND)? {
            self.remove(T::KIND, &id)?;
        }
        self.append(values)
    }
}

impl SeekerVault {
    /// The whole profile: the person and every section, each in its stored order.
    pub fn profile(&self) -> Result<Profile> {
        Ok(Profile {
            person: self.person()?,
            education: values::<Education>(self)?,
            work: values::<Work>(self)?,
            skills: values::<Skill>(self)?,
            languages: values::<Language>(self)?,
            interests: values::<Interest>(self)?,
            projects: values::<Project>(self)?,
            certificates: values::<Certificate>(self)?,
            awards: values::<Award>(self)?,
            publications: values::<Publication>(self)?,
            volunteer: values::<Volunteer>(self)?,
            references: values::<Reference>(self)?,
        })
    }

    /// Replaces the named `sections` (names from [`PROFILE_SECTIONS`]) with those of
    /// `profile`, all in one transaction, after validating the whole document. Sections
    /// not named are left as they are.
    pub fn replace_profile(&mut self, profile: &Profile, sections: &[&str]) -> Result<()> {
        profile.validate()?;
        let has = |name: &str| sections.contains(&name);
        self.write(|w| {
            if has("person") {
                match &profile.person {
                    Some(person) => {
                        w.put_record(PERSON_ID, 0, person)?;
                    }
                    None => {
                        w.remove(candor_model::Person::KIND, PERSON_ID)?;
                    }
                }
            }
            if has("education") {
                w.replace_kind(&profile.education)?;
            }
            if has("work") {
                w.replace_kind(&profile.work)?;
            }
            if has("skills") {
                w.replace_kind(&profile.skills)?;
            }
            if has("languages") {
                w.replace_kind(&profile.languages)?;
            }
            if has("interests") {
                w.replace_kind(&profile.interests)?;
            }
            if has("projects") {
                w.replace_kind(&profile.projects)?;
            }
            if has("certificates") {
                w.replace_kind(&profile.certificates)?;
            }
            if has("awards") {
                w.replace_kind(&profile.awards)?;
            }
            if has("publications") {
                w.replace_kind(&profile.publications)?;
            }
            if has("volunteer") {
                w.replace_kind(&profile.volunteer)?;
            }
            if has("references") {
                w.replace_kind(&profile.references)?;
            }
            Ok(())
        })
    }
}
