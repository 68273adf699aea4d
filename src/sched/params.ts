/** A scheduler parameter a policy cannot use: the loader reports it at its place in the scenario file. */
export class ParamError extends Error {
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(message);
  }
}

/** For policies that take no parameters. */
export function expectNoParams(policy: string, params: Readonly<Record<string, unknown>>): void {
  const first = Object.keys(params)[0];
  if (first !== undefined) throw new ParamError(first, `${policy} takes no parameters`);
}
