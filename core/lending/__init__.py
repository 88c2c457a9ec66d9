"""One lending engine for everything the centre lends: keys, archives, tools (issue 15).

A room keeps its own loan model (what is lent, and what only it asks), built on `LoanRecord` or carrying the
same fields, and its own checks (which key was scanned, whether an archive is read-only). What every loan has
in common lives here, once:

- `states`: the loan's states and the one flow between them (applied → approved → lent → returned);
- `chain`: the approval chain — steps resolved from a policy when the loan is applied for, who may decide
  each step, never the borrower and never the same approver twice (separation of duties);
- `counter`: lending and taking back at the counter — the issuer is not the borrower, what is handed over is
  counted face to face, the borrower signs with their own password and the issuer with their session;
- `selectors`: what is out and what is overdue, as queries (a sweep chases them; a departing employee's
  clearance lists them through core.handoffs).
"""
