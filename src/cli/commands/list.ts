import { readdirSync, readFileSync } from "node:fs";
import { type Command, InvalidArgumentError } from "@commander-js/extra-typings";
import { bundledPath } from "../bundled.ts";

interface Listed {
  readonly id: string;
}

function yamlIdsIn(folder: string): { id: string; file: string }[] {
  return readdirSync(bundledPath(folder))
    .filter((name) => name.endsWith(".yaml"))
    .map((name) => ({ id: name.slice(0, -".yaml".length), file: `${folder}/${name}` }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * The bundled SoCs as the listing prints them. Only the fields shown are
 * read (`validate` and every command that uses a SoC check the whole file),
 * and the YAML parser is loaded only for --json, which shows more than ids.
 */
async function bundledSocs(withDetails: boolean): Promise<Listed[]> {
  const files = yamlIdsIn("socs");
  if (!withDetails) return files.map(({ id }) => ({ id }));
  const { parse } = await import("yaml");
  return files.map(({ id, file }) => {
    const soc = parse(readFileSync(bundledPath(file), "utf8")) as {
      name?: string;
      processors?: Record<string, unknown>;
    };
    return { id, name: soc.name, processors: ["cpu", ...Object.keys(soc.processors ?? {})] };
  });
}

const LISTERS: Record<string, (withDetails: boolean) => Promise<readonly Listed[]>> = {
  socs: bundledSocs,
  models: async () => (await import("../../graph/index.ts")).listModels(),
  schedulers: async () =>
    (await import("../../sched/index.ts")).SCHEDULERS.names().map((id) => ({ id })),
  scenarios: async () => yamlIdsIn("scenarios"),
};

export function addListCommand(program: Command): void {
  program
    .command("list")
    .description("what is bundled: socs, models, schedulers or scenarios")
    .argument("<what>", "socs | models | schedulers | scenarios", (what) => {
      if (!(what in LISTERS))
        throw new InvalidArgumentError("expected socs, models, schedulers or scenarios");
      return what;
    })
    .option("--json", "print a JSON array of objects with an id")
    .action(async (what, options) => {
      const items = await LISTERS[what]!(options.json === true);
      if (options.json) process.stdout.write(`${JSON.stringify(items, null, 2)}\n`);
      else for (const item of items) process.stdout.write(`${item.id}\n`);
    });
}
