import { buildModel } from "./load.ts";
import { totalsOf } from "./stats.ts";
import { ZOO } from "./zoo/index.ts";

export interface ListedModel {
  readonly id: string;
  readonly description: string;
  readonly macs: number;
  readonly params: number;
}

/** The bundled zoo with each model's fp32 totals. */
export function listModels(): ListedModel[] {
  return ZOO.names().map((id) => {
    const { macs, params } = totalsOf(buildModel(id).ops);
    return { id, description: ZOO.get(id).description, macs, params };
  });
}
