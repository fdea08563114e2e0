// The page refuses a model bundle whose content_sha256 does not match its content, as the CLI
// does. openCheckedBundle reads the bundle once (the core's EnsembleModel.openBundle) and hashes
// the text the core hands back, the bundle without its content_sha256 member, which is the
// canonical content for a bundle as vixray writes it (core/include/vixray/ensemble/
// bundle_read.hpp says why accepting on that hash is sound); if that does not match, checkBundle
// hashes the canonical content (model_io.hpp canonical_content, given by the core's contentOf),
// which decides. SHA-256 by SubtleCrypto where the browser offers it (secure contexts: https,
// localhost, file://), else by @noble/hashes (a kept npm library, vendored into the site by
// `make site`, loaded only then).

const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** SHA-256 of bytes (a Uint8Array), in hex. */
export async function sha256HexOfBytes(bytes) {
  const subtle = globalThis.crypto?.subtle;
  if (subtle) return hex(new Uint8Array(await subtle.digest('SHA-256', bytes)));
  const { sha256 } = await import('../vendor/noble-sha2.mjs');
  return hex(sha256(bytes));
}

/** SHA-256 of a text's UTF-8 bytes, in hex. */
export async function sha256Hex(text) {
  return sha256HexOfBytes(new TextEncoder().encode(text));
}

const missing = (what) =>
  new Error(`${what}: content_sha256 is missing (expected the SHA-256 of its content)`);

/**
 * Throws an Error naming the bundle when its content_sha256 is missing or does not match;
 * resolves to the checked content_sha256 (null from an older core that cannot tell).
 */
export async function checkBundle(vx, bundle, what = 'the model bundle (model.json)') {
  if (!vx.EnsembleModel.contentOf) return null; // an older core: fromJSON reads it as before
  const { stored, content } = vx.EnsembleModel.contentOf(bundle);
  if (stored === null) throw missing(what);
  const actual = await sha256Hex(content);
  if (actual !== stored) {
    throw new Error(
      `${what}: content_sha256 says ${stored} but its content hashes to ${actual} ` +
        '(modified or corrupt): the page does not use it',
    );
  }
  return stored;
}

/**
 * The model of a bundle (text or UTF-8 bytes) whose content_sha256 matches, read once: resolves
 * to {model, sha256} (sha256 null from an older core that cannot tell). Throws checkBundle's
 * errors, and for a bundle the core cannot read, checkBundle's error if its hash does not match
 * either, else the core's: the same errors, in the same order, as checkBundle then fromJSON.
 */
export async function openCheckedBundle(vx, bundle, what = 'the model bundle (model.json)') {
  const { model, sha256, checked } = await openBundleChecking(vx, bundle, what);
  try {
    await checked;
    return { model, sha256 };
  } catch (error) {
    model.delete();
    throw error;
  }
}

/**
 * openCheckedBundle's read without waiting for the hash: resolves once the core has read the
 * bundle, to {model, sha256, checked}, `checked` a promise that rejects with openCheckedBundle's
 * error when the content does not match. The caller may use the model meanwhile (the hash runs
 * off this thread), then awaits `checked` before anything computed with it leaves, and deletes
 * the model if it rejects. Rejects at once, as openCheckedBundle, when the core cannot read it.
 */
export async function openBundleChecking(vx, bundle, what = 'the model bundle (model.json)') {
  const bytes = bundle instanceof Uint8Array ? bundle : new TextEncoder().encode(String(bundle));
  if (!vx.EnsembleModel.openBundle) {
    const sha256 = await checkBundle(vx, bytes, what); // an older core: two reads
    return { model: vx.EnsembleModel.fromJSON(bytes), sha256, checked: Promise.resolve() };
  }
  let opened;
  try {
    // The hash text is a view of the core's memory during this call: SubtleCrypto's digest
    // copies it before it returns; the fallback hash, which awaits an import first, a copy.
    opened = vx.EnsembleModel.openBundle(bytes, {
      hashView: (view) => sha256HexOfBytes(globalThis.crypto?.subtle ? view : view.slice()),
    });
  } catch (error) {
    await checkBundle(vx, bytes, what); // a modified bundle is named so first
    throw error;
  }
  const { model, stored, hashed } = opened;
  const checked = (async () => {
    if (stored === null) throw missing(what);
    // Not as vixray writes it (e.g. re-indented): the canonical content decides.
    if (hashed === null || (await hashed) !== stored) await checkBundle(vx, bytes, what);
  })();
  checked.catch(() => {}); // awaited by the caller
  return { model, sha256: stored, checked };
}
