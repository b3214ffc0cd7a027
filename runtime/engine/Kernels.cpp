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
#include <cstring>
#include <limits>

#if defined(__SSE2__)
#include <immintrin.h>
#endif

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
  // Spikes are rare: test 16 elements at a time and skip the all-zero
  // groups; list a group's non-zero elements from a bit mask, so the cost
  // is per spike, not per element. `x != 0` is true for NaN and false for
  // -0, here as in the scalar tail.
  constexpr int64_t kGroup = 16;
  int64_t count = 0, k = 0;
#if defined(__AVX2__)
  const __m256 zero = _mm256_setzero_ps();
  for (; k + kGroup <= n; k += kGroup) {
    // Not-equal-or-unordered: true for NaN, as `!=` is.
    unsigned mask =
        static_cast<unsigned>(_mm256_movemask_ps(
            _mm256_cmp_ps(_mm256_loadu_ps(x + k), zero, _CMP_NEQ_UQ))) |
        static_cast<unsigned>(_mm256_movemask_ps(
            _mm256_cmp_ps(_mm256_loadu_ps(x + k + 8), zero, _CMP_NEQ_UQ)))
            << 8;
    for (; mask; mask &= mask - 1)
      active[count++] = static_cast<uint32_t>(k + __builtin_ctz(mask));
  }
#elif defined(__SSE2__)
  const __m128 zero = _mm_setzero_ps();
  for (; k + kGroup <= n; k += kGroup) {
    unsigned mask = 0;
    for (int j = 0; j < 4; ++j)
      mask |= static_cast<unsigned>(_mm_movemask_ps(
                  _mm_cmpneq_ps(_mm_loadu_ps(x + k + 4 * j), zero)))
              << (4 * j);
    for (; mask; mask &= mask - 1)
      active[count++] = static_cast<uint32_t>(k + __builtin_ctz(mask));
  }
#else
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
#endif
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
  constexpr int64_t kMaxRows = int64_t(1) << 16;
  constexpr uint64_t kMaxEntries = std::numeric_limits<uint32_t>::max();
  std::vector<Block> built(nBlocks);
  for (unsigned b = 0; b < nBlocks; ++b) {
    Block &blk = built[b];
    splitRange(rows, b, nBlocks, blk.lo, blk.hi);
    for (int64_t lo = blk.lo; lo < blk.hi;) {
      // Grow the segment while its rows fit 16 bits and its entries 32.
      int64_t hi = lo + 1;
      while (hi < blk.hi && hi - lo < kMaxRows &&
             uint64_t(rowPtr[hi + 1]) - rowPtr[lo] <= kMaxEntries)
        ++hi;
      Segment &seg = blk.segments.emplace_back();
      seg.lo = lo;
      seg.hi = hi;
      seg.colPtr.assign(static_cast<size_t>(cols) + 1, 0);
      for (uint32_t k = rowPtr[lo]; k < rowPtr[hi]; ++k)
        ++seg.colPtr[col[k] + 1];
      for (int64_t c = 0; c < cols; ++c)
        seg.colPtr[c + 1] += seg.colPtr[c];
      seg.rows.resize(seg.colPtr[cols]);
      seg.weights.resize(seg.colPtr[cols]);
      // Rows ascending, so each column lists its rows ascending and a row's
      // duplicate columns keep their CSR order.
      std::vector<uint32_t> fill(seg.colPtr.begin(), seg.colPtr.end() - 1);
      for (int64_t r = lo; r < hi; ++r)
        for (uint32_t k = rowPtr[r]; k < rowPtr[r + 1]; ++k) {
          uint32_t at = fill[col[k]]++;
          seg.rows[at] = static_cast<uint16_t>(r - lo);
          seg.weights[at] = value[k];
        }
      // Columns whose entries share one weight need no weight stream.
      bool uniform = true;
      for (int64_t c = 0; c < cols && uniform; ++c)
        for (uint32_t k = seg.colPtr[c] + 1; k < seg.colPtr[c + 1]; ++k)
          if (std::memcmp(&seg.weights[k], &seg.weights[seg.colPtr[c]],
                          sizeof(float))) {
            uniform = false;
            break;
          }
      if (uniform) {
        seg.columnWeight.assign(static_cast<size_t>(cols), 0.0f);
        for (int64_t c = 0; c < cols; ++c)
          if (seg.colPtr[c] != seg.colPtr[c + 1])
            seg.columnWeight[c] = seg.weights[seg.colPtr[c]];
        decltype(seg.weights)().swap(seg.weights);
      }
      lo = hi;
    }
  }
  blocks = std::move(built);
  meanColumn = cols ? static_cast<double>(rowPtr[rows]) / cols : 0.0;
  return true;
}

double EventSparse::bytesPerEvent() const {
  double bytes = 0, entries = 0;
  for (const Block &blk : blocks)
    for (const Segment &seg : blk.segments) {
      double n = static_cast<double>(seg.rows.size());
      entries += n;
      bytes += n * (sizeof(uint16_t) + (seg.weights.empty() ? 0 : 4));
    }
  return entries ? bytes / entries : 0.0;
}

void EventSparse::push(unsigned block, const uint32_t *active, int64_t nActive,
                       const float *x, float *y) const {
  const Block &blk = blocks[block];
  std::fill(y + blk.lo, y + blk.hi, 0.0f);
  // Segments hold disjoint rows, so each row still sees its terms in the
  // order of `active`.
  for (const Segment &seg : blk.segments)
    pushSegment(seg, active, nActive, x, y + seg.lo);
}

namespace {
/// How a column's entries weigh its input xc.
enum class Weighing {
  Uniform, ///< One weight per column: every entry adds w = weight * xc.
  Unit,    ///< xc == 1: w * 1 == w exactly (weights are finite), no multiply.
  Scaled,  ///< Each entry adds weights[k] * xc.
};

/// y[rows[k]] += (the entry's term) for k in [begin, end), while streaming the
/// next column [pfBegin, pfEnd) into the cache a line per line added (a line
/// of weights, or of rows where the column has no weight stream).
template <Weighing kind>
void addColumn(const uint16_t *rows, const float *weights, uint32_t begin,
               uint32_t end, float w, uint32_t pfBegin, uint32_t pfEnd,
               float *y) {
  constexpr uint32_t kPerLine =
      64 / (kind == Weighing::Uniform ? sizeof(uint16_t) : sizeof(float));
  auto add = [&](uint32_t j) {
    y[rows[j]] += kind == Weighing::Uniform ? w
                  : kind == Weighing::Unit  ? weights[j]
                                            : weights[j] * w;
  };
  auto fetch = [&](uint32_t j) {
    if (kind != Weighing::Uniform)
      __builtin_prefetch(weights + j);
    __builtin_prefetch(rows + j);
  };
  uint32_t k = begin, pf = pfBegin;
  for (; end - k >= kPerLine; k += kPerLine) {
    if (pf < pfEnd) {
      fetch(pf);
      pf += kPerLine;
    }
    for (uint32_t j = k; j < k + kPerLine; ++j)
      add(j);
  }
  for (; k != end; ++k)
    add(k);
  for (; pf < pfEnd; pf += kPerLine)
    fetch(pf);
}
} // namespace

void EventSparse::pushSegment(const Segment &seg, const uint32_t *active,
                              int64_t nActive, const float *x, float *y) {
  const uint32_t *colPtr = seg.colPtr.data();
  const uint16_t *rows = seg.rows.data();
  const float *weights = seg.weights.empty() ? nullptr : seg.weights.data();
  // Columns lie at random places in large arrays, and the hardware
  // prefetchers stop at page boundaries: while one column is added, the next
  // one is streamed into the cache (addColumn), and the first lines of the
  // one after are asked for, so DRAM latency overlaps the work.
  auto fetchStart = [&](int64_t a) {
    uint32_t at = colPtr[active[a]];
    if (weights)
      __builtin_prefetch(weights + at);
    __builtin_prefetch(rows + at);
  };
  if (nActive > 0)
    fetchStart(0);
  for (int64_t a = 0; a < nActive; ++a) {
    uint32_t c = active[a];
    uint32_t pfBegin = 0, pfEnd = 0;
    if (a + 1 < nActive) {
      pfBegin = colPtr[active[a + 1]];
      pfEnd = colPtr[active[a + 1] + 1];
      if (a + 2 < nActive)
        fetchStart(a + 2);
    }
    uint32_t begin = colPtr[c], end = colPtr[c + 1];
    float xc = x[c];
    if (!weights)
      addColumn<Weighing::Uniform>(rows, nullptr, begin, end,
                                   seg.columnWeight[c] * xc, pfBegin, pfEnd, y);
    else if (xc == 1.0f)
      addColumn<Weighing::Unit>(rows, weights, begin, end, xc, pfBegin, pfEnd,
                                y);
    else
      addColumn<Weighing::Scaled>(rows, weights, begin, end, xc, pfBegin, pfEnd,
                                  y);
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
