//! SG204 `sos-size`; prose and examples in rules/SG204-sos-size.toml.

use crate::checks::{Checks, Context, Finding, Subject};
use crate::diagnostic::plural;
use crate::model::Unit;

pub(crate) fn run(cx: &Context<'_>, out: &mut Checks) {
    let m = cx.model;
    let setting = m.policy.scrum_of_scrums_size;
    let range = setting.value;
    for (id, sos) in m.sos_ids() {
        // Distinct units: a member Scrum of Scrums counts one, whatever is below it.
        let mut units: Vec<Unit> = sos.members.values().copied().collect();
        units.sort_unstable();
        units.dedup();
        let n = units.len();
        if (range.lo as usize..=range.hi as usize).contains(&n) {
            out.pass(Subject::Sos(id));
            continue;
        }
        let members = plural(n, "member", "members");
        let mut finding = Finding::new(format!(
            "Scrum of Scrums `{}` has {members}, outside the policy range {}..{}",
            m.name(sos.header.ident),
            range.lo,
            range.hi,
        ));
        finding = match sos.members.span {
            Some(span) => finding.primary(span, members),
            None => finding.primary(sos.header.span, "no `members` here"),
        };
        if let Some(span) = setting.span {
            finding = finding.secondary(span, "policy range set here");
        }
        out.fail(Subject::Sos(id), finding);
    }
}
