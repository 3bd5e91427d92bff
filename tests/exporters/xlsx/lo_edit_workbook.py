#!/usr/bin/python3
"""Types into cells of a workbook's Tasks sheet in LibreOffice (headless, through
UNO, Debian's python3-uno) and saves it as .xlsx, as a user editing in Calc would.

    lo_edit_workbook.py IN OUT PROFILE_DIR ID:HEADER=VALUE...

Columns are found by their header in row 1, rows by the task id. A cell that
LibreOffice sees as locked (the sheet is protected) is refused, as Calc would
refuse the typing: exit 3. Exit 2 when python3-uno is missing.
"""

import os
import subprocess
import sys
import time

try:
    import uno
    from com.sun.star.beans import PropertyValue
except ImportError:
    sys.exit(2)


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(pipe):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(240):
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:  # not listening yet
            time.sleep(0.5)
    sys.exit("soffice did not start")


def main():
    src, dst = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    profile, edits = os.path.abspath(sys.argv[3]), sys.argv[4:]
    pipe = f"rplan_test_{os.getpid()}"
    office = subprocess.Popen(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
         "--invisible", f"--accept=pipe,name={pipe};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    desktop = None
    try:
        ctx = connect(pipe)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(src), "_blank", 0,
                                           (prop("Hidden", True),))
        sheet = doc.Sheets.getByName("Tasks")
        header = {}
        for c in range(64):
            text = sheet.getCellByPosition(c, 0).getString()
            if text:
                header[text] = c
        rows = {}
        for r in range(1, 100000):
            text = sheet.getCellByPosition(header["ID"], r).getString()
            if not text:
                break
            rows[text] = r
        for edit in edits:
            target, value = edit.split("=", 1)
            task, head = target.split(":", 1)
            cell = sheet.getCellByPosition(header[head], rows[task])
            if sheet.isProtected() and cell.getPropertyValue("CellProtection").IsLocked:
                print(f"{task}:{head} is locked", file=sys.stderr)
                sys.exit(3)
            cell.setFormula(value)  # what typing does: "12" is a number, "done" text
        doc.storeToURL(uno.systemPathToFileUrl(dst),
                       (prop("FilterName", "Calc MS Excel 2007 XML"),))
        doc.close(True)
    finally:
        if desktop is not None:
            try:
                desktop.terminate()
            except Exception:  # the bridge closes as soffice exits
                pass
        try:
            office.wait(timeout=120)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main()
