//! The registry: the function that evaluates each rule, by an exhaustive `match` over
//! [`Rule`], so a rule in `rules/*.toml` without logic (or logic for no rule) does not compile.
//!
//! Each rule is one file in its area (`eat` for SG1xx, `sos` for SG2xx, ... as in STYLE.md §2)
//! and one arm here. Input errors (SG0xx) are found by the stages before the checks, and the
//! waiver rules (SG901, SG902) judge waivers in the engine: none of them has a `RuleFn`. The
//! registry imports the areas; the areas import only the types of [`crate::checks`].

use super::{RuleFn, cadence, delivery, eat, escalation, metrics, product, sos, team};
use crate::catalogue::Rule;

/// The function that evaluates `rule`; `None` for input errors and waiver rules.
pub fn run(rule: Rule) -> Option<RuleFn> {
    let run: RuleFn = match rule {
        // Found while reading, parsing and resolving.
        Rule::SyntaxError
        | Rule::UnknownReference
        | Rule::DuplicateIdentifier
        | Rule::WrongKind
        | Rule::InvalidValue
        | Rule::OrganisationCount
        | Rule::DuplicateStatement
        | Rule::UnknownStatement
        | Rule::UnknownRule
        | Rule::DuplicateEntry => return None,
        // Judged by the engine, which knows which waivers covered a failure.
        Rule::WaiverExpired | Rule::WaiverUnused => return None,
        Rule::EatMissing => eat::eat_missing::run,
        Rule::EatAuthorityMissing => eat::eat_authority_missing::run,
        Rule::EatNoExecutive => eat::eat_no_executive::run,
        Rule::EatUnbackedAuthority => eat::eat_unbacked_authority::run,
        Rule::EatApprovalGate => eat::eat_approval_gate::run,
        Rule::EatNoBacklog => eat::eat_no_backlog::run,
        Rule::EatNotAScrumTeam => eat::eat_not_a_scrum_team::run,
        Rule::SosStatusOnly => sos::sos_status_only::run,
        Rule::SosNoScaledDaily => sos::sos_no_scaled_daily::run,
        Rule::SosNoMaster => sos::sos_no_master::run,
        Rule::SosSize => sos::sos_size::run,
        Rule::TeamOutsideSos => sos::team_outside_sos::run,
        Rule::MultipleParents => sos::multiple_parents::run,
        Rule::MembershipCycle => sos::membership_cycle::run,
        Rule::SosNoRetrospective => sos::sos_no_retrospective::run,
        Rule::SosNoIntegratedReview => sos::sos_no_integrated_review::run,
        Rule::ScaledDailyScrumCadence => sos::scaled_daily_scrum_cadence::run,
        Rule::DependencyUncoordinated => sos::dependency_uncoordinated::run,
        Rule::DependencyCycle => sos::dependency_cycle::run,
        Rule::DependencyOverload => sos::dependency_overload::run,
        Rule::CadenceUnsynchronised => cadence::cadence_unsynchronised::run,
        Rule::CadenceMissing => cadence::cadence_missing::run,
        Rule::SprintTooLong => cadence::sprint_too_long::run,
        Rule::EscalationCycle => escalation::escalation_cycle::run,
        Rule::EscalationDeadEnd => escalation::escalation_dead_end::run,
        Rule::EscalationBypass => escalation::escalation_bypass::run,
        Rule::EscalationSideways => escalation::escalation_sideways::run,
        Rule::TeamSize => team::team_size::run,
        Rule::TeamNoProductOwner => team::team_no_product_owner::run,
        Rule::TeamNoScrumMaster => team::team_no_scrum_master::run,
        Rule::PoIsScrumMaster => team::po_is_scrum_master::run,
        Rule::ScrumMasterOverloaded => team::scrum_master_overloaded::run,
        Rule::TeamNoRefinement => team::team_no_refinement::run,
        Rule::ExecutiveInScrumRole => team::executive_in_scrum_role::run,
        Rule::ProductOwnerOverloaded => team::product_owner_overloaded::run,
        Rule::RoleOverload => team::role_overload::run,
        Rule::EmsMissing => product::ems_missing::run,
        Rule::EmsNoChiefProductOwner => product::ems_no_chief_product_owner::run,
        Rule::SosNoChiefProductOwner => product::sos_no_chief_product_owner::run,
        Rule::SosNoBacklog => product::sos_no_backlog::run,
        Rule::BacklogNoOwner => product::backlog_no_owner::run,
        Rule::VisionMissing => product::vision_missing::run,
        Rule::SosNoReleasePlanning => product::sos_no_release_planning::run,
        Rule::EmsNoMetascrum => product::ems_no_metascrum::run,
        Rule::EmsBacklogUnbounded => product::ems_backlog_unbounded::run,
        Rule::SosNoRefinement => product::sos_no_refinement::run,
        Rule::CpoNotInEms => product::cpo_not_in_ems::run,
        Rule::DodNotShared => delivery::dod_not_shared::run,
        Rule::ReleaseSlowerThanSprint => delivery::release_slower_than_sprint::run,
        Rule::SosNoReleaseCadence => delivery::sos_no_release_cadence::run,
        Rule::MetricsMissing => metrics::metrics_missing::run,
        Rule::MetricsFamiliesMissing => metrics::metrics_families_missing::run,
    };
    Some(run)
}
