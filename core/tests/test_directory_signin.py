"""Sign-in with the company directory against a real OpenLDAP server (issue 22): groups map to roles and projects,
local accounts keep working, and the lockout and its audit apply to directory passwords alike (CORE-6).

The module starts Debian's slapd on a free port with a configuration of its own (core/testing/slapd.py) and stops
it at the end. Without slapd or python-ldap the tests skip, except under CI=true (marker `directory`, conftest.py).
"""
from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from core import directory_config, signatures
from core.errors import NotAllowed
from core.models import AuditEvent, LoginThrottle, Membership, User
from core.testing import slapd as slapd_server
from core.testing.fixtures import PASSWORD

pytestmark = [pytest.mark.req("CORE-6"), pytest.mark.directory]

S = slapd_server.SUFFIX
NOBODY = f"cn=nobody,{S}"  # groupOfNames needs one member: the group stays when the last person leaves
LIANG_PASSWORD = "liang-directory-pw"
ZHOU_PASSWORD = "zhou-directory-pw"
LDIF = f"""\
dn: {S}
objectClass: dcObject
objectClass: organization
o: PropDesk test company
dc: propdesk

dn: ou=people,{S}
objectClass: organizationalUnit
ou: people

dn: ou=groups,{S}
objectClass: organizationalUnit
ou: groups

dn: uid=liang,ou=people,{S}
objectClass: inetOrgPerson
uid: liang
cn: 梁客服
sn: 梁
mail: liang@propdesk.test
userPassword: {LIANG_PASSWORD}

dn: uid=zhou,ou=people,{S}
objectClass: inetOrgPerson
uid: zhou
cn: 周主管
sn: 周
userPassword: {ZHOU_PASSWORD}

dn: uid=kefu2,ou=people,{S}
objectClass: inetOrgPerson
uid: kefu2
cn: kefu2 in the directory
sn: kefu2
userPassword: kefu2-directory-pw

dn: cn=pd-kefu,ou=groups,{S}
objectClass: groupOfNames
member: {NOBODY}
cn: pd-kefu
member: uid=liang,ou=people,{S}

dn: cn=pd-keys-binjiang,ou=groups,{S}
objectClass: groupOfNames
member: {NOBODY}
cn: pd-keys-binjiang
member: uid=liang,ou=people,{S}

dn: cn=pd-kfzg,ou=groups,{S}
objectClass: groupOfNames
member: {NOBODY}
cn: pd-kfzg
member: uid=zhou,ou=people,{S}

dn: cn=pd-cuihu,ou=groups,{S}
objectClass: groupOfNames
member: {NOBODY}
cn: pd-cuihu
member: uid=liang,ou=people,{S}
member: uid=zhou,ou=people,{S}
"""
ENV = {
    "PROPDESK_LDAP_USER_BASE": f"ou=people,{S}",
    "PROPDESK_LDAP_USER_FILTER": "(uid=%(user)s)",
    "PROPDESK_LDAP_GROUP_BASE": f"ou=groups,{S}",
    "PROPDESK_LDAP_GROUP_TYPE": "groupOfNames",
    "PROPDESK_LDAP_BIND_DN": slapd_server.ROOT_DN,
    "PROPDESK_LDAP_BIND_PASSWORD": slapd_server.ROOT_PASSWORD,
    "PROPDESK_LDAP_GROUP_ROLES": "pd-kefu=cs_assistant; PD-KFZG=cs_supervisor; pd-keys-binjiang=key_keeper@binjiang",
    "PROPDESK_LDAP_GROUP_PROJECTS": "pd-cuihu=cuihu",
}


@pytest.fixture(scope="module")
def ldap_server():
    pytest.importorskip("django_auth_ldap", reason="django-auth-ldap not installed (requirements-ldap.txt)")
    if slapd_server.binaries() is None:
        pytest.skip("slapd not installed (apt-get install -y slapd ldap-utils)")
    server = slapd_server.Slapd.start(LDIF)
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def directory_on(ldap_server, settings):
    for name, value in directory_config.from_env({**ENV, "PROPDESK_LDAP_URI": ldap_server.uri}).items():
        setattr(settings, name, value)
    settings.LOGIN_LOCKOUT_THRESHOLD = 3
    settings.LOGIN_LOCKOUT_WINDOW = 600
    settings.LOGIN_LOCKOUT_SECONDS = 900
    return ldap_server


def _sign_in(username: str, password: str):
    client = Client()
    response = client.post("/accounts/login/", {"username": username, "password": password})
    return client, response


def _roles(username: str) -> set[tuple[str, str]]:
    return set(Membership.objects.filter(user__username=username).values_list("project__code", "role"))


def test_the_right_directory_password_signs_in_and_the_groups_become_roles_and_projects(world):
    client, response = _sign_in("liang", LIANG_PASSWORD)
    assert response.status_code == 302
    assert client.get("/").wsgi_request.user.username == "liang"
    user = User.objects.get(username="liang")
    assert user.full_name == "梁客服" and user.email == "liang@propdesk.test"
    assert not user.has_usable_password()  # the directory keeps the password, PropDesk none
    assert user.company == world.company
    assert _roles("liang") == {("cuihu", "cs_assistant"), ("binjiang", "key_keeper")}
    event = AuditEvent.objects.get(action="core.login.directory_roles", target_id=str(user.pk))
    assert event.actor_id == user.pk and len(event.data["added"]) == 2


def test_a_wrong_directory_password_is_refused_and_counts_towards_the_lockout(world):
    _client, response = _sign_in("zhou", "not-his-password")
    assert response.status_code == 200 and not response.wsgi_request.user.is_authenticated
    assert LoginThrottle.objects.get(username="zhou").failures == 1
    assert not User.objects.filter(username="zhou").exists()  # nothing created for a wrong password


def test_after_wrong_directory_passwords_the_right_one_is_refused_while_locked(world):
    for _ in range(3):
        _sign_in("zhou", "guess")
    assert LoginThrottle.objects.get(username="zhou").lockouts == 1
    assert AuditEvent.objects.filter(action="core.login.locked", target_id="zhou").count() == 1
    _client, response = _sign_in("zhou", ZHOU_PASSWORD)
    assert response.status_code == 200 and not response.wsgi_request.user.is_authenticated
    assert 'data-code="account_locked"' in response.content.decode()
    assert not User.objects.filter(username="zhou").exists()  # the directory was not even asked
    LoginThrottle.objects.filter(username="zhou").update(locked_until=timezone.now() - dt.timedelta(seconds=1))
    assert _sign_in("zhou", ZHOU_PASSWORD)[1].status_code == 302
    assert _roles("zhou") == {("cuihu", "cs_supervisor")}


def test_a_group_taken_away_in_the_directory_takes_the_role_away_at_the_next_sign_in(world, directory_on):
    import ldap

    group = f"cn=pd-keys-binjiang,ou=groups,{S}"
    assert _sign_in("liang", LIANG_PASSWORD)[1].status_code == 302
    assert ("binjiang", "key_keeper") in _roles("liang")
    directory_on.modify(group, [(ldap.MOD_DELETE, "member", [f"uid=liang,ou=people,{S}".encode()])])
    try:
        assert _sign_in("liang", LIANG_PASSWORD)[1].status_code == 302
        assert _roles("liang") == {("cuihu", "cs_assistant")}
        removed = AuditEvent.objects.filter(action="core.login.directory_roles").order_by("-seq").first()
        assert removed.data["removed"] and not removed.data["added"]
    finally:
        directory_on.modify(group, [(ldap.MOD_ADD, "member", [f"uid=liang,ou=people,{S}".encode()])])


def test_a_directory_account_whose_groups_grant_no_role_signs_in_to_nothing(world, directory_on):
    import ldap

    group = f"cn=pd-kfzg,ou=groups,{S}"
    assert _sign_in("zhou", ZHOU_PASSWORD)[1].status_code == 302
    directory_on.modify(group, [(ldap.MOD_DELETE, "member", [f"uid=zhou,ou=people,{S}".encode()])])
    try:
        _client, response = _sign_in("zhou", ZHOU_PASSWORD)
        assert response.status_code == 200 and not response.wsgi_request.user.is_authenticated
        assert _roles("zhou") == set()
    finally:
        directory_on.modify(group, [(ldap.MOD_ADD, "member", [f"uid=zhou,ou=people,{S}".encode()])])


def test_a_deactivated_account_stays_out_with_the_right_directory_password(world):
    assert _sign_in("liang", LIANG_PASSWORD)[1].status_code == 302
    User.objects.filter(username="liang").update(is_active=False)
    _client, response = _sign_in("liang", LIANG_PASSWORD)
    assert response.status_code == 200 and not response.wsgi_request.user.is_authenticated


def test_local_accounts_still_sign_in_beside_the_directory(users):
    # kefu1 is not in the directory at all; kefu2 is, under another password: the local one still works
    assert _sign_in("kefu1", PASSWORD)[1].status_code == 302
    assert _sign_in("kefu2", PASSWORD)[1].status_code == 302
    assert _roles("kefu1") == set(Membership.objects.filter(user=users["kefu1"]).values_list("project__code", "role"))


def test_a_directory_user_signs_a_record_with_the_directory_password(world):
    assert _sign_in("liang", LIANG_PASSWORD)[1].status_code == 302
    person = User.objects.get(username="liang")
    signatures.check_credentials(person=person, password=LIANG_PASSWORD)
    with pytest.raises(NotAllowed) as refused:
        signatures.check_credentials(person=person, password="wrong")
    assert refused.value.code == "bad_credentials"
