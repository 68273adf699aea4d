/**
 * Freezes a plain-data value and everything it holds, so that code handed
 * it (a user's policy) cannot change it for the rest of the process: in
 * strict code a write throws, elsewhere it does nothing. A frozen object is
 * taken as frozen through, so freezing again costs one check. Getters are
 * not called (what they return is not data held), and typed arrays cannot
 * be frozen and are left as they are.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return value;
  if (ArrayBuffer.isView(value)) return value;
  for (const property of Object.values(Object.getOwnPropertyDescriptors(value)))
    if ("value" in property) deepFreeze(property.value);
  return Object.freeze(value);
}
