package io.hookgate.infra;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/** The CDK app: one {@link HookgateStack} per stage, configured from cdk.json's context (docs/deploy.md). */
public final class HookgateApp {

    private HookgateApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        DeploySettings settings = DeploySettings.from(app.getNode());
        new HookgateStack(app, "Hookgate-" + settings.stage(), StackProps.builder()
                .env(Environment.builder()
                        .account(System.getenv("CDK_DEFAULT_ACCOUNT"))
                        .region(System.getenv("CDK_DEFAULT_REGION"))
                        .build())
                .description("Hookgate webhook platform (" + settings.stage() + ")")
                .build(), settings);
        app.synth();
    }
}
