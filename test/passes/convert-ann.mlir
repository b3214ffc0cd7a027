// Data-based normalisation by hand. convert_ann_calib.npy holds the samples
// x = (1, 1), (2, 0.5), (0.5, 2), (-1, -1). fc1 gives h = (x0, 2 x1 + 1), so
// relu1 is (1, 3), (2, 2), (0.5, 5), (0, 0): positives {0.5, 1, 2, 2, 3, 5};
// fc2 gives (r0 - r1 + 0.5, (r0 + r1) / 2) = (-1.5, 2), (0.5, 2), (-4, 2.75),
// (0.5, 0): positives {0.5, 0.5, 2, 2, 2.75}.
// (Written by: np.save(..., np.array([[1,1],[2,.5],[.5,2],[-1,-1]], np.float32)).)
//
// RUN: snn-opt %s --snn-convert-ann="calibration=%S/inputs/convert_ann_calib.npy percentile=100" | FileCheck %s --check-prefix=MAX
// RUN: snn-opt %s --snn-convert-ann="calibration=%S/inputs/convert_ann_calib.npy percentile=50" | FileCheck %s --check-prefix=P50
// RUN: snn-opt %s --snn-convert-ann="calibration=%S/inputs/convert_ann_calib.npy percentile=100 per-channel=true" | FileCheck %s --check-prefix=CHAN
// RUN: snn-opt %s --snn-convert-ann="calibration=%S/inputs/convert_ann_calib.npy percentile=100" 2>&1 >/dev/null | FileCheck %s --check-prefix=REMARK

// percentile=100 (Diehl et al.): lambda1 = 5, lambda_out = 2.75.
// MAX-LABEL: snn.network @ann
// MAX-SAME: dt = 1.000000e+00 : f64
// MAX-NOT: snn.ann
// MAX: affine %arg0 {bias = dense<[0.000000e+00, 2.000000e-01]> : tensor<2xf32>, snn.name = "fc1", weight = dense<{{\[\[}}2.000000e-01, 0.000000e+00], [0.000000e+00, 4.000000e-01]]>
// MAX: %[[IF1:.*]] = if %{{.*}} {r = 1.000000e+00 : f32, reset = #snn<reset subtract>, snn.name = "relu1", v_reset = 0.000000e+00 : f32, v_threshold = 1.000000e+00 : f32}
// MAX: %[[FC2:.*]] = affine %[[IF1]] {bias = dense<[0.181818187, 0.000000e+00]> : tensor<2xf32>, snn.name = "fc2", weight = dense<{{\[\[}}1.81818187, -1.81818187], [0.909090936, 0.909090936]]>
// MAX: %[[OUT:.*]] = if %[[FC2]] {r = 1.000000e+00 : f32, reset = #snn<reset subtract>, snn.name = "output0.if", v_reset = 0.000000e+00 : f32, v_threshold = 1.000000e+00 : f32}
// MAX: output %[[OUT]]

// percentile=50 (NumPy's np.percentile agrees): lambda1 = 2 (between ranks
// 2 and 3 of six), lambda_out = 2 (rank 2 of five).
// P50: affine %arg0 {bias = dense<[0.000000e+00, 5.000000e-01]> : tensor<2xf32>, snn.name = "fc1", weight = dense<{{\[\[}}5.000000e-01, 0.000000e+00], [0.000000e+00, 1.000000e+00]]>
// P50: affine %{{.*}} {bias = dense<[2.500000e-01, 0.000000e+00]> : tensor<2xf32>, snn.name = "fc2", weight = dense<{{\[\[}}1.000000e+00, -1.000000e+00], [5.000000e-01, 5.000000e-01]]>

// Per channel: lambda1 = (2, 5); the output keeps one lambda (2.75).
// CHAN: affine %arg0 {bias = dense<[0.000000e+00, 2.000000e-01]> : tensor<2xf32>, snn.name = "fc1", weight = dense<{{\[\[}}5.000000e-01, 0.000000e+00], [0.000000e+00, 4.000000e-01]]>
// CHAN: affine %{{.*}} {bias = dense<[0.181818187, 0.000000e+00]> : tensor<2xf32>, snn.name = "fc2", weight = dense<{{\[\[}}0.727272749, -1.81818187], [0.363636374, 0.909090936]]>

// REMARK: remark: 'relu1': IF neurons (threshold 1, reset by subtraction), lambda 5 from 6 positive activations of 4 calibration samples
// REMARK: remark: 'output0.if': output IF neurons (arg-max of spike counts), lambda 2.75 from 5 positive activations of 4 calibration samples

module {
  snn.network @ann(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0 : f64, snn.ann} {
    %h = snn.affine %x {weight = dense<[[1.0, 0.0], [0.0, 2.0]]> : tensor<2x2xf32>,
                        bias = dense<[0.0, 1.0]> : tensor<2xf32>, snn.name = "fc1"}
        : tensor<2xf32> -> tensor<2xf32>
    %r = snn.relu %h {snn.name = "relu1"} : tensor<2xf32>
    %o = snn.affine %r {weight = dense<[[1.0, -1.0], [0.5, 0.5]]> : tensor<2x2xf32>,
                        bias = dense<[0.5, 0.0]> : tensor<2xf32>, snn.name = "fc2"}
        : tensor<2xf32> -> tensor<2xf32>
    snn.output %o : tensor<2xf32>
  }
}
