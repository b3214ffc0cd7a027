//===- Memory.cpp - Speck core memories and layer memory needs ------------===//
//
// Sources: sinabs `chips/dynapcnn.py` (get_constraints) for the core sizes,
// `dynapcnn_layer.py` (memory_summary) for the needs.
//
//===----------------------------------------------------------------------===//
#include "targets/speck/mapping/SpeckMapping.h"

#include <limits>

namespace snn::speck {

Chip Chip::speck() {
  constexpr int64_t ki = 1024;
  // Kernel memory grows towards cores 5-6 while neuron memory shrinks: early
  // layers (big feature maps, few channels) suit cores 0-2, wide late layers
  // suit 5-6.
  const int64_t kernel[9] = {16 * ki, 16 * ki, 16 * ki, 32 * ki, 32 * ki,
                             64 * ki, 64 * ki, 16 * ki, 16 * ki};
  const int64_t neuron[9] = {64 * ki, 64 * ki, 64 * ki, 32 * ki, 32 * ki,
                             16 * ki, 16 * ki, 16 * ki, 16 * ki};
  Chip chip;
  for (int i = 0; i < 9; ++i)
    chip.cores.push_back({kernel[i], neuron[i], /*bias=*/1024});
  return chip;
}

int64_t ceilLog2(int64_t n) {
  int64_t e = 0;
  while (e < 63 && (int64_t{1} << e) < n)
    ++e;
  return e;
}

int64_t convOutputSize(int64_t in, int64_t kernel, int64_t stride,
                       int64_t pad) {
  if (stride <= 0)
    return 0;
  int64_t span = in - kernel + 2 * pad;
  if (span < 0)
    return 0;
  return span / stride + 1;
}

/// count * 2^exp, saturated: a layer far over the limits must still compare
/// as "too big" rather than wrap around.
static int64_t scaled(int64_t count, int64_t exp) {
  constexpr int64_t max = std::numeric_limits<int64_t>::max();
  if (count <= 0)
    return 0;
  if (exp >= 62 || count > (max >> exp))
    return max;
  return count << exp;
}

LayerMemory memoryNeed(const Layer &layer) {
  // The chip addresses kernel and neuron memory by concatenating bit fields
  // (kernel position, output channel / row, column), so each field is
  // rounded up to a power of two: a 3x3 kernel takes 16 slots, not 9.
  LayerMemory need;
  need.kernel =
      scaled(layer.inChannels, ceilLog2(layer.kernelH * layer.kernelW) +
                                   ceilLog2(layer.outChannels));
  need.neuron =
      scaled(layer.outChannels, ceilLog2(layer.outH) + ceilLog2(layer.outW));
  need.bias = layer.hasBias ? layer.outChannels : 0;
  return need;
}

} // namespace snn::speck
