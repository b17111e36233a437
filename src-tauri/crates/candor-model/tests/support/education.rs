//! Strategies for education: grades in every scheme, credits, grade distributions, the
//! tree of courses and programmes.

use super::*;

/// A grade in any scheme: a label the scheme has, in any case and with spaces around it
/// (as [`Grade::check`] accepts), or any non-blank label where the scheme takes any.
pub fn grade() -> impl Strategy<Value = Grade> {
    let known = prop::sample::select(vec![
        GradeScheme::Ects,
        GradeScheme::NorwegianPassFail,
        GradeScheme::FinnishNumeric,
        GradeScheme::FinnishPassFail,
        GradeScheme::SwedishUgVg,
        GradeScheme::CreditTransfer,
    ]);
    let from_list = (known, any::<prop::sample::Index>(), 0u8..4).prop_map(|(scheme, i, style)| {
        let labels = scheme.labels().expect("these schemes list their labels");
        let label = labels[i.index(labels.len())];
        let label = match style {
            0 => label.to_owned(),
            1 => label.to_lowercase(),
            2 => label.to_uppercase(),
            _ => format!(" {label} "),
        };
        Grade { scheme, label }
    });
    let any_label = (
        prop_oneof![
            Just(GradeScheme::Numeric),
            line().prop_map(GradeScheme::Other),
        ],
        required(),
    )
        .prop_map(|(scheme, label)| Grade { scheme, label });
    prop_oneof![3 => from_list, 1 => any_label]
        .prop_map(|grade| {
            assert_eq!(grade.check(), Ok(()), "the strategy makes valid grades");
            grade
        })
        .boxed()
}

pub fn credits() -> impl Strategy<Value = Credits> {
    prop_oneof![
        3 => prop::sample::select(vec![0u32, 2_500, 5_000, 7_500, 10_000, 15_000, 30_000]),
        1 => any::<u32>(),
    ]
    .prop_map(Credits::from_thousandths)
    .boxed()
}

pub fn distribution() -> impl Strategy<Value = GradeDistribution> {
    vec(
        (required(), any::<u32>()).prop_map(|(label, count)| DistributionEntry { label, count }),
        0..=4,
    )
    .prop_map(|entries| GradeDistribution { entries })
}

/// A node of a transcript's tree with up to `depth` levels of children below it. About one
/// in four is nothing but a title, as JSON Resume's list of course names can say.
pub fn learning_opportunity() -> impl Strategy<Value = LearningOpportunity> {
    let bare = required().prop_map(|title| LearningOpportunity {
        title,
        ..Default::default()
    });
    let leaf = (
        (
            prop_oneof![Just(String::new()), line()],
            required(),
            option::of(line()),
            option::of(credits()),
            option::of(grade()),
            option::of(line()),
        ),
        (
            option::of(partial_date()),
            option::of(line()),
            vec(
                (required(), required())
                    .prop_map(|(scheme, value)| Classification { scheme, value }),
                0..=2,
            ),
            option::of(distribution()),
        ),
    )
        .prop_map(
            |(
                (code, title, kind, credits, grade, status),
                (date, term, classifications, distribution),
            )| LearningOpportunity {
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
                children: Vec::new(),
            },
        );
    prop_oneof![1 => bare, 3 => leaf]
        .prop_recursive(3, 12, 3, |inner| {
            (
                prop_oneof![
                    1 => required().prop_map(|title| LearningOpportunity {
                        title,
                        ..Default::default()
                    }),
                    2 => learning_opportunity_without_children(),
                ],
                vec(inner, 1..=3),
            )
                .prop_map(|(mut node, children)| {
                    node.children = children;
                    node
                })
        })
        .boxed()
}

fn learning_opportunity_without_children() -> impl Strategy<Value = LearningOpportunity> {
    (
        line(),
        required(),
        option::of(line()),
        option::of(credits()),
        option::of(grade()),
    )
        .prop_map(|(code, title, kind, credits, grade)| LearningOpportunity {
            code,
            title,
            kind,
            credits,
            grade,
            ..Default::default()
        })
        .boxed()
}

pub fn education() -> impl Strategy<Value = Education> {
    (
        required(),
        line(),
        line(),
        period(),
        line(),
        line(),
        prop_oneof![
            1 => vec(
                required().prop_map(|title| LearningOpportunity { title, ..Default::default() }),
                0..=3
            ),
            3 => vec(learning_opportunity(), 0..=3),
        ],
    )
        .prop_map(
            |(institution, programme, degree, (start_date, end_date), url, score, courses)| {
                Education {
                    institution,
                    programme,
                    degree,
                    start_date,
                    end_date,
                    url,
                    score,
                    courses,
                }
            },
        )
        .boxed()
}
