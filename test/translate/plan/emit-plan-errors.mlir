// Tests that emitting a plan from a network that was not discretised, or from
// a module without exactly one network, is an error naming what to do.
// RUN: not snn-translate --emit-plan-text %s -split-input-file 2>&1 | FileCheck %s

snn.network @raw(%in: tensor<1xf32>) -> tensor<1xf32> attributes {dt = 1.0e-03 : f64} {
  %s = snn.lif %in {tau = 1.0e-02 : f32, r = 1.0 : f32, v_leak = 0.0 : f32, v_threshold = 1.0 : f32, v_reset = 0.0 : f32} : tensor<1xf32>
  snn.output %s : tensor<1xf32>
}
// CHECK: error: 'snn.lif' op has no runtime form; run --snn-discretize first

// -----

module {}
// CHECK: error: expected exactly one snn.network to emit, found 0
