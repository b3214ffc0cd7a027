// The lowering recovers the continuous model from the step constants with the
// rule the network was discretised with, so forward Euler and exact
// integration give the same hardware parameters (tau_mem 1 ms and tau_syn
// 0.5 ms -> 1 us and 0.5 us; syn_gain = v_scale r (w_in dt/tau_syn) lsb /
// tau_mem = 170 * 2 * 0.2 * (1/63) / 1 us = 1.079).
// RUN: snn-opt %s --snn-discretize=method=euler --snn-lower-brainscales -o /dev/null 2>&1 | FileCheck %s
// RUN: snn-opt %s --snn-discretize=method=exact --snn-lower-brainscales -o /dev/null 2>&1 | FileCheck %s
// CHECK: population 'cuba' on brainscales2: 1 neurons at partition 0 circuits 0..0 (1 of 256 rows in use); tau_mem 1 us, tau_syn 0.5 us, leak 50, reset 50, threshold 220 LSB (170 LSB per model unit), refractory 0.04 us, syn_gain 1.079 LSB/us per code
snn.network @n(%in: tensor<1xf32>) -> tensor<1xf32> attributes {dt = 1.0e-04 : f64} {
  %w = snn.linear %in {weight = dense<1.0> : tensor<1x1xf32>} : tensor<1xf32> -> tensor<1xf32>
  %s = snn.cuba_lif %w {snn.name = "cuba", tau_syn = 5.0e-4 : f32, tau_mem = 1.0e-3 : f32, r = 2.0 : f32, v_leak = 0.0 : f32, w_in = 1.0 : f32, v_threshold = 1.0 : f32, v_reset = 0.0 : f32} : tensor<1xf32>
  snn.output %s : tensor<1xf32>
}
