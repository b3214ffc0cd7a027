// A CNN by hand: conv (1x1, weights (1, -1), bias (0, 2)) -> relu -> 2x2
// average pool -> flatten -> affine. convert_ann_conv_calib.npy holds two
// (1, 2, 2) images, [[0, 1], [2, 3]] and all ones. Channel 0 of relu1 is x,
// positives {1, 2, 3, 1, 1, 1, 1} (max 3); channel 1 is 2 - x, positives
// {2, 1, 1, 1, 1, 1} (max 2). Pooled: (1.5, 0.75) and (1, 1); the output
// (p0 + p1, p0 - p1) is (2.25, 0.75) and (2, 0): max 2.25.
//
// RUN: snn-opt %s --snn-convert-ann="calibration=%S/inputs/convert_ann_conv_calib.npy percentile=100 per-channel=true" | FileCheck %s
// RUN: snn-opt %s --snn-convert-ann="calibration=%S/inputs/convert_ann_conv_calib.npy percentile=100" | FileCheck %s --check-prefix=LAYER

// Per channel, lambda1 = (3, 2): conv W' = (1/3, -1/2), b' = (0, 1); pooling
// and flatten keep the channels' scales, so fc W'[o, i] = W[o, i] lambda1[i] / 2.25.
// CHECK: conv2d %arg0 {bias = dense<[0.000000e+00, 1.000000e+00]> : tensor<2xf32>, {{.*}}weight = dense<{{\[\[\[\[}}0.333333343]]], {{\[\[\[}}-5.000000e-01]]]]>
// CHECK: if
// CHECK: avg_pool2d
// CHECK: flatten
// CHECK: affine %{{.*}} {bias = dense<0.000000e+00> : tensor<2xf32>, snn.name = "fc", weight = dense<{{\[\[}}1.33333337, 0.888888895], [1.33333337, -0.888888895]]>
// CHECK: if %{{.*}}snn.name = "output0.if"

// Per layer, lambda1 = 3: conv W' = (1/3, -1/3), b' = (0, 2/3); fc W' = W 3 / 2.25.
// LAYER: conv2d %arg0 {bias = dense<[0.000000e+00, 0.666666686]> : tensor<2xf32>, {{.*}}weight = dense<{{\[\[\[\[}}0.333333343]]], {{\[\[\[}}-0.333333343]]]]>
// LAYER: affine %{{.*}} {bias = dense<0.000000e+00> : tensor<2xf32>, snn.name = "fc", weight = dense<{{\[\[}}1.33333337, 1.33333337], [1.33333337, -1.33333337]]>

module {
  snn.network @cnn(%x: tensor<1x2x2xf32>) -> tensor<2xf32> attributes {dt = 1.0 : f64, snn.ann} {
    %c = snn.conv2d %x {weight = dense<[[[[1.0]]], [[[-1.0]]]]> : tensor<2x1x1x1xf32>,
                        bias = dense<[0.0, 2.0]> : tensor<2xf32>,
                        stride = array<i64: 1, 1>, padding = array<i64: 0, 0>,
                        dilation = array<i64: 1, 1>, groups = 1 : i64, snn.name = "conv"}
        : tensor<1x2x2xf32> -> tensor<2x2x2xf32>
    %r = snn.relu %c {snn.name = "relu1"} : tensor<2x2x2xf32>
    %p = snn.avg_pool2d %r {kernel_size = array<i64: 2, 2>, stride = array<i64: 2, 2>,
                            padding = array<i64: 0, 0>, snn.name = "pool"}
        : tensor<2x2x2xf32> -> tensor<2x1x1xf32>
    %f = snn.flatten %p {start_dim = 0 : i64, end_dim = -1 : i64, snn.name = "flat"}
        : tensor<2x1x1xf32> -> tensor<2xf32>
    %o = snn.affine %f {weight = dense<[[1.0, 1.0], [1.0, -1.0]]> : tensor<2x2xf32>,
                        bias = dense<0.0> : tensor<2xf32>, snn.name = "fc"}
        : tensor<2xf32> -> tensor<2xf32>
    snn.output %o : tensor<2xf32>
  }
}
