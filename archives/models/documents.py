"""Documents (DOC-1..3; 002 篇4): incoming documents signed in, instructed by the GM, circulated and handled;
outgoing documents reviewed and signed by the GM, numbered and sent; internal documents signed by the
department's manager; secret documents read, copied or taken out only with the GM's approval; every document
loan recorded through the house's lending engine (core.lending)."""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.lending.models import ApprovalRecord, LoanRecord

USER = settings.AUTH_USER_MODEL


class DocDirection(models.TextChoices):
    INCOMING = "incoming", _("Incoming")  # 收文
    OUTGOING = "outgoing", _("Outgoing")  # 发文
    INTERNAL = "internal", _("Internal")  # 内部行文


class DocKind(models.TextChoices):
    NOTICE = "notice", _("Notice")  # 通知
    RULES = "rules", _("Rules")  # 制度
    ORDER = "order", _("Order")  # 命令
    LETTER = "letter", _("Official letter")  # 公函
    SUMMARY = "summary", _("Summary")  # 总结
    REPORT = "report", _("Report")  # 报告
    BULLETIN = "bulletin", _("Bulletin")  # 通报
    MINUTES = "minutes", _("Meeting minutes")  # 会议纪要
    REGULATION = "regulation", _("Government regulation")  # 政府法规
    OTHER = "other", _("Other")  # 其他


class DocStatus(models.TextChoices):
    WITH_GM = "with_gm", _("Awaiting the GM's instruction")  # incoming: 送总经理阅批
    INSTRUCTED = "instructed", _("Circulating and being handled")  # incoming: 传阅、承办中
    ARCHIVED = "archived", _("Archived")  # incoming: 退回存档
    IN_REVIEW = "in_review", _("Awaiting signature")  # outgoing / internal: 待签发
    REJECTED = "rejected", _("Returned for revision")  # 退回修改
    SIGNED = "signed", _("Signed")  # 已签发
    REGISTERED = "registered", _("Numbered and registered")  # outgoing: 编号登记
    SENT = "sent", _("Sent")  # outgoing: 已外发


class Document(models.Model):
    project = models.ForeignKey("core.Project", on_delete=models.PROTECT, related_name="+")
    direction = models.CharField(_("direction"), max_length=10, choices=DocDirection.choices)
    serial = models.CharField(_("number"), max_length=30, unique=True, null=True, blank=True)
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=DocKind.choices)
    secret = models.BooleanField(_("secret"), default=False)
    pages = models.PositiveIntegerField(_("pages"), default=1)
    department = models.ForeignKey("core.Department", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("department"))
    from_unit = models.CharField(_("from unit"), max_length=100, blank=True)  # incoming
    their_number = models.CharField(_("their number"), max_length=50, blank=True)  # incoming
    to_unit = models.CharField(_("to unit"), max_length=100, blank=True)  # outgoing
    status = models.CharField(_("status"), max_length=12, choices=DocStatus.choices)
    scan = models.ForeignKey("core.Attachment", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    sha256 = models.CharField(_("SHA-256 digest"), max_length=64, blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("drafted by"))
    created_at = models.DateTimeField(_("created at"))
    # The GM's instruction of an incoming document (批示) and its handling (承办).
    instruction = models.CharField(_("instruction"), max_length=500, blank=True)
    instructed_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    instructed_at = models.DateTimeField(null=True, blank=True)
    handler = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                verbose_name=_("handler"))
    handle_by = models.DateField(_("handle by"), null=True, blank=True)
    result = models.CharField(_("result of handling"), max_length=500, blank=True)
    result_at = models.DateTimeField(null=True, blank=True)
    archived_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    archived_at = models.DateTimeField(null=True, blank=True)
    # The signature of an outgoing or internal document (签发) and what follows.
    signed_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                  verbose_name=_("signed by"))
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    reject_reason = models.CharField(_("reason"), max_length=300, blank=True)
    registered_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    registered_at = models.DateTimeField(_("registered at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        indexes = [models.Index(fields=["project", "direction", "status"]),
                   models.Index(fields=["project", "status", "handle_by"])]
        constraints = [models.CheckConstraint(condition=Q(pages__gte=1), name="document_has_pages")]

    def __str__(self) -> str:
        return f"{self.serial or '—'} {self.title}"


class Circulation(models.Model):
    """One reader of an incoming document as the GM instructed (传阅): read with an opinion."""
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="circulation")
    reader = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("reader"))
    position = models.PositiveSmallIntegerField(default=0)
    opinion = models.CharField(_("opinion"), max_length=300, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["document", "reader"], name="one_circulation_per_reader")]


class DocumentUse(models.TextChoices):
    READ = "read", _("Read")  # 翻阅
    COPY = "copy", _("Copy")  # 复印
    TAKE_OUT = "take_out", _("Take out of the office")  # 带离办公室


class DocumentLoan(LoanRecord):
    """A request to read, copy or take out a document (002 篇4 §1.3, §1.4): approved by the policy's chain
    (the GM for a secret document); a document taken out is counted out and back by its pages."""
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="loans",
                                 verbose_name=_("document"))
    use = models.CharField(_("use"), max_length=10, choices=DocumentUse.choices)

    class Meta:
        verbose_name = _("document loan")
        verbose_name_plural = _("document loans")
        constraints = [
            models.UniqueConstraint(fields=["document"], condition=Q(status="lent"), name="one_open_loan_per_document"),
            models.CheckConstraint(condition=Q(period_end__gt=models.F("period_start")),
                                   name="document_loan_period_ordered"),
        ]
        indexes = [models.Index(fields=["project", "status", "due_at"]),
                   models.Index(fields=["document", "applicant", "status"])]

    def __str__(self) -> str:
        return self.serial


class DocumentLoanApproval(ApprovalRecord):
    loan = models.ForeignKey(DocumentLoan, on_delete=models.PROTECT, related_name="approvals")

    class Meta(ApprovalRecord.Meta):
        constraints = [models.UniqueConstraint(fields=["loan", "step_index"], name="one_decision_per_document_step")]
