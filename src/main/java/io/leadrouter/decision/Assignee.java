package io.leadrouter.decision;

import io.leadrouter.domain.Rep;

/** The rep a lead went to, as the CRM needs it. */
public record Assignee(String id, String name, @org.eclipse.microprofile.openapi.annotations.media.Schema(nullable = true) String email, String team) {

    public static Assignee of(Rep rep) {
        return new Assignee(rep.getId(), rep.getName(), rep.getEmail(), rep.getTeam());
    }
}
