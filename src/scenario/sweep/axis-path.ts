/**
 * A sweep axis names a scenario field with a path such as
 * `what_if.initial_temps.gpu`, `schedulers[1].params.window` or
 * `workload.apps[detector].arrival.fps`: dotted keys, list elements by
 * index or by `name` (a scheduler entry also by its `label`).
 */
export type PathStep =
  | { readonly key: string }
  | { readonly index: number }
  | { readonly name: string };

const SEGMENT = /^([A-Za-z0-9_-]+)((?:\[[^\]]+\])*)$/;

/** The steps of `text`, or a sentence saying why it is not a path. */
export function parseAxisPath(text: string): PathStep[] | string {
  const steps: PathStep[] = [];
  for (const segment of text.split(".")) {
    const match = SEGMENT.exec(segment);
    if (!match)
      return `"${text}" is not a field path (keys joined by ".", list elements as [2] or [name])`;
    steps.push({ key: match[1]! });
    for (const [, inner] of match[2]!.matchAll(/\[([^\]]+)\]/g)) {
      steps.push(/^\d+$/.test(inner!) ? { index: Number(inner) } : { name: inner! });
    }
  }
  return steps;
}

export function describeSteps(steps: readonly PathStep[]): string {
  let text = "";
  for (const step of steps) {
    if ("key" in step) text += text === "" ? step.key : `.${step.key}`;
    else text += "index" in step ? `[${step.index}]` : `[${step.name}]`;
  }
  return text;
}

/** `prefix` names a field that holds the one `steps` names (or the same field). */
export function isPrefix(prefix: readonly PathStep[], steps: readonly PathStep[]): boolean {
  return (
    prefix.length <= steps.length &&
    prefix.every((step, index) => canonicalStep(step) === canonicalStep(steps[index]!))
  );
}

function canonicalStep(step: PathStep): string {
  if ("key" in step) return `.${step.key}`;
  return "index" in step ? `[${step.index}]` : `[=${step.name}]`;
}

type Container = Record<string, unknown> | unknown[];

/**
 * Sets the field at `steps` of `document` (mutated) to `value`. Missing
 * mappings on the way are created, so `what_if.initial_temps.gpu` works on
 * a scenario without `what_if`; the schemas then refuse a key no scenario
 * has. A list element that does not exist is refused here. Returns why
 * the path does not reach a field, or undefined when it was set.
 */
export function setAtPath(
  document: Record<string, unknown>,
  steps: readonly PathStep[],
  value: unknown,
): string | undefined {
  let container: Container = document;
  for (const [position, step] of steps.entries()) {
    const last = position === steps.length - 1;
    const where = describeSteps(steps.slice(0, position)) || "the top level";
    let slot: string | number;
    if ("key" in step) {
      if (Array.isArray(container))
        return `${where} is a list: name an element as [index] or [name]`;
      slot = step.key;
    } else {
      if (!Array.isArray(container)) return `${where} is not a list`;
      const index = "index" in step ? step.index : elementNamed(container, step.name);
      if (index === undefined || index >= container.length) {
        const wanted = "index" in step ? `element [${step.index}]` : `element named "${step.name}"`;
        return `${where} has no ${wanted} (it has ${container.length})`;
      }
      slot = index;
    }
    if (last) {
      (container as Record<string | number, unknown>)[slot] = value;
      return undefined;
    }
    let child = (container as Record<string | number, unknown>)[slot];
    // A scheduler entry written as a bare name is the entry `{ name }`: its fields may be swept too.
    if (typeof child === "string" && Array.isArray(container)) child = { name: child };
    if (child === undefined || child === null) child = {};
    if (typeof child !== "object") {
      return `${describeSteps(steps.slice(0, position + 1))} is a value, not a mapping or a list`;
    }
    (container as Record<string | number, unknown>)[slot] = child;
    container = child as Container;
  }
  return undefined;
}

function elementNamed(list: readonly unknown[], name: string): number | undefined {
  const byField = (field: "label" | "name") =>
    list.findIndex(
      (element) =>
        typeof element === "object" &&
        element !== null &&
        (element as Record<string, unknown>)[field] === name,
    );
  for (const index of [byField("label"), byField("name"), list.indexOf(name)]) {
    if (index >= 0) return index;
  }
  return undefined;
}
