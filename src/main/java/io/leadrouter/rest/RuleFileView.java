package io.leadrouter.rest;

/**
 * One file of a rule version.
 *
 * @param path   as the API names it: {@code rules/foo.drl}, {@code decision-tables/bar.xlsx}
 * @param sha256 of its bytes
 * @param size   in bytes
 */
public record RuleFileView(String path, String sha256, long size) {
}
