// Emitting from IR that --snn-lower-brainscales did not produce (or that was
// edited by hand) is a one-line error, never a crash.
// RUN: not snn-translate --emit=brainscales2 %s -split-input-file 2>&1 | FileCheck %s

// CHECK: error: population is not placed
snn.network @n(%in: tensor<1xf32>) -> tensor<1xf32> attributes {dt = 1.0e-04 : f64, snn.bss2_time_scale = 1.0 : f64, snn.bss2_execution = "single_chip"} {
  %y = snn.bss2_synapses %in {exc = dense<63> : tensor<1x1xi8>, inh = dense<0> : tensor<1x1xi8>, weight_lsb = 1.0 : f32} : tensor<1xf32> -> tensor<1xf32>
  %s = snn.bss2_neuron %y {tau_mem = 10.0 : f32, tau_syn = 1.0 : f32, v_leak = 50.0 : f32, v_reset = 50.0 : f32, v_threshold = 200.0 : f32, refractory = 0.04 : f64, syn_gain = 1.0 : f32, v_scale = 150.0 : f64, v_offset = 50.0 : f64} : tensor<1xf32>
  snn.output %s : tensor<1xf32>
}

// -----

// Two populations on the same circuit.
// CHECK: error: the parameter set is invalid (hand-edited IR?):
snn.network @n(%in: tensor<1xf32>) -> tensor<1xf32> attributes {dt = 1.0e-04 : f64, snn.bss2_time_scale = 1.0 : f64, snn.bss2_execution = "single_chip"} {
  %y = snn.bss2_synapses %in {exc = dense<63> : tensor<1x1xi8>, inh = dense<0> : tensor<1x1xi8>, weight_lsb = 1.0 : f32} : tensor<1xf32> -> tensor<1xf32>
  %a = snn.bss2_neuron %y {placement = array<i64: 0, 0, 0, 1>, tau_mem = 10.0 : f32, tau_syn = 1.0 : f32, v_leak = 50.0 : f32, v_reset = 50.0 : f32, v_threshold = 200.0 : f32, refractory = 0.04 : f64, syn_gain = 1.0 : f32, v_scale = 150.0 : f64, v_offset = 50.0 : f64} : tensor<1xf32>
  %z = snn.bss2_synapses %a {exc = dense<63> : tensor<1x1xi8>, inh = dense<0> : tensor<1x1xi8>, weight_lsb = 1.0 : f32} : tensor<1xf32> -> tensor<1xf32>
  %b = snn.bss2_neuron %z {placement = array<i64: 0, 0, 0, 1>, tau_mem = 10.0 : f32, tau_syn = 1.0 : f32, v_leak = 50.0 : f32, v_reset = 50.0 : f32, v_threshold = 200.0 : f32, refractory = 0.04 : f64, syn_gain = 1.0 : f32, v_scale = 150.0 : f64, v_offset = 50.0 : f64} : tensor<1xf32>
  snn.output %b : tensor<1xf32>
}

// -----

// CHECK: error: 'snn.bss2_synapses' op 'exc' code 70 at element 0 is outside 0..63
snn.network @n(%in: tensor<1xf32>) -> tensor<1xf32> attributes {dt = 1.0e-04 : f64} {
  %y = snn.bss2_synapses %in {exc = dense<70> : tensor<1x1xi8>, inh = dense<0> : tensor<1x1xi8>, weight_lsb = 1.0 : f32} : tensor<1xf32> -> tensor<1xf32>
  snn.output %y : tensor<1xf32>
}

// -----

// CHECK: error: 'snn.bss2_synapses' op a synapse has codes on both its excitatory and its inhibitory row
snn.network @n(%in: tensor<1xf32>) -> tensor<1xf32> attributes {dt = 1.0e-04 : f64} {
  %y = snn.bss2_synapses %in {exc = dense<1> : tensor<1x1xi8>, inh = dense<1> : tensor<1x1xi8>, weight_lsb = 1.0 : f32} : tensor<1xf32> -> tensor<1xf32>
  snn.output %y : tensor<1xf32>
}
