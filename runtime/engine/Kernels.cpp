//===- Kernels.cpp - CPU kernels for the plan's synapse ops ---------------===//
//
// Straightforward loops: this is the reference engine, so accumulation order
// is fixed and simple (bias added last, as torch.addmm does). Speed comes from
// skipping work (event-driven sparse propagation) and from splitting outputs
// over threads, never from reordering a sum.
//
//===----------------------------------------------------------------------===//

#include "runtime/engine/Kernels.h"

#include <algorithm>
#include <cmath>
#include <limits>

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
  affineRows(w, b, in, x, y, 0, out);
}

void snn::runtime::affineRows(const float *w, const float *b, int64_t in,
                              const float *x, float *y, int64_t lo,
                              int64_t hi) {
  for (int64_t o = lo; o < hi; ++o) {
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

void snn::runtime::poolKernel(const PoolGeom &g, const float *x, float *y) {
  poolChannels(g, x, y, 0, g.c);
}

void snn::runtime::maxPoolKernel(const PoolGeom &g, const float *x, float *y) {
  poolChannels(g, x, y, 0, g.c); // `g.max` selects the maximum.
}

void snn::runtime::reluKernel(int64_t n, const float *x, float *y) {
  for (int64_t k = 0; k < n; ++k)
    y[k] = x[k] > 0.0f ? x[k] : 0.0f;
}

void snn::runtime::poolChannels(const PoolGeom &g, const float *x, float *y,
                                int64_t lo, int64_t hi) {
  // Divide rather than multiply by 1/(kh*kw): that is what PyTorch's
  // avg_pool2d does, and the two differ in the last bit.
  float area = static_cast<float>(g.kh * g.kw);
  for (int64_t c = lo; c < hi; ++c) {
    const float *xc = x + c * g.h * g.w;
    for (int64_t oy = 0; oy < g.oh; ++oy) {
      for (int64_t ox = 0; ox < g.ow; ++ox) {
        // Max pooling skips padded positions (each window holds an input
        // element, which padding < kernel guarantees).
        float acc = g.max ? -std::numeric_limits<float>::infinity() : 0.0f;
        for (int64_t ky = 0; ky < g.kh; ++ky) {
          int64_t iy = oy * g.sh - g.ph + ky;
          if (iy < 0 || iy >= g.h)
            continue;
          for (int64_t kx = 0; kx < g.kw; ++kx) {
            int64_t ix = ox * g.sw - g.pw + kx;
            if (ix < 0 || ix >= g.w)
              continue;
            float v = xc[iy * g.w + ix];
            acc = g.max ? std::max(acc, v) : acc + v;
          }
        }
        y[(c * g.oh + oy) * g.ow + ox] = g.average ? acc / area : acc;
      }
    }
  }
}

void snn::runtime::sparseKernel(const uint32_t *rowPtr, const uint32_t *col,
                                const float *value, int64_t out, const float *x,
                                float *y) {
  sparseRows(rowPtr, col, value, x, y, 0, out);
}

void snn::runtime::sparseRows(const uint32_t *rowPtr, const uint32_t *col,
                              const float *value, const float *x, float *y,
                              int64_t lo, int64_t hi) {
  for (int64_t o = lo; o < hi; ++o) {
    float acc = 0.0f;
    for (uint32_t k = rowPtr[o]; k < rowPtr[o + 1]; ++k)
      acc += value[k] * x[col[k]];
    y[o] = acc;
  }
}

int64_t snn::runtime::nonZeroIndices(const float *x, int64_t n,
                                     uint32_t *active) {
  // Spikes are rare: test 16 elements at a time (one vector compare) and
  // skip the all-zero groups; append the others branch-free, as spikes are
  // not predictable per element.
  constexpr int64_t kGroup = 16;
  int64_t count = 0, k = 0;
  for (; k + kGroup <= n; k += kGroup) {
    bool any = false;
    for (int64_t j = 0; j < kGroup; ++j)
      any |= x[k + j] != 0.0f;
    if (!any)
      continue;
    for (int64_t j = k; j < k + kGroup; ++j) {
      active[count] = static_cast<uint32_t>(j);
      count += x[j] != 0.0f;
    }
  }
  for (; k < n; ++k) {
    active[count] = static_cast<uint32_t>(k);
    count += x[k] != 0.0f;
  }
  return count;
}

bool EventSparse::build(const uint32_t *rowPtr, const uint32_t *col,
                        const float *value, int64_t rows, int64_t cols,
                        unsigned nBlocks) {
  blocks.clear();
  for (int64_t r = 0; r < rows; ++r)
    for (uint32_t k = rowPtr[r]; k < rowPtr[r + 1]; ++k)
      if ((k > rowPtr[r] && col[k] < col[k - 1]) || !std::isfinite(value[k]))
        return false;
  std::vector<Block> built(nBlocks);
  for (unsigned b = 0; b < nBlocks; ++b) {
    Block &blk = built[b];
    splitRange(rows, b, nBlocks, blk.lo, blk.hi);
    blk.colPtr.assign(static_cast<size_t>(cols) + 1, 0);
    for (uint32_t k = rowPtr[blk.lo]; k < rowPtr[blk.hi]; ++k)
      ++blk.colPtr[col[k] + 1];
    for (int64_t c = 0; c < cols; ++c)
      blk.colPtr[c + 1] += blk.colPtr[c];
    blk.entries.resize(blk.colPtr[cols]);
    // Rows ascending, so each column lists its rows ascending and a row's
    // duplicate columns keep their CSR order.
    std::vector<uint64_t> fill(blk.colPtr.begin(), blk.colPtr.end() - 1);
    for (int64_t r = blk.lo; r < blk.hi; ++r)
      for (uint32_t k = rowPtr[r]; k < rowPtr[r + 1]; ++k)
        blk.entries[fill[col[k]]++] = {static_cast<uint32_t>(r), value[k]};
  }
  blocks = std::move(built);
  meanColumn = cols ? static_cast<double>(rowPtr[rows]) / cols : 0.0;
  return true;
}

void EventSparse::push(unsigned block, const uint32_t *active, int64_t nActive,
                       const float *x, float *y) const {
  const Block &blk = blocks[block];
  std::fill(y + blk.lo, y + blk.hi, 0.0f);
  const uint64_t *colPtr = blk.colPtr.data();
  const Entry *entries = blk.entries.data();
  // Columns lie at random places in a large array: ask for the start of the
  // columns a few spikes ahead while this one is added, so their first cache
  // lines (and page walks) overlap with the work instead of stalling it.
  constexpr int64_t kAhead = 4;
  for (int64_t a = 0; a < std::min(nActive, kAhead); ++a)
    __builtin_prefetch(entries + colPtr[active[a]]);
  for (int64_t a = 0; a < nActive; ++a) {
    if (a + kAhead < nActive) {
      const Entry *next = entries + colPtr[active[a + kAhead]];
      __builtin_prefetch(next);
      __builtin_prefetch(next + 8);
    }
    uint32_t c = active[a];
    float xc = x[c];
    const Entry *e = entries + colPtr[c], *end = entries + colPtr[c + 1];
    for (; e != end; ++e)
      y[e->row] += e->weight * xc;
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

void DelayLine::step(int64_t t, const float *x, float *y, int64_t lo,
                     int64_t hi) {
  std::copy(x + lo, x + hi, ring.begin() + (t % depth) * n + lo);
  for (int64_t k = lo; k < hi; ++k) {
    int64_t d = steps[steps.size() == 1 ? 0 : k];
    y[k] = t >= d ? ring[((t - d) % depth) * n + k] : 0.0f;
  }
}
