package com.sundaya.messaging.api;

import java.util.List;

import com.sundaya.messaging.dataset.Violation;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * Errors the HTTP server decides before a route runs (no such path, body over the size limit) are
 * answered in the same generic message shape as the routes' own errors, never as the server's plain-text pages.
 */
public class HttpErrorPages implements StartupListener {

    private final int port;

    public HttpErrorPages(int port) {
        this.port = port;
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        VertxPlatformHttpRouter router = context.getRegistry().lookupByNameAndType(
                VertxPlatformHttpRouter.getRouterNameFromPort(port), VertxPlatformHttpRouter.class);
        if (router == null) {
            return;
        }
        router.route().failureHandler(ctx -> {
            int code = ctx.statusCode();
            if (code == 413) {
                respond(ctx, 413, "Payload Too Large", "body", "The body exceeds the configured limit of the server.");
            } else {
                ctx.next();
            }
        });
        // the server's own 404 page is HTML; every path not served by a route gets the message shape instead.
        // While the platform shuts down its routes are gone but the server still listens: that is a 503.
        router.route().last().handler(ctx -> {
            if (context.isStopping() || context.isStopped()) {
                ctx.response().putHeader("Retry-After", "5");
                respond(ctx, 503, "Service Unavailable", "server", "The platform is shutting down; retry later.");
            } else {
                respond(ctx, 404, "Not Found", "path", "No such resource: " + ctx.request().path());
            }
        });
    }

    private static void respond(RoutingContext ctx, int status, String message, String target, String detail) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(GenericMessage.json(status, message, List.of(new Violation(target, detail))));
    }
}
