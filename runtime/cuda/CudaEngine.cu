//===- CudaEngine.cu - The step-plan engine on a CUDA device --------------===//
//
// Design (docs/runtime.md, "CUDA engine"):
// * Every buffer lives on the device for the whole run: node outputs, neuron
//   states, delay rings, snapshots for previous_step reads, the inputs.
// * One step is a fixed sequence of kernels over the whole batch (one thread
//   per batch item and output element), captured once into a CUDA graph and
//   replayed per step; the step number lives in device memory, so the graph
//   never changes. Small networks are launch-bound; one graph launch per step
//   replaces dozens of kernel launches.
// * Equality with the CPU engine: each output element is computed by one
//   thread with the CPU's operations in the CPU's order (operands summed in
//   plan order, dot products from k = 0 up, bias last; NeuronMath.h and
//   FixedPointMath.h are the same code on both sides), without FMA
//   (--fmad=false and the _rn intrinsics). No float atomics anywhere.
// * Event-driven propagation (affine and sparse nodes fed by spikes): a
//   per-item list of the non-zero inputs in ascending order, then only their
//   weight rows are read. Skipping a zero input skips adding w * 0 = +-0 to
//   the running sum, which never changes it (a + +-0 == a for a != 0, and
//   +0 + -0 == +0), so with finite weights the sums stay bit-identical.
// * Recordings go to a device buffer of `chunk` steps, copied to the result
//   tensors after each chunk; the progress callback runs there too.
//
//===----------------------------------------------------------------------===//

#include "runtime/cuda/CudaEngine.h"
#include "runtime/cuda/NeuronKernels.h"

#include "runtime/engine/FixedPoint.h"
#include "runtime/engine/FixedPointMath.h"
#include "runtime/engine/NeuronMath.h"
#include "runtime/engine/Simulation.h"

#include <cub/block/block_reduce.cuh>
#include <cub/block/block_scan.cuh>
#include <cuda_runtime.h>

#include <algorithm>
#include <climits>
#include <cstring>
#include <exception>
#include <new>

using namespace snn;
using namespace snn::runtime;
using namespace snn::runtime::cuda;

namespace {

constexpr int kThreads = 256;
constexpr unsigned long long kNoError = ULLONG_MAX;

/// Device-resident step counter and the first fixed-point input error.
struct Control {
  long long t;                ///< The step the graph computes next.
  unsigned long long errKey;  ///< step * nodes + node of the first failure.
  unsigned long long errElem; ///< Smallest failing element of that launch.
};

__device__ inline int64_t threadIndex() {
  return static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
}

unsigned blocksFor(int64_t count) {
  return static_cast<unsigned>((count + kThreads - 1) / kThreads);
}

//===----------------------------------------------------------------------===//
// Kernels. `B` is the batch; every (B, n) buffer is item-major.
//===----------------------------------------------------------------------===//

__global__ void inputKernel(const float *in, int64_t B, int64_t T, int64_t n,
                            const Control *ctl, float *y) {
  int64_t idx = threadIndex();
  if (idx >= B * n)
    return;
  int64_t t = ctl->t, b = idx / n, e = idx % n;
  y[idx] = t < T ? in[(b * T + t) * n + e] : 0.0f;
}

/// acc[e] += x[e], one operand after another as the CPU's gatherInput.
__global__ void accumulateKernel(float *acc, const float *x, int64_t count) {
  int64_t idx = threadIndex();
  if (idx < count)
    acc[idx] = addRn(acc[idx], x[idx]);
}

/// y = W x + b with W stored transposed (in, out): threads of a warp read
/// consecutive outputs of one input row.
template <typename Weight>
__global__ void affineDenseKernel(const Weight *wT, const float *bias,
                                  int64_t B, int64_t in, int64_t out,
                                  const float *x, float *y) {
  int64_t idx = threadIndex();
  if (idx >= B * out)
    return;
  int64_t b = idx / out, o = idx % out;
  const float *xb = x + b * in;
  float acc = 0.0f;
  for (int64_t k = 0; k < in; ++k)
    acc = addRn(acc, mulRn(static_cast<float>(wT[k * out + o]), xb[k]));
  y[idx] = bias ? addRn(acc, bias[o]) : acc;
}

/// Lists, per batch item, the indices of the non-zero inputs in ascending
/// order: list[b * (in + 1)] is the count, the indices follow. One block per
/// item; the block scans `kThreads` inputs at a time so order is kept.
__global__ void spikeListKernel(const float *x, int64_t in, uint32_t *list) {
  using Scan = cub::BlockScan<int, kThreads>;
  __shared__ typename Scan::TempStorage scratch;
  __shared__ int64_t base;
  int64_t b = blockIdx.x;
  const float *xb = x + b * in;
  uint32_t *out = list + b * (in + 1);
  if (threadIdx.x == 0)
    base = 0;
  __syncthreads();
  for (int64_t start = 0; start < in; start += kThreads) {
    int64_t k = start + threadIdx.x;
    int flag = k < in && xb[k] != 0.0f; // NaN counts as non-zero.
    int pos = 0, total = 0;
    Scan(scratch).ExclusiveSum(flag, pos, total);
    if (flag)
      out[1 + base + pos] = static_cast<uint32_t>(k);
    __syncthreads();
    if (threadIdx.x == 0)
      base += total;
    __syncthreads();
  }
  if (threadIdx.x == 0)
    out[0] = static_cast<uint32_t>(base);
}

/// The affine sum over the listed inputs only, in ascending input order.
template <typename Weight>
__global__ void
affineEventKernel(const Weight *wT, const float *bias, int64_t B, int64_t in,
                  int64_t out, const uint32_t *list, const float *x, float *y) {
  int64_t idx = threadIndex();
  if (idx >= B * out)
    return;
  int64_t b = idx / out, o = idx % out;
  const float *xb = x + b * in;
  const uint32_t *lb = list + b * (in + 1);
  uint32_t count = lb[0];
  float acc = 0.0f;
  for (uint32_t j = 0; j < count; ++j) {
    int64_t k = lb[1 + j];
    acc = addRn(acc, mulRn(static_cast<float>(wT[k * out + o]), xb[k]));
  }
  y[idx] = bias ? addRn(acc, bias[o]) : acc;
}

/// CSR gather: each output walks its row in stored order, as the CPU does.
template <typename Index, typename Weight>
__global__ void sparseDenseKernel(const uint32_t *rowPtr, const Index *col,
                                  const Weight *value, int64_t B, int64_t in,
                                  int64_t out, const float *x, float *y) {
  int64_t idx = threadIndex();
  if (idx >= B * out)
    return;
  int64_t b = idx / out, o = idx % out;
  const float *xb = x + b * in;
  float acc = 0.0f;
  for (uint32_t e = rowPtr[o]; e < rowPtr[o + 1]; ++e)
    acc = addRn(acc, mulRn(static_cast<float>(value[e]), xb[col[e]]));
  y[idx] = acc;
}

/// Event-driven CSC scatter: one block per item walks the spike list in
/// ascending order; the threads share out the listed input's column. A column
/// names each output at most once, so no two threads touch one output between
/// the barriers, and every output receives its terms in ascending input order
/// (the CSR row order, which eventEligible requires to ascend).
template <typename Index, typename Weight>
__global__ void sparseEventKernel(const uint32_t *colPtr, const Index *row,
                                  const Weight *value, int64_t in, int64_t out,
                                  const uint32_t *list, const float *x,
                                  float *y) {
  int64_t b = blockIdx.x;
  const float *xb = x + b * in;
  const uint32_t *lb = list + b * (in + 1);
  float *yb = y + b * out;
  for (int64_t o = threadIdx.x; o < out; o += blockDim.x)
    yb[o] = 0.0f;
  __syncthreads();
  uint32_t count = lb[0];
  for (uint32_t j = 0; j < count; ++j) {
    uint32_t p = lb[1 + j];
    float xv = xb[p];
    for (uint32_t e = colPtr[p] + threadIdx.x; e < colPtr[p + 1];
         e += blockDim.x) {
      int64_t o = row[e];
      yb[o] = addRn(yb[o], mulRn(static_cast<float>(value[e]), xv));
    }
    __syncthreads();
  }
}

__global__ void convDeviceKernel(ConvGeom g, const float *w, const float *bias,
                                 int64_t B, const float *x, float *y) {
  int64_t outPer = g.cout * g.oh * g.ow, inPer = g.cin * g.h * g.w;
  int64_t idx = threadIndex();
  if (idx >= B * outPer)
    return;
  int64_t b = idx / outPer, r = idx % outPer;
  int64_t co = r / (g.oh * g.ow), oy = (r / g.ow) % g.oh, ox = r % g.ow;
  int64_t cinPerGroup = g.cin / g.groups, coutPerGroup = g.cout / g.groups;
  int64_t ciBase = (co / coutPerGroup) * cinPerGroup;
  const float *wc = w + co * cinPerGroup * g.kh * g.kw;
  const float *xb = x + b * inPer;
  float acc = 0.0f;
  for (int64_t ci = 0; ci < cinPerGroup; ++ci) {
    const float *xc = xb + (ciBase + ci) * g.h * g.w;
    const float *wk = wc + ci * g.kh * g.kw;
    for (int64_t ky = 0; ky < g.kh; ++ky) {
      int64_t iy = oy * g.sh - g.ph + ky * g.dh;
      if (iy < 0 || iy >= g.h)
        continue;
      for (int64_t kx = 0; kx < g.kw; ++kx) {
        int64_t ix = ox * g.sw - g.pw + kx * g.dw;
        if (ix < 0 || ix >= g.w)
          continue;
        acc = addRn(acc, mulRn(wk[ky * g.kw + kx], xc[iy * g.w + ix]));
      }
    }
  }
  y[idx] = bias ? addRn(acc, bias[co]) : acc;
}

__global__ void poolDeviceKernel(PoolGeom g, int64_t B, const float *x,
                                 float *y) {
  int64_t outPer = g.c * g.oh * g.ow;
  int64_t idx = threadIndex();
  if (idx >= B * outPer)
    return;
  int64_t b = idx / outPer, r = idx % outPer;
  int64_t c = r / (g.oh * g.ow), oy = (r / g.ow) % g.oh, ox = r % g.ow;
  const float *xc = x + b * g.c * g.h * g.w + c * g.h * g.w;
  float acc = 0.0f;
  for (int64_t ky = 0; ky < g.kh; ++ky) {
    int64_t iy = oy * g.sh - g.ph + ky;
    if (iy < 0 || iy >= g.h)
      continue;
    for (int64_t kx = 0; kx < g.kw; ++kx) {
      int64_t ix = ox * g.sw - g.pw + kx;
      if (ix >= 0 && ix < g.w)
        acc = addRn(acc, xc[iy * g.w + ix]);
    }
  }
  // Divide, as the CPU kernel and PyTorch do.
  y[idx] = g.average ? divRn(acc, static_cast<float>(g.kh * g.kw)) : acc;
}

__global__ void scaleDeviceKernel(const float *s, int64_t ns, int64_t B,
                                  int64_t n, const float *x, float *y) {
  int64_t idx = threadIndex();
  if (idx < B * n)
    y[idx] = mulRn(s[ns == 1 ? 0 : idx % n], x[idx]);
}

__global__ void thresholdDeviceKernel(const float *th, int64_t nth, int64_t B,
                                      int64_t n, const float *x, float *y) {
  int64_t idx = threadIndex();
  if (idx < B * n)
    y[idx] = x[idx] > th[nth == 1 ? 0 : idx % n] ? 1.0f : 0.0f;
}

/// The CPU DelayLine on a ring of `depth` frames of (B, n).
__global__ void delayKernel(const int64_t *steps, int64_t nsteps, int64_t depth,
                            int64_t B, int64_t n, const Control *ctl,
                            float *ring, const float *x, float *y) {
  int64_t idx = threadIndex();
  if (idx >= B * n)
    return;
  int64_t t = ctl->t, frame = B * n;
  ring[(t % depth) * frame + idx] = x[idx];
  int64_t d = steps[nsteps == 1 ? 0 : idx % n];
  y[idx] = t >= d ? ring[((t - d) % depth) * frame + idx] : 0.0f;
}

__global__ void neuronKernel(NeuronConfig config, NeuronParamArrays params,
                             int64_t B, int64_t n, const float *x,
                             NeuronState *state, float *y) {
  int64_t idx = threadIndex();
  if (idx >= B * n)
    return;
  NeuronState s = state[idx];
  y[idx] = neuronStep(config, gatherParams(params, idx % n), x[idx], s);
  state[idx] = s;
}

/// A fixed-point population. A non-integer input stops the run: the first
/// failing launch (in step, then node order) records itself in errKey and
/// its failing elements leave their input in `y` for the message; every
/// later fixed-point launch then does nothing, so that `y` survives.
__global__ void fixedKernel(FixedConfig config, FixedParamArrays params,
                            int64_t B, int64_t n, unsigned long long node,
                            unsigned long long nodes, Control *ctl,
                            const float *x, FixedState *state, float *y) {
  int64_t idx = threadIndex();
  if (idx >= B * n)
    return;
  unsigned long long key =
      static_cast<unsigned long long>(ctl->t) * nodes + node;
  unsigned long long failed =
      *static_cast<volatile unsigned long long *>(&ctl->errKey);
  if (failed != kNoError && failed != key)
    return;
  int64_t xi;
  if (!roundFixedInput(x[idx], xi)) {
    atomicMin(&ctl->errKey, key);
    atomicMin(&ctl->errElem, static_cast<unsigned long long>(idx));
    y[idx] = x[idx];
    return;
  }
  FixedState s = state[idx];
  y[idx] = fixedStep(config, params, idx % n, xi, s);
  state[idx] = s;
}

/// Adds each item's output sum of the step to its spike counter. Outputs of
/// counted nodes are whole spike counts, so the double sum is exact in any
/// order and equals the CPU's.
__global__ void countKernel(const float *y, int64_t n, double *counts) {
  using Reduce = cub::BlockReduce<double, kThreads>;
  __shared__ typename Reduce::TempStorage scratch;
  int64_t b = blockIdx.x;
  double sum = 0.0;
  for (int64_t e = threadIdx.x; e < n; e += kThreads)
    sum += y[b * n + e];
  sum = Reduce(scratch).Sum(sum);
  if (threadIdx.x == 0)
    counts[b] += sum;
}

enum class ProbeKind { Output, Membrane, Current };

/// Copies a signal into slot t % chunk of a (B, chunk, n) recording.
__global__ void recordKernel(ProbeKind kind, const float *y,
                             const NeuronState *neurons,
                             const FixedState *fixed, int64_t B, int64_t n,
                             int64_t chunk, const Control *ctl, float *rec) {
  int64_t idx = threadIndex();
  if (idx >= B * n)
    return;
  int64_t b = idx / n, e = idx % n, slot = ctl->t % chunk;
  float v;
  if (kind == ProbeKind::Output)
    v = y[idx];
  else if (neurons)
    v = kind == ProbeKind::Membrane ? neurons[idx].v : neurons[idx].i;
  else // Fixed-point state is recorded raw, as the CPU engine does.
    v = static_cast<float>(kind == ProbeKind::Membrane ? fixed[idx].v
                                                       : fixed[idx].i);
  rec[(b * chunk + slot) * n + e] = v;
}

__global__ void tickKernel(Control *ctl) { ctl->t += 1; }

//===----------------------------------------------------------------------===//
// Host side.
//===----------------------------------------------------------------------===//

/// A CUDA failure, turned into the run's error message at the top.
struct CudaFailure : std::exception {
  std::string message;
  CudaFailure(const char *what, cudaError_t e)
      : message(std::string("CUDA ") + what +
                " failed: " + cudaGetErrorString(e)) {}
  const char *what() const noexcept override { return message.c_str(); }
};

void check(cudaError_t e, const char *what) {
  if (e != cudaSuccess)
    throw CudaFailure(what, e);
}

/// Owns every device allocation of one run.
class DeviceMemory {
public:
  ~DeviceMemory() {
    for (void *p : ptrs)
      cudaFree(p);
  }
  template <typename T> T *alloc(int64_t count) {
    if (count <= 0)
      return nullptr;
    void *p = nullptr;
    check(cudaMalloc(&p, static_cast<size_t>(count) * sizeof(T)), "cudaMalloc");
    ptrs.push_back(p);
    return static_cast<T *>(p);
  }
  template <typename T> T *zeros(int64_t count) {
    T *p = alloc<T>(count);
    if (p)
      check(cudaMemset(p, 0, static_cast<size_t>(count) * sizeof(T)),
            "cudaMemset");
    return p;
  }
  template <typename T> T *upload(const T *host, int64_t count) {
    T *p = alloc<T>(count);
    if (p)
      check(cudaMemcpy(p, host, static_cast<size_t>(count) * sizeof(T),
                       cudaMemcpyHostToDevice),
            "cudaMemcpy");
    return p;
  }
  template <typename T> T *upload(const std::vector<T> &v) {
    return upload(v.data(), static_cast<int64_t>(v.size()));
  }

private:
  std::vector<void *> ptrs;
};

/// A CSR matrix (out, in) transposed to CSC: per input, the outputs it
/// feeds in ascending order with their weights.
void transposeCsr(const plan::SparseOp &sp, int64_t in, int64_t out,
                  std::vector<uint32_t> &colPtr, std::vector<uint32_t> &row,
                  std::vector<float> &value) {
  colPtr.assign(in + 1, 0);
  for (uint32_t c : sp.col())
    ++colPtr[c + 1];
  for (int64_t p = 0; p < in; ++p)
    colPtr[p + 1] += colPtr[p];
  std::vector<uint32_t> next(colPtr.begin(), colPtr.end() - 1);
  row.assign(sp.col_size(), 0);
  value.assign(sp.col_size(), 0.0f);
  for (int64_t o = 0; o < out; ++o)
    for (uint32_t e = sp.row_ptr(o); e < sp.row_ptr(o + 1); ++e) {
      uint32_t at = next[sp.col(e)]++;
      row[at] = static_cast<uint32_t>(o);
      value[at] = sp.value(e);
    }
}

/// Indices narrowed to `bytes` (2 or 4) per entry, uploaded.
void *uploadIndices(DeviceMemory &mem, const uint32_t *v, int64_t count,
                    int bytes) {
  if (bytes == 4)
    return mem.upload(v, count);
  std::vector<uint16_t> narrow(v, v + count);
  return mem.upload(narrow);
}

/// Weights narrowed to `bytes` (1, 2: exact signed integers, see
/// narrowestWeightBytes; 4: float), uploaded.
void *uploadWeights(DeviceMemory &mem, const float *v, int64_t count,
                    int bytes) {
  if (bytes == 1)
    return mem.upload(std::vector<int8_t>(v, v + count));
  if (bytes == 2)
    return mem.upload(std::vector<int16_t>(v, v + count));
  return mem.upload(v, count);
}

/// What one node owns on the device.
struct DeviceNode {
  float *y = nullptr;    ///< (B, out).
  float *prev = nullptr; ///< Snapshot of y, when some node needs it.
  // Synapses: weights (affine transposed, conv as stored), bias, CSR/CSC.
  float *w = nullptr, *bias = nullptr;
  void *weights = nullptr; ///< Affine (transposed) or sparse, at weightBytes.
  uint32_t *ptr = nullptr;
  void *indices = nullptr;
  uint32_t *spikeList = nullptr;
  int64_t *delaySteps = nullptr;
  float *ring = nullptr;
  int64_t depth = 1;
  NeuronParamArrays neuronParams;
  NeuronState *neurons = nullptr;
  FixedParamArrays fixedParams;
  FixedState *fixed = nullptr;
  float *input = nullptr; ///< (B, T, n) for input nodes.
};

/// A resolved recording.
struct Probe {
  int64_t node;
  ProbeKind kind;
  Tensor *target;
  float *device = nullptr; ///< (B, chunk, n).
};

/// One batch group's device state and its captured step.
class GroupRun {
public:
  GroupRun(const plan::Plan &plan, const std::vector<NodeLayout> &layouts,
           const std::vector<NodePlacement> &placements,
           const detail::PreparedPlan &prepared, int64_t batch, int64_t length,
           int64_t chunk)
      : plan(plan), layouts(layouts), placements(placements),
        prepared(prepared), B(batch), T(length), chunk(chunk) {}
  ~GroupRun() {
    if (exec)
      cudaGraphExecDestroy(exec);
    if (graph)
      cudaGraphDestroy(graph);
    if (stream)
      cudaStreamDestroy(stream);
  }

  /// Allocates and uploads everything; `inputs` are this group's slices.
  void setUp(const std::vector<const float *> &inputs,
             std::vector<Probe> &probes, const std::vector<int64_t> &counted);
  /// Runs steps [t0, t1) and copies their recordings into the probes'
  /// targets at batch offset `b0`. Returns false with `err` on a
  /// fixed-point input error.
  bool runSteps(int64_t t0, int64_t t1, int64_t steps, int64_t b0,
                std::vector<Probe> &probes, std::string &err);
  /// Adds this group's spike counts to `stats` at batch offset `b0`.
  void collectCounts(std::vector<NodeStats> &stats, int64_t b0);

private:
  void captureStep(const std::vector<Probe> &probes);
  /// Launches an affine or sparse node's kernel for its weight type.
  template <typename Weight>
  void launchSynapses(const plan::Node &node, const DeviceNode &d, bool event,
                      bool narrow, int64_t in, int64_t out, const float *x);
  const float *operandSum(int64_t i);

  const plan::Plan &plan;
  const std::vector<NodeLayout> &layouts;
  const std::vector<NodePlacement> &placements;
  const detail::PreparedPlan &prepared;
  int64_t B, T, chunk;
  DeviceMemory mem;
  std::vector<DeviceNode> nodes;
  float *scratch = nullptr;
  Control *ctl = nullptr;
  std::vector<int64_t> counted;
  double *counts = nullptr; ///< (counted, B).
  cudaStream_t stream = nullptr;
  cudaGraph_t graph = nullptr;
  cudaGraphExec_t exec = nullptr;
};

void GroupRun::setUp(const std::vector<const float *> &inputs,
                     std::vector<Probe> &probes,
                     const std::vector<int64_t> &countedNodes) {
  int64_t maxScratch = 0;
  nodes.resize(plan.nodes_size());
  for (int i = 0; i < plan.nodes_size(); ++i) {
    const plan::Node &node = plan.nodes(i);
    const NodeLayout &l = layouts[i];
    const detail::PreparedNode &pn = prepared.nodes[i];
    DeviceNode &d = nodes[i];
    int64_t elems = B * l.outNumel;
    bool event = placements[i].propagation == Propagation::Event;
    d.y = mem.zeros<float>(elems);
    if (pn.snapshot)
      d.prev = mem.zeros<float>(elems);
    if (node.operands_size() > 1)
      maxScratch = std::max(maxScratch, l.inNumel);
    switch (node.op_case()) {
    case plan::Node::kInput:
      d.input = mem.upload(inputs[pn.inputSlot], B * T * l.outNumel);
      break;
    case plan::Node::kAffine: {
      const plan::AffineOp &a = node.affine();
      std::vector<float> wT(a.weight_size());
      for (int64_t o = 0; o < l.outNumel; ++o)
        for (int64_t k = 0; k < l.inNumel; ++k)
          wT[k * l.outNumel + o] = a.weight(o * l.inNumel + k);
      d.weights =
          uploadWeights(mem, wT.data(), wT.size(), placements[i].weightBytes);
      d.bias = mem.upload(a.bias().data(), a.bias_size());
      if (event)
        d.spikeList = mem.alloc<uint32_t>(B * (l.inNumel + 1));
      break;
    }
    case plan::Node::kSparse: {
      const plan::SparseOp &sp = node.sparse();
      int bytes = placements[i].indexBytes;
      if (event) {
        std::vector<uint32_t> colPtr, row;
        std::vector<float> value;
        transposeCsr(sp, l.inNumel, l.outNumel, colPtr, row, value);
        d.ptr = mem.upload(colPtr);
        d.indices = uploadIndices(mem, row.data(), row.size(), bytes);
        d.weights = uploadWeights(mem, value.data(), value.size(),
                                  placements[i].weightBytes);
        d.spikeList = mem.alloc<uint32_t>(B * (l.inNumel + 1));
      } else {
        d.ptr = mem.upload(sp.row_ptr().data(), sp.row_ptr_size());
        d.indices = uploadIndices(mem, sp.col().data(), sp.col_size(), bytes);
        d.weights = uploadWeights(mem, sp.value().data(), sp.value_size(),
                                  placements[i].weightBytes);
      }
      break;
    }
    case plan::Node::kConv:
      d.w = mem.upload(node.conv().weight().data(), node.conv().weight_size());
      d.bias = mem.upload(node.conv().bias().data(), node.conv().bias_size());
      break;
    case plan::Node::kScale:
      d.w = mem.upload(node.scale().scale().data(), node.scale().scale_size());
      break;
    case plan::Node::kThreshold:
      d.w = mem.upload(node.threshold().threshold().data(),
                       node.threshold().threshold_size());
      break;
    case plan::Node::kDelay: {
      const auto &s = node.delay().steps();
      std::vector<int64_t> steps(s.begin(), s.end());
      d.delaySteps = mem.upload(steps);
      d.depth = 1 + *std::max_element(steps.begin(), steps.end());
      d.ring = mem.zeros<float>(d.depth * elems);
      break;
    }
    case plan::Node::kNeuron:
      for (int f = 0; f < NeuronParamArrays::NumFields; ++f) {
        d.neuronParams.counts[f] = pn.neuronParams.counts[f];
        d.neuronParams.values[f] =
            mem.upload(pn.neuronParams.values[f], pn.neuronParams.counts[f]);
      }
      d.neurons = mem.zeros<NeuronState>(elems);
      break;
    case plan::Node::kLoihiNeuron:
    case plan::Node::kSpinnakerNeuron:
    case plan::Node::kSpeckNeuron:
      for (int f = 0; f < FixedParamArrays::NumFields; ++f) {
        d.fixedParams.counts[f] = pn.fixedParams.counts[f];
        d.fixedParams.values[f] =
            mem.upload(pn.fixedParams.values[f], pn.fixedParams.counts[f]);
      }
      d.fixed = mem.zeros<FixedState>(elems);
      break;
    default:
      break;
    }
  }
  scratch = mem.alloc<float>(B * maxScratch);
  ctl = mem.alloc<Control>(1);
  Control init{0, kNoError, kNoError};
  check(cudaMemcpy(ctl, &init, sizeof init, cudaMemcpyHostToDevice),
        "cudaMemcpy");
  counted = countedNodes;
  counts = mem.zeros<double>(static_cast<int64_t>(counted.size()) * B);
  for (Probe &p : probes)
    p.device = mem.alloc<float>(B * chunk * layouts[p.node].outNumel);
  check(cudaStreamCreateWithFlags(&stream, cudaStreamNonBlocking),
        "cudaStreamCreate");
  // The uploads and memsets above ran on the legacy stream, which a
  // non-blocking stream does not wait for.
  check(cudaDeviceSynchronize(), "setting up the device buffers");
  captureStep(probes);
}

const float *GroupRun::operandSum(int64_t i) {
  const detail::PreparedNode &pn = prepared.nodes[i];
  auto source = [&](const detail::PreparedNode::Source &s) -> const float * {
    return s.fromSnapshot ? nodes[s.node].prev : nodes[s.node].y;
  };
  if (pn.operands.size() == 1)
    return source(pn.operands[0]);
  int64_t count = B * layouts[i].inNumel;
  check(cudaMemcpyAsync(scratch, source(pn.operands[0]), count * sizeof(float),
                        cudaMemcpyDeviceToDevice, stream),
        "cudaMemcpyAsync");
  for (size_t k = 1; k < pn.operands.size(); ++k)
    accumulateKernel<<<blocksFor(count), kThreads, 0, stream>>>(
        scratch, source(pn.operands[k]), count);
  return scratch;
}

template <typename Weight>
void GroupRun::launchSynapses(const plan::Node &node, const DeviceNode &d,
                              bool event, bool narrow, int64_t in, int64_t out,
                              const float *x) {
  const Weight *w = static_cast<const Weight *>(d.weights);
  unsigned grid = blocksFor(B * out), items = static_cast<unsigned>(B);
  if (node.has_affine()) {
    if (event)
      affineEventKernel<<<grid, kThreads, 0, stream>>>(w, d.bias, B, in, out,
                                                       d.spikeList, x, d.y);
    else
      affineDenseKernel<<<grid, kThreads, 0, stream>>>(w, d.bias, B, in, out, x,
                                                       d.y);
    return;
  }
  auto idx16 = static_cast<const uint16_t *>(d.indices);
  auto idx32 = static_cast<const uint32_t *>(d.indices);
  if (event && narrow)
    sparseEventKernel<<<items, kThreads, 0, stream>>>(d.ptr, idx16, w, in, out,
                                                      d.spikeList, x, d.y);
  else if (event)
    sparseEventKernel<<<items, kThreads, 0, stream>>>(d.ptr, idx32, w, in, out,
                                                      d.spikeList, x, d.y);
  else if (narrow)
    sparseDenseKernel<<<grid, kThreads, 0, stream>>>(d.ptr, idx16, w, B, in,
                                                     out, x, d.y);
  else
    sparseDenseKernel<<<grid, kThreads, 0, stream>>>(d.ptr, idx32, w, B, in,
                                                     out, x, d.y);
}

void GroupRun::captureStep(const std::vector<Probe> &probes) {
  check(cudaStreamBeginCapture(stream, cudaStreamCaptureModeThreadLocal),
        "cudaStreamBeginCapture");
  unsigned long long numNodes = plan.nodes_size();
  for (int i = 0; i < plan.nodes_size(); ++i)
    if (nodes[i].prev)
      check(cudaMemcpyAsync(nodes[i].prev, nodes[i].y,
                            B * layouts[i].outNumel * sizeof(float),
                            cudaMemcpyDeviceToDevice, stream),
            "cudaMemcpyAsync");
  for (int i = 0; i < plan.nodes_size(); ++i) {
    const plan::Node &node = plan.nodes(i);
    const NodeLayout &l = layouts[i];
    DeviceNode &d = nodes[i];
    int64_t in = l.inNumel, out = l.outNumel, elems = B * out;
    unsigned grid = blocksFor(elems);
    if (node.has_input()) {
      inputKernel<<<grid, kThreads, 0, stream>>>(d.input, B, T, out, ctl, d.y);
      continue;
    }
    if (node.has_zero() || elems == 0)
      continue; // Stays zero from allocation (or has no elements).
    const float *x = operandSum(i);
    bool event = placements[i].propagation == Propagation::Event;
    bool narrow = placements[i].indexBytes == 2;
    switch (node.op_case()) {
    case plan::Node::kIdentity:
      check(cudaMemcpyAsync(d.y, x, elems * sizeof(float),
                            cudaMemcpyDeviceToDevice, stream),
            "cudaMemcpyAsync");
      break;
    case plan::Node::kAffine:
    case plan::Node::kSparse:
      if (event)
        spikeListKernel<<<static_cast<unsigned>(B), kThreads, 0, stream>>>(
            x, in, d.spikeList);
      switch (placements[i].weightBytes) {
      case 1:
        launchSynapses<int8_t>(node, d, event, narrow, in, out, x);
        break;
      case 2:
        launchSynapses<int16_t>(node, d, event, narrow, in, out, x);
        break;
      default:
        launchSynapses<float>(node, d, event, narrow, in, out, x);
        break;
      }
      break;
    case plan::Node::kConv:
      convDeviceKernel<<<grid, kThreads, 0, stream>>>(l.conv, d.w, d.bias, B, x,
                                                      d.y);
      break;
    case plan::Node::kPool:
      poolDeviceKernel<<<grid, kThreads, 0, stream>>>(l.pool, B, x, d.y);
      break;
    case plan::Node::kScale:
      scaleDeviceKernel<<<grid, kThreads, 0, stream>>>(
          d.w, node.scale().scale_size(), B, out, x, d.y);
      break;
    case plan::Node::kThreshold:
      thresholdDeviceKernel<<<grid, kThreads, 0, stream>>>(
          d.w, node.threshold().threshold_size(), B, out, x, d.y);
      break;
    case plan::Node::kDelay:
      delayKernel<<<grid, kThreads, 0, stream>>>(
          d.delaySteps, node.delay().steps_size(), d.depth, B, out, ctl, d.ring,
          x, d.y);
      break;
    case plan::Node::kNeuron:
      neuronKernel<<<grid, kThreads, 0, stream>>>(
          prepared.nodes[i].neuronConfig, d.neuronParams, B, out, x, d.neurons,
          d.y);
      break;
    case plan::Node::kLoihiNeuron:
    case plan::Node::kSpinnakerNeuron:
    case plan::Node::kSpeckNeuron:
      fixedKernel<<<grid, kThreads, 0, stream>>>(
          prepared.nodes[i].fixedConfig, d.fixedParams, B, out,
          static_cast<unsigned long long>(i), numNodes, ctl, x, d.fixed, d.y);
      break;
    default:
      break; // Validation rejects other ops.
    }
  }
  for (size_t c = 0; c < counted.size(); ++c)
    countKernel<<<static_cast<unsigned>(B), kThreads, 0, stream>>>(
        nodes[counted[c]].y, layouts[counted[c]].outNumel, counts + c * B);
  for (const Probe &p : probes) {
    const DeviceNode &d = nodes[p.node];
    int64_t n = layouts[p.node].outNumel;
    if (n == 0)
      continue;
    recordKernel<<<blocksFor(B * n), kThreads, 0, stream>>>(
        p.kind, d.y, d.neurons, d.fixed, B, n, chunk, ctl, p.device);
  }
  tickKernel<<<1, 1, 0, stream>>>(ctl);
  check(cudaStreamEndCapture(stream, &graph), "cudaStreamEndCapture");
  check(cudaGetLastError(), "kernel launch");
  check(cudaGraphInstantiate(&exec, graph, 0), "cudaGraphInstantiate");
}

bool GroupRun::runSteps(int64_t t0, int64_t t1, int64_t steps, int64_t b0,
                        std::vector<Probe> &probes, std::string &err) {
  for (int64_t t = t0; t < t1; ++t)
    check(cudaGraphLaunch(exec, stream), "cudaGraphLaunch");
  check(cudaStreamSynchronize(stream), "step execution");
  Control c;
  check(cudaMemcpy(&c, ctl, sizeof c, cudaMemcpyDeviceToHost), "cudaMemcpy");
  if (c.errKey != kNoError) {
    int64_t nodeIndex = static_cast<int64_t>(c.errKey % plan.nodes_size());
    int64_t step = static_cast<int64_t>(c.errKey / plan.nodes_size());
    int64_t n = layouts[nodeIndex].outNumel;
    float x = 0.0f;
    check(cudaMemcpy(&x, nodes[nodeIndex].y + c.errElem, sizeof x,
                     cudaMemcpyDeviceToHost),
          "cudaMemcpy");
    err = "run of plan '" + plan.name() + "' failed: " +
          nonIntegerInputMessage(plan.nodes(nodeIndex), x,
                                 static_cast<int64_t>(c.errElem) % n, n, step);
    return false;
  }
  int64_t len = t1 - t0;
  for (Probe &p : probes) {
    int64_t n = layouts[p.node].outNumel;
    if (n == 0)
      continue; // Nothing recorded (and no device buffer).
    size_t row = static_cast<size_t>(n) * sizeof(float);
    // Item b's steps [t0, t1) are contiguous in both layouts.
    float *dst = p.target->data.data() + (b0 * steps + t0) * n;
    const float *src = p.device + (t0 % chunk) * n;
    check(cudaMemcpy2D(dst, steps * row, src, chunk * row, len * row, B,
                       cudaMemcpyDeviceToHost),
          "cudaMemcpy2D");
  }
  return true;
}

void GroupRun::collectCounts(std::vector<NodeStats> &stats, int64_t b0) {
  std::vector<double> host(counted.size() * B);
  if (!host.empty())
    check(cudaMemcpy(host.data(), counts, host.size() * sizeof(double),
                     cudaMemcpyDeviceToHost),
          "cudaMemcpy");
  for (size_t c = 0; c < counted.size(); ++c)
    for (int64_t b = 0; b < B; ++b)
      stats[c].spikeCount[b0 + b] = host[c * B + b];
}

std::string describeParts(const MemoryParts &m) {
  return "weights " + formatBytes(m.weights) + ", state " +
         formatBytes(m.state) + ", spike buffers " +
         formatBytes(m.spikeBuffers) + ", recordings " +
         formatBytes(m.recordings) + ", inputs " + formatBytes(m.inputs);
}

} // namespace

bool snn::runtime::cuda::queryDevice(DeviceInfo &info, std::string &err) {
  if (!deviceAvailable(err))
    return false;
  cudaDeviceProp prop;
  size_t freeBytes = 0, totalBytes = 0;
  cudaError_t e = cudaGetDeviceProperties(&prop, 0);
  if (e == cudaSuccess)
    e = cudaMemGetInfo(&freeBytes, &totalBytes);
  if (e != cudaSuccess) {
    err = std::string("no CUDA device: ") + cudaGetErrorString(e);
    return false;
  }
  info.name = prop.name;
  info.freeBytes = static_cast<int64_t>(freeBytes);
  info.totalBytes = static_cast<int64_t>(totalBytes);
  return true;
}

CudaEngine::CudaEngine(std::unique_ptr<Engine> ref,
                       std::vector<NodeLayout> layouts,
                       std::vector<NodePlacement> placements)
    : reference(std::move(ref)), layouts(std::move(layouts)),
      placements(std::move(placements)) {}

CudaEngine::~CudaEngine() = default;

std::unique_ptr<CudaEngine> CudaEngine::create(plan::Plan plan,
                                               std::string &err) {
  std::vector<NodeLayout> layouts;
  std::vector<NodePlacement> placements;
  if (!validatePlan(plan, layouts, err) ||
      !placeNodes(plan, layouts, placements, err))
    return nullptr;
  std::unique_ptr<Engine> ref = Engine::create(std::move(plan), err);
  if (!ref)
    return nullptr;
  return std::unique_ptr<CudaEngine>(new CudaEngine(
      std::move(ref), std::move(layouts), std::move(placements)));
}

bool CudaEngine::run(const std::vector<Tensor> &inputs,
                     const RunOptions &options, RunResult &result,
                     std::string &err) const try {
  const plan::Plan &plan = getPlan();
  // Inputs are checked exactly as the CPU engine does; inputs held over
  // time (RunOptions::staticInput) are the CPU engine's alone.
  int64_t batch = 1, length = 0, steps = 0;
  if (!checkRunInputs(plan, inputs, /*staticInput=*/false, options.steps,
                      batch, length, steps, err))
    return false;

  // Recordings, then the plan outputs, as the CPU engine orders them.
  result = RunResult();
  std::vector<Probe> probes;
  for (const std::string &name : options.record) {
    char signal;
    int64_t node = reference->resolveRecord(name, signal, err);
    if (node < 0)
      return false;
    ProbeKind kind = signal == 'v'   ? ProbeKind::Membrane
                     : signal == 'i' ? ProbeKind::Current
                                     : ProbeKind::Output;
    std::vector<int64_t> shape = {batch, steps};
    shape.insert(shape.end(), plan.nodes(node).shape().begin(),
                 plan.nodes(node).shape().end());
    Tensor &t = result.records[name];
    t = Tensor(shape);
    probes.push_back({node, kind, &t});
  }
  result.outputs.reserve(plan.outputs_size());
  for (const plan::Output &o : plan.outputs()) {
    std::vector<int64_t> shape = {batch, steps};
    shape.insert(shape.end(), plan.nodes(o.node()).shape().begin(),
                 plan.nodes(o.node()).shape().end());
    result.outputs.emplace_back(o.name(), Tensor(shape));
  }
  for (int k = 0; k < plan.outputs_size(); ++k)
    probes.push_back(
        {plan.outputs(k).node(), ProbeKind::Output, &result.outputs[k].second});
  detail::PreparedPlan prepared = detail::preparePlan(plan);
  std::vector<int64_t> counted;
  for (int i = 0; i < plan.nodes_size(); ++i)
    if (prepared.nodes[i].countsSpikes) {
      counted.push_back(i);
      result.stats.push_back(
          {plan.nodes(i).name(), i, std::vector<double>(batch, 0.0)});
    }
  if (batch == 0 || steps == 0)
    return true;

  // Size the run before allocating anything.
  int64_t group =
      plan.gpu().batch() ? std::min<int64_t>(plan.gpu().batch(), batch) : batch;
  RunShape shape;
  shape.batch = group;
  shape.length = length;
  shape.steps = steps;
  for (const Probe &p : probes)
    shape.recordNumel.push_back(layouts[p.node].outNumel);
  int64_t chunk = recordChunk(shape);
  MemoryParts need = estimateCuda(plan, layouts, placements, shape, group);
  DeviceInfo device;
  if (!queryDevice(device, err))
    return false;
  if (need.total() > device.freeBytes) {
    err = "plan '" + plan.name() + "' needs " + formatBytes(need.total()) +
          " of GPU memory for " + std::to_string(group) + " batch item(s) (" +
          describeParts(need) + ") but " + device.name + " has " +
          formatBytes(device.freeBytes) +
          " free; run fewer batch items or steps at once, or --device=cpu";
    return false;
  }

  int64_t done = 0, total = batch * steps;
  for (int64_t b0 = 0; b0 < batch; b0 += group) {
    int64_t g = std::min(group, batch - b0);
    std::vector<const float *> slices;
    for (const Tensor &in : inputs)
      slices.push_back(in.data.data() + b0 * (in.numel() / batch));
    GroupRun run(plan, layouts, placements, prepared, g, length, chunk);
    run.setUp(slices, probes, counted);
    for (int64_t t0 = 0; t0 < steps; t0 += chunk) {
      int64_t t1 = std::min(steps, t0 + chunk);
      if (!run.runSteps(t0, t1, steps, b0, probes, err))
        return false;
      done += (t1 - t0) * g;
      if (options.progress)
        options.progress(done, total);
    }
    run.collectCounts(result.stats, b0);
  }
  return true;
} catch (const std::bad_alloc &) {
  err = "out of memory while running plan '" + getPlan().name() + "'";
  return false;
} catch (const std::exception &e) {
  err = std::string("run of plan '") + getPlan().name() +
        "' failed on the GPU: " + e.what();
  return false;
}
