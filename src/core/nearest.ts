/** "Did you mean" support: the known name closest to an unknown one. */

function editDistance(a: string, b: string): number {
  const previous = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j]!;
      const substitution = diagonal + (a[i - 1] === b[j - 1] ? 0 : 1);
      previous[j] = Math.min(above + 1, previous[j - 1]! + 1, substitution);
      diagonal = above;
    }
  }
  return previous[b.length]!;
}

/** The closest known name, or undefined when nothing is reasonably close. */
export function nearestName(name: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  const lowered = name.toLowerCase();
  for (const candidate of known) {
    const distance = editDistance(lowered, candidate.toLowerCase());
    if (distance < bestDistance) {
      bestDistance = distance;
      best = candidate;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(name.length / 2)) ? best : undefined;
}

/** `unknown scheduler "codel" (did you mean "codl"?; known: ...)`. */
export function unknownNameMessage(what: string, name: string, known: readonly string[]): string {
  const nearest = nearestName(name, known);
  const hint = nearest ? `did you mean "${nearest}"? ` : "";
  return `unknown ${what} "${name}" (${hint}known: ${known.join(", ")})`;
}
