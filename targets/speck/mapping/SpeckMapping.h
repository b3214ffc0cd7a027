//===- SpeckMapping.h - Speck layer limits and core assignment -*- C++ -*-===//
//
// A Speck-style chip (SynSense Speck / DYNAP-CNN) has 9 cores, each running
// one conv -> integrate-and-fire -> sum-pool stage. A network fits when every
// layer respects the per-core shape limits and the layers can be placed on
// distinct cores whose kernel, neuron and bias memories hold them. The rules
// and their sinabs sources are in targets/speck/mapping/README.md.
//
// Plain C++17 with no LLVM/MLIR dependency, so the mapper can be tested (and
// reused by tools) without building the compiler.
//
//===----------------------------------------------------------------------===//
#ifndef SNN_TARGETS_SPECK_MAPPING_SPECKMAPPING_H
#define SNN_TARGETS_SPECK_MAPPING_SPECKMAPPING_H

#include <cstdint>
#include <string>
#include <vector>

namespace snn::speck {

/// One Speck layer: conv (or dense-as-conv) -> IAF -> optional sum pool.
///
/// A dense layer over a C x H x W input is a conv with kernel H x W, stride 1
/// and no padding, giving a 1 x 1 feature map (sinabs
/// `DynapcnnLayer._convert_linear_to_conv`); a Flatten before it is free.
struct Layer {
  std::string name;
  int64_t inChannels = 1, inH = 1, inW = 1;
  int64_t outChannels = 1;
  int64_t kernelH = 1, kernelW = 1;
  int64_t strideH = 1, strideW = 1;
  int64_t padH = 0, padW = 0;
  int64_t pool = 1; ///< Sum-pool size and stride after the IAF: 1, 2 or 4.
  int64_t outH = 1, outW = 1; ///< IAF feature map, before the pool.
  bool hasBias = false;
  std::vector<int> destinations; ///< Indices of next layers; at most 2.
};

/// Memory entries one core offers.
struct CoreMemory {
  int64_t kernel, neuron, bias;
};

/// The cores of a chip, indexed by core id.
struct Chip {
  std::vector<CoreMemory> cores;
  /// The 9 cores of Speck with the sizes sinabs publishes
  /// (`chips/dynapcnn.py` get_constraints).
  static Chip speck();
};

/// Memory entries one layer needs.
struct LayerMemory {
  int64_t kernel, neuron, bias;
};

/// Smallest e with 2^e >= n (0 for n <= 1): the address width of n entries.
int64_t ceilLog2(int64_t n);

/// Output length of a convolution: (in - kernel + 2 * pad) / stride + 1,
/// rounded down as PyTorch and sinabs `get_neuron_shape` do.
int64_t convOutputSize(int64_t in, int64_t kernel, int64_t stride, int64_t pad);

/// The published formulas (sinabs `DynapcnnLayer.memory_summary`):
/// kernel = c_in * 2^(ceil(log2(kx*ky)) + ceil(log2 c_out)),
/// neuron = c_out * 2^(ceil(log2 fy) + ceil(log2 fx)),
/// bias = c_out when the conv has a bias, else 0.
LayerMemory memoryNeed(const Layer &layer);

/// Checks every per-layer limit (kernel size, stride, padding, pooling,
/// channels, feature-map sizes, destinations <= 2) and returns one message per
/// violation naming the layer, the limit, the value and what to change. Empty
/// when the layer fits a core's shape limits (memory is assignCores' job).
std::vector<std::string> checkLayer(const Layer &layer);

/// Maximum bipartite matching of layers to cores, where candidates[i] lists
/// the cores layer i fits, as a unit-capacity max-flow solved with
/// Edmonds-Karp (BFS augmenting paths). The graph is built and searched in
/// the order sinabs `mapping.py` uses (layers in order, cores by ascending
/// index), so the result is deterministic and equals sinabs' `auto` mapping.
/// coreOf[i] is layer i's core, or -1 when unmatched. Returns whether every
/// layer got a core.
bool matchLayersToCores(const std::vector<std::vector<int>> &candidates,
                        int numCores, std::vector<int> &coreOf);

/// Assigns layers to distinct cores so every layer's memory fits its core.
/// Returns false with a message naming the first layer that cannot be placed,
/// its needs, and the largest core's capacity, or saying that the layers need
/// more than the chip's cores.
bool assignCores(const std::vector<Layer> &layers, const Chip &chip,
                 std::vector<int> &coreOf, std::string &err);

} // namespace snn::speck

#endif // SNN_TARGETS_SPECK_MAPPING_SPECKMAPPING_H
