# Writes SpreadsheetToolWorkbooksTest's table the way openpyxl does: a merged cell is only its top-left cell plus an
# entry in the sheet's merge list (the covered cells are not written).
#   /usr/bin/python3 merged_object_type.py fresh OUT.xlsx      build the table with openpyxl
#   /usr/bin/python3 merged_object_type.py resave IN.xlsx OUT.xlsx   plain load-and-save of a table
# LibreOffice copy (committed as territories-merged-libreoffice.xlsx):
#   /usr/bin/python3 merged_object_type.py fresh /tmp/lo-in/territories-merged-libreoffice.xlsx
#   soffice --headless --convert-to xlsx --outdir /tmp/lo-out /tmp/lo-in/territories-merged-libreoffice.xlsx
import sys
import openpyxl

ROWS = [
    ["RuleSet", "io.leadrouter.rules"],
    ["Import", "io.leadrouter.domain.Lead"],
    ["Variables", "io.leadrouter.domain.Routing routing"],
    [],
    ["RuleTable Territories"],
    ["NAME", "PRIORITY", "CONDITION", "CONDITION", "ACTION"],
    [None, None, "$lead : Lead", None, None],
    [None, None, 'forall(||){country == "$"}', "annualRevenue >= $param", 'routing.assignToTeam("$param");'],
    ["Rule", "Salience", "Country", "Annual revenue at least", "Team"],
    ["T-1 DACH enterprise", 210, "DE, AT, CH", 1000000, "DACH Enterprise"],
    ["T-2 France", 200, "FR", None, "France"],
]

if sys.argv[1] == "fresh":
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Territories"
    for r, row in enumerate(ROWS, 1):
        for c, value in enumerate(row, 1):
            if value is not None:
                ws.cell(r, c, value)
    ws.merge_cells("C7:D7")
    wb.save(sys.argv[2])
elif sys.argv[1] == "resave":
    openpyxl.load_workbook(sys.argv[2]).save(sys.argv[3])
else:
    sys.exit("usage: merged_object_type.py fresh OUT | resave IN OUT")
