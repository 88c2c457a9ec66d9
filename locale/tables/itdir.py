"""Simplified Chinese for sign-in with the company directory and the production guide (issue 22, branch itdir;
applied by scripts/apply_translations.py)."""
T = {
    # audit event of a directory sign-in that changed the person's roles (core.directory)
    "Roles taken from the company directory": "按公司目录同步角色",
}
