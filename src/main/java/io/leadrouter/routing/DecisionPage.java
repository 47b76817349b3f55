package io.leadrouter.routing;

import java.util.List;

/** One page of the decision log, newest first. */
public record DecisionPage(List<Decision> items, int page, int size, long totalItems, int totalPages) {
}
