import pytest
from django.utils import translation

from keys.categories import Category
from keys.states import KeyStatus


@pytest.mark.req("CORE-8")
def test_pages_speak_simplified_chinese_by_default(client, db):
    response = client.get("/admin/login/")
    assert response.status_code == 200 and "登录" in response.content.decode()
    assert response.headers["Content-Language"] == "zh-hans"


@pytest.mark.req("CORE-8")
@pytest.mark.parametrize("lang,word", [("zh-hant", "登入"), ("en", "Log in")])
def test_traditional_chinese_and_english_are_available(client, db, lang, word):
    response = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE=lang)
    assert word in response.content.decode()


@pytest.mark.req("CORE-8")
def test_the_product_vocabulary_is_translated_in_all_three_languages():
    expected = {"zh-hans": ("客户房屋钥匙", "借出"), "zh-hant": ("客戶房屋鑰匙", "借出"), "en": ("Resident unit key", "Lent")}
    for lang, (category, status) in expected.items():
        with translation.override(lang):
            assert str(Category.UNIT.label) == category
            assert str(KeyStatus.LENT.label) == status


@pytest.mark.req("CORE-8")
def test_domain_errors_reach_the_user_in_their_language(project, users, public_key):
    from core.errors import DomainError
    from keys.services import ledger

    with translation.override("zh-hans"):
        with pytest.raises(DomainError) as err:
            ledger.find_by_scan(project=project, scanned="NOPE")
    assert "本项目没有" in str(err.value.message)
