import { InputError } from "../../src/core/index.ts";

/** The InputError an action throws; anything else, or no error at all, fails the test. */
export async function inputErrorOf(action: () => Promise<unknown> | unknown): Promise<InputError> {
  try {
    await action();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error("accepted: expected an input error");
}
