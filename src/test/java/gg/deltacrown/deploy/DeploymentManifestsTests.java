package gg.deltacrown.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import gg.deltacrown.flags.Flag;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Kubernetes manifests carry the names the runbooks' kubectl commands use, and every flag of the
 * service with a value the service accepts.
 */
class DeploymentManifestsTests {

    private static final Path K8S = Path.of("deploy/k8s");

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
                            && !name.equals("secret.example.yaml"))
                    .toList();
            assertThat(resources).containsExactlyInAnyOrderElementsOf(manifests);
        }
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
