import type { ReuseResult } from "./results.ts";

/**
 * One app's reuse counts over the reported window (results.json `reuse`):
 * frames count when they complete, check time when its frame is reported.
 */
export class ReuseTally {
  reusedFrames = 0;
  layerReusedFrames = 0;
  computedFrames = 0;
  skippedOps = 0;
  checkSeconds = 0;

  constructor(readonly level: "frame" | "layer") {}

  result(): ReuseResult {
    return {
      level: this.level,
      reused_frames: this.reusedFrames,
      layer_reused_frames: this.layerReusedFrames,
      computed_frames: this.computedFrames,
      skipped_ops: this.skippedOps,
      check_cpu_ms: this.checkSeconds * 1000,
    };
  }
}
