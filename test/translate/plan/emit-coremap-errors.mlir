// Tests that emitting a core map names what is missing: the target (run
// --snn-quantize), the snn_hw board (run --snn-map), one network, and a
// slice whose layer has no node in the plan (an add folded into its user).
// RUN: not snn-translate --emit=loihi %s -split-input-file 2>&1 | FileCheck %s

snn.network @raw(%in: tensor<1xf32>) -> tensor<1xf32> attributes {dt = 1.0e-03 : f64} {
  snn.output %in : tensor<1xf32>
}
// CHECK: error: emitting a core map needs a quantized module (run --snn-quantize and --snn-map)

// -----

module attributes {snn.target = {allows_recurrence = true, arithmetic = "loihi", axons_in_per_core = 4096 : i64, axons_out_per_core = 4096 : i64, bias_exp_bits = 3 : i64, bias_mant_bits = 13 : i64, cores = 128 : i64, decay_bits = 12 : i64, fractional_bits = 0 : i64, has_leak = true, has_synaptic_current = true, hop_pj = 3.500000e+00 : f64, max_delay_steps = 0 : i64, multi_spike = false, name = "loihi", neuron_update_pj = 8.100000e+01 : f64, neurons_per_core = 1024 : i64, per_channel_weights = true, reset_subtract = false, reset_to_value = true, spike_pj = 1.700000e+00 : f64, state_bits = 24 : i64, summary = "Loihi", syn_op_pj = 2.360000e+01 : f64, synapse_bytes_per_core = 131072 : i64, synaptic_delay_steps = 1 : i64, threshold_bits = 17 : i64, threshold_shift = 6 : i64, weight_bits = 8 : i64, weight_exp_max = 7 : i64, weight_exp_min = -8 : i64}} {
  snn.network @unmapped(%in: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
    %a = snn.loihi_neuron %in {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
    snn.output %a : tensor<2xf32>
  }
}
// CHECK: error: no snn_hw.board maps this network: run --snn-map before emitting a core map

// -----

module attributes {snn.target = {allows_recurrence = true, arithmetic = "loihi", axons_in_per_core = 4096 : i64, axons_out_per_core = 4096 : i64, bias_exp_bits = 3 : i64, bias_mant_bits = 13 : i64, cores = 128 : i64, decay_bits = 12 : i64, fractional_bits = 0 : i64, has_leak = true, has_synaptic_current = true, hop_pj = 3.500000e+00 : f64, max_delay_steps = 0 : i64, multi_spike = false, name = "loihi", neuron_update_pj = 8.100000e+01 : f64, neurons_per_core = 1024 : i64, per_channel_weights = true, reset_subtract = false, reset_to_value = true, spike_pj = 1.700000e+00 : f64, state_bits = 24 : i64, summary = "Loihi", syn_op_pj = 2.360000e+01 : f64, synapse_bytes_per_core = 131072 : i64, synaptic_delay_steps = 1 : i64, threshold_bits = 17 : i64, threshold_shift = 6 : i64, weight_bits = 8 : i64, weight_exp_max = 7 : i64, weight_exp_min = -8 : i64}} {
  snn.network @one(%in: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
    snn.output %in : tensor<2xf32>
  }
  snn.network @two(%in: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
    snn.output %in : tensor<2xf32>
  }
}
// CHECK: error: expected one snn.network, found 2

// -----

module attributes {snn.target = {allows_recurrence = true, arithmetic = "loihi", axons_in_per_core = 4096 : i64, axons_out_per_core = 4096 : i64, bias_exp_bits = 3 : i64, bias_mant_bits = 13 : i64, cores = 128 : i64, decay_bits = 12 : i64, fractional_bits = 0 : i64, has_leak = true, has_synaptic_current = true, hop_pj = 3.500000e+00 : f64, max_delay_steps = 0 : i64, multi_spike = false, name = "loihi", neuron_update_pj = 8.100000e+01 : f64, neurons_per_core = 1024 : i64, per_channel_weights = true, reset_subtract = false, reset_to_value = true, spike_pj = 1.700000e+00 : f64, state_bits = 24 : i64, summary = "Loihi", syn_op_pj = 2.360000e+01 : f64, synapse_bytes_per_core = 131072 : i64, synaptic_delay_steps = 1 : i64, threshold_bits = 17 : i64, threshold_shift = 6 : i64, weight_bits = 8 : i64, weight_exp_max = 7 : i64, weight_exp_min = -8 : i64}} {
  snn.network @folded(%in: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
    %s = snn.add %in, %in {snn.name = "s"} : tensor<2xf32>
    %a = snn.loihi_neuron %s {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
    snn.output %a : tensor<2xf32>
  }
  snn_hw.board @hw for @folded target "loihi" routing mesh grid [1, 1] {
    snn_hw.chip @chip at (0, 0) cores 128 mesh [8, 16]
    snn_hw.core @core0 on @chip index 0 use [#snn_hw.use<"neurons", 2, 1024>]
    snn_hw.neuron_slice @core0 "a" [0, 2)
    snn_hw.neuron_slice @core0 "s" [0, 2)
  }
}
// CHECK: error: layer 's' has no node in the plan
