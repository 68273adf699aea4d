import { fileURLToPath } from "node:url";

/** Absolute path of a file shipped with socsim (scenarios, socs, workloads), wherever it is run from. */
export function bundledPath(relative: string): string {
  return fileURLToPath(new URL(`../../${relative}`, import.meta.url));
}
