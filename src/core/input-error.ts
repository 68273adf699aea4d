/**
 * A problem with something the user gave us (a file, a flag value). It is
 * data with a place: the CLI prints it as one line and exits 1, never with a
 * stack. `field` is the dotted path inside the document, e.g.
 * `processors.gpu.opp[2].freq`.
 */
export class InputError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
    readonly position?: { readonly line: number; readonly col: number },
    readonly field?: string,
  ) {
    super(detail);
    this.name = "InputError";
  }

  /** The one line the CLI prints, without the `socsim: ` prefix. */
  describe(): string {
    const place = this.position
      ? `${this.file}:${this.position.line}:${this.position.col}`
      : this.file;
    return this.field ? `${place}: ${this.field}: ${this.detail}` : `${place}: ${this.detail}`;
  }
}

export type PathSegment = string | number;

/** `["processors", "gpu", "opp", 2, "freq"]` → `processors.gpu.opp[2].freq`. */
export function dottedPath(path: readonly PathSegment[]): string {
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else text += text === "" ? segment : `.${segment}`;
  }
  return text;
}
