package io.leadrouter.decision;

import io.leadrouter.domain.Rep;

/** The rep a lead went to, as the CRM needs it. */
public record Assignee(String id, String name, String email, String team) {

    public static Assignee of(Rep rep) {
        return new Assignee(rep.getId(), rep.getName(), rep.getEmail(), rep.getTeam());
    }
}
