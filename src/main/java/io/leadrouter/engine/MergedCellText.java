package io.leadrouter.engine;

import org.drools.template.parser.DataListener;

import java.util.HashMap;
import java.util.Map;

/**
 * Gives every cell a merged range covers the text of the range's first cell, as Drools' Excel parser does.
 *
 * <p>Drools' CSV parser marks a merge with {@code text...} followed by {@code ...} in each covered cell, but hands the
 * covered cells to the sheet listener with empty text, which the listener drops: the second CONDITION column under a
 * merged {@code $lead : Lead} then gets no object type and every row fails with {@code mismatched input}.
 */
final class MergedCellText implements DataListener {

    private final DataListener delegate;
    /** The text of each merge's first cell in the current row, by its column. */
    private final Map<Integer, String> mergeStarts = new HashMap<>();

    MergedCellText(DataListener delegate) {
        this.delegate = delegate;
    }

    @Override
    public void startSheet(String name) {
        delegate.startSheet(name);
    }

    @Override
    public void finishSheet() {
        delegate.finishSheet();
    }

    @Override
    public void newRow(int row, int columns) {
        mergeStarts.clear();
        delegate.newRow(row, columns);
    }

    @Override
    public void newCell(int row, int column, String value, int mergedColStart) {
        if (mergedColStart != NON_MERGED) {
            if (column == mergedColStart) {
                mergeStarts.put(column, value);
            } else if (value == null || value.isBlank()) {
                value = mergeStarts.get(mergedColStart);
            }
        }
        delegate.newCell(row, column, value, mergedColStart);
    }
}
