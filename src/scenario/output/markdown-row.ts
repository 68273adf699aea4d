/**
 * One row of a Markdown table. A cell's own `|` would end the cell and a
 * line break the row: the first is escaped, the second becomes a space.
 */
export function markdownRow(cells: readonly string[]): string {
  const escaped = cells.map((cell) => cell.replaceAll("|", "\\|").replaceAll(/\r?\n/g, " "));
  return `| ${escaped.join(" | ")} |`;
}
