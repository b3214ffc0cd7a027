// Every way --snn-convert-ann refuses a model: one clear message, non-zero exit.
// RUN: rm -rf %t && split-file %s %t
// RUN: not snn-opt %t/ann.mlir --snn-convert-ann 2>&1 | FileCheck %s --check-prefix=NO-CALIB
// RUN: not snn-opt %t/ann.mlir --snn-convert-ann="calibration=%S/inputs/convert_ann_calib.npy percentile=0" 2>&1 | FileCheck %s --check-prefix=PERCENTILE
// RUN: not snn-opt %t/ann.mlir --snn-convert-ann="calibration=%t/missing.npy" 2>&1 | FileCheck %s --check-prefix=MISSING
// RUN: not snn-opt %t/ann.mlir --snn-convert-ann="calibration=%S/inputs/convert_ann_conv_calib.npy" 2>&1 | FileCheck %s --check-prefix=SHAPE
// RUN: not snn-opt %t/snn.mlir --snn-convert-ann="calibration=%S/inputs/convert_ann_calib.npy" 2>&1 | FileCheck %s --check-prefix=NOT-ANN
// RUN: not snn-opt %t/maxpool.mlir --snn-convert-ann="calibration=%S/inputs/convert_ann_conv_calib.npy" 2>&1 | FileCheck %s --check-prefix=MAXPOOL
// RUN: not snn-opt %t/threshold.mlir --snn-convert-ann="calibration=%S/inputs/convert_ann_calib.npy" 2>&1 | FileCheck %s --check-prefix=OTHER-OP
// RUN: not snn-opt %t/two-scales.mlir --snn-convert-ann="calibration=%S/inputs/convert_ann_calib.npy" 2>&1 | FileCheck %s --check-prefix=TWO-SCALES
// RUN: not snn-opt %t/flat-channels.mlir --snn-convert-ann="calibration=%S/inputs/convert_ann_conv_calib.npy per-channel=true" 2>&1 | FileCheck %s --check-prefix=CHANNELS

// NO-CALIB: error: --snn-convert-ann needs calibration=X.npy: input samples, shape (N, ...input shape), the ANN is run on to choose each layer's threshold
// PERCENTILE: error: percentile must be in (0, 100], got 0
// MISSING: error: calibration: {{.*}}missing.npy
// SHAPE: error: calibration: {{.*}}convert_ann_conv_calib.npy has shape (2, 1, 2, 2); expected (N, 2): N >= 1 samples of input 'input0'
// NOT-ANN: error: network 'snn' is not an ANN (no snn.ann marker); --snn-convert-ann converts networks imported with --import-onnx
// MAXPOOL: maxpool.mlir:3:{{[0-9]+}}: error: 'pool1': MaxPool (snn.max_pool2d) cannot be converted to spikes: the maximum of spike trains is not the spike train of the maximum rate; retrain with AveragePool (nn.AvgPool2d)
// OTHER-OP: threshold.mlir:3:{{[0-9]+}}: error: 'step': snn.threshold is not supported by --snn-convert-ann
// TWO-SCALES: two-scales.mlir:2:{{[0-9]+}}: error: 'fc1' feeds 'relu_a' and 'relu_b', whose calibrated scales differ; --snn-convert-ann needs one scale per weighted layer (give each branch its own layer)
// CHANNELS: flat-channels.mlir:2:{{[0-9]+}}: error: 'conv': its activation's per-channel scales vary within an output channel; use per-channel=false

//--- ann.mlir
snn.network @ann(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0 : f64, snn.ann} {
  %r = snn.relu %x {snn.name = "relu1"} : tensor<2xf32>
  snn.output %r : tensor<2xf32>
}

//--- snn.mlir
snn.network @snn(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0 : f64} {
  %r = snn.if %x {r = 1.0 : f32, v_threshold = 1.0 : f32, v_reset = 0.0 : f32} : tensor<2xf32>
  snn.output %r : tensor<2xf32>
}

//--- maxpool.mlir
snn.network @cnn(%x: tensor<1x2x2xf32>) -> tensor<1x1x1xf32> attributes {dt = 1.0 : f64, snn.ann} {
  %r = snn.relu %x {snn.name = "relu1"} : tensor<1x2x2xf32>
  %p = snn.max_pool2d %r {kernel_size = array<i64: 2, 2>, stride = array<i64: 2, 2>, padding = array<i64: 0, 0>, snn.name = "pool1"} : tensor<1x2x2xf32> -> tensor<1x1x1xf32>
  snn.output %p : tensor<1x1x1xf32>
}

//--- threshold.mlir
snn.network @ann(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0 : f64, snn.ann} {
  %r = snn.relu %x {snn.name = "relu1"} : tensor<2xf32>
  %t = snn.threshold %r {threshold = 0.5 : f32, snn.name = "step"} : tensor<2xf32> -> tensor<2xf32>
  snn.output %t : tensor<2xf32>
}

//--- two-scales.mlir
snn.network @ann(%x: tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>) attributes {dt = 1.0 : f64, snn.ann} {
  %h = snn.linear %x {weight = dense<[[1.0, 0.0], [0.0, 1.0]]> : tensor<2x2xf32>, snn.name = "fc1"} : tensor<2xf32> -> tensor<2xf32>
  %a = snn.relu %h {snn.name = "relu_a"} : tensor<2xf32>
  %d = snn.scale %h {scale = 2.0 : f32, snn.name = "double"} : tensor<2xf32> -> tensor<2xf32>
  %b = snn.relu %d {snn.name = "relu_b"} : tensor<2xf32>
  snn.output %a, %b : tensor<2xf32>, tensor<2xf32>
}

//--- flat-channels.mlir
snn.network @cnn(%x: tensor<1x2x2xf32>) -> tensor<8xf32> attributes {dt = 1.0 : f64, snn.ann} {
  %c = snn.conv2d %x {weight = dense<[[[[1.0]]], [[[-1.0]]]]> : tensor<2x1x1x1xf32>, bias = dense<[0.0, 2.0]> : tensor<2xf32>, stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, groups = 1 : i64, snn.name = "conv"} : tensor<1x2x2xf32> -> tensor<2x2x2xf32>
  %f = snn.flatten %c {start_dim = 0 : i64, end_dim = -1 : i64, snn.name = "flat"} : tensor<2x2x2xf32> -> tensor<8xf32>
  %r = snn.relu %f {snn.name = "relu1"} : tensor<8xf32>
  snn.output %r : tensor<8xf32>
}
