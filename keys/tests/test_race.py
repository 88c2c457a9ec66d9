"""Two clerks, one key, one winner — with real threads and real connections (KEY-LOAN-5)."""
import threading

import pytest
from django.db import connection, connections

from core.errors import DomainError
from core.testing.fixtures import PASSWORD
from keys.models import KeyLoan
from keys.services import desk
from keys.states import KeyStatus, LoanStatus
from keys.tests.helpers import apply, approve_all, make_key

CLIENTS = 20


@pytest.mark.req("KEY-LOAN-5")
@pytest.mark.django_db(transaction=True)
def test_twenty_clerks_lending_one_key_at_once_make_exactly_one_loan(world):
    users, project = world.users, world.projects[0]
    key = make_key(project, users, "public", name="争用的钥匙")
    loans = [approve_all(apply(key, users, applicant=name), users)
             for name in ["gongcheng1", "baoan1", "kefu2", "dangan"] * (CLIENTS // 4)]
    barrier = threading.Barrier(CLIENTS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt(loan):
        try:
            barrier.wait()
            desk.checkout_key(loan=loan, issuer=users["xingzheng"], scanned=key.tag_token, pieces_counted=key.pieces,
                              borrower_password=PASSWORD)
            result = "won"
        except DomainError as exc:
            result = exc.code
        except Exception as exc:  # noqa: BLE001 - a database error here is a failure of the design
            result = f"error:{type(exc).__name__}:{exc}"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=attempt, args=(loan,)) for loan in loans]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert len(outcomes) == CLIENTS
    assert outcomes.count("won") == 1, outcomes
    assert set(outcomes) - {"won"} == {"key_already_lent"}, outcomes
    assert KeyLoan.objects.filter(key=key, status=LoanStatus.LENT).count() == 1
    key.refresh_from_db()
    assert key.status == KeyStatus.LENT
    assert connection.vendor in {"sqlite", "postgresql"}
