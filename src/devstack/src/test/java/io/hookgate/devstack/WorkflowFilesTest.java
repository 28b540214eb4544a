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
}
