//===- ConvKernel.cpp - Convolution for the CPU engine --------------------===//
//
// Two loop orders with the textbook loop's arithmetic: every output sums its
// taps in (ci, ky, kx) order starting from +0, skips taps in the padding, and
// adds the bias last. No output's sum is reordered, so the results are the
// bits of the one-output-at-a-time loop (test/runtime/KernelTest.cpp checks
// that against such a loop).
//
// - Event push (finite weights): walks the non-zero inputs in (c, iy, ix)
//   order and adds each one's taps into all outputs it reaches, one vector
//   over output channels per tap. For a fixed output, inputs in that order
//   are its taps in (ci, ky, kx) order, because iy and ix grow with ky and
//   kx. A skipped zero input would have added w * 0 = +-0, and a sum that
//   starts at +0 is never -0, so adding a signed zero never changes it;
//   inf * 0 is NaN, hence finite weights only. Spike inputs are mostly
//   zero, so this skips most of the work.
// - Row gather (any weights): per output channel and tap, a contiguous run
//   of outputs, with the padding bounds computed once per tap.
//
//===----------------------------------------------------------------------===//

#include "runtime/engine/Kernels.h"

#include <algorithm>
#include <cmath>
#include <vector>

using namespace snn::runtime;

namespace {

/// Outputs o in [0, n) whose input index o * s + off lies in [0, in): the
/// range [lo, hi) (empty when lo >= hi). `s` >= 1.
void validOutputs(int64_t n, int64_t in, int64_t s, int64_t off, int64_t &lo,
                  int64_t &hi) {
  lo = off >= 0 ? 0 : (-off + s - 1) / s;
  int64_t last = in - 1 - off;
  hi = last < 0 ? 0 : std::min(n, last / s + 1);
  lo = std::min(lo, hi);
}

void gatherRows(const ConvGeom &g, const float *w, const float *b,
                const float *x, float *y, int64_t lo, int64_t hi) {
  int64_t cinPerGroup = g.cin / g.groups, coutPerGroup = g.cout / g.groups;
  int64_t plane = g.oh * g.ow;
  for (int64_t co = lo; co < hi; ++co) {
    int64_t ciBase = (co / coutPerGroup) * cinPerGroup;
    const float *wc = w + co * cinPerGroup * g.kh * g.kw;
    float *__restrict yc = y + co * plane;
    std::fill(yc, yc + plane, 0.0f);
    for (int64_t ci = 0; ci < cinPerGroup; ++ci) {
      const float *xc = x + (ciBase + ci) * g.h * g.w;
      const float *wk = wc + ci * g.kh * g.kw;
      for (int64_t ky = 0; ky < g.kh; ++ky) {
        int64_t offY = ky * g.dh - g.ph, oyLo, oyHi;
        validOutputs(g.oh, g.h, g.sh, offY, oyLo, oyHi);
        for (int64_t kx = 0; kx < g.kw; ++kx) {
          int64_t offX = kx * g.dw - g.pw, oxLo, oxHi;
          validOutputs(g.ow, g.w, g.sw, offX, oxLo, oxHi);
          float wv = wk[ky * g.kw + kx];
          for (int64_t oy = oyLo; oy < oyHi; ++oy) {
            const float *__restrict xr = xc + (oy * g.sh + offY) * g.w;
            float *__restrict yr = yc + oy * g.ow;
            if (g.sw == 1) {
              for (int64_t ox = oxLo; ox < oxHi; ++ox)
                yr[ox] += wv * xr[ox + offX];
            } else {
              for (int64_t ox = oxLo; ox < oxHi; ++ox)
                yr[ox] += wv * xr[ox * g.sw + offX];
            }
          }
        }
      }
    }
    if (b)
      for (int64_t k = 0; k < plane; ++k)
        yc[k] = yc[k] + b[co];
  }
}

/// Per-thread scratch of the push path (teams call it concurrently); it
/// grows to the largest layer once and is reused, so steps do not allocate.
struct PushScratch {
  std::vector<float> weights; ///< (ci, ky, kx, co - lo) of channels [lo, hi).
  std::vector<float> acc;     ///< (oy, ox, co - lo).
};

void pushEvents(const ConvGeom &g, const float *w, const float *b,
                const float *x, float *y, int64_t lo, int64_t hi) {
  static thread_local PushScratch scratch;
  int64_t cinPerGroup = g.cin / g.groups, coutPerGroup = g.cout / g.groups;
  int64_t taps = g.kh * g.kw, nc = hi - lo, plane = g.oh * g.ow;
  scratch.weights.resize(static_cast<size_t>(cinPerGroup * taps * nc));
  float *wt = scratch.weights.data();
  for (int64_t co = lo; co < hi; ++co)
    for (int64_t k = 0; k < cinPerGroup * taps; ++k)
      wt[k * nc + (co - lo)] = w[co * cinPerGroup * taps + k];
  scratch.acc.assign(static_cast<size_t>(plane * nc), 0.0f);
  float *acc = scratch.acc.data();

  for (int64_t c = 0; c < g.cin; ++c) {
    // Output channels fed by input channel c, within [lo, hi).
    int64_t group = c / cinPerGroup, ci = c % cinPerGroup;
    int64_t cLo = std::max(lo, group * coutPerGroup);
    int64_t cHi = std::min(hi, (group + 1) * coutPerGroup);
    if (cLo >= cHi)
      continue;
    const float *xc = x + c * g.h * g.w;
    for (int64_t iy = 0; iy < g.h; ++iy)
      for (int64_t ix = 0; ix < g.w; ++ix) {
        float xv = xc[iy * g.w + ix];
        if (xv == 0.0f)
          continue;
        for (int64_t ky = 0; ky < g.kh; ++ky) {
          int64_t ty = iy + g.ph - ky * g.dh; // oy * sh
          if (ty < 0)
            break;
          if (ty % g.sh || ty / g.sh >= g.oh)
            continue;
          int64_t oy = ty / g.sh;
          for (int64_t kx = 0; kx < g.kw; ++kx) {
            int64_t tx = ix + g.pw - kx * g.dw; // ox * sw
            if (tx < 0)
              break;
            if (tx % g.sw || tx / g.sw >= g.ow)
              continue;
            float *__restrict a = acc + (oy * g.ow + tx / g.sw) * nc;
            const float *__restrict wr =
                wt + ((ci * g.kh + ky) * g.kw + kx) * nc;
            for (int64_t j = cLo - lo; j < cHi - lo; ++j)
              a[j] += wr[j] * xv;
          }
        }
      }
  }
  for (int64_t co = lo; co < hi; ++co) {
    float *yc = y + co * plane;
    const float *a = acc + (co - lo);
    for (int64_t k = 0; k < plane; ++k)
      yc[k] = b ? a[k * nc] + b[co] : a[k * nc];
  }
}

} // namespace

void snn::runtime::convKernel(const ConvGeom &g, const float *w, const float *b,
                              const float *x, float *y) {
  convChannels(g, w, b, x, y, 0, g.cout);
}

void snn::runtime::convChannels(const ConvGeom &g, const float *w,
                                const float *b, const float *x, float *y,
                                int64_t lo, int64_t hi) {
  if (lo >= hi)
    return;
  int64_t perChannel = g.cin / g.groups * g.kh * g.kw;
  bool finite = std::all_of(w + lo * perChannel, w + hi * perChannel,
                            [](float v) { return std::isfinite(v); });
  if (finite)
    pushEvents(g, w, b, x, y, lo, hi);
  else
    gatherRows(g, w, b, x, y, lo, hi);
}
