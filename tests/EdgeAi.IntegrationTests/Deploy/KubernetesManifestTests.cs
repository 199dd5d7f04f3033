namespace EdgeAi.IntegrationTests.Deploy;

/// <summary>
/// deploy/k8s parsed as YAML and cross-checked the way a cluster would resolve it: selectors match the pod
/// labels, the HPA and the PDB find the Deployment, Services and probes name ports that exist, volumes name
/// claims that exist. No cluster or kubectl here, so this is structure, not admission.
/// </summary>
public sealed class KubernetesManifestTests
{
    private const string Checker = """
        import sys, yaml
        docs = []
        for path in sys.argv[1:]:
            docs += [d for d in yaml.safe_load_all(open(path)) if d]
        problems = []
        by_kind = {}
        for d in docs:
            for key in ("apiVersion", "kind", "metadata"):
                if key not in d: problems.append(f"{d.get('kind')}: no {key}")
            by_kind.setdefault(d["kind"], {})[d["metadata"]["name"]] = d
            if d["kind"] != "Namespace" and d["metadata"].get("namespace") != "edgeai":
                problems.append(f"{d['kind']}/{d['metadata']['name']}: not in namespace edgeai")
        def matches(selector, labels):
            return selector and all(labels.get(k) == v for k, v in selector.items())
        deployments = by_kind.get("Deployment", {})
        for name, dep in deployments.items():
            labels = dep["spec"]["template"]["metadata"]["labels"]
            if not matches(dep["spec"]["selector"]["matchLabels"], labels):
                problems.append(f"Deployment/{name}: selector does not match its pod labels")
            pod = dep["spec"]["template"]["spec"]
            for c in pod["containers"]:
                ports = {p["name"] for p in c.get("ports", [])}
                for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
                    port = c.get(probe, {}).get("httpGet", {}).get("port")
                    if port is not None and port not in ports:
                        problems.append(f"Deployment/{name}: {probe} port {port} not declared")
                mounts = {m["name"] for m in c.get("volumeMounts", [])}
                volumes = {v["name"] for v in pod.get("volumes", [])}
                if not mounts <= volumes:
                    problems.append(f"Deployment/{name}: mounts {mounts - volumes} have no volume")
            for v in pod.get("volumes", []):
                claim = v.get("persistentVolumeClaim", {}).get("claimName")
                if claim and claim not in by_kind.get("PersistentVolumeClaim", {}):
                    problems.append(f"Deployment/{name}: claim {claim} not defined")
        def pods_for(selector):
            return [n for n, d in deployments.items() if matches(selector, d["spec"]["template"]["metadata"]["labels"])]
        for name, svc in by_kind.get("Service", {}).items():
            targets = pods_for(svc["spec"]["selector"])
            if not targets:
                problems.append(f"Service/{name}: selects no Deployment")
            for p in svc["spec"]["ports"]:
                names = {q["name"] for t in targets for c in deployments[t]["spec"]["template"]["spec"]["containers"] for q in c.get("ports", [])}
                if isinstance(p["targetPort"], str) and p["targetPort"] not in names:
                    problems.append(f"Service/{name}: targetPort {p['targetPort']} not declared")
        for name, hpa in by_kind.get("HorizontalPodAutoscaler", {}).items():
            ref = hpa["spec"]["scaleTargetRef"]
            if ref["kind"] != "Deployment" or ref["name"] not in deployments:
                problems.append(f"HorizontalPodAutoscaler/{name}: target {ref['name']} not defined")
            if hpa["spec"]["minReplicas"] > hpa["spec"]["maxReplicas"]:
                problems.append(f"HorizontalPodAutoscaler/{name}: min above max")
        for name, pdb in by_kind.get("PodDisruptionBudget", {}).items():
            if not pods_for(pdb["spec"]["selector"]["matchLabels"]):
                problems.append(f"PodDisruptionBudget/{name}: selects no Deployment")
        print(sorted(f"{k}/{n}" for k, v in by_kind.items() for n in v))
        print("\n".join(problems) or "ok")
        sys.exit(1 if problems else 0)
        """;

    [Fact]
    public async Task Manifests_CrossReferences_AllResolve()
    {
        var check = await Command.RunAsync(
            "python3",
            ["-c", Checker, Repository.PathTo("deploy", "k8s", "model-service.yaml"), Repository.PathTo("deploy", "k8s", "triton.yaml")],
            TimeSpan.FromMinutes(1));

        Assert.True(check.ExitCode == 0, check.ToString());
        foreach (var kind in new[] { "Deployment/edgeai-model-service", "Service/edgeai-model-service", "ConfigMap/edgeai-model-service", "HorizontalPodAutoscaler/edgeai-model-service", "PodDisruptionBudget/edgeai-model-service", "Deployment/edgeai-triton" })
        {
            Assert.Contains(kind, check.StandardOutput, StringComparison.Ordinal);
        }
    }
}
