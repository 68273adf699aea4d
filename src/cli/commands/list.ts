import { readdirSync } from "node:fs";
import { type Command, InvalidArgumentError } from "@commander-js/extra-typings";
import { listSocs } from "../../device/index.ts";
import { listModels } from "../../graph/index.ts";
import { SCHEDULERS } from "../../sched/index.ts";
import { bundledPath } from "../bundled.ts";

interface Listed {
  readonly id: string;
}

function yamlIdsIn(folder: string): Listed[] {
  return readdirSync(bundledPath(folder))
    .filter((name) => name.endsWith(".yaml"))
    .map((name) => ({ id: name.slice(0, -".yaml".length), file: `${folder}/${name}` }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

const LISTERS: Record<string, () => readonly Listed[]> = {
  socs: () => listSocs(),
  models: () => listModels(),
  schedulers: () => SCHEDULERS.names().map((id) => ({ id })),
  scenarios: () => yamlIdsIn("scenarios"),
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
    .action((what, options) => {
      const items = LISTERS[what]!();
      if (options.json) process.stdout.write(`${JSON.stringify(items, null, 2)}\n`);
      else for (const item of items) process.stdout.write(`${item.id}\n`);
    });
}
