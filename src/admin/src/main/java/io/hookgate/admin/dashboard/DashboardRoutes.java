package io.hookgate.admin.dashboard;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The dashboard is static files under {@code META-INF/resources/dashboard/} (with the security headers of
 * {@code application.properties}); this sends {@code /dashboard} and {@code /dashboard/} to its page, and seed 002's
 * dashboard address, {@code /admin/webhooks}, to its endpoint list.
 */
@ApplicationScoped
public class DashboardRoutes {

    void register(@Observes Router router) {
        // the page by name, so that every path of the dashboard has a segment after /dashboard/ (API Gateway's {proxy+})
        router.getWithRegex("^/dashboard/?$").handler(rc -> rc.redirect("/dashboard/index.html"));
        router.getWithRegex("^/admin/webhooks/?$").handler(rc -> rc.redirect("/dashboard/index.html#/endpoints"));
    }
}
