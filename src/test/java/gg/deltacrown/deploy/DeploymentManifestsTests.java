package gg.deltacrown.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import gg.deltacrown.flags.Flag;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Kubernetes manifests carry the names the runbooks' kubectl commands use, and every flag of the
 * service with a value the service accepts; {@code docker-compose.staging.yml} has the services the
 * runbooks' compose commands name, with the same image, variables, port and health endpoint.
 */
class DeploymentManifestsTests {

    private static final Path K8S = Path.of("deploy/k8s");
    private static final Path COMPOSE = Path.of("docker-compose.staging.yml");

    @Test
    void useTheNamesTheRunbookCommandsExpect() throws IOException {
        Map<String, Object> deployment = yaml("deployment.yaml");

        assertThat(path(deployment, "metadata", "name")).isEqualTo("deltacrown-web");
        assertThat(path(deployment, "metadata", "namespace")).isEqualTo("deltacrown");
        // kubectl get pods -n deltacrown -l app=deltacrown-web
        assertThat(path(deployment, "spec", "template", "metadata", "labels", "app"))
                .isEqualTo("deltacrown-web");
        assertThat(path(yaml("configmap.yaml"), "metadata", "name")).isEqualTo("deltacrown-config");
        assertThat(path(yaml("namespace.yaml"), "metadata", "name")).isEqualTo("deltacrown");
    }

    @Test
    void theConfigMapSetsEveryFlagToAValueTheServiceAccepts() throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, String> data = (Map<String, String>) yaml("configmap.yaml").get("data");

        List<String> flagNames =
                Arrays.stream(Flag.values()).map(Flag::variable).toList();
        assertThat(data).containsKeys(flagNames.toArray(String[]::new));
        for (Flag flag : Flag.values()) {
            assertThat(flag.normalize(data.get(flag.variable())))
                    .as(flag.variable())
                    .isEqualTo(flag.defaultValue());
        }
    }

    @Test
    void probesTheHealthEndpointsThatNeedNoLogin() throws IOException {
        Map<String, Object> container = container();

        assertThat(path(container, "readinessProbe", "httpGet", "path")).isEqualTo("/health/");
        assertThat(path(container, "livenessProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
        assertThat(container.get("args")).isEqualTo(List.of("serve"));
    }

    @Test
    void kustomizationListsEveryManifestButTheSecretExample() throws IOException {
        @SuppressWarnings("unchecked")
        List<String> resources = (List<String>) yaml("kustomization.yaml").get("resources");

        try (var files = Files.list(K8S)) {
            List<String> manifests = files.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml")
                            && !name.equals("kustomization.yaml")
                            && !name.equals("secret.example.yaml")
                            // Needs the CloudNativePG operator: applied on its own.
                            && !name.equals("postgres-cloudnativepg.yaml"))
                    .toList();
            assertThat(resources).containsExactlyInAnyOrderElementsOf(manifests);
        }
    }

    @Test
    void theComposeFileHasTheRunbooksServicesWithTheManifestsSettings() throws IOException {
        Map<String, Object> services = map(compose(), "services");
        assertThat(services).containsOnlyKeys("web", "db");
        Map<String, Object> web = map(services, "web");
        Map<String, Object> container = container();

        // docker-compose -f docker-compose.staging.yml ps -q web / logs web / restart web
        assertThat(web.get("image")).isEqualTo(container.get("image"));
        assertThat(web.get("command")).isEqualTo(container.get("args"));
        assertThat(web.get("ports")).isEqualTo(List.of("8000:8000"));
        Map<String, String> environment = environment(web);
        @SuppressWarnings("unchecked")
        Map<String, String> configMap =
                (Map<String, String>) yaml("configmap.yaml").get("data");
        assertThat(environment).containsAllEntriesOf(configMap);
        assertThat(environment).containsEntry("PORT", "8000");
        assertThat(environment).containsKeys("DATABASE_URL", "DELTACROWN_SECRET_KEY");
        assertThat(environment.get("DATABASE_URL"))
                .startsWith("postgres://deltacrown:")
                .endsWith("@db:5432/deltacrown_db");
        // The same health endpoint as the readiness probe, and the web waits for a healthy db.
        assertThat(String.join(" ", strings(map(web, "healthcheck").get("test"))))
                .contains((String) path(container, "readinessProbe", "httpGet", "path"), "127.0.0.1/8000", "healthy");
        assertThat(path(web, "depends_on", "db", "condition")).isEqualTo("service_healthy");

        // docker-compose -f docker-compose.staging.yml exec db psql -U deltacrown
        Map<String, String> database = environment(map(services, "db"));
        assertThat(database)
                .containsEntry("POSTGRES_USER", "deltacrown")
                .containsEntry("POSTGRES_DB", "deltacrown_db")
                .containsEntry("PGDATABASE", "deltacrown_db");
        assertThat(strings(map(map(services, "db"), "healthcheck").get("test"))).contains("pg_isready");
    }

    private static Map<String, Object> compose() throws IOException {
        return new Yaml().load(Files.readString(COMPOSE));
    }

    /** A compose environment in the list form the runbook edits ({@code - NAME=value}). */
    private static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (String entry : strings(service.get("environment"))) {
            int equals = entry.indexOf('=');
            environment.put(entry.substring(0, equals), entry.substring(equals + 1));
        }
        return environment;
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object list) {
        return (List<String>) list;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> root, String key) {
        return (Map<String, Object>) root.get(key);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> container() throws IOException {
        List<Map<String, Object>> containers =
                (List<Map<String, Object>>) path(yaml("deployment.yaml"), "spec", "template", "spec", "containers");
        return containers.get(0);
    }

    private static Map<String, Object> yaml(String file) throws IOException {
        return new Yaml().load(Files.readString(K8S.resolve(file)));
    }

    @SuppressWarnings("unchecked")
    private static Object path(Map<String, Object> root, String... keys) {
        Object node = root;
        for (String key : keys) {
            node = ((Map<String, Object>) node).get(key);
        }
        return node;
    }
}
