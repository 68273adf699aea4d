import type { Governor, GovernorContext } from "./governor.ts";

/** A governor that asks for one point at start and keeps it: performance, powersave, userspace. */
class Holding implements Governor {
  loadChanged(): void {}
  dispose(): void {}
}

function holding(pick: (context: GovernorContext) => number) {
  return (context: GovernorContext): Governor => {
    context.domain.request(context.simulator.now, pick(context));
    return new Holding();
  };
}

export const performance = holding((context) => context.domain.points.top);
export const powersave = holding(() => 0);
export const userspace = holding((context) => context.fixedPoint);
