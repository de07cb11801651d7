/**
 * A value made the first time it is asked for, then kept. Used for valibot schemas: building one
 * runs valibot's code, which V8 then compiles, and the content script runs on every page while
 * it needs its schemas only on rare paths (the background not answering, a message arriving).
 */
export function onFirstUse<Value>(make: () => Value): () => Value {
  let made: { value: Value } | undefined;
  return () => {
    made ??= { value: make() };
    return made.value;
  };
}
