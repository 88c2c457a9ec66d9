"""Roles and departments of a customer-service centre (CORE-2)."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CS_ASSISTANT = "cs_assistant", _("Customer-service assistant")  # 客服助理
    CS_SUPERVISOR = "cs_supervisor", _("Customer-service supervisor")  # 客服主管/负责人
    SITE_MANAGER = "site_manager", _("Site manager")  # 管理处经理
    GENERAL_MANAGER = "general_manager", _("General manager")  # 总经理
    ADMIN_STAFF = "admin_staff", _("Administration staff")  # 行政人员
    KEY_KEEPER = "key_keeper", _("Key keeper")  # 钥匙管理员
    ARCHIVIST = "archivist", _("Archivist")  # 档案员
    STOREKEEPER = "storekeeper", _("Storekeeper")  # 仓管员
    TECHNICIAN = "technician", _("Engineering technician")  # 工程技工
    SECURITY_GUARD = "security_guard", _("Security guard")  # 保安员
    DEPT_HEAD = "dept_head", _("Department head")  # 部门负责人
    SYSADMIN = "sysadmin", _("System administrator")


class DepartmentCode(models.TextChoices):
    CUSTOMER_SERVICE = "cs", _("Customer Service")  # 客服部
    ADMINISTRATION = "admin", _("Administration")  # 行政部
    ENGINEERING = "engineering", _("Engineering")  # 工程部
    SECURITY = "security", _("Security")  # 保安部
    ORDER = "order", _("Order maintenance")  # 秩序维护部
    FINANCE = "finance", _("Finance")  # 财务部
    SALES = "sales", _("Sales")  # 销售部
    MANAGEMENT = "management", _("Management office")  # 管理处/公司领导


# Roles that lead a department and so may approve as "department head" for its members.
HEAD_ROLES = frozenset({Role.DEPT_HEAD, Role.CS_SUPERVISOR, Role.SITE_MANAGER, Role.GENERAL_MANAGER})
# Roles that may see residents' phone and ID numbers in full (CORE-3); a policy may narrow it.
PII_ROLES_DEFAULT = [Role.CS_SUPERVISOR.value, Role.SITE_MANAGER.value, Role.GENERAL_MANAGER.value]
