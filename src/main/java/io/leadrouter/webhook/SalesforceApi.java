package io.leadrouter.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The Salesforce REST call that sets a lead's owner. */
@Path("/services/data/{version}/sobjects/Lead")
@Consumes(MediaType.APPLICATION_JSON)
public interface SalesforceApi {

    /** Answers 204 on success. */
    @PATCH
    @Path("/{id}")
    Response updateLead(@PathParam("version") String version, @PathParam("id") String id, JsonNode body,
                        @HeaderParam("Authorization") String bearer);
}
