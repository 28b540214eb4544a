package io.hookgate.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads secrets (JSON objects of string fields) from Secrets Manager once each and keeps them for the process's life:
 * a rotated secret reaches new instances (every deploy, and Lambda's own recycling), which is how the app secret is
 * meant to change (docs/deploy.md). Region and credentials come from the AWS SDK's default chains (the function's or
 * task's role). {@code endpoint} replaces the service with a local stand-in (tests, local runs), which is called
 * anonymously in us-east-1.
 */
final class SecretStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, JsonNode> secrets = new ConcurrentHashMap<>();

    /** The field's value; fails naming the secret, the field and the setting that asked, never a value. */
    String field(String secretId, String field, String endpoint, String neededBy) {
        JsonNode secret = secrets.computeIfAbsent(secretId, id -> read(id, endpoint, neededBy));
        JsonNode value = secret.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new IllegalStateException(neededBy + ": secret " + secretId + " has no text field '" + field + "'");
        }
        return value.asText();
    }

    private static JsonNode read(String secretId, String endpoint, String neededBy) {
        SecretsManagerClientBuilder builder = SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create());
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                    .credentialsProvider(AnonymousCredentialsProvider.create());
        }
        try (SecretsManagerClient client = builder.build()) {
            String text = client.getSecretValue(request -> request.secretId(secretId)).secretString();
            JsonNode secret = text == null ? null : JSON.readTree(text);
            if (secret == null || !secret.isObject()) {
                throw new IllegalStateException(neededBy + ": secret " + secretId + " is not a JSON object of fields");
            }
            return secret;
        } catch (IOException e) {
            throw new IllegalStateException(neededBy + ": secret " + secretId + " is not JSON");
        } catch (SdkException e) {
            throw new IllegalStateException(neededBy + ": secret " + secretId + " cannot be read from Secrets Manager: " + e.getMessage(), e);
        }
    }
}
