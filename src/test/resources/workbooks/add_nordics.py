# The README's "add a territory" steps done with openpyxl (pip install openpyxl / Debian python3-openpyxl):
#   /usr/bin/python3 src/test/resources/workbooks/add_nordics.py decision-tables/territories.xlsx \
#       src/test/resources/workbooks/territories-nordics-openpyxl.xlsx
# LibreOffice copy of the result:
#   soffice --headless --convert-to xlsx --outdir /tmp/lo src/test/resources/workbooks/territories-nordics-openpyxl.xlsx
#   mv /tmp/lo/territories-nordics-openpyxl.xlsx src/test/resources/workbooks/territories-nordics-libreoffice.xlsx
import sys
import openpyxl

wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.worksheets[0]
row = ws.max_row + 1
while row > 1 and all(c.value is None for c in ws[row - 1]):
    row -= 1
for col, value in zip("ABCDEFG", ["TERR-110 Nordics → Nordics team", 200, "assignment", "SE, NO, DK, FI", None, None, "Nordics"]):
    ws[f"{col}{row}"] = value
wb.save(sys.argv[2])
