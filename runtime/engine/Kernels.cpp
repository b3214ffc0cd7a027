//===- Kernels.cpp - CPU kernels for the plan's synapse ops ---------------===//
//
// Straightforward loops: this is the reference engine, so accumulation order
// is fixed and simple (bias added last, as torch.addmm does) rather than fast.
//
//===----------------------------------------------------------------------===//

#include "runtime/engine/Kernels.h"

#include <algorithm>
#include <limits>

#include <algorithm>

using namespace snn::runtime;

int64_t snn::runtime::convOutSize(int64_t in, int64_t k, int64_t s, int64_t p,
                                  int64_t d) {
  int64_t span = in + 2 * p - d * (k - 1) - 1;
  if (span < 0 || s <= 0)
    return 0;
  return span / s + 1;
}

void snn::runtime::affineKernel(const float *w, const float *b, int64_t out,
                                int64_t in, const float *x, float *y) {
  for (int64_t o = 0; o < out; ++o) {
    const float *row = w + o * in;
    float acc = 0.0f;
    for (int64_t k = 0; k < in; ++k)
      acc += row[k] * x[k];
    y[o] = b ? acc + b[o] : acc;
  }
}

void snn::runtime::scaleKernel(const float *s, int64_t ns, int64_t n,
                               const float *x, float *y) {
  for (int64_t k = 0; k < n; ++k)
    y[k] = s[ns == 1 ? 0 : k] * x[k];
}

void snn::runtime::convKernel(const ConvGeom &g, const float *w, const float *b,
                              const float *x, float *y) {
  int64_t cinPerGroup = g.cin / g.groups, coutPerGroup = g.cout / g.groups;
  for (int64_t co = 0; co < g.cout; ++co) {
    int64_t ciBase = (co / coutPerGroup) * cinPerGroup;
    const float *wc = w + co * cinPerGroup * g.kh * g.kw;
    for (int64_t oy = 0; oy < g.oh; ++oy) {
      for (int64_t ox = 0; ox < g.ow; ++ox) {
        float acc = 0.0f;
        for (int64_t ci = 0; ci < cinPerGroup; ++ci) {
          const float *xc = x + (ciBase + ci) * g.h * g.w;
          const float *wk = wc + ci * g.kh * g.kw;
          for (int64_t ky = 0; ky < g.kh; ++ky) {
            int64_t iy = oy * g.sh - g.ph + ky * g.dh;
            if (iy < 0 || iy >= g.h)
              continue;
            for (int64_t kx = 0; kx < g.kw; ++kx) {
              int64_t ix = ox * g.sw - g.pw + kx * g.dw;
              if (ix < 0 || ix >= g.w)
                continue;
              acc += wk[ky * g.kw + kx] * xc[iy * g.w + ix];
            }
          }
        }
        y[(co * g.oh + oy) * g.ow + ox] = b ? acc + b[co] : acc;
      }
    }
  }
}

void snn::runtime::poolKernel(const PoolGeom &g, const float *x, float *y) {
  // Divide rather than multiply by 1/(kh*kw): that is what PyTorch's
  // avg_pool2d does, and the two differ in the last bit.
  float area = static_cast<float>(g.kh * g.kw);
  for (int64_t c = 0; c < g.c; ++c) {
    const float *xc = x + c * g.h * g.w;
    for (int64_t oy = 0; oy < g.oh; ++oy) {
      for (int64_t ox = 0; ox < g.ow; ++ox) {
        float acc = 0.0f;
        for (int64_t ky = 0; ky < g.kh; ++ky) {
          int64_t iy = oy * g.sh - g.ph + ky;
          if (iy < 0 || iy >= g.h)
            continue;
          for (int64_t kx = 0; kx < g.kw; ++kx) {
            int64_t ix = ox * g.sw - g.pw + kx;
            if (ix >= 0 && ix < g.w)
              acc += xc[iy * g.w + ix];
          }
        }
        y[(c * g.oh + oy) * g.ow + ox] = g.average ? acc / area : acc;
      }
    }
  }
}

void snn::runtime::maxPoolKernel(const PoolGeom &g, const float *x, float *y) {
  for (int64_t c = 0; c < g.c; ++c) {
    const float *xc = x + c * g.h * g.w;
    for (int64_t oy = 0; oy < g.oh; ++oy) {
      for (int64_t ox = 0; ox < g.ow; ++ox) {
        float best = -std::numeric_limits<float>::infinity();
        for (int64_t ky = 0; ky < g.kh; ++ky) {
          int64_t iy = oy * g.sh - g.ph + ky;
          if (iy < 0 || iy >= g.h)
            continue;
          for (int64_t kx = 0; kx < g.kw; ++kx) {
            int64_t ix = ox * g.sw - g.pw + kx;
            if (ix >= 0 && ix < g.w)
              best = std::max(best, xc[iy * g.w + ix]);
          }
        }
        y[(c * g.oh + oy) * g.ow + ox] = best;
      }
    }
  }
}

void snn::runtime::reluKernel(int64_t n, const float *x, float *y) {
  for (int64_t k = 0; k < n; ++k)
    y[k] = x[k] > 0.0f ? x[k] : 0.0f;
}

void snn::runtime::sparseKernel(const uint32_t *rowPtr, const uint32_t *col,
                                const float *value, int64_t out, const float *x,
                                float *y) {
  for (int64_t o = 0; o < out; ++o) {
    float acc = 0.0f;
    for (uint32_t k = rowPtr[o]; k < rowPtr[o + 1]; ++k)
      acc += value[k] * x[col[k]];
    y[o] = acc;
  }
}

void snn::runtime::thresholdKernel(const float *th, int64_t nth, int64_t n,
                                   const float *x, float *y) {
  for (int64_t k = 0; k < n; ++k)
    y[k] = x[k] > th[nth == 1 ? 0 : k] ? 1.0f : 0.0f;
}

void DelayLine::reset(const std::vector<int64_t> &delays, int64_t count) {
  steps = delays;
  n = count;
  depth = 1 + *std::max_element(steps.begin(), steps.end());
  ring.assign(static_cast<size_t>(depth * n), 0.0f);
}

void DelayLine::step(int64_t t, const float *x, float *y) {
  std::copy(x, x + n, ring.begin() + (t % depth) * n);
  for (int64_t k = 0; k < n; ++k) {
    int64_t d = steps[steps.size() == 1 ? 0 : k];
    y[k] = t >= d ? ring[((t - d) % depth) * n + k] : 0.0f;
  }
}
