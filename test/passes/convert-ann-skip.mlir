// A skip connection: relu1 reaches the add both through fc2 and directly.
// With convert_ann_calib.npy (see convert-ann.mlir) relu1 = relu(x) has
// positives {1, 1, 2, 0.5, 0.5, 2}, so lambda1 = 2; relu2 = 2 relu1, so
// lambda2 = 4. fc2 absorbs lambda1/lambda2 in its weights; the direct edge
// gets an snn.scale of 2/4. relu2 is the output: it is already spiking, so no
// output IF population is added.
//
// RUN: snn-opt %s --snn-convert-ann="calibration=%S/inputs/convert_ann_calib.npy percentile=100" | FileCheck %s

// CHECK: %[[FC1:.*]] = linear %arg0 {{.*}}weight = dense<{{\[\[}}5.000000e-01, 0.000000e+00], [0.000000e+00, 5.000000e-01]]>
// CHECK: %[[IF1:.*]] = if %[[FC1]] {{.*}}snn.name = "relu1"
// CHECK: %[[FC2:.*]] = affine %[[IF1]] {{.*}}weight = dense<{{\[\[}}5.000000e-01, 0.000000e+00], [0.000000e+00, 5.000000e-01]]>
// CHECK: %[[SKIP:.*]] = scale %[[IF1]] {scale = 5.000000e-01 : f32}
// CHECK: %[[SUM:.*]] = add %[[FC2]], %[[SKIP]]
// CHECK: %[[IF2:.*]] = if %[[SUM]] {{.*}}snn.name = "relu2"
// CHECK: output %[[IF2]] : tensor<2xf32>
// CHECK-NOT: output0.if

module {
  snn.network @skip(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0 : f64, snn.ann} {
    %h = snn.linear %x {weight = dense<[[1.0, 0.0], [0.0, 1.0]]> : tensor<2x2xf32>, snn.name = "fc1"}
        : tensor<2xf32> -> tensor<2xf32>
    %r1 = snn.relu %h {snn.name = "relu1"} : tensor<2xf32>
    %f2 = snn.affine %r1 {weight = dense<[[1.0, 0.0], [0.0, 1.0]]> : tensor<2x2xf32>,
                          bias = dense<0.0> : tensor<2xf32>, snn.name = "fc2"}
        : tensor<2xf32> -> tensor<2xf32>
    %s = snn.add %f2, %r1 {snn.name = "sum"} : tensor<2xf32>
    %r2 = snn.relu %s {snn.name = "relu2"} : tensor<2xf32>
    snn.output %r2 : tensor<2xf32>
  }
}
