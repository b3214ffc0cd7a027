// Tests that --export-nir refuses networks NIR cannot express: a discretised
// network (step-level ops) and ops NIR has no primitive for.
// RUN: snn-opt --snn-discretize %s | not snn-translate --export-nir -o %t.nir 2>&1 | FileCheck %s --check-prefix=DISC
// DISC: error: 'snn.step_neuron' op cannot be exported to NIR: it is a step-level op (the network was discretised); export the NIR-level network, before --snn-discretize
// RUN: sed 's/^ *%0 = lif.*$/  %0 = alif %in {r = 1.0 : f32, tau = 0.02 : f32, tau_adapt = 0.1 : f32, beta = 0.1 : f32, v_leak = 0.0 : f32, v_reset = 0.0 : f32, v_threshold = 1.0 : f32} : tensor<2xf32>/' %s | not snn-translate --export-nir -o %t.nir 2>&1 | FileCheck %s --check-prefix=ALIF
// ALIF: error: 'snn.alif' op cannot be exported to NIR: NIR has no primitive for it

snn.network @net(%in: tensor<2xf32> {snn.name = "input"}) -> (tensor<2xf32> {snn.name = "output"}) attributes {dt = 1.0e-3 : f64} {
  %0 = lif %in {r = 1.0 : f32, tau = 0.02 : f32, v_leak = 0.0 : f32, v_reset = 0.0 : f32, v_threshold = 1.0 : f32, snn.name = "lif"} : tensor<2xf32>
  output %0 : tensor<2xf32>
}
