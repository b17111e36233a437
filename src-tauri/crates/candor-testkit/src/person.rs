//! [`person`]: Kari Nordmann, with every field a profile can hold about her.

use candor_model::{Address, NationalId, Person, SocialProfile};

/// Kari Nordmann, a backend developer in Oslo, with every kind of field set: given and
/// family name, headline, e-mail, phone, web site, a summary that names her e-mail address,
/// birth date, a Norwegian national identity number, a street address and a GitHub
/// profile. Rich on purpose: a test of what an anonymous view leaves out, or of what
/// survives a round trip, then covers every field without saying so.
///
/// ```
/// let ola = candor_testkit::person().name("Ola Nordmann").build();
/// assert_eq!(ola.email, "kari.nordmann@example.org");
/// ```
pub fn person() -> PersonBuilder {
    PersonBuilder {
        person: Person {
            name: "Kari Nordmann".into(),
            given_name: Some("Kari".into()),
            family_name: Some("Nordmann".into()),
            label: "Backend developer".into(),
            email: "kari.nordmann@example.org".into(),
            phone: "+47 912 34 567".into(),
            url: "https://kari.example.org".into(),
            summary: "Backend developer who likes databases. Write to kari.nordmann@example.org."
                .into(),
            birth_date: Some("1995-04-12".parse().expect("a day")),
            national_id: Some(NationalId::new("NO", "15059500136").expect("a valid id")),
            addresses: vec![Address {
                address: "Storgata 1".into(),
                city: "Oslo".into(),
                country_code: "NO".into(),
                ..Address::default()
            }],
            profiles: vec![SocialProfile {
                network: "GitHub".into(),
                username: "kari".into(),
                url: String::new(),
            }],
            ..Person::default()
        },
    }
}

/// A person with only a name: for tests where who the person is does not matter (many
/// candidates, a singleton record rewritten) or that fill in the rest themselves.
pub fn person_named(name: &str) -> PersonBuilder {
    PersonBuilder {
        person: Person {
            name: name.into(),
            ..Person::default()
        },
    }
}

/// A [`Person`] being built; see [`person`] for what it starts as. Each method replaces one
/// field.
#[derive(Debug, Clone)]
pub struct PersonBuilder {
    person: Person,
}

impl PersonBuilder {
    /// The full name. The given and family names are dropped, since they would no longer
    /// match it; set them with [`Self::given_name`] and [`Self::family_name`] if a test
    /// needs them.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.person.name = name.into();
        self.person.given_name = None;
        self.person.family_name = None;
        self
    }

    pub fn given_name(mut self, given_name: &str) -> Self {
        self.person.given_name = Some(given_name.into());
        self
    }

    pub fn family_name(mut self, family_name: &str) -> Self {
        self.person.family_name = Some(family_name.into());
        self
    }

    /// The headline: "Backend developer".
    pub fn label(mut self, label: &str) -> Self {
        self.person.label = label.into();
        self
    }

    pub fn email(mut self, email: &str) -> Self {
        self.person.email = email.into();
        self
    }

    pub fn phone(mut self, phone: &str) -> Self {
        self.person.phone = phone.into();
        self
    }

    pub fn url(mut self, url: &str) -> Self {
        self.person.url = url.into();
        self
    }

    pub fn summary(mut self, summary: &str) -> Self {
        self.person.summary = summary.into();
        self
    }

    /// The birth date, as `YYYY-MM-DD`.
    pub fn birth_date(mut self, day: &str) -> Self {
        self.person.birth_date = Some(day.parse().expect("a birth date as YYYY-MM-DD"));
        self
    }

    /// The national identity number, which must be valid for `country` ("NO").
    pub fn national_id(mut self, country: &str, value: &str) -> Self {
        self.person.national_id = Some(NationalId::new(country, value).expect("a valid id"));
        self
    }

    /// No national identity number: as most people leave it.
    pub fn without_national_id(mut self) -> Self {
        self.person.national_id = None;
        self
    }

    /// The one address, in place of Kari's.
    pub fn address(mut self, address: Address) -> Self {
        self.person.addresses = vec![address];
        self
    }

    /// A profile on another site, after those already there.
    pub fn social_profile(mut self, network: &str, username: &str) -> Self {
        self.person.profiles.push(SocialProfile {
            network: network.into(),
            username: username.into(),
            url: String::new(),
        });
        self
    }

    pub fn build(self) -> Person {
        self.person
    }
}
