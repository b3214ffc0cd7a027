//===- Limits.cpp - Speck per-core shape limits ---------------------------===//
//
// Source: sinabs `docs/speck/overview.md` (DYNAP-CNN layer features) and
// `docs/speck/faqs/available_network_arch.md` (2 destinations, 64x64 output).
//
//===----------------------------------------------------------------------===//
#include "targets/speck/mapping/SpeckMapping.h"

#include <string>

namespace snn::speck {

namespace {
constexpr int64_t maxKernel = 16;
constexpr int64_t maxPadding = 7;
constexpr int64_t maxChannels = 1024;
constexpr int64_t maxInput = 128;
constexpr int64_t maxFeatureMap = 64;
constexpr size_t maxDestinations = 2;

std::string size2(int64_t h, int64_t w) {
  return std::to_string(h) + "x" + std::to_string(w);
}

bool isOneOf(int64_t v, std::initializer_list<int64_t> allowed) {
  for (int64_t a : allowed)
    if (v == a)
      return true;
  return false;
}

/// Collects messages of the form "layer 'x': <limit>: <value>; <fix>".
struct Report {
  const Layer &layer;
  std::vector<std::string> messages;
  void add(const std::string &what) {
    messages.push_back("layer '" + layer.name + "': " + what);
  }
};
} // namespace

std::vector<std::string> checkLayer(const Layer &layer) {
  Report r{layer, {}};

  // Non-positive sizes make the other checks (and the memory formulas)
  // meaningless, so report them alone.
  if (layer.inChannels < 1 || layer.outChannels < 1 || layer.inH < 1 ||
      layer.inW < 1 || layer.outH < 1 || layer.outW < 1 || layer.kernelH < 1 ||
      layer.kernelW < 1 || layer.strideH < 1 || layer.strideW < 1 ||
      layer.pool < 1 || layer.padH < 0 || layer.padW < 0) {
    r.add("channels, sizes, kernel, stride and pool must be positive and "
          "padding non-negative; fix the layer's shape");
    return r.messages;
  }

  // The conv engine has one kernel-size register for both axes.
  if (layer.kernelH != layer.kernelW)
    r.add("kernel must be square: " + size2(layer.kernelH, layer.kernelW) +
          "; use a square kernel (pad the short side with zero weights)");
  if (layer.kernelH > maxKernel || layer.kernelW > maxKernel)
    r.add("kernel at most 16x16: " + size2(layer.kernelH, layer.kernelW) +
          "; use a smaller kernel or downsample the input first");

  if (!isOneOf(layer.strideH, {1, 2, 4, 8}) ||
      !isOneOf(layer.strideW, {1, 2, 4, 8}))
    r.add("stride 1, 2, 4 or 8: " + size2(layer.strideH, layer.strideW) +
          "; use one of those strides per axis");

  if (layer.padH > maxPadding || layer.padW > maxPadding)
    r.add("padding 0..7: " + size2(layer.padH, layer.padW) +
          "; reduce the padding to at most 7");

  if (!isOneOf(layer.pool, {1, 2, 4}))
    r.add("sum pool 1, 2 or 4: " + std::to_string(layer.pool) +
          "; use pool 1, 2 or 4 (or a strided conv)");

  if (layer.inChannels > maxChannels)
    r.add("input channels at most 1024: " + std::to_string(layer.inChannels) +
          "; reduce the previous layer's channels");
  if (layer.outChannels > maxChannels)
    r.add("output channels at most 1024: " + std::to_string(layer.outChannels) +
          "; reduce the channels or split the layer over two cores");

  if (layer.inH > maxInput || layer.inW > maxInput)
    r.add("input at most 128x128: " + size2(layer.inH, layer.inW) +
          "; crop or pool the input first");
  if (layer.outH > maxFeatureMap || layer.outW > maxFeatureMap)
    r.add("feature map at most 64x64: " + size2(layer.outH, layer.outW) +
          "; use a stride of 2 or more, or pool the input first");

  // A feature map that disagrees with the conv arithmetic means the layer was
  // built wrongly; the memory need would then be computed on a wrong shape.
  int64_t convH =
      convOutputSize(layer.inH, layer.kernelH, layer.strideH, layer.padH);
  int64_t convW =
      convOutputSize(layer.inW, layer.kernelW, layer.strideW, layer.padW);
  if (convH != layer.outH || convW != layer.outW)
    r.add("feature map must equal the conv output " + size2(convH, convW) +
          ": " + size2(layer.outH, layer.outW) +
          "; fix the layer's input, kernel, stride, padding or output size");

  if (layer.destinations.size() > maxDestinations)
    r.add(
        "at most 2 destinations: " + std::to_string(layer.destinations.size()) +
        "; feed the extra destinations through an intermediate layer");

  return r.messages;
}

} // namespace snn::speck
