package gg.deltacrown.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The CloudNativePG cluster agrees with the service's manifests: same namespace, the database and
 * runtime role the secret's {@code DATABASE_URL} names, synchronous replication that survives the
 * loss of one instance, room for every web replica's pool during a rolling update, and disruption
 * budgets that let a node be drained without taking the service or the database below a quorum.
 */
class CloudNativePgManifestTests {

    private static final Path K8S = Path.of("deploy/k8s");
    private static final int DEFAULT_POOL_SIZE = 20;

    @Test
    void clusterIsInTheServicesNamespaceWithItsDatabaseAndRuntimeRole() throws IOException {
        Map<String, Object> cluster = yaml("postgres-cloudnativepg.yaml");
        URI databaseUrl = URI.create((String) path(yaml("secret.example.yaml"), "stringData", "DATABASE_URL"));

        assertThat(cluster.get("apiVersion")).isEqualTo("postgresql.cnpg.io/v1");
        assertThat(cluster.get("kind")).isEqualTo("Cluster");
        assertThat(path(cluster, "metadata", "namespace")).isEqualTo(path(yaml("namespace.yaml"), "metadata", "name"));
        assertThat("/" + path(cluster, "spec", "bootstrap", "initdb", "database"))
                .isEqualTo(databaseUrl.getPath());
        String runtimeRole = databaseUrl.getUserInfo().split(":")[0];
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> roles = (List<Map<String, Object>>) path(cluster, "spec", "managed", "roles");
        assertThat(roles)
                .anySatisfy(role ->
                        assertThat(role).containsEntry("name", runtimeRole).containsEntry("login", true));
        assertThat(path(cluster, "spec", "bootstrap", "initdb", "owner"))
                .as("the schema owner is not the runtime role")
                .isNotEqualTo(runtimeRole);
    }

    @Test
    void noAcknowledgedWriteLivesOnOneServerOnly() throws IOException {
        Map<String, Object> cluster = yaml("postgres-cloudnativepg.yaml");
        int instances = (Integer) path(cluster, "spec", "instances");

        assertThat(instances).isGreaterThanOrEqualTo(3);
        assertThat(path(cluster, "spec", "postgresql", "synchronous", "method")).isIn("any", "first");
        int synchronous = (Integer) path(cluster, "spec", "postgresql", "synchronous", "number");
        assertThat(synchronous)
                .as("at least one synchronous standby, and one instance can be lost without stopping writes")
                .isBetween(1, instances - 2);
        assertThat(path(cluster, "spec", "postgresql", "synchronous", "dataDurability"))
                .isEqualTo("required");
        assertThat(path(cluster, "spec", "affinity", "podAntiAffinityType")).isEqualTo("required");
        assertThat(path(cluster, "spec", "enablePDB")).isEqualTo(true);
    }

    @Test
    void everyWebPodsPoolFitsDuringARollingUpdate() throws IOException {
        Map<String, Object> deployment = yaml("deployment.yaml");
        int replicas = (Integer) path(deployment, "spec", "replicas");
        int surge = (Integer) path(deployment, "spec", "strategy", "rollingUpdate", "maxSurge");
        Object pool = ((Map<?, ?>) yaml("configmap.yaml").get("data")).get("DB_POOL_SIZE");
        int poolSize = pool == null ? DEFAULT_POOL_SIZE : Integer.parseInt(pool.toString());
        int maxConnections = Integer.parseInt((String)
                path(yaml("postgres-cloudnativepg.yaml"), "spec", "postgresql", "parameters", "max_connections"));

        // Each pod: its pool, the flag listener's connection, and room for an operator's command.
        assertThat(maxConnections).isGreaterThanOrEqualTo((replicas + surge) * (poolSize + 2) + 10);
    }

    @Test
    void theWebBudgetLetsANodeBeDrainedAndKeepsAQuorumServing() throws IOException {
        Map<String, Object> deployment = yaml("deployment.yaml");
        int replicas = (Integer) path(deployment, "spec", "replicas");
        Map<String, Object> budget = yaml("pdb.yaml");

        assertThat(path(budget, "spec", "selector", "matchLabels", "app"))
                .isEqualTo(path(deployment, "spec", "template", "metadata", "labels", "app"));
        int minAvailable = (Integer) path(budget, "spec", "minAvailable");
        assertThat(minAvailable).isBetween(replicas / 2 + 1, replicas - 1);
        assertThat(path(deployment, "spec", "strategy", "rollingUpdate", "maxUnavailable"))
                .isEqualTo(0);
        Map<String, Object> container = container(deployment);
        assertThat(path(container, "readinessProbe", "httpGet", "path")).isEqualTo("/health/");
        assertThat(container).containsKey("startupProbe");
        assertThat(path(container, "startupProbe", "httpGet", "path")).isEqualTo("/health/");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> container(Map<String, Object> deployment) {
        return ((List<Map<String, Object>>) path(deployment, "spec", "template", "spec", "containers")).get(0);
    }

    @SuppressWarnings("unchecked")
    private static Object path(Map<String, Object> map, String... keys) {
        Object current = map;
        for (String key : keys) {
            current = ((Map<String, Object>) current).get(key);
        }
        return current;
    }

    private static Map<String, Object> yaml(String name) throws IOException {
        return new Yaml().load(Files.readString(K8S.resolve(name)));
    }
}
