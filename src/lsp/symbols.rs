//! Identifiers in the declarations: where each item is declared and where it is named.
//!
//! Every identifier the language resolves (LANGUAGE.md §2) is found here from the lowered
//! declarations ([`crate::syntax::ast`]), each with the kind of item it must name, so that go
//! to definition, find references, rename, hover and completion share one walk. Rule names in
//! `severity` and `waive` are found too (hover shows the rule's documentation).

use crate::source::Span;
use crate::syntax::ast::{Decl, ItemKind, Stmt, StmtKind};

pub use crate::model::resolve::Expect;

/// The part an identifier plays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// It declares an item of this kind.
    Declaration(ItemKind),
    /// It names an item, which must be of this kind.
    Reference(Expect),
    /// It names a rule (`severity`, `waive`).
    Rule,
}

/// One identifier in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurrence<'s> {
    /// The identifier.
    pub text: &'s str,
    /// Where it stands.
    pub span: Span,
    /// What it does.
    pub role: Role,
}

/// Every identifier of one item, declaration first, then in statement order.
pub fn occurrences<'s>(decl: &Decl<'s>, out: &mut Vec<Occurrence<'s>>) {
    if let Some(ident) = decl.ident {
        out.push(Occurrence { text: ident.text, span: ident.span, role: Role::Declaration(decl.kind) });
    }
    for stmt in &decl.statements {
        statement(decl.kind, stmt, out);
    }
}

/// Every identifier of one statement of an item of `kind`.
pub fn statement<'s>(kind: ItemKind, stmt: &Stmt<'s>, out: &mut Vec<Occurrence<'s>>) {
    let mut one = |ident: &crate::syntax::ast::Ident<'s>, role: Role| {
        out.push(Occurrence { text: ident.text, span: ident.span, role });
    };
    let reference = Role::Reference;
    match &stmt.kind {
        StmtKind::ProductOwner(i)
        | StmtKind::ScrumMaster(i)
        | StmtKind::ScrumOfScrumsMaster(i)
        | StmtKind::ChiefProductOwner(i)
        | StmtKind::Owner(i) => one(i, reference(Expect::Person)),
        StmtKind::DevelopersNamed(list) => list.iter().for_each(|i| one(i, reference(Expect::Person))),
        StmtKind::Backlog(i) => one(i, reference(Expect::Backlog)),
        StmtKind::DefinitionOfDone(i) => one(i, reference(Expect::Dod)),
        StmtKind::EscalatesTo(i) => one(i, reference(Expect::Target)),
        StmtKind::DependsOn(list) => list.iter().for_each(|i| one(i, reference(Expect::Team))),
        StmtKind::Members(list) => {
            let expect = if kind == ItemKind::ScrumOfScrums { Expect::Unit } else { Expect::Person };
            list.iter().for_each(|i| one(i, reference(expect)));
        }
        StmtKind::Severity { rule, .. } => one(rule, Role::Rule),
        StmtKind::Waive(waive) => {
            one(&waive.rule, Role::Rule);
            if let Some(t) = &waive.target {
                one(t, reference(Expect::Any));
            }
        }
        _ => {}
    }
}

/// The identifier of `decls` (one file's items, in source order) that holds byte `offset`
/// (an identifier's end counts, so that a cursor just after a word finds it).
pub fn at<'s>(decls: &[Decl<'s>], offset: u32) -> Option<Occurrence<'s>> {
    // Items are in source order: the candidate is the last item starting at or before `offset`.
    let i = decls.partition_point(|d| d.span.start <= offset);
    let decl = decls.get(i.checked_sub(1)?)?;
    if offset > decl.span.end {
        return None;
    }
    let mut found = Vec::new();
    if let Some(ident) = decl.ident {
        found.push(Occurrence { text: ident.text, span: ident.span, role: Role::Declaration(decl.kind) });
    }
    for stmt in decl.statements.iter().filter(|s| s.span.start <= offset && offset <= s.span.end) {
        statement(decl.kind, stmt, &mut found);
    }
    found.into_iter().find(|o| o.span.start <= offset && offset <= o.span.end)
}

/// Whether `text` is a valid identifier: `[A-Za-z_][A-Za-z0-9_-]*` (LANGUAGE.md §1).
pub fn is_identifier(text: &str) -> bool {
    let mut bytes = text.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    #[test]
    fn finds_the_identifier_under_the_cursor_with_its_role() {
        let text = "team payments {\n  product_owner alice\n  members x\n}\nscrum_of_scrums s {\n  members payments\n}\n";
        let (file, _) = crate::syntax::parse_file(FileId(0), text);
        let alice = text.find("alice").unwrap_or(0) as u32;
        let found = at(&file.decls, alice + 2).map(|o| (o.text, o.role));
        assert_eq!(found, Some(("alice", Role::Reference(Expect::Person))));
        let member = text.rfind("payments").unwrap_or(0) as u32;
        let found = at(&file.decls, member + 8).map(|o| (o.text, o.role));
        assert_eq!(found, Some(("payments", Role::Reference(Expect::Unit))));
        let header = text.find("payments").unwrap_or(0) as u32;
        let found = at(&file.decls, header).map(|o| o.role);
        assert_eq!(found, Some(Role::Declaration(ItemKind::Team)));
        assert_eq!(at(&file.decls, 1).map(|o| o.text), None);
        assert!(is_identifier("a-b_1") && !is_identifier("1a") && !is_identifier(""));
    }
}
