// Validates every CloudNativePG `Cluster` in rendered manifests (a JSON array of objects on
// standard input) against the operator's CRD schema, as packaged by
// @kubernetes-models/cloudnative-pg (its validators are generated from the CRD's OpenAPI v3
// schema: types, enums, required fields, bounds). Like the API server, that schema lets
// unknown fields through (they would be pruned), so a misspelt field is not caught here.
// Exits 1 on the first invalid Cluster, or when there is none.
import { readFileSync } from "node:fs";
import { Cluster } from "@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1/Cluster";

const objects = JSON.parse(readFileSync(0, "utf8"));
const clusters = objects.filter(
  (o) => o && o.kind === "Cluster" && o.apiVersion === "postgresql.cnpg.io/v1",
);
if (clusters.length === 0) {
  console.error("cnpg: no postgresql.cnpg.io/v1 Cluster in the manifests");
  process.exit(1);
}
for (const object of clusters) {
  try {
    new Cluster(object).validate();
  } catch (error) {
    console.error(`cnpg: Cluster ${object.metadata?.name}: ${error.message}`);
    process.exit(1);
  }
}
console.log(`cnpg: ${clusters.length} Cluster valid against the operator's CRD schema`);
