package io.hookgate.admin.dashboard;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The dashboard is static files under {@code META-INF/resources/dashboard/} (with the security headers of
 * {@code application.properties}); this sends {@code /dashboard} and {@code /dashboard/} to its page.
 */
@ApplicationScoped
public class DashboardRoutes {

    void register(@Observes Router router) {
        // the page by name, so that every path of the dashboard has a segment after /dashboard/ (API Gateway's {proxy+})
        router.getWithRegex("^/dashboard/?$").handler(rc -> rc.redirect("/dashboard/index.html"));
    }
}
