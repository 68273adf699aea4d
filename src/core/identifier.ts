import { z } from "zod";

/**
 * Names that become file and folder names (scenarios, workloads, sweeps):
 * letters, digits, '.', '_' and '-', and never '.' or '..', which name
 * folders that already exist.
 */
export const identifier = () =>
  z
    .string()
    .regex(/^[A-Za-z0-9._-]+$/, { error: "use letters, digits, '.', '_' or '-'" })
    .refine((name) => name !== "." && name !== "..", {
      error: "'.' and '..' name existing folders; choose another name",
    });
