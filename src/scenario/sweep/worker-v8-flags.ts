import { setFlagsFromString } from "node:v8";

/**
 * How much bytecode a function must run (V8's interrupt budget, four times
 * Node 20's 66 KB) before V8 considers optimising it. A sweep worker runs
 * hundreds of short runs, and with the default budget V8's compiler threads
 * went on optimising functions that run a few times per run (loading,
 * planning, building the device) throughout the sweep: about as much CPU
 * as the worker's own thread, on the other core a second worker needs
 * (docs/performance.md, "Sweeps: scaling with workers"). Listed in the hot
 * path rules there.
 */
const INTERRUPT_BUDGET = 4 * 67_584;

/**
 * Sets V8's flags for the sweep's workers. V8's flags belong to the
 * process, so this is called before the pool starts its threads (each
 * worker's isolate reads them as it is created) and holds for the
 * process's main thread from then on too.
 */
export function setWorkerV8Flags(): void {
  setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
}
