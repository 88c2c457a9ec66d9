"""Demo documents: an incoming notice circulating among the department managers (one has read it, the
customer-service assistant handles it), a secret one awaiting the GM's instruction with a request to read it,
and an outgoing letter awaiting the GM's signature (login `zongjingli`); the archivist (`dangan`) signs in."""
from __future__ import annotations

import datetime as dt

from archives.models import Document, DocumentUse
from archives.services import documents, documents_loans, documents_outgoing
from core import clock
from core.demo import World
from core.models import Project

# A one-page PDF: the demo's scans.
PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
       b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


def build_documents(world: World, project: Project, prefix: str) -> None:
    if Document.objects.filter(project=project).exists():
        return
    users = {name: world.users[name if name == "zongjingli" else prefix + name]
             for name in ("dangan", "zongjingli", "kfzg", "gczg", "kefu1", "kefu2", "gongcheng1")}
    notice = documents.sign_in(project=project, clerk=users["dangan"], title="关于开展夏季消防安全大检查的通知",
                               from_unit="区住房和城乡建设局", their_number="住建〔2026〕18号", kind="notice",
                               pages=3, scan_name="消防检查通知.pdf", scan_data=PDF)
    documents.instruct(document=notice, gm=users["zongjingli"], instruction="请各部门经理传阅；客服部牵头落实，月底前报结果。",
                       readers=[users["kfzg"], users["gczg"]], handler=users["kefu1"],
                       handle_by=clock.today() + dt.timedelta(days=5))
    documents.read(document=notice, reader=users["kfzg"], opinion="已阅，客服部配合工程部检查消防通道。")
    secret = documents.sign_in(project=project, clerk=users["dangan"], title="集团人事调整方案（秘密）",
                               from_unit="集团公司", their_number="集团人〔2026〕3号", kind="other", secret=True,
                               pages=2, scan_name="人事调整方案.pdf", scan_data=PDF)
    documents_loans.apply(document=secret, applicant=users["kfzg"], registered_by=users["dangan"],
                          use=DocumentUse.READ, purpose="了解客服部人员调整安排")
    documents_loans.apply(document=notice, applicant=users["gongcheng1"], registered_by=users["dangan"],
                          use=DocumentUse.TAKE_OUT, purpose="带到现场对照检查", days=2)
    documents_outgoing.draft(project=project, drafter=users["kefu2"], direction="outgoing",
                             title="关于小区临时停水的联系函", kind="letter", to_unit="市自来水公司", pages=1,
                             scan_name="停水联系函.pdf", scan_data=PDF)
