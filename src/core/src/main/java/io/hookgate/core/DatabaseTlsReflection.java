package io.hookgate.core;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Keeps PgJDBC's JDK-trust-store socket factory in native images: the deployed JDBC URL names it
 * ({@code sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory}, infra Database.proxyEnvironment) and PgJDBC creates it
 * by class name, so that Flyway verifies RDS Proxy's ACM certificate against the image's trust store.
 */
@RegisterForReflection(targets = org.postgresql.ssl.DefaultJavaSSLFactory.class)
final class DatabaseTlsReflection {

    private DatabaseTlsReflection() {
    }
}
