"""Policy defaults of filing: originals only, how soon after its date a record is filed (ARCH-3)."""
from core.policies import PolicyDefault, register

register(
    PolicyDefault("archives.filing.copy_categories", [], "002 篇1 §1.1.2 ⑵③ 归档的文件必须是原件",
                  "Category codes whose volumes may take a copy in place of an original (none by default)."),
    PolicyDefault("archives.filing.days_after_event", 30, "002 篇1 §1.1.2 ⑵⑦ 所有文件资料必须及时归档",
                  "Days after its date within which a record is filed; later is recorded as late (ARCH-3)."),
    PolicyDefault("archives.filing.retention_years", 30, "002 篇1 §1.1.5 档案的接收、转移、外借必须履行登记手续",
                  "Years a transfer record is kept at least (it is kept as long as its volume if longer)."),
)
