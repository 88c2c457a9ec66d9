"""Key categories and the application form each uses (KEY-CAT-1, KEY-LOAN-2)."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    UNIT = "unit", _("Resident unit key")  # 客户房屋钥匙
    DEPOSITED = "deposited", _("Resident-entrusted key")  # 业户委托/寄存钥匙
    VACANT = "vacant", _("Vacant-unit key")  # 空房钥匙
    REPAIR = "repair", _("Repair-period key")  # 返修钥匙
    PUBLIC = "public", _("Public-area key")  # 公共区域钥匙
    EQUIPMENT = "equipment", _("Equipment-room key")  # 设备房/机房钥匙
    OFFICE = "office", _("Office key")  # 办公区域钥匙
    METER_BOX = "meter_box", _("Water-meter box key")  # 水表箱钥匙
    MAILBOX = "mailbox", _("Mailbox key")  # 信报箱钥匙
    INTERCOM = "intercom", _("Intercom key")  # 对讲钥匙
    FRONT_DESK = "front_desk", _("Front-desk key")  # 前台钥匙
    MODEL_UNIT = "model_unit", _("Model-unit key")  # 样板间钥匙


class FormKind(models.TextChoices):
    """Which application form (and register) a category uses (000 §3)."""

    UNIT = "unit", _("Resident unit key application")  # 客户房屋钥匙借用申请表
    PUBLIC = "public", _("Public-area key application")  # 公共区域钥匙借用申请表
    OFFICE = "office", _("Office key application")  # 办公区域钥匙借用申请表


FORM_OF = {
    Category.UNIT: FormKind.UNIT,
    Category.DEPOSITED: FormKind.UNIT,
    Category.VACANT: FormKind.UNIT,
    Category.REPAIR: FormKind.UNIT,
    Category.MAILBOX: FormKind.UNIT,
    Category.PUBLIC: FormKind.PUBLIC,
    Category.EQUIPMENT: FormKind.PUBLIC,
    Category.METER_BOX: FormKind.PUBLIC,
    Category.INTERCOM: FormKind.PUBLIC,
    Category.FRONT_DESK: FormKind.PUBLIC,
    Category.MODEL_UNIT: FormKind.PUBLIC,
    Category.OFFICE: FormKind.OFFICE,
}

# Categories whose keys open a resident's unit: the tag must never print the unit (KEY-LEDGER-2).
UNIT_BOUND = frozenset({Category.UNIT, Category.DEPOSITED, Category.VACANT, Category.REPAIR, Category.MAILBOX})


def form_of(category: str) -> FormKind:
    return FORM_OF[Category(category)]
