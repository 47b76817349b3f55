package io.leadrouter.backtest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import java.util.List;

/**
 * An uploaded file of leads or test cases that cannot be used: wrong header, a bad value, empty. Each error names the
 * row (spreadsheet numbering, header = 1) and the column, so the author can find it in Excel. Answered as a 400.
 */
public class BadInputException extends RuntimeException {

    /** @param row the spreadsheet row, or null for the file as a whole; @param field the column, or null */
    public record InputError(@Schema(nullable = true) Integer row, @Schema(nullable = true) String field, String message) {

        /** {@code row 7812, employees}, as a problem detail's field names it. */
        public String location() {
            if (row == null) {
                return field == null ? "file" : field;
            }
            return "row " + row + (field == null ? "" : ", " + field);
        }
    }

    private final List<InputError> errors;

    public BadInputException(String message, List<InputError> errors) {
        super(message);
        this.errors = List.copyOf(errors);
    }

    public static BadInputException at(Integer row, String field, String message) {
        InputError error = new InputError(row, field, message);
        return new BadInputException(error.location() + ": " + message, List.of(error));
    }

    public List<InputError> errors() {
        return errors;
    }
}
