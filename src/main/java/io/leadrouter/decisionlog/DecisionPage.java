package io.leadrouter.decisionlog;

import io.leadrouter.decision.Decision;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * One page of the decision log, newest first.
 *
 * @param hasMore    whether an older page exists (read as one row past the page, never by counting the log)
 * @param totalItems how many decisions match; counted only when the search is narrowed to one lead or the caller asks
 *                   ({@code count=true}): counting the whole log on every page is a scan of millions of rows
 * @param totalPages pages of {@code size} for {@code totalItems}, when counted
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DecisionPage(List<Decision> items, int page, int size, boolean hasMore, Long totalItems, Integer totalPages) {

    public static DecisionPage empty(int size) {
        return new DecisionPage(List.of(), 0, size, false, 0L, 0);
    }
}
