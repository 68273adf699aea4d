import type { Decision } from "./scheduler.ts";
import type { SchedulerView } from "./view.ts";

/**
 * The order a framework's interpreter (TFLite, MACE) imposes: one inference
 * of each model at a time, its requests in the order they became ready,
 * apps independent of each other. Every unit the order lets run runs with
 * its first option. A request admitted in a pass may start all of its first
 * units in that pass (a model with several inputs has several).
 */
export class OneInferencePerApp {
  /** Per app, the request admitted last. */
  private readonly current: number[] = [];
  /** Per app, the pass that admitted it: the view's running counts do not move within a pass. */
  private readonly admittedInPass: number[] = [];
  private pass = 0;

  /** Makes room for an app; called from `plan`, so that the per-app arrays have no holes. */
  addApp(appIndex: number): void {
    while (this.current.length <= appIndex) {
      this.current.push(-1);
      this.admittedInPass.push(-1);
    }
  }

  decide(view: SchedulerView): Decision[] {
    const decisions: Decision[] = [];
    const pass = ++this.pass;
    for (const ready of view.ready) {
      const app = ready.appIndex;
      if (ready.first && ready.requestId !== this.current[app]) {
        if (view.runningRequests[app]! > 0 || this.admittedInPass[app] === pass) continue;
        this.current[app] = ready.requestId;
        this.admittedInPass[app] = pass;
      }
      decisions.push({ kind: "run", requestId: ready.requestId, unitId: ready.unit.id, option: 0 });
    }
    return decisions;
  }
}
