import { z } from "zod";
import { unknownNameMessage } from "../../core/index.ts";
import { frameworkSchema } from "./framework-schema.ts";
import { memorySchema, transferSchema } from "./memory-schema.ts";
import { socPowerSchema } from "./power-schema.ts";
import { PROCESSOR_IDS, processorSchema } from "./processor-schema.ts";
import { thermalSchema } from "./thermal-schema.ts";

/** `kind: soc` — one SoC as the device layer models it. Field meanings: docs/soc-format.md. */

const processorIds = Object.keys(PROCESSOR_IDS);

const socShape = z.strictObject({
  kind: z.literal("soc"),
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: "use lower-case letters, digits and '-'" }),
  name: z.string().min(1),
  /** The phone or board the numbers describe. */
  device: z.string().min(1),
  process: z.string().min(1),
  /** Source key → citation; every number's comment names one of these keys. */
  sources: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/), z.string().min(1)),
  default_framework: z.string().min(1),
  processors: z.record(z.string(), processorSchema),
  memory: memorySchema,
  /** CPU ↔ accelerator crossing costs, keyed by accelerator id. */
  transfers: z.record(z.string(), transferSchema),
  power: socPowerSchema,
  thermal: thermalSchema,
  frameworks: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/), frameworkSchema),
});

type SocShape = z.output<typeof socShape>;

function checkProcessors(soc: SocShape, context: z.RefinementCtx): void {
  for (const [id, processor] of Object.entries(soc.processors)) {
    const expectedKind = PROCESSOR_IDS[id];
    if (expectedKind === undefined) {
      context.addIssue({
        code: "custom",
        path: ["processors", id],
        message: unknownNameMessage("processor id", id, processorIds),
      });
    } else if (processor.kind !== expectedKind) {
      context.addIssue({
        code: "custom",
        path: ["processors", id, "kind"],
        message: `processor "${id}" must have kind ${expectedKind}`,
      });
    }
    if (processor.kind !== "cpu" && processor.cores !== 1) {
      context.addIssue({
        code: "custom",
        path: ["processors", id, "cores"],
        message: "accelerators have cores: 1",
      });
    }
    if (processor.kind !== "cpu" && soc.transfers[id] === undefined) {
      context.addIssue({
        code: "custom",
        path: ["transfers"],
        message: `no transfer costs for accelerator "${id}"`,
      });
    }
    if (soc.thermal.nodes[id] === undefined) {
      context.addIssue({
        code: "custom",
        path: ["thermal", "nodes"],
        message: `no thermal node for processor "${id}"`,
      });
    }
  }
  if (!Object.values(soc.processors).some((processor) => processor.kind === "cpu")) {
    context.addIssue({
      code: "custom",
      path: ["processors"],
      message: "a SoC needs at least one CPU cluster",
    });
  }
  for (const id of Object.keys(soc.transfers)) {
    const processor = soc.processors[id];
    if (processor === undefined || processor.kind === "cpu") {
      const accelerators = Object.keys(soc.processors).filter(
        (name) => soc.processors[name]!.kind !== "cpu",
      );
      context.addIssue({
        code: "custom",
        path: ["transfers", id],
        message: unknownNameMessage("accelerator", id, accelerators),
      });
    }
  }
}

function checkThermal(soc: SocShape, context: z.RefinementCtx): void {
  const nodes = [...Object.keys(soc.thermal.nodes), "ambient"];
  soc.thermal.links.forEach((link, index) => {
    link.between.forEach((end, side) => {
      if (!nodes.includes(end)) {
        context.addIssue({
          code: "custom",
          path: ["thermal", "links", index, "between", side],
          message: unknownNameMessage("thermal node", end, nodes),
        });
      }
    });
  });
  const linked = new Set(soc.thermal.links.flatMap((link) => link.between));
  for (const node of Object.keys(soc.thermal.nodes)) {
    if (!linked.has(node))
      context.addIssue({
        code: "custom",
        path: ["thermal", "nodes", node],
        message: "node has no thermal link",
      });
  }
  if (!linked.has("ambient"))
    context.addIssue({
      code: "custom",
      path: ["thermal", "links"],
      message: "no link reaches ambient",
    });
  soc.thermal.trips.forEach((trip, index) => {
    if (!nodes.includes(trip.node)) {
      context.addIssue({
        code: "custom",
        path: ["thermal", "trips", index, "node"],
        message: unknownNameMessage("thermal node", trip.node, nodes),
      });
    }
    if (soc.processors[trip.processor] === undefined) {
      context.addIssue({
        code: "custom",
        path: ["thermal", "trips", index, "processor"],
        message: unknownNameMessage("processor", trip.processor, Object.keys(soc.processors)),
      });
    }
  });
  soc.thermal.power_controllers.forEach((controller, index) => {
    if (!nodes.includes(controller.node))
      context.addIssue({
        code: "custom",
        path: ["thermal", "power_controllers", index, "node"],
        message: unknownNameMessage("thermal node", controller.node, nodes),
      });
    controller.processors.forEach((budgeted, row) => {
      if (soc.processors[budgeted.processor] === undefined)
        context.addIssue({
          code: "custom",
          path: ["thermal", "power_controllers", index, "processors", row, "processor"],
          message: unknownNameMessage("processor", budgeted.processor, Object.keys(soc.processors)),
        });
    });
  });
  soc.thermal.shutdown.forEach((shutdown, index) => {
    if (!nodes.includes(shutdown.node)) {
      context.addIssue({
        code: "custom",
        path: ["thermal", "shutdown", index, "node"],
        message: unknownNameMessage("thermal node", shutdown.node, nodes),
      });
    }
  });
}

function checkFrameworks(soc: SocShape, context: z.RefinementCtx): void {
  const frameworks = Object.keys(soc.frameworks);
  if (soc.frameworks[soc.default_framework] === undefined) {
    context.addIssue({
      code: "custom",
      path: ["default_framework"],
      message: unknownNameMessage("framework", soc.default_framework, frameworks),
    });
  }
  const clusters = Object.keys(soc.processors).filter((id) => soc.processors[id]!.kind === "cpu");
  for (const [name, framework] of Object.entries(soc.frameworks)) {
    framework.cpu.clusters.forEach((cluster, index) => {
      if (!clusters.includes(cluster)) {
        context.addIssue({
          code: "custom",
          path: ["frameworks", name, "cpu", "clusters", index],
          message: unknownNameMessage("CPU cluster", cluster, clusters),
        });
      }
    });
    for (const [kind, backend] of Object.entries(framework.backends)) {
      if (kind === "gpu" && backend.memory === undefined) {
        context.addIssue({
          code: "custom",
          path: ["frameworks", name, "backends", kind],
          message: "a GPU back-end names its memory object (image or buffer)",
        });
      }
      if (backend.memory !== undefined && kind !== "gpu") {
        context.addIssue({
          code: "custom",
          path: ["frameworks", name, "backends", kind, "memory"],
          message: "only GPU back-ends have a memory object",
        });
      }
    }
  }
}

export const socSchema = socShape.superRefine((soc, context) => {
  checkProcessors(soc, context);
  checkThermal(soc, context);
  checkFrameworks(soc, context);
});

export type SocData = z.output<typeof socSchema>;
