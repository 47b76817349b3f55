package io.leadrouter.routing;

import io.leadrouter.domain.Rep;

/** Where the distribution step put the lead: a rep, or a queue; and why. */
record Placement(Rep rep, String queue, Explanation explanation) {
}
