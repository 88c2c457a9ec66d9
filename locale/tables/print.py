"""Simplified Chinese for print views on A4, their parts and PDFs (issue 22, branch print; applied by
scripts/apply_translations.py)."""
T = {
    "Download as PDF": "下载 PDF",
    "period\x04From": "自",
    "period\x04To": "至",
    "All buildings": "全部楼栋",
    "Show this part": "显示这一部分",
    "This print holds the first %(shown)s of %(total)s rows; the rest are not on it.":
        "本打印件只含全部 %(total)s 行中的前 %(shown)s 行，其余各行不在其中。",
    "Print the rest in parts: choose a shorter period or one building on the print page.":
        "其余部分请分批打印：在打印页上选择较短的期间或一栋楼。",
    "Choose a shorter period or one building above to print the rest in parts, or download the PDF of the whole "
    "register.": "请在上方选择较短的期间或一栋楼分批打印其余部分，或下载整本登记表的 PDF。",
    "Choose a shorter period or one building above to print the rest in parts.":
        "请在上方选择较短的期间或一栋楼分批打印其余部分。",
    "PDF not available": "无法生成 PDF",
    "This server cannot make PDF files: the WeasyPrint library or its system libraries (Pango, the Noto CJK fonts) "
    "are not installed. Print the page from the browser instead, or ask IT to install them (see README).":
        "本服务器无法生成 PDF 文件：未安装 WeasyPrint 库或其所需的系统库（Pango、Noto CJK 字体）。"
        "请改用浏览器打印本页，或请信息部门按 README 安装。",
    "Drawn signature": "手写签名",
    "Print the repair register": "打印住户报修记录表",
    "Resident repair record (住户报修记录表)": "住户报修记录表",
    "No repairs in this period.": "此期间没有报修。",
}
