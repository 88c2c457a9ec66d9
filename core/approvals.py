"""One approval chain for everything the centre approves: a loan of a key or an archive, a destruction list.

A chain is a list of steps resolved from a policy when the case is opened and stored on it (`chain`, with the
policy's `clause`), so a later change of policy never changes a case already under way. A step names who may
decide it:
    {"code": "cs_supervisor", "label": "客服主管", "approver": "roles", "roles": ["cs_supervisor"]}
    {"code": "head", "label": "部门负责人", "approver": "applicant_head"}   # the head of the applicant's department
    {"code": "eng", "label": "工程部", "approver": "department", "department": "engineering", "roles": [...]}
    {"code": "gm", ..., "when": "important"}   # only for an important case
Decisions are rows of the case's approval model (`case.approvals`, fields of core.lending.models.ApprovalRecord).
Separation of duties: nobody decides their own case (`parties`), and nobody decides two steps of one case.
Step indexes from RELEASE_STEP up are out-of-chain releases (an emergency's approval first, paperwork later):
they neither fill a step nor count as a second step for their approver.
"""
from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from core import clock, policies
from core.errors import Conflict, NotAllowed
from core.lending.states import Decision
from core.models import Project, User
from core.permissions import has_role, in_department, is_department_head, require_member

RELEASE_STEP = 100


def resolve(policy_key: str, project: Project, *, important: bool = False,
            extra: Iterable[str] = ()) -> tuple[list[dict], str]:
    """The steps a new case must pass (those marked `when: important` only when it is), and the clause saying so.
    `extra` names policies each adding one step (e.g. a key taken off the premises)."""
    policy = policies.resolve(policy_key, project)
    steps = [step for step in policy.value if step.get("when") != "important" or important]
    clauses = [policy.clause]
    for key in extra:
        more = policies.resolve(key, project)
        steps.append(more.value)
        clauses.append(more.clause)
    return steps, "; ".join(c for c in clauses if c)


def next_step(case) -> tuple[int, dict] | None:
    """(index, step) of the first step not yet decided, or None when every step is."""
    decided = {a.step_index for a in case.approvals.all() if a.step_index < RELEASE_STEP}
    for index, step in enumerate(case.chain):
        if index not in decided:
            return index, step
    return None


def may_decide(user: User, project: Project, step: dict, *, applicant: User | None = None) -> bool:
    kind = step.get("approver")
    if kind == "applicant_head":
        return (applicant is not None and applicant.department is not None
                and is_department_head(user, project, applicant.department.code))
    if kind == "department":
        return in_department(user, step["department"]) and has_role(user, project, *step["roles"])
    if kind == "roles":
        return has_role(user, project, *step["roles"])
    return False


def check_approver(case, approver: User, step: dict, *, parties: Iterable[int | None], rule: str,
                   applicant: User | None = None, own_message: str | None = None) -> None:
    """May `approver` decide `step` of `case`? Refuses self_approval, same_approver_twice, approver_not_allowed."""
    require_member(approver, case.project)
    if approver.pk in set(parties):
        raise NotAllowed(own_message or _("You cannot approve your own application."), code="self_approval",
                         rule=rule, clause=case.chain_clause)
    if case.approvals.filter(approver=approver, step_index__lt=RELEASE_STEP).exists():
        raise NotAllowed(_("You have already approved another step; a second person must decide."),
                         code="same_approver_twice", rule=rule, clause=case.chain_clause)
    if not may_decide(approver, case.project, step, applicant=applicant):
        raise NotAllowed(_("This step (“%(step)s”) is not yours to decide.") % {"step": step["label"]},
                         code="approver_not_allowed", rule=rule, clause=case.chain_clause)


def pending_step(case) -> tuple[int, dict]:
    found = next_step(case)
    if found is None:
        raise Conflict(_("Every approval step is already decided."), code="not_pending")
    return found


def record(case, *, index: int, step: dict, approver: User, approved: bool, comment: str = "", **extra):
    """Write the decision of one step on the case's approval model; answers the row."""
    return case.approvals.create(step_index=index, step_code=step["code"], step_label=str(step["label"])[:100],
                                 decision=Decision.APPROVED if approved else Decision.REJECTED, approver=approver,
                                 decided_at=clock.now(), comment=comment, **extra)
