import type { Governor, GovernorContext } from "./governor.ts";

/** A governor that picks one point at start and keeps it: performance, powersave, userspace. */
function holding(pick: (context: GovernorContext) => number) {
  return (context: GovernorContext): Governor => {
    context.domain.request(context.simulator.now, pick(context));
    return { loadChanged: () => {}, dispose: () => {} };
  };
}

export const performance = holding((context) => context.domain.points.top);
export const powersave = holding(() => 0);
export const userspace = holding((context) => context.fixedPoint);
