package io.leadrouter.rest;

import io.leadrouter.reload.ReloadAttempt;

/**
 * What is serving and how the latest change went.
 *
 * @param active      the version serving now
 * @param lastAttempt the latest compile attempt; on failure it lists every error while {@code active} keeps serving
 * @param watching    whether the rule directories are watched for changes
 */
public record RuleStatusView(RuleVersionView active, ReloadAttempt lastAttempt, boolean watching) {
}
