//===- TestLayers.h - Layers for the Speck mapping tests --------*- C++ -*-===//
//
// Builds consistent layers (feature map computed from the conv arithmetic)
// and the NIR paper's N-MNIST CNN, so each test states only what it varies.
//
//===----------------------------------------------------------------------===//
#ifndef SNN_TEST_TARGETS_SPECK_MAPPING_TESTLAYERS_H
#define SNN_TEST_TARGETS_SPECK_MAPPING_TESTLAYERS_H

#include "targets/speck/mapping/SpeckMapping.h"

namespace snn::speck::test {

/// A conv -> IAF -> pool layer on a square input, square kernel.
inline Layer conv(const std::string &name, int64_t inChannels, int64_t inSize,
                  int64_t outChannels, int64_t kernel, int64_t stride = 1,
                  int64_t pad = 0, int64_t pool = 1, bool hasBias = true) {
  Layer l;
  l.name = name;
  l.inChannels = inChannels;
  l.inH = l.inW = inSize;
  l.outChannels = outChannels;
  l.kernelH = l.kernelW = kernel;
  l.strideH = l.strideW = stride;
  l.padH = l.padW = pad;
  l.pool = pool;
  l.outH = l.outW = convOutputSize(inSize, kernel, stride, pad);
  l.hasBias = hasBias;
  return l;
}

/// A dense layer over a C x H x W input as Speck runs it: a conv whose kernel
/// is the whole input, giving a 1x1 feature map (sinabs
/// `_convert_linear_to_conv`).
inline Layer dense(const std::string &name, int64_t inChannels, int64_t inH,
                   int64_t inW, int64_t outFeatures, bool hasBias = true) {
  Layer l;
  l.name = name;
  l.inChannels = inChannels;
  l.inH = inH;
  l.inW = inW;
  l.outChannels = outFeatures;
  l.kernelH = inH;
  l.kernelW = inW;
  l.outH = l.outW = 1;
  l.hasBias = hasBias;
  return l;
}

/// The NIR paper's CNN (../shared/data/nir/cnn/cnn_sinabs.nir), which ran on a
/// real Speck chip: input 2x34x34, every layer with a bias, a chain of cores.
inline std::vector<Layer> nirCnn() {
  std::vector<Layer> layers = {
      conv("conv0", 2, 34, 16, 5, /*stride=*/2, /*pad=*/1), // -> 16x16
      conv("conv1", 16, 16, 16, 3, 1, 1, /*pool=*/2),       // -> 8x8
      conv("conv2", 16, 8, 8, 3, 1, 1, /*pool=*/2),         // -> 4x4
      dense("affine3", 8, 4, 4, 256), // Flatten (free) + Affine 128->256.
      dense("affine4", 256, 1, 1, 10),
  };
  for (int i = 0; i + 1 < static_cast<int>(layers.size()); ++i)
    layers[i].destinations = {i + 1};
  return layers;
}

} // namespace snn::speck::test

#endif // SNN_TEST_TARGETS_SPECK_MAPPING_TESTLAYERS_H
