package io.leadrouter.webhook;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The generic sender's callback URL, which gets each decision signed like the deliveries it sends us. */
@Consumes(MediaType.APPLICATION_JSON)
public interface GenericCallbackApi {

    @POST
    Response post(String body, @HeaderParam("X-Timestamp") String timestamp,
                  @HeaderParam("X-Signature") String signature);
}
