import datetime as dt

import pytest

from core import clock, signatures
from core.errors import Conflict, DomainError, NotAllowed
from core.retention import UnderRetention


@pytest.mark.req("CORE-6")
def test_a_person_signs_only_with_their_own_credentials(project, users, public_key):
    with pytest.raises(NotAllowed) as err:
        signatures.sign_with_credentials(target=public_key, project=project, capacity="witness",
                                         person=users["kefu1"], password="someone-elses")
    assert err.value.code == "bad_credentials"
    from core.testing.fixtures import PASSWORD

    sig = signatures.sign_with_credentials(target=public_key, project=project, capacity="witness",
                                           person=users["kefu1"], password=PASSWORD)
    assert sig.signer == users["kefu1"] and sig.method == "credentials"
    with pytest.raises(Conflict):
        signatures.sign_with_credentials(target=public_key, project=project, capacity="witness",
                                         person=users["kefu1"], password=PASSWORD)


@pytest.mark.req("CORE-6")
def test_a_resident_without_an_account_signs_on_screen(project, users, public_key):
    with pytest.raises(DomainError):
        signatures.sign_on_screen(target=public_key, project=project, capacity="resident", name="业主",
                                  image="not-an-image", witnessed_by=users["kefu1"])
    image = "data:image/png;base64," + "A" * 300
    sig = signatures.sign_on_screen(target=public_key, project=project, capacity="resident", name="业主1-101",
                                    image=image, witnessed_by=users["kefu1"])
    assert sig.signer is None and sig.signer_name == "业主1-101" and sig.method == "on_screen"


@pytest.mark.req("CORE-7")
def test_a_record_under_retention_cannot_be_deleted(project, users, public_key):
    from keys.models import KeyLoan
    from keys.tests.helpers import apply

    loan = apply(public_key, users)
    assert loan.retain_until.year == clock.beijing(loan.applied_at).year + 2  # the Beijing year, not UTC
    with pytest.raises(UnderRetention):
        loan.delete()
    with pytest.raises(UnderRetention):
        KeyLoan.objects.filter(pk=loan.pk).delete()
    assert KeyLoan.objects.filter(pk=loan.pk).exists()


@pytest.mark.req("CORE-7")
def test_a_record_made_on_29_february_is_kept_until_28_february_two_years_on(travel):
    from core.retention import retain_until

    travel(clock.at_beijing(dt.date(2028, 2, 29), dt.time(10, 0)))
    assert retain_until(2) == dt.date(2030, 2, 28)
    assert retain_until(4) == dt.date(2032, 2, 29)  # a leap year again: the day itself
