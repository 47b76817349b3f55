package io.leadrouter.bench;

import io.leadrouter.domain.Lead;
import io.leadrouter.domain.Segment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hand-optimised routing: rows are grouped by which equality columns they fill in (their "shape"; an empty cell
 * is a wildcard), and each shape has a hash map from the values of those columns to its rows in table order. A lead
 * is looked up once per shape (at most 2^5); the answer is the matching row with the lowest position across shapes,
 * which is exactly what first-match over the whole table returns. The range column is checked on the candidates.
 */
public final class IndexedRouter implements TerritoryRouter {

    private static final int COUNTRY = 1, REGION = 2, SEGMENT = 4, INDUSTRY = 8, SOURCE = 16;

    /** A row with its position in the table. */
    private record Entry(int position, TerritoryRow row) {
    }

    /** Values of the shape's columns, wildcard columns left null. */
    private record Key(String country, String region, Segment segment, String industry, String source) {
    }

    private final int[] shapes;
    private final Map<Key, Entry[]>[] indexes;

    @SuppressWarnings("unchecked")
    public IndexedRouter(List<TerritoryRow> rows) {
        Map<Integer, Map<Key, List<Entry>>> byShape = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            TerritoryRow row = rows.get(i);
            int shape = shapeOf(row);
            Key key = new Key(row.country(), row.region(), row.segment(), row.industry(), row.source());
            byShape.computeIfAbsent(shape, s -> new HashMap<>()).computeIfAbsent(key, k -> new ArrayList<>()).add(new Entry(i, row));
        }
        shapes = byShape.keySet().stream().mapToInt(Integer::intValue).toArray();
        indexes = new Map[shapes.length];
        int s = 0;
        for (Map<Key, List<Entry>> index : byShape.values()) {
            Map<Key, Entry[]> frozen = new HashMap<>(index.size() * 2);
            index.forEach((key, entries) -> frozen.put(key, entries.toArray(Entry[]::new)));
            indexes[s++] = frozen;
        }
    }

    @Override
    public String teamFor(Lead lead) {
        String country = lead.getCountry();
        String region = lead.getRegion();
        Segment segment = lead.getSegment();
        String industry = lead.getIndustry();
        String source = lead.getSource();
        Entry best = null;
        for (int s = 0; s < shapes.length; s++) {
            int shape = shapes[s];
            // A lead without a value cannot match a row that requires one.
            if ((shape & COUNTRY) != 0 && country == null || (shape & REGION) != 0 && region == null
                    || (shape & SEGMENT) != 0 && segment == null || (shape & INDUSTRY) != 0 && industry == null
                    || (shape & SOURCE) != 0 && source == null) {
                continue;
            }
            Entry[] candidates = indexes[s].get(new Key(
                    (shape & COUNTRY) != 0 ? country : null, (shape & REGION) != 0 ? region : null,
                    (shape & SEGMENT) != 0 ? segment : null, (shape & INDUSTRY) != 0 ? industry : null,
                    (shape & SOURCE) != 0 ? source : null));
            if (candidates == null) {
                continue;
            }
            for (Entry candidate : candidates) {
                if (best != null && candidate.position() > best.position()) {
                    break; // in table order: nothing later in this list can beat the current best
                }
                if (candidate.row().matchesRange(lead)) {
                    best = candidate;
                    break;
                }
            }
        }
        return best == null ? null : best.row().team();
    }

    private static int shapeOf(TerritoryRow row) {
        int shape = 0;
        if (row.country() != null) shape |= COUNTRY;
        if (row.region() != null) shape |= REGION;
        if (row.segment() != null) shape |= SEGMENT;
        if (row.industry() != null) shape |= INDUSTRY;
        if (row.source() != null) shape |= SOURCE;
        return shape;
    }

    /** How many shapes a lead is looked up in: the cost of one decision, whatever the table's size. */
    public int shapeCount() {
        return shapes.length;
    }

}
