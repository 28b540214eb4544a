package io.hookgate.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The GitHub workflows are well-formed and say what the README says: the CI workflow runs the README's test command on
 * JDK 21 and 25, and every action is pinned to a version.
 */
class WorkflowFilesTest {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final Path ROOT = Path.of(System.getProperty("hookgate.root", "../..")).toAbsolutePath().normalize();

    @Test
    void everyWorkflowParsesHasJobsWithStepsAndPinsItsActions() throws Exception {
        List<Path> workflows;
        try (Stream<Path> files = Files.list(ROOT.resolve(".github/workflows"))) {
            workflows = files.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
        }
        assertFalse(workflows.isEmpty());
        List<String> problems = new ArrayList<>();
        for (Path file : workflows) {
            JsonNode workflow = YAML.readTree(file.toFile());
            if (!workflow.path("name").isTextual() || workflow.path("on").isMissingNode() || !workflow.path("jobs").isObject()) {
                problems.add(file.getFileName() + ": needs name, on and jobs");
            }
            workflow.path("jobs").properties().forEach(job -> {
                if (!job.getValue().path("runs-on").isTextual() || !job.getValue().path("steps").isArray()) {
                    problems.add(file.getFileName() + " job " + job.getKey() + ": needs runs-on and steps");
                }
                job.getValue().path("steps").forEach(step -> {
                    String uses = step.path("uses").asText("");
                    if (!uses.isEmpty() && !uses.matches("[\\w.-]+/[\\w./-]+@v?[\\w.-]+")) {
                        problems.add(file.getFileName() + " job " + job.getKey() + ": action not pinned to a version: " + uses);
                    }
                    if (uses.isEmpty() && !step.path("run").isTextual()) {
                        problems.add(file.getFileName() + " job " + job.getKey() + ": a step needs uses or run");
                    }
                });
            });
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void ciRunsTheReadmesTestCommandOnJdk21And25() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        Matcher command = Pattern.compile("Run every test[^`]*```bash\\n([^\\n]+)\\n```").matcher(readme);
        assertTrue(command.find(), "the README names its test command");
        String testCommand = command.group(1).trim();

        JsonNode ci = YAML.readTree(ROOT.resolve(".github/workflows/ci.yml").toFile());
        assertTrue(ci.path("on").has("push") && ci.path("on").has("pull_request"));
        JsonNode job = ci.path("jobs").path("verify");
        List<String> javas = new ArrayList<>();
        job.path("strategy").path("matrix").path("java").forEach(v -> javas.add(v.asText()));
        assertEquals(List.of("21", "25"), javas);
        List<String> runs = new ArrayList<>();
        job.path("steps").forEach(step -> runs.add(step.path("run").asText("")));
        // The same command, in batch mode.
        assertTrue(runs.contains(testCommand.replace("./mvnw ", "./mvnw -B ")), runs + " runs " + testCommand);
    }

    @Test
    void nativeBuildsInTheMandrelContainerRunsTheNativeIntegrationTestsAndSmokeTestsInAwsImages() throws Exception {
        for (String workflow : List.of("native.yml", "deploy.yml")) {
            JsonNode jobs = YAML.readTree(ROOT.resolve(".github/workflows/" + workflow).toFile()).path("jobs");
            JsonNode job = jobs.elements().next();
            JsonNode setup = step(job, "actions/setup-java@");
            assertEquals("25", setup.path("with").path("java-version").asText(), workflow);
            List<String> runs = runs(job);
            int build = indexOf(runs, "./native-build.sh --container");
            int smoke = indexOf(runs, "bin/smoke-native");
            assertTrue(build >= 0 && smoke > build, workflow + ": a container build (Lambda's glibc) with its ITs, then the smoke test: " + runs);
        }
        String script = Files.readString(ROOT.resolve("native-build.sh"));
        assertTrue(script.contains("quarkus.native.container-build=true") && script.contains("ubi9-quarkus-mandrel-builder-image:jdk-25"),
                "--container builds in the Mandrel UBI 9 builder");
        String smoke = Files.readString(ROOT.resolve("bin/smoke-native"));
        assertTrue(smoke.contains("public.ecr.aws/lambda/provided:al2023") && smoke.contains("/2015-03-31/functions/function/invocations"),
                "each zip runs under the Lambda RIE of Lambda's own image");
        assertTrue(Files.isExecutable(ROOT.resolve("native-build.sh")) && Files.isExecutable(ROOT.resolve("bin/smoke-native")));
    }

    @Test
    void deployIsManualUsesOidcAndRunsTheNativeBuildThenCdkDeploy() throws Exception {
        JsonNode deploy = YAML.readTree(ROOT.resolve(".github/workflows/deploy.yml").toFile());
        assertEquals(List.of("workflow_dispatch"), fieldNames(deploy.path("on")), "manual only");
        assertEquals("write", deploy.path("permissions").path("id-token").asText(), "OIDC token for AWS");
        JsonNode job = deploy.path("jobs").path("deploy");
        JsonNode aws = step(job, "aws-actions/configure-aws-credentials@");
        assertTrue(aws.path("with").path("role-to-assume").asText().contains("secrets."), "assumes a role, no stored keys");
        assertFalse(aws.path("with").has("aws-access-key-id"));
        List<String> runs = runs(job);
        int build = indexOf(runs, "./native-build.sh");
        int cdk = indexOf(runs, "cdk deploy");
        assertTrue(build >= 0 && cdk > build, "native build, then cdk deploy: " + runs);
        job.path("steps").forEach(step -> {
            if (step.path("run").asText("").startsWith("cdk deploy")) {
                assertEquals("infra", step.path("working-directory").asText());
            }
        });
    }

    private static JsonNode step(JsonNode job, String usesPrefix) {
        for (JsonNode step : job.path("steps")) {
            if (step.path("uses").asText("").startsWith(usesPrefix)) {
                return step;
            }
        }
        throw new AssertionError("no step uses " + usesPrefix);
    }

    private static List<String> runs(JsonNode job) {
        List<String> runs = new ArrayList<>();
        job.path("steps").forEach(step -> runs.add(step.path("run").asText("").trim()));
        return runs;
    }

    private static int indexOf(List<String> runs, String prefix) {
        for (int i = 0; i < runs.size(); i++) {
            if (runs.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
