// Deterministic transcendental functions.
//
// glibc and Emscripten's libc may round log/exp differently in the last bit, which would break
// the native <-> WebAssembly parity promise (same inputs, same bits). These implementations use
// only IEEE-754 basic operations (+ - * /, exact scaling by powers of two), which are correctly
// rounded on every platform when compiled with -ffp-contract=off. Accuracy is within ~2 ulp of
// the true value, which is all the scoring and feature code needs.
#pragma once
#include <cstddef>

namespace vixray::detmath {

/// Natural logarithm. log(0) = -inf, log(x<0) = NaN, log(inf) = inf, log(NaN) = NaN.
double log(double x);
/// e^x. Overflows to +inf, underflows to 0.
double exp(double x);
/// 2^x.
double exp2(double x);
/// values[i] = exp2(values[i]) for i < count, bit for bit, several values side by side (the
/// series' divisions of independent values overlap; the scoring calls it once per forest call).
void exp2_each(double* values, size_t count);
/// log base 2.
double log2(double x);
/// x^y for x > 0 (computed as exp(y*log(x))); x == 0 gives 0 for y > 0, 1 for y == 0 and
/// +inf for y < 0; x < 0 gives NaN. The error grows with z = y ln(x): within 4 ulp for |z| <= 1,
/// within 4 + 3|z| ulp beyond (the relative error of log(x) is multiplied by z).
double pow(double x, double y);

}  // namespace vixray::detmath
