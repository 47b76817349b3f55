package io.leadrouter.backtest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadrouter.domain.Lead;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * JSON lines of leads (one JSON object a line, {@code application/x-ndjson} or {@code application/jsonl}) read with
 * the CSV's field names and checks ({@link LeadColumns}): top-level keys are the columns, {@code attributes} an object
 * of {@code attributes.<name>} columns. Row numbers are line numbers (1 = the first line: there is no header).
 */
final class JsonLeadLines {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonLeadLines() {
    }

    /** @throws BadInputException naming the line and field */
    static Lead lead(int line, String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw BadInputException.at(line, null, "is not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw BadInputException.at(line, null, "must be one JSON object per line, e.g. {\"id\":\"L-1\",\"country\":\"DE\"}");
        }
        List<String> header = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals("attributes") && field.getValue().isObject()) {
                field.getValue().fields().forEachRemaining(a -> {
                    header.add(LeadColumns.ATTRIBUTE_PREFIX + a.getKey());
                    cells.add(cell(a.getValue()));
                });
            } else if (field.getValue().isContainerNode()) {
                throw BadInputException.at(line, field.getKey(), "must be a string, number or boolean");
            } else {
                header.add(field.getKey());
                cells.add(cell(field.getValue()));
            }
        }
        LeadColumns columns;
        try {
            columns = LeadColumns.of(header);
        } catch (BadInputException e) {
            // The header checks name row 1; here every line is its own header.
            List<BadInputException.InputError> errors = e.errors().stream()
                    .map(x -> new BadInputException.InputError(line, x.field(), x.message())).toList();
            throw new BadInputException("line " + line + ": " + e.getMessage(), errors);
        }
        return columns.lead(new CsvRows.Row(line, cells));
    }

    private static String cell(JsonNode value) {
        return value == null || value.isNull() ? "" : value.asText();
    }
}
