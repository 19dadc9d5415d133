//! The reports' prose about each Scrum@Scale component, kept as data in `components.toml` beside
//! the templates (what it means, and the Guide section it comes from) instead of Rust string
//! literals, so that a coach can reword it without touching code. Parsed once, on first use.

use std::sync::OnceLock;

use toml_span::value::ValueInner;

use crate::catalogue::Component;

/// The file, compiled in.
const SOURCE: &str = include_str!("components.toml");

/// What the reports say about one component.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComponentText {
    /// The component's name, as the catalogue spells it.
    pub name: String,
    /// The Scrum@Scale Guide section it comes from.
    pub guide: String,
    /// What it means, in the words of the seeds.
    pub description: String,
}

/// Every entry of `components.toml`, in file order; empty if the file does not parse (a test
/// keeps it parsing and complete).
pub fn all() -> &'static [ComponentText] {
    static TEXTS: OnceLock<Vec<ComponentText>> = OnceLock::new();
    TEXTS.get_or_init(|| parse(SOURCE).unwrap_or_default())
}

/// The entry of one component.
pub fn of(component: Component) -> Option<&'static ComponentText> {
    all().iter().find(|t| t.name == component.name())
}

/// Reads the `[[component]]` tables of `text`; `None` when the text is not of that shape.
fn parse(text: &str) -> Option<Vec<ComponentText>> {
    let root = toml_span::parse(text).ok()?;
    let table = root.as_table()?;
    let (_, list) = table.iter().find(|(k, _)| k.name == "component")?;
    let ValueInner::Array(items) = list.as_ref() else { return None };
    items
        .iter()
        .map(|item| {
            let entry = item.as_table()?;
            let field = |name: &str| -> Option<String> {
                let (_, v) = entry.iter().find(|(k, _)| k.name == name)?;
                v.as_str().map(|s| s.trim().to_owned())
            };
            Some(ComponentText {
                name: field("name")?,
                guide: field("guide")?,
                description: field("description")?,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_component_has_exactly_one_entry_in_the_guides_order() {
        let names: Vec<&str> = all().iter().map(|t| t.name.as_str()).collect();
        let expected: Vec<&str> = Component::ALL.iter().map(|c| c.name()).collect();
        assert_eq!(names, expected);
        for t in all() {
            assert!(t.guide.starts_with("Scrum@Scale Guide, "), "{}", t.name);
            assert!(t.description.len() > 80, "{}", t.name);
        }
    }
}
