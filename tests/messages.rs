//! Input-error messages that a new user met and that did not help: each now says what is wrong
//! and what to write instead (issue: "messages that did not help").
#![allow(clippy::unwrap_used)]

mod common;

/// `(code, message, help)` of every diagnostic of a one-file organisation.
fn messages(text: &str) -> Vec<(String, String, String)> {
    let a = common::analyse_texts(&[("org.scale", text)]);
    a.diagnostics
        .iter()
        .map(|d| (d.code.code.to_owned(), d.message.clone(), d.help.clone().unwrap_or_default()))
        .collect()
}

/// A small organisation with `team a` holding `line`.
fn with_team_line(line: &str) -> String {
    format!(
        "organisation \"X\" {{\n  sprint 2w\n}}\nperson alice \"A\"\nperson bob \"B\"\n\
         team a \"A\" {{\n  product_owner alice\n  scrum_master bob\n  {line}\n}}\n\
         executive_action_team eat \"E\" {{\n  members alice\n}}\n"
    )
}

fn one(text: &str) -> (String, String, String) {
    let all = messages(text);
    assert_eq!(all.len(), 1, "{all:#?}");
    all.into_iter().next().unwrap()
}

#[test]
fn a_developer_count_followed_by_a_word_says_the_count_is_fine() {
    let (code, message, help) = one(&with_team_line("developers 5 people"));
    assert_eq!(code, "SG001");
    assert_eq!(message, "invalid `developers` statement: `people` after the number of developers");
    assert_eq!(
        help,
        "write the count alone, `developers 5`, or name the developers: `developers alice, bob`"
    );
}

#[test]
fn a_duration_with_a_space_before_its_unit_says_how_to_write_it() {
    let (code, message, help) = one(&with_team_line("event daily_scrum every day lasting 15 min"));
    assert_eq!(code, "SG001");
    assert_eq!(message, "invalid `event` statement: a duration is written without a space");
    assert_eq!(help, "write the number and its unit together, `15min` (units: `min`, `h`, `d`, `w`)");
}

#[test]
fn a_sprint_in_weeks_written_out_suggests_the_short_form() {
    let (code, message, help) = one(&with_team_line("sprint 2 weeks"));
    assert_eq!(code, "SG001");
    assert_eq!(message, "invalid `sprint` statement: a duration is written without a space");
    assert_eq!(help, "write the number and its unit together, `2w` (units: `min`, `h`, `d`, `w`)");
    // The same for a period and for the policy's longest sprint.
    let (_, _, help) = one(&with_team_line("event refinement every 1 week"));
    assert!(help.contains("`1w`"), "{help}");
    let text = "organisation \"X\" {\n  sprint 2w\n}\npolicy {\n  max_sprint 3 days\n}\n";
    let (_, message, help) = one(text);
    assert_eq!(message, "invalid `max_sprint` statement: a duration is written without a space");
    assert!(help.contains("`3d`"), "{help}");
}

#[test]
fn a_reference_in_the_wrong_case_suggests_the_existing_name() {
    let (code, message, help) = one(&with_team_line("escalates_to EAT"));
    assert_eq!(code, "SG002");
    assert_eq!(
        message,
        "`EAT` names nothing: no team, a Scrum of Scrums, or an Executive Action Team has this identifier"
    );
    assert_eq!(help, "an Executive Action Team with a similar name exists: `eat`");
    // Case beats spelling: `Alice` finds `alice`, not a closer-spelled name of another case.
    assert_eq!(scaleguard::syntax::lower::suggest("Alice", ["alicia", "alice"]), Some("alice"));
    assert_eq!(scaleguard::syntax::lower::suggest("SCRUM_MASTR", ["scrum_master"]), Some("scrum_master"));
}

#[test]
fn a_misspelt_keyword_carries_the_edit_the_editor_offers() {
    // The language server's quick fixes read these suggestions; `check --fix` leaves them to
    // the author (unsafe).
    let a = common::analyse_texts(&[("org.scale", &with_team_line("scrum_mastr bob"))]);
    let d = a.diagnostics.iter().find(|d| d.code.code == "SG008").unwrap();
    assert_eq!(d.suggestions.len(), 1);
    let s = &d.suggestions[0];
    assert_eq!(s.message, "replace with the similar name");
    assert_eq!(s.applicability, scaleguard::diagnostic::Applicability::Unsafe);
    assert_eq!(s.edits.len(), 1);
    assert_eq!(s.edits[0].replacement, "scrum_master");
    let text = with_team_line("scrum_mastr bob");
    let span = s.edits[0].span;
    assert_eq!(&text[span.start as usize..span.end as usize], "scrum_mastr");
}
