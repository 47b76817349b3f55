package io.leadrouter.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The two HubSpot CRM v3 calls we make; built by {@link CrmClients} against the configured API base URL. */
@Path("/crm/v3/objects/contacts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface HubSpotApi {

    /** @param properties comma-separated property names */
    @GET
    @Path("/{id}")
    JsonNode contact(@PathParam("id") String id, @QueryParam("properties") String properties,
                     @HeaderParam("Authorization") String bearer);

    @PATCH
    @Path("/{id}")
    JsonNode updateContact(@PathParam("id") String id, JsonNode body, @HeaderParam("Authorization") String bearer);
}
