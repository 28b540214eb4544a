package io.hookgate.database;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/**
 * The least-privileged role the deployables connect as, kept by the migration ({@link AppRole}). Set only where the
 * migration runs as the database's owner (infra's migrate function); everywhere else nothing happens.
 */
@ConfigMapping(prefix = "hookgate.database")
public interface AppRoleConfig {

    /** The role's name: a plain lower-case identifier. */
    @WithDefault("hookgate_app")
    String appRole();

    /** The role's password (a {@code secret:} reference in AWS); no role is kept without one. */
    Optional<String> appRolePassword();
}
