//===- Kernels.h - CPU kernels for the plan's synapse ops --------*- C++
//-*-===//
//
// One function per stateless op of the step plan, on raw row-major arrays of a
// single batch item and time step. The engine validates geometry before it
// calls these, so they neither check nor fail.
//
//===----------------------------------------------------------------------===//

#ifndef SNN_RUNTIME_ENGINE_KERNELS_H
#define SNN_RUNTIME_ENGINE_KERNELS_H

#include "runtime/engine/HugePageAllocator.h"

#include <cstdint>
#include <vector>

namespace snn::runtime {

/// Resolved convolution geometry; a 1-d conv is a 2-d one with h = kh = 1.
struct ConvGeom {
  int64_t cin = 0, h = 1, w = 0;
  int64_t cout = 0, oh = 1, ow = 0;
  int64_t kh = 1, kw = 1, sh = 1, sw = 1, ph = 0, pw = 0, dh = 1, dw = 1;
  int64_t groups = 1;
};

/// Resolved 2-d pooling geometry over (C, H, W).
struct PoolGeom {
  int64_t c = 0, h = 0, w = 0, oh = 0, ow = 0;
  int64_t kh = 1, kw = 1, sh = 1, sw = 1, ph = 0, pw = 0;
  bool average = false;
  bool max = false; ///< Max pooling (padding skipped); `average` is false.
};

/// PyTorch's output length: floor((in + 2p - d(k-1) - 1) / s) + 1.
int64_t convOutSize(int64_t in, int64_t k, int64_t s, int64_t p, int64_t d);

/// y = W x + b with W row-major (out, in); `b` may be null.
void affineKernel(const float *w, const float *b, int64_t out, int64_t in,
                  const float *x, float *y);

/// y = s * x with s broadcast when `ns` == 1.
void scaleKernel(const float *s, int64_t ns, int64_t n, const float *x,
                 float *y);

/// PyTorch Conv1d/Conv2d cross-correlation with zero padding; `b` may be null.
void convKernel(const ConvGeom &g, const float *w, const float *b,
                const float *x, float *y);

/// Sum or average (padding counted) pooling with zero padding.
void poolKernel(const PoolGeom &g, const float *x, float *y);

/// Max pooling; padded positions are skipped (each window must hold an
/// input element, which padding < kernel guarantees).
void maxPoolKernel(const PoolGeom &g, const float *x, float *y);

/// y = max(x, 0) element-wise.
void reluKernel(int64_t n, const float *x, float *y);

/// y = W x with W in CSR form.
void sparseKernel(const uint32_t *rowPtr, const uint32_t *col,
                  const float *value, int64_t out, const float *x, float *y);

// Range forms: the same arithmetic restricted to outputs [lo, hi) (rows of
// affine and sparse, output channels of conv and pool), so a team of threads
// can split one step of one batch item without changing any result.
void affineRows(const float *w, const float *b, int64_t in, const float *x,
                float *y, int64_t lo, int64_t hi);
void convChannels(const ConvGeom &g, const float *w, const float *b,
                  const float *x, float *y, int64_t lo, int64_t hi);
void poolChannels(const PoolGeom &g, const float *x, float *y, int64_t lo,
                  int64_t hi);
void sparseRows(const uint32_t *rowPtr, const uint32_t *col, const float *value,
                const float *x, float *y, int64_t lo, int64_t hi);

/// Element range [lo, hi) of part `rank` when `n` items are split into
/// `parts` contiguous, nearly equal parts.
inline void splitRange(int64_t n, unsigned rank, unsigned parts, int64_t &lo,
                       int64_t &hi) {
  lo = n * rank / parts;
  hi = n * (rank + 1) / parts;
}

/// The indices of the non-zero entries of x, ascending, into `active`
/// (which must hold n entries); returns their count.
int64_t nonZeroIndices(const float *x, int64_t n, uint32_t *active);

/// A CSR matrix transposed per block of rows, for event-driven propagation:
/// a step touches only the columns (pre-synaptic elements) whose input is
/// non-zero, as spikes are sparse. Each block is cut into segments of at
/// most 65536 rows, so an entry is a 16-bit row offset and a float weight: 6
/// bytes per synaptic event instead of 8, in two arrays (structure of
/// arrays, so both stay aligned).
///
/// Push gives the same bits as sparseKernel's row-wise sum: each row still
/// adds its terms in CSR order starting from +0 (columns ascending within a
/// row), and a skipped term w * 0 is a signed zero, which never changes a
/// sum that starts at +0. Hence build() refuses rows with decreasing column
/// indices and non-finite weights (inf * 0 is NaN); callers then pull.
class EventSparse {
public:
  /// Returns false, and stays unusable, where push would not be bit-exact.
  bool build(const uint32_t *rowPtr, const uint32_t *col, const float *value,
             int64_t rows, int64_t cols, unsigned blocks);
  bool usable() const { return !blocks.empty(); }
  /// Rows [lo, hi) of y = W x given the ascending non-zero columns of x,
  /// where [lo, hi) is splitRange(rows, block, blocks).
  void push(unsigned block, const uint32_t *active, int64_t nActive,
            const float *x, float *y) const;
  /// Mean entries per column, to choose push or pull.
  double meanColumnLength() const { return meanColumn; }
  /// Mean bytes streamed per synaptic event: 2 (a row offset) in segments
  /// of uniform columns, 6 (row offset and weight) elsewhere.
  double bytesPerEvent() const;

private:
  /// Rows [lo, lo + 65536) at most, and fewer than 2^32 entries.
  struct Segment {
    int64_t lo = 0, hi = 0;
    std::vector<uint32_t> colPtr; // cols + 1 offsets into rows and weights
    std::vector<uint16_t, HugePageAllocator<uint16_t>> rows; // row - lo
    /// Per entry; empty when every column of the segment has one weight
    /// (per-neuron weights, Dale's law), which columnWeight then holds.
    std::vector<float, HugePageAllocator<float>> weights;
    std::vector<float> columnWeight;
  };
  struct Block {
    int64_t lo = 0, hi = 0;
    std::vector<Segment> segments;
  };
  static void pushSegment(const Segment &seg, const uint32_t *active,
                          int64_t nActive, const float *x, float *y);
  std::vector<Block> blocks;
  double meanColumn = 0.0;
};

/// y = (x > th) ? 1 : 0, th broadcast when `nth` == 1.
void thresholdKernel(const float *th, int64_t nth, int64_t n, const float *x,
                     float *y);

/// Per-element delay line: y[t] = x[t - d] (zero before the first d steps).
class DelayLine {
public:
  /// `steps` has 1 (broadcast) or `n` entries, all >= 0.
  void reset(const std::vector<int64_t> &steps, int64_t n);
  /// Pushes x[t] and writes y[t]; call once per step with t = 0, 1, ...
  void step(int64_t t, const float *x, float *y) { step(t, x, y, 0, n); }
  /// The same for elements [lo, hi) only.
  void step(int64_t t, const float *x, float *y, int64_t lo, int64_t hi);

private:
  std::vector<int64_t> steps;
  int64_t n = 0, depth = 1;
  std::vector<float> ring; // depth frames of n values; frame t % depth.
};

} // namespace snn::runtime

#endif // SNN_RUNTIME_ENGINE_KERNELS_H
