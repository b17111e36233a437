//! The profile: the whole document as JSON, and the sections a person edits most
//! (education with courses and grades, skills, experience), and the GPA.

use std::io::Read;

use candor_model::{
    gpa, Credits, Education, Grade, GradeScheme, LearningOpportunity, PartialDate, Profile, Skill,
    Work,
};
use candor_vault::{Entry, SeekerVault, PROFILE_SECTIONS};
use serde_json::json;

use super::{parse_opt, resolve, CliError, Context};
use crate::args::{
    CourseCommand, EducationCommand, ExperienceCommand, ProfileCommand, SkillCommand,
};
use crate::output::{self, or_blank};

pub fn profile(ctx: &Context, cmd: ProfileCommand) -> Result<(), CliError> {
    match cmd {
        ProfileCommand::Show => {
            let vault = ctx.seeker()?;
            output::json(&vault.profile()?);
        }
        ProfileCommand::Set => {
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .map_err(|e| CliError::new(format!("cannot read the profile from stdin: {e}")))?;
            let document: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
                CliError::new(format!(
                    "the profile on stdin is not valid JSON ({e}); nothing was changed"
                ))
            })?;
            let object = document
                .as_object()
                .ok_or_else(|| CliError::new("the profile must be a JSON object such as {\"skills\": [...]}; nothing was changed"))?;
            if let Some(key) = object
                .keys()
                .find(|k| !PROFILE_SECTIONS.contains(&k.as_str()))
            {
                return Err(CliError::new(format!(
                    "unknown profile section {key:?}; the sections are {}; nothing was changed",
                    PROFILE_SECTIONS.join(", ")
                )));
            }
            // In the profile's own order, whatever order the document has.
            let sections: Vec<&str> = PROFILE_SECTIONS
                .iter()
                .copied()
                .filter(|section| object.contains_key(*section))
                .collect();
            // Read from the text, not the parsed value, so the error can say where.
            let profile: Profile = serde_json::from_str(&text).map_err(|e| {
                let message = e.to_string();
                let place = format!(" at line {} column {}", e.line(), e.column());
                let problem = message.strip_suffix(&place).unwrap_or(&message);
                CliError::new(format!(
                    "the profile on stdin is refused at line {}, column {}: {problem}; nothing was changed",
                    e.line(),
                    e.column()
                ))
            })?;
            if sections.is_empty() {
                if ctx.json {
                    output::json(&json!({ "replaced": sections }));
                } else {
                    println!("Nothing to update: the profile on stdin has no sections.");
                }
                return Ok(());
            }
            let mut vault = ctx.seeker()?;
            vault.replace_profile(&profile, &sections)?;
            if ctx.json {
                output::json(&json!({ "replaced": sections }));
            } else {
                println!("Profile updated: {}.", sections.join(", "));
            }
        }
    }
    Ok(())
}

fn date(value: Option<&str>, option: &'static str) -> Result<Option<PartialDate>, CliError> {
    parse_opt(value, option)
}

pub fn education(ctx: &Context, cmd: EducationCommand) -> Result<(), CliError> {
    let mut vault = ctx.seeker()?;
    match cmd {
        EducationCommand::Add {
            institution,
            programme,
            degree,
            start,
            end,
        } => {
            let education = Education {
                institution,
                programme: programme.unwrap_or_default(),
                degree: degree.unwrap_or_default(),
                start_date: date(start.as_deref(), "start")?,
                end_date: date(end.as_deref(), "end")?,
                ..Education::default()
            };
            let id = vault.insert(&education)?;
            print_added(ctx, "education", &id);
        }
        EducationCommand::List => list_education(ctx, &vault)?,
        EducationCommand::Rm { id } => {
            let id = resolve::<Education>(&vault, &id)?;
            vault.delete::<Education>(&id)?;
            print_removed(ctx, "education", &id);
        }
        EducationCommand::Course(cmd) => course(ctx, &mut vault, cmd)?,
    }
    Ok(())
}

fn course(ctx: &Context, vault: &mut SeekerVault, cmd: CourseCommand) -> Result<(), CliError> {
    match cmd {
        CourseCommand::Add {
            education,
            title,
            code,
            credits,
            grade,
            scheme,
            date: when,
            under,
        } => {
            let id = resolve::<Education>(vault, &education)?;
            let mut entry = vault.get::<Education>(&id)?;
            let grade = match (grade, scheme) {
                (None, None) => None,
                (None, Some(_)) => return Err(CliError::new("--scheme needs a --grade")),
                (Some(label), None) => Some(Grade::guess(&label)),
                (Some(label), Some(scheme)) => {
                    let scheme: GradeScheme = scheme
                        .parse()
                        .map_err(|e| CliError::bad_option("scheme", None, e))?;
                    Some(Grade::new(scheme, &label).map_err(|p| p.at("grade"))?)
                }
            };
            let course = LearningOpportunity {
                code: code.unwrap_or_default(),
                title,
                kind: Some("course".into()),
                credits: parse_opt::<Credits>(credits.as_deref(), "credits")?,
                grade,
                date: date(when.as_deref(), "date")?,
                ..LearningOpportunity::default()
            };
            let siblings = match &under {
                None => &mut entry.value.courses,
                Some(code) => &mut find_by_code(&mut entry.value.courses, code)
                    .ok_or_else(|| CliError::new(format!("no course with code {code} in this education; see `candor education list`")))?
                    .children,
            };
            siblings.push(course);
            vault.update(&id, &entry.value)?;
            let gpa = gpa(&entry.value.courses);
            if ctx.json {
                output::json(&json!({ "education": id, "gpa": gpa.map(|g| g.to_string()) }));
            } else {
                match gpa {
                    Some(gpa) => println!("Course added. GPA now {gpa}."),
                    None => println!("Course added."),
                }
            }
        }
        CourseCommand::Rm { education, code } => {
            let id = resolve::<Education>(vault, &education)?;
            let mut entry = vault.get::<Education>(&id)?;
            if !remove_by_code(&mut entry.value.courses, &code) {
                return Err(CliError::new(format!(
                    "no course with code {code} in this education; see `candor education list`"
                )));
            }
            vault.update(&id, &entry.value)?;
            print_removed(ctx, "course", &code);
        }
    }
    Ok(())
}

fn find_by_code<'a>(
    nodes: &'a mut [LearningOpportunity],
    code: &str,
) -> Option<&'a mut LearningOpportunity> {
    for node in nodes {
        if node.code == code {
            return Some(node);
        }
        if let Some(found) = find_by_code(&mut node.children, code) {
            return Some(found);
        }
    }
    None
}

fn remove_by_code(nodes: &mut Vec<LearningOpportunity>, code: &str) -> bool {
    if let Some(i) = nodes.iter().position(|n| n.code == code) {
        nodes.remove(i);
        return true;
    }
    nodes
        .iter_mut()
        .any(|n| remove_by_code(&mut n.children, code))
}

/// "2019–2020-05", "2019–" or "–2020-05"; empty when neither date is known.
fn when(start: &Option<PartialDate>, end: &Option<PartialDate>) -> String {
    match (start, end) {
        (None, None) => String::new(),
        (start, end) => format!("{}–{}", or_blank(start), or_blank(end)),
    }
}

/// The dates in brackets after a name, " (2019–2020-05)", or nothing.
fn span(start: &Option<PartialDate>, end: &Option<PartialDate>) -> String {
    match when(start, end) {
        dates if dates.is_empty() => dates,
        dates => format!(" ({dates})"),
    }
}

fn list_education(ctx: &Context, vault: &SeekerVault) -> Result<(), CliError> {
    let entries = vault.list::<Education>()?;
    if ctx.json {
        let out: Vec<_> = entries
            .iter()
            .map(|e| json!({ "id": e.id, "education": e.value, "gpa": gpa(&e.value.courses).map(|g| g.to_string()) }))
            .collect();
        output::json(&out);
        return Ok(());
    }
    if entries.is_empty() {
        println!("No education yet; add one with `candor education add --institution NAME`.");
    }
    for Entry { id, value, .. } in &entries {
        let what: Vec<&str> = [value.degree.as_str(), value.programme.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        let what = if what.is_empty() {
            String::new()
        } else {
            format!(" — {}", what.join(", "))
        };
        let gpa = gpa(&value.courses)
            .map(|g| format!("  GPA {g}"))
            .unwrap_or_default();
        println!(
            "{id}  {}{what}{}{gpa}",
            value.institution,
            span(&value.start_date, &value.end_date)
        );
        print_courses(&value.courses, 1);
    }
    Ok(())
}

fn print_courses(nodes: &[LearningOpportunity], depth: usize) {
    for node in nodes {
        let mut line = format!(
            "{}{}",
            "  ".repeat(depth),
            if node.code.is_empty() {
                "-"
            } else {
                &node.code
            }
        );
        line.push_str(&format!("  {}", node.title));
        if let Some(credits) = &node.credits {
            line.push_str(&format!("  {credits} credits"));
        }
        if let Some(grade) = &node.grade {
            line.push_str(&format!("  {grade}"));
        }
        println!("{line}");
        print_courses(&node.children, depth + 1);
    }
}

pub fn skill(ctx: &Context, cmd: SkillCommand) -> Result<(), CliError> {
    let mut vault = ctx.seeker()?;
    match cmd {
        SkillCommand::Add {
            name,
            category,
            level,
        } => {
            let skill = Skill {
                name,
                category: category.unwrap_or_default(),
                level: level.unwrap_or_default(),
                ..Skill::default()
            };
            let id = vault.insert(&skill)?;
            print_added(ctx, "skill", &id);
        }
        SkillCommand::List => {
            let entries = vault.list::<Skill>()?;
            if ctx.json {
                output::json(&entries);
            } else if entries.is_empty() {
                println!("No skills yet; add one with `candor skill add NAME`.");
            } else {
                let rows = entries
                    .iter()
                    .map(|e| {
                        vec![
                            e.id.clone(),
                            e.value.name.clone(),
                            e.value.category.clone(),
                            e.value.level.clone(),
                        ]
                    })
                    .collect::<Vec<_>>();
                output::table(&["ID", "SKILL", "CATEGORY", "LEVEL"], &rows);
            }
        }
        SkillCommand::Rm { id } => {
            let id = resolve::<Skill>(&vault, &id)?;
            vault.delete::<Skill>(&id)?;
            print_removed(ctx, "skill", &id);
        }
    }
    Ok(())
}

pub fn experience(ctx: &Context, cmd: ExperienceCommand) -> Result<(), CliError> {
    let mut vault = ctx.seeker()?;
    match cmd {
        ExperienceCommand::Add {
            company,
            position,
            start,
            end,
            summary,
            industry,
        } => {
            let work = Work {
                name: company,
                position: position.unwrap_or_default(),
                start_date: date(start.as_deref(), "start")?,
                end_date: date(end.as_deref(), "end")?,
                summary: summary.unwrap_or_default(),
                industry: industry.unwrap_or_default(),
                ..Work::default()
            };
            let id = vault.insert(&work)?;
            print_added(ctx, "experience", &id);
        }
        ExperienceCommand::List => {
            let entries = vault.list::<Work>()?;
            if ctx.json {
                output::json(&entries);
            } else if entries.is_empty() {
                println!(
                    "No experience yet; add some with `candor experience add --company NAME`."
                );
            } else {
                let rows = entries
                    .iter()
                    .map(|e| {
                        vec![
                            e.id.clone(),
                            e.value.name.clone(),
                            e.value.position.clone(),
                            when(&e.value.start_date, &e.value.end_date),
                        ]
                    })
                    .collect::<Vec<_>>();
                output::table(&["ID", "COMPANY", "POSITION", "WHEN"], &rows);
            }
        }
        ExperienceCommand::Rm { id } => {
            let id = resolve::<Work>(&vault, &id)?;
            vault.delete::<Work>(&id)?;
            print_removed(ctx, "experience", &id);
        }
    }
    Ok(())
}

pub fn gpa_command(ctx: &Context) -> Result<(), CliError> {
    let vault = ctx.seeker()?;
    let entries = vault.list::<Education>()?;
    let all: Vec<LearningOpportunity> = entries
        .iter()
        .flat_map(|e| e.value.courses.clone())
        .collect();
    let overall = gpa(&all);
    if ctx.json {
        let each: Vec<_> = entries
            .iter()
            .map(|e| {
                let g = gpa(&e.value.courses);
                json!({ "id": e.id, "institution": e.value.institution, "gpa": g.as_ref().map(|g| g.value()),
                        "letter": g.as_ref().map(|g| g.letter.to_string()), "credits": g.as_ref().map(|g| g.credits.to_string()) })
            })
            .collect();
        output::json(&json!({
            "gpa": overall.as_ref().map(|g| g.value()),
            "letter": overall.as_ref().map(|g| g.letter.to_string()),
            "credits": overall.as_ref().map(|g| g.credits.to_string()),
            "educations": each,
        }));
        return Ok(());
    }
    match overall {
        None => println!(
            "No graded courses yet: the GPA counts courses with an ECTS grade A–E and credits."
        ),
        Some(g) => {
            let courses = if g.courses == 1 { "course" } else { "courses" };
            println!(
                "GPA {g} over {} credits in {} {courses}",
                g.credits, g.courses
            );
            if entries.len() > 1 {
                for e in &entries {
                    if let Some(g) = gpa(&e.value.courses) {
                        println!("  {}: {g}", e.value.institution);
                    }
                }
            }
        }
    }
    Ok(())
}

pub fn print_added(ctx: &Context, what: &str, id: &str) {
    if ctx.json {
        output::json(&json!({ "id": id }));
    } else {
        println!("Added {what} {id}.");
    }
}

pub fn print_removed(ctx: &Context, what: &str, id: &str) {
    if ctx.json {
        output::json(&json!({ "removed": id }));
    } else {
        println!("Removed {what} {id}.");
    }
}
