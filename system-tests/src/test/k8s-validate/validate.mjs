// Offline schema check of rendered Kubernetes manifests (used by system-tests' ProductionOverlayIT).
//
//   node validate.mjs <rendered.yaml>
//
// Every document is looked up by apiVersion and kind:
//  - Kubernetes' own API groups: the models of npm `kubernetes-models` (the OpenAPI schemas of the API server);
//  - monitoring.coreos.com (ServiceMonitor, PodMonitor, PrometheusRule, ...): `@kubernetes-models/prometheus-operator`,
//    generated from the prometheus-operator CRDs' OpenAPI schemas;
//  - anything else (custom resources whose CRD schema no npm package ships) is reported as "unchecked".
// validate() checks types, required fields, enums and formats; like the API server's OpenAPI v2 schema it does not
// reject unknown fields.
//
// Prints one JSON object: {"checked": [...], "unchecked": [...], "errors": [...]} and exits 1 when there are errors.
import { readFileSync } from "node:fs";
import yaml from "js-yaml";

/** npm modules holding the models of an API group (the group of apiVersion; "" is the core group). */
const MODEL_PACKAGES = [
    { matches: (group) => group === "" || !group.includes(".") || group.endsWith(".k8s.io"), module: "kubernetes-models" },
    { matches: (group) => group === "monitoring.coreos.com", module: "@kubernetes-models/prometheus-operator" },
];

async function modelFor(apiVersion, kind) {
    const slash = apiVersion.indexOf("/");
    const group = slash < 0 ? "" : apiVersion.substring(0, slash);
    const pkg = MODEL_PACKAGES.find((p) => p.matches(group));
    if (!pkg) {
        return { known: false };
    }
    let mod;
    try {
        mod = await import(`${pkg.module}/${apiVersion}`);
    } catch (e) {
        return { known: true, error: `no model for apiVersion ${apiVersion} in ${pkg.module}: ${e.message}` };
    }
    const model = mod[kind];
    if (typeof model !== "function") {
        return { known: true, error: `${pkg.module} has no kind ${kind} in ${apiVersion}` };
    }
    return { known: true, model, module: pkg.module };
}

const file = process.argv[2];
if (!file) {
    console.error("usage: node validate.mjs <rendered.yaml>");
    process.exit(2);
}

const documents = yaml.loadAll(readFileSync(file, "utf8")).filter((d) => d != null);
const report = { checked: [], unchecked: [], errors: [] };
for (const doc of documents) {
    const id = `${doc.apiVersion} ${doc.kind} ${doc.metadata?.name}`;
    if (typeof doc.apiVersion !== "string" || typeof doc.kind !== "string") {
        report.errors.push(`${id}: apiVersion and kind must be strings`);
        continue;
    }
    const found = await modelFor(doc.apiVersion, doc.kind);
    if (!found.known) {
        report.unchecked.push(id);
        continue;
    }
    if (found.error) {
        report.errors.push(`${id}: ${found.error}`);
        continue;
    }
    // kustomize wraps long base64 values of generated Secrets over several lines; the API server's decoder (Go's
    // base64) skips line breaks, the schema's "byte" format does not: compare what the server would decode.
    if (doc.apiVersion === "v1" && doc.kind === "Secret" && doc.data) {
        for (const key of Object.keys(doc.data)) {
            if (typeof doc.data[key] === "string") {
                doc.data[key] = doc.data[key].replace(/[\r\n]/g, "");
            }
        }
    }
    try {
        new found.model(doc).validate();
        report.checked.push(`${id} (${found.module})`);
    } catch (e) {
        const details = Array.isArray(e.errors)
            ? e.errors.map((x) => `${x.instancePath || "/"} ${x.message}${x.params ? " " + JSON.stringify(x.params) : ""}`)
            : [String(e.message || e)];
        report.errors.push(`${id}: ${details.join("; ")}`);
    }
}

console.log(JSON.stringify(report, null, 2));
process.exit(report.errors.length === 0 ? 0 : 1);
