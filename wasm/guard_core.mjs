// The error path of the core's bindings, made safe (issue 11): imported by vixray.mjs.
/**
 * Wraps every binding of the core (Embind functions, class methods, static functions and
 * constructors) so that a failure reaches JavaScript as an Error thrown here, after the call has
 * returned. A binding never throws through the module's frames (wasm/guarded.hpp: that leaked
 * stack and heap on every failing call until the module died): it returns normally and leaves
 * its message for takeError. A JavaScript exception raised inside a call anyway (Embind refusing
 * a value of the wrong type) gets the stack pointer put back. Returns `core`, wrapped in place.
 */
export function guardCore(core) {
  const { takeError, stackSave, stackRestore } = core;
  const guard = (fn) =>
    function guarded(...args) {
      const stack = stackSave();
      let result;
      try {
        result = fn.apply(this, args);
      } catch (error) {
        stackRestore(stack);
        takeError();
        throw error;
      }
      const message = takeError();
      if (message === null) return result;
      result?.delete?.(); // an object made before the failure (a constructor's)
      throw new Error(message);
    };
  for (const [name, value] of Object.entries(core)) {
    if (typeof value !== 'function' || name === 'takeError') continue;
    if (typeof value.prototype?.isAliasOf === 'function') {
      // An Embind class: its methods, its static functions and its constructor.
      for (const key of Object.getOwnPropertyNames(value.prototype))
        if (key !== 'constructor' && typeof value.prototype[key] === 'function')
          value.prototype[key] = guard(value.prototype[key]);
      for (const key of Object.getOwnPropertyNames(value))
        if (typeof value[key] === 'function') value[key] = guard(value[key]);
      const construct = guard((...args) => new value(...args));
      core[name] = new Proxy(value, { construct: (_, args) => construct(...args) });
    } else if (value.argCount !== undefined) {
      core[name] = guard(value); // an Embind function
    }
  }
  return core;
}
