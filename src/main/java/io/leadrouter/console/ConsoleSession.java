package io.leadrouter.console;

import io.leadrouter.security.Roles;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The signed-in person behind a console request: who they are, whether they may change things, and the CSRF token
 * their forms carry.
 * <p>
 * CSRF protection is a double-submit token: a random value in an HttpOnly, SameSite=Strict cookie, rendered into every
 * form as the hidden field {@value #CSRF_FIELD}; a state-changing request is refused unless both are present and equal.
 * A page on another site can neither read the cookie nor guess the value, and needs no server-side session (several
 * instances accept each other's forms).
 */
@RequestScoped
public class ConsoleSession {

    public static final String CSRF_COOKIE = "leadrouter-csrf";
    public static final String CSRF_FIELD = "_csrf";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecurityIdentity identity;
    private final CurrentVertxRequest request;
    private String issuedToken;

    public ConsoleSession(SecurityIdentity identity, CurrentVertxRequest request) {
        this.identity = identity;
        this.request = request;
    }

    public String user() {
        return identity.isAnonymous() ? null : identity.getPrincipal().getName();
    }

    public boolean admin() {
        return identity.hasRole(Roles.ADMIN);
    }

    /** Refuses (403 page) unless the person is an admin: ops see and dry-run, admins change. */
    public void requireAdmin() {
        if (!admin()) {
            throw new ConsoleRefusal(403, "Only an admin may change this",
                    "You are signed in as " + user() + " (ops): pages and dry runs are open to you, changes are not.");
        }
    }

    /** The token for this person's forms; issues the cookie on first use. */
    public String csrfToken() {
        if (issuedToken != null) {
            return issuedToken;
        }
        RoutingContext context = request.getCurrent();
        Cookie cookie = context.request().getCookie(CSRF_COOKIE);
        if (cookie != null && !cookie.getValue().isBlank()) {
            issuedToken = cookie.getValue();
            return issuedToken;
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        issuedToken = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        context.response().addCookie(Cookie.cookie(CSRF_COOKIE, issuedToken).setPath("/console").setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT).setSecure(context.request().isSSL()));
        return issuedToken;
    }

    /** Refuses (403 page) a state-changing request whose form token is missing or differs from the cookie. */
    public void verifyCsrf(String formToken) {
        Cookie cookie = request.getCurrent().request().getCookie(CSRF_COOKIE);
        if (formToken == null || formToken.isBlank() || cookie == null || !MessageDigest.isEqual(
                formToken.getBytes(StandardCharsets.UTF_8), cookie.getValue().getBytes(StandardCharsets.UTF_8))) {
            throw new ConsoleRefusal(403, "Form refused: security token missing or wrong",
                    "The form did not carry this session's CSRF token, so nothing was changed. Reload the page and "
                            + "submit the form again.");
        }
    }

    /** A page of the console: the template with the layout's data (who, role, token, which menu entry). */
    public TemplateInstance page(Template template, String nav, String title) {
        return template.data("user", user()).data("admin", admin()).data("csrf", csrfToken())
                .data("nav", nav).data("title", title);
    }
}
