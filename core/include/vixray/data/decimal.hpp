// Exact decimal-to-double conversion for the common case, without long double. Emscripten's
// strtod (musl) computes in 128-bit long double, which WebAssembly emulates in software: in the
// browser, reading the model bundle and market.json spent about 40% of the page's compute there.
// The WebAssembly link wraps strtod with this fast path (wasm/strtod_fast.cpp); natively strtod
// stays glibc's.
#pragma once

namespace vixray {

/// Parses a plain decimal number at `text`: an optional '-', digits with an optional '.', an
/// optional exponent (e|E, optional sign, digits). Succeeds only when the result is provably
/// the correctly rounded double (Clinger's fast path: at most 15 significant digits, so the
/// digits form an integer w below 2^53, and a decimal exponent k with |k| <= 22, so 10^|k| is an
/// exact double and the single IEEE operation w * 10^k or w / 10^-k rounds correctly): then
/// sets *value and *end (just past the number) and returns true, giving exactly what strtod
/// gives. Otherwise (more digits, larger exponents, leading space or '+', hex, inf, nan, "1.",
/// ".5", no number) returns false and touches nothing: the caller uses strtod.
bool parse_decimal_fast(const char* text, const char** end, double* value);

}  // namespace vixray
