// Rewrites the totals table of docs/models.md from the zoo (run: npx tsx scripts/models-doc.ts).
import { readFileSync, writeFileSync } from "node:fs";
import { withFreshTable } from "../test/graph/support/models-table.ts";

const file = new URL("../docs/models.md", import.meta.url);
writeFileSync(file, withFreshTable(readFileSync(file, "utf8")));
