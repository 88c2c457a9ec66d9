"""Policy defaults of the catalogue: the categories, who keeps and who reads the archives, retention, numbering."""
from core.policies import PolicyDefault, register

# (code, name, read only, confidential, clause): the regulation's scope of filing (ARCH-1) and the personal staff
# files (ARCH-11). Seeded per company as editable rows; the code is the letters of the volume numbers.
CATEGORIES = [
    ("YH", "业户资料", False, False, "002 篇1 §1.1.2 ⑴①a 业户资料"),
    ("QJ", "清洁卫生管理", False, False, "002 篇1 §1.1.2 ⑴①b 清洁卫生管理"),
    ("LH", "绿化管理", False, False, "002 篇1 §1.1.2 ⑴①c 绿化管理"),
    ("ZB", "值班记录", False, False, "002 篇1 §1.1.2 ⑴①d 值班记录"),
    ("XJ", "楼宇巡检记录", False, False, "002 篇1 §1.1.2 ⑴①e 楼宇巡检记录"),
    ("WX", "公共区域维修记录", False, False, "002 篇1 §1.1.2 ⑴①f 公共区域维修记录"),
    ("ZL", "质量体系文件及质量管理资料", False, False, "002 篇1 §1.1.2 ⑴② 质量管理"),
    ("WS", "政府及公司文件", True, False, "002 篇1 §2.1.1–2.1.3; §1.2.2 文书档案只阅不借"),
    ("JH", "管理、维修、保养计划及记录", False, False, "002 篇1 §2.1.4"),
    ("AF", "治安保卫、消防、安全资料", False, False, "002 篇1 §2.1.5"),
    ("JK", "领导讲话和年终总结", True, False, "002 篇1 §2.1.6"),
    ("HT", "经济、外包合同", False, False, "002 篇1 §2.1.7"),
    ("YX", "音像、图片资料", False, False, "002 篇1 §2.1.8"),
    ("QT", "其他资料", False, False, "002 篇1 §1.1.2 ⑴③; §2.1.9"),
    ("RS", "员工个人档案", True, True, "002 篇4 §1.5 员工个人档案、材料属秘密材料"),
]

register(
    PolicyDefault("archives.keeper_roles", ["archivist"],
                  "002 篇3 §4.4.1 客服部是管理处档案管理的主责部门，应由客服部主管指定专人负责（档案管理员）",
                  "Roles that keep the archives: categories, volumes, filing, shelving, checks (ARCH-1..4)."),
    PolicyDefault("archives.reader_roles", ["archivist", "cs_supervisor", "site_manager", "general_manager"],
                  "002 篇3 §4.4.4 涉及到档案的查阅、借阅时……必须经过管理处经理的许可",
                  "Roles that may read the catalogue (titles and in-volume lists of ordinary volumes)."),
    PolicyDefault("archives.confidential_roles", ["site_manager", "general_manager"],
                  "002 篇4 §1.5 员工个人档案、材料属秘密材料的，他人无权翻阅，保管人员也不准; 篇3 §4.4.4",
                  "Roles that see confidential archives; anyone else only with their written permission (ARCH-11)."),
    PolicyDefault("archives.grant.max_days", 90, "002 篇3 §4.4.4 必须经过管理处经理的许可",
                  "Longest a permission to see confidential archives may run, in days (ARCH-11)."),
    PolicyDefault("archives.volume.number_prefix", "DA", "002 篇1 §1.1.2 ⑵④ 进行科学分类、立卷和编目编号",
                  "Letters that begin every volume number: DA-<year>-<category>-<sequence> (ARCH-2)."),
    PolicyDefault("archives.retention.default", {"YH": "permanent", "WS": "permanent", "HT": "long", "RS": "permanent",
                                                 "ZL": "long", "JK": "long", "YX": "long"},
                  "002 篇1 §1.1.2 ⑵⑤ 案卷题名应确切反映卷内文件的内容，并区分保管期限",
                  "Retention period proposed for a new volume of each category (others: short) (ARCH-2)."),
    PolicyDefault("archives.retention.long_years", 30, "002 篇1 §1.1.2 ⑵⑤ 区分保管期限",
                  "Years a long-term volume is kept (ARCH-2)."),
    PolicyDefault("archives.retention.short_years", 10, "002 篇1 §1.1.2 ⑵⑤ 区分保管期限",
                  "Years a short-term volume is kept (ARCH-2)."),
    PolicyDefault("archives.seal.after_years", 1, "002 篇1 §1.4.4 相关档案存放一年后，应统一放进档案袋封存",
                  "A volume is sealed when this many years have passed since its year ended (ARCH-9)."),
)
