package io.leadrouter.backtest;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a CSV file row by row (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes), as Excel and
 * LibreOffice save it: a UTF-8 byte-order mark is skipped, and a header with semicolons and no commas (the CSV of a
 * German or French Excel) switches the separator to {@code ;}. Streams: only the current row is held.
 */
public final class CsvRows implements AutoCloseable {

    /** One row with its spreadsheet row number (the header is row 1). */
    public record Row(int number, List<String> cells) {

        public boolean isBlank() {
            return cells.stream().allMatch(String::isBlank);
        }

        public String cell(int index) {
            return index < cells.size() ? cells.get(index) : "";
        }
    }

    private final Reader in;
    private char separator = ',';
    private int rowNumber;
    private int pushedBack = -2;
    private boolean first = true;

    public CsvRows(Reader in) {
        this.in = in;
    }

    /** The next row, or {@code null} at the end. @throws BadInputException for an unterminated quote */
    public Row next() {
        try {
            int c = read();
            if (first) {
                first = false;
                if (c == '\uFEFF') {
                    c = read();
                }
            }
            if (c == -1) {
                return null;
            }
            rowNumber++;
            int startRow = rowNumber;
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            while (true) {
                if (quoted) {
                    if (c == -1) {
                        throw BadInputException.at(startRow, null, "a quoted cell is never closed (missing \")");
                    }
                    if (c == '"') {
                        int next = read();
                        if (next == '"') {
                            cell.append('"');
                        } else {
                            quoted = false;
                            c = next;
                            continue;
                        }
                    } else {
                        if (c == '\n') {
                            rowNumber++;
                        }
                        cell.append((char) c);
                    }
                } else if (c == '"' && cell.isEmpty()) {
                    quoted = true;
                } else if (c == separator || (startRow == 1 && cells.isEmpty() && c == ';')) {
                    // The header's first separator decides: a semicolon there means a semicolon-separated file.
                    separator = (char) c;
                    cells.add(cell.toString());
                    cell.setLength(0);
                } else if (c == '\r' || c == '\n' || c == -1) {
                    if (c == '\r') {
                        int next = read();
                        if (next != '\n') {
                            pushedBack = next;
                        }
                    }
                    cells.add(cell.toString());
                    return new Row(startRow, cells);
                } else {
                    cell.append((char) c);
                }
                c = read();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int read() throws IOException {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        return in.read();
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
