// The page refuses a model bundle whose content_sha256 does not match its content, as the CLI
// does: the core gives the canonical content (the bundle without content_sha256, as
// model_io.hpp's canonical_content), the page hashes it. SHA-256 by SubtleCrypto where the
// browser offers it (secure contexts: https, localhost, file://), else by @noble/hashes (a kept
// npm library, vendored into the site by `make site`, loaded only then).

const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** SHA-256 of a text's UTF-8 bytes, in hex. */
export async function sha256Hex(text) {
  const bytes = new TextEncoder().encode(text);
  const subtle = globalThis.crypto?.subtle;
  if (subtle) return hex(new Uint8Array(await subtle.digest('SHA-256', bytes)));
  const { sha256 } = await import('../vendor/noble-sha2.mjs');
  return hex(sha256(bytes));
}

/**
 * Throws an Error naming the bundle when its content_sha256 is missing or does not match;
 * resolves to the checked content_sha256 (null from an older core that cannot tell).
 */
export async function checkBundle(vx, bundle, what = 'the model bundle (model.json)') {
  if (!vx.EnsembleModel.contentOf) return null; // an older core: fromJSON reads it as before
  const { stored, content } = vx.EnsembleModel.contentOf(bundle);
  if (stored === null) {
    throw new Error(`${what}: content_sha256 is missing (expected the SHA-256 of its content)`);
  }
  const actual = await sha256Hex(content);
  if (actual !== stored) {
    throw new Error(
      `${what}: content_sha256 says ${stored} but its content hashes to ${actual} ` +
        '(modified or corrupt): the page does not use it',
    );
  }
  return stored;
}
