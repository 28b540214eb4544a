package io.hookgate.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.rds.AuroraPostgresClusterEngineProps;
import software.amazon.awscdk.services.rds.AuroraPostgresEngineVersion;
import software.amazon.awscdk.services.rds.ClusterInstance;
import software.amazon.awscdk.services.rds.Credentials;
import software.amazon.awscdk.services.rds.DatabaseCluster;
import software.amazon.awscdk.services.rds.DatabaseClusterEngine;
import software.amazon.awscdk.services.rds.DatabaseProxy;
import software.amazon.awscdk.services.rds.DatabaseSecret;
import software.amazon.awscdk.services.rds.ProxyTarget;
import software.amazon.awscdk.services.rds.ServerlessV2ClusterInstanceProps;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.constructs.Construct;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL as Aurora Serverless v2 (scales to 0.5 ACU when idle) behind RDS Proxy. The functions connect through
 * the proxy, which pools connections across thousands of short-lived Lambda instances. The realtime service connects
 * to the writer directly: it holds a {@code LISTEN} session, which a proxy would pin to one connection anyway.
 * Only the migration connects as the cluster's owner ({@code hookgate}); every deployable connects as the application
 * role ({@link #APP_ROLE}), which the migration keeps (core database.AppRole) and which cannot change the schema.
 */
public final class Database extends Construct {

    /** Aurora Serverless v2's ceiling in ACUs; an alarm fires when the cluster stays near it. */
    public static final double MAX_CAPACITY = 8;


    public static final String NAME = "hookgate";
    /** The owner: migrations only. */
    public static final String OWNER = "hookgate";
    /** The least-privileged role of the deployables (core AppRoleConfig's default). */
    public static final String APP_ROLE = "hookgate_app";

    private final DatabaseCluster cluster;
    private final DatabaseProxy proxy;
    private final DatabaseSecret appRoleSecret;
    private final SecurityGroup proxyClients;
    private final SecurityGroup directClients;

    public Database(Construct scope, String id, IVpc vpc) {
        super(scope, id);
        SubnetSelection isolated = SubnetSelection.builder().subnetType(SubnetType.PRIVATE_ISOLATED).build();
        cluster = DatabaseCluster.Builder.create(this, "Cluster")
                .engine(DatabaseClusterEngine.auroraPostgres(AuroraPostgresClusterEngineProps.builder()
                        .version(AuroraPostgresEngineVersion.VER_17_5).build()))
                .credentials(Credentials.fromGeneratedSecret(OWNER))
                .defaultDatabaseName(NAME)
                .writer(ClusterInstance.serverlessV2("Writer", ServerlessV2ClusterInstanceProps.builder().build()))
                .serverlessV2MinCapacity(0.5)
                .serverlessV2MaxCapacity(MAX_CAPACITY)
                .vpc(vpc)
                .vpcSubnets(isolated)
                .storageEncrypted(true)
                .backup(software.amazon.awscdk.services.rds.BackupProps.builder().retention(Duration.days(7)).build())
                .deletionProtection(true)
                .removalPolicy(RemovalPolicy.SNAPSHOT)
                .build();
        // The application role's password, generated here and set by the migration (it runs as the owner).
        appRoleSecret = DatabaseSecret.Builder.create(this, "AppRoleSecret").username(APP_ROLE).build();
        proxy = DatabaseProxy.Builder.create(this, "Proxy")
                .proxyTarget(ProxyTarget.fromCluster(cluster))
                .secrets(List.of(cluster.getSecret(), appRoleSecret))
                .vpc(vpc)
                .vpcSubnets(isolated)
                .requireTls(true)
                .idleClientTimeout(Duration.minutes(30))
                .build();
        proxyClients = SecurityGroup.Builder.create(this, "ProxyClients").vpc(vpc)
                .description("Hookgate functions: may reach the RDS Proxy").build();
        directClients = SecurityGroup.Builder.create(this, "DirectClients").vpc(vpc)
                .description("Hookgate realtime service: may reach the Aurora writer").build();
        proxy.getConnections().allowFrom(proxyClients, Port.tcp(5432), "functions to RDS Proxy");
        cluster.getConnections().allowFrom(directClients, Port.tcp(5432), "realtime LISTEN to Aurora");
    }

    /**
     * Datasource configuration for a function (through the proxy), as the application role; the password a reference
     * to its secret's field that the function resolves at start (core secrets.SecretReferences; never in its
     * configuration). RDS Proxy's certificate comes from ACM, whose roots (Amazon Root CA) every JDK trust store, and so
     * every native image, holds: the functions verify it and its host name, with nothing to ship.
     */
    public Map<String, String> proxyEnvironment() {
        String host = proxy.getEndpoint();
        Map<String, String> environment = environment(host);
        environment.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://" + host + ":5432/" + NAME
                + "?sslmode=verify-full&sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory");
        environment.put("QUARKUS_DATASOURCE_PASSWORD", passwordOf(appRoleSecret));
        // Named prepared statements are session state: RDS Proxy would pin every connection that caches them.
        environment.put("QUARKUS_DATASOURCE_REACTIVE_CACHE_PREPARED_STATEMENTS", "false");
        return environment;
    }

    /**
     * The migration's datasource: the proxy's, as the owner, and the application role's password for it to set.
     */
    public Map<String, String> migrationEnvironment() {
        Map<String, String> environment = proxyEnvironment();
        environment.put("QUARKUS_DATASOURCE_USERNAME", OWNER);
        environment.put("QUARKUS_DATASOURCE_PASSWORD", passwordOf(cluster.getSecret()));
        environment.put("HOOKGATE_DATABASE_APP_ROLE", APP_ROLE);
        environment.put("HOOKGATE_DATABASE_APP_ROLE_PASSWORD", passwordOf(appRoleSecret));
        return environment;
    }

    /**
     * Datasource configuration for the realtime service (the writer, as the application role; its password is an ECS
     * secret). Aurora's certificate comes from the RDS CA, which the realtime image carries ({@link #RDS_CA_BUNDLE},
     * fetched when the image is built): it is verified against that bundle alone, host name included.
     */
    public Map<String, String> directEnvironment() {
        String host = cluster.getClusterEndpoint().getHostname();
        Map<String, String> environment = environment(host);
        environment.put("QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM_CERTS", RDS_CA_BUNDLE);
        environment.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://" + host + ":5432/" + NAME
                + "?sslmode=verify-full&sslrootcert=" + RDS_CA_BUNDLE);
        return environment;
    }

    private static String passwordOf(ISecret secret) {
        return DeploySettings.SECRET_PREFIX + secret.getSecretArn() + "#password";
    }

    /** Where the realtime image keeps the RDS CA bundle (src/realtime/src/main/docker/Dockerfile.native). */
    public static final String RDS_CA_BUNDLE = "/work/rds-global-bundle.pem";

    /** TLS with the server's certificate and host name verified (never trust-all). */
    private static Map<String, String> environment(String host) {
        Map<String, String> environment = new HashMap<>();
        environment.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://" + host + ":5432/" + NAME + "?sslmode=verify-full");
        environment.put("QUARKUS_DATASOURCE_REACTIVE_HOSTNAME_VERIFICATION_ALGORITHM", "HTTPS");
        environment.put("QUARKUS_DATASOURCE_USERNAME", APP_ROLE);
        return environment;
    }

    /** The owner's secret: the migration only. */
    public ISecret ownerSecret() {
        return cluster.getSecret();
    }

    /** The application role's secret: every deployable. */
    public ISecret appRoleSecret() {
        return appRoleSecret;
    }

    public DatabaseCluster cluster() {
        return cluster;
    }

    public DatabaseProxy proxy() {
        return proxy;
    }

    /** Security group of everything that connects through the proxy. */
    public SecurityGroup proxyClients() {
        return proxyClients;
    }

    /** Security group of everything that connects to the writer directly. */
    public SecurityGroup directClients() {
        return directClients;
    }
}
