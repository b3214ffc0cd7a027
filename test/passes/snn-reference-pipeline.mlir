// RUN: snn-opt %s --snn-reference-pipeline | FileCheck %s --check-prefixes=CHECK,EULER
// RUN: snn-opt %s --snn-reference-pipeline=discretization=exact | FileCheck %s --check-prefixes=CHECK,EXACT
// RUN: not snn-opt %s --snn-reference-pipeline=discretization=rk4 2>&1 | FileCheck %s --check-prefix=METHOD

// METHOD: error: unknown discretization method 'rk4'; use euler or exact

// Tests that the reference pipeline brings an imported network (affine ->
// LIF -> delay -> LI readout) to the step level, with euler by default and
// its discretization option forwarded to --snn-discretize.
// CHECK-LABEL: snn.network @mlp
// CHECK-SAME: (%[[IN:.+]]: tensor<3xf32> {snn.name = "input"}) -> (tensor<2xf32> {snn.name = "output"})
// EULER-SAME: snn.discretization = "euler"
// EXACT-SAME: snn.discretization = "exact"
// CHECK-NEXT: %[[H:.+]] = affine %[[IN]] {
// CHECK-NEXT: %[[S:.+]] = step_neuron %[[H]] {
// EULER-SAME: mem_decay = 0.959999978 : f32, mem_gain = 4.000000e-02 : f32
// EXACT-SAME: mem_decay = 0.960789442 : f32, mem_gain = 0.0392105617 : f32
// CHECK-SAME: reset = #snn<reset to_reset>
// CHECK-SAME: threshold = 1.000000e+00 : f32, v_reset = 0.000000e+00 : f32} : tensor<4xf32>
// CHECK-NEXT: %[[D:.+]] = step_delay %[[S]] {steps = array<i64: 2>} : tensor<4xf32>
// CHECK-NEXT: %[[P:.+]] = linear %[[D]] {
// CHECK-NEXT: %[[V:.+]] = step_neuron %[[P]] {
// EULER-SAME: mem_decay = 0.899999976 : f32, mem_gain = 0.099999994 : f32
// EXACT-SAME: mem_decay = 0.904837429 : f32, mem_gain = 0.0951625779 : f32
// CHECK-SAME: syn_gain = 1.000000e+00 : f32} : tensor<2xf32>
// CHECK-NEXT: output %[[V]] : tensor<2xf32>
snn.network @mlp(%in: tensor<3xf32> {snn.name = "input"}) -> (tensor<2xf32> {snn.name = "output"})
    attributes {dt = 1.0e-4 : f64} {
  %h = snn.affine %in {weight = dense<0.5> : tensor<4x3xf32>, bias = dense<0.1> : tensor<4xf32>} : tensor<3xf32> -> tensor<4xf32>
  %s = snn.lif %h {tau = 2.5e-3 : f32, r = 1.0 : f32, v_leak = 0.0 : f32, v_threshold = 1.0 : f32, v_reset = 0.0 : f32} : tensor<4xf32>
  %d = snn.delay %s {delay = 2.0e-4 : f32} : tensor<4xf32>
  %p = snn.linear %d {weight = dense<1.0> : tensor<2x4xf32>} : tensor<4xf32> -> tensor<2xf32>
  %v = snn.li %p {tau = 1.0e-3 : f32, r = 1.0 : f32, v_leak = 0.0 : f32} : tensor<2xf32>
  snn.output %v : tensor<2xf32>
}
