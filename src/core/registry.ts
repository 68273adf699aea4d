import { unknownNameMessage } from "./nearest.ts";

/**
 * Name → factory, not a switch. Registering a name twice is a bug and throws;
 * looking up an unknown name fails with the nearest known one.
 */
export class Registry<Entry> {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly what: string) {}

  register(name: string, entry: Entry): void {
    if (this.entries.has(name)) throw new Error(`${this.what} "${name}" is registered twice`);
    this.entries.set(name, entry);
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** The entry, or throws an Error whose message names the nearest known entry. */
  get(name: string): Entry {
    const entry = this.entries.get(name);
    if (entry === undefined) throw new Error(this.unknownMessage(name));
    return entry;
  }

  unknownMessage(name: string): string {
    return unknownNameMessage(this.what, name, this.names());
  }

  names(): string[] {
    return [...this.entries.keys()];
  }
}
