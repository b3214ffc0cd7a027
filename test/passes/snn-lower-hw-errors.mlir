// Tests --snn-lower-hw's errors: malformed mapping attributes are one-line
// errors at the network or layer, never crashes.
// RUN: snn-opt %s -split-input-file --snn-lower-hw -verify-diagnostics

// Tests that the lowering needs a quantized module.
// expected-error @+1 {{lowering a mapping needs a quantized, mapped module; run --snn-quantize='target=NAME' --snn-map first}}
module {
  snn.network @raw(%in: tensor<1xf32>) -> tensor<1xf32> attributes {dt = 1.0e-03 : f64} {
    snn.output %in : tensor<1xf32>
  }
}

// -----

// Tests that a damaged target description is named.
// expected-error @+1 {{the module's snn.target lacks a valid 'summary' field}}
module attributes {snn.target = {name = "loihi"}} {
  snn.network @raw(%in: tensor<1xf32>) -> tensor<1xf32> attributes {dt = 1.0e-03 : f64} {
    snn.output %in : tensor<1xf32>
  }
}

// -----

// Tests that links without a core count are an error.
module attributes {snn.target = {allows_recurrence = true, arithmetic = "loihi", axons_in_per_core = 4096 : i64, axons_out_per_core = 4096 : i64, bias_exp_bits = 3 : i64, bias_mant_bits = 13 : i64, cores = 128 : i64, decay_bits = 12 : i64, fractional_bits = 0 : i64, has_leak = true, has_synaptic_current = true, hop_pj = 3.500000e+00 : f64, max_delay_steps = 0 : i64, multi_spike = false, name = "loihi", neuron_update_pj = 8.100000e+01 : f64, neurons_per_core = 1024 : i64, per_channel_weights = true, reset_subtract = false, reset_to_value = true, spike_pj = 1.700000e+00 : f64, state_bits = 24 : i64, summary = "Loihi", syn_op_pj = 2.360000e+01 : f64, synapse_bytes_per_core = 131072 : i64, synaptic_delay_steps = 1 : i64, threshold_bits = 17 : i64, threshold_shift = 6 : i64, weight_bits = 8 : i64, weight_exp_max = 7 : i64, weight_exp_min = -8 : i64}} {
  // expected-error @+1 {{incomplete mapping: snn.cores_used (a positive count) and snn.core_links (core pairs) are needed; run --snn-map}}
  snn.network @no_count(%in: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64, snn.core_links = array<i32>} {
    %a = snn.loihi_neuron %in {snn.name = "a", snn.core_of = array<i32: 0, 0>, du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
    snn.output %a : tensor<2xf32>
  }
}

// -----

// Tests that a neuron on a core beyond the core count is an error.
module attributes {snn.target = {allows_recurrence = true, arithmetic = "loihi", axons_in_per_core = 4096 : i64, axons_out_per_core = 4096 : i64, bias_exp_bits = 3 : i64, bias_mant_bits = 13 : i64, cores = 128 : i64, decay_bits = 12 : i64, fractional_bits = 0 : i64, has_leak = true, has_synaptic_current = true, hop_pj = 3.500000e+00 : f64, max_delay_steps = 0 : i64, multi_spike = false, name = "loihi", neuron_update_pj = 8.100000e+01 : f64, neurons_per_core = 1024 : i64, per_channel_weights = true, reset_subtract = false, reset_to_value = true, spike_pj = 1.700000e+00 : f64, state_bits = 24 : i64, summary = "Loihi", syn_op_pj = 2.360000e+01 : f64, synapse_bytes_per_core = 131072 : i64, synaptic_delay_steps = 1 : i64, threshold_bits = 17 : i64, threshold_shift = 6 : i64, weight_bits = 8 : i64, weight_exp_max = 7 : i64, weight_exp_min = -8 : i64}} {
  snn.network @far_core(%in: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64, snn.core_links = array<i32>, snn.cores_used = 1 : i64} {
    // expected-error @+1 {{snn.core_of names core 5 of 1}}
    %a = snn.loihi_neuron %in {snn.name = "a", snn.core_of = array<i32: 0, 5>, du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
    snn.output %a : tensor<2xf32>
  }
}

// -----

// Tests that a core list of the wrong length is an error.
module attributes {snn.target = {allows_recurrence = true, arithmetic = "loihi", axons_in_per_core = 4096 : i64, axons_out_per_core = 4096 : i64, bias_exp_bits = 3 : i64, bias_mant_bits = 13 : i64, cores = 128 : i64, decay_bits = 12 : i64, fractional_bits = 0 : i64, has_leak = true, has_synaptic_current = true, hop_pj = 3.500000e+00 : f64, max_delay_steps = 0 : i64, multi_spike = false, name = "loihi", neuron_update_pj = 8.100000e+01 : f64, neurons_per_core = 1024 : i64, per_channel_weights = true, reset_subtract = false, reset_to_value = true, spike_pj = 1.700000e+00 : f64, state_bits = 24 : i64, summary = "Loihi", syn_op_pj = 2.360000e+01 : f64, synapse_bytes_per_core = 131072 : i64, synaptic_delay_steps = 1 : i64, threshold_bits = 17 : i64, threshold_shift = 6 : i64, weight_bits = 8 : i64, weight_exp_max = 7 : i64, weight_exp_min = -8 : i64}} {
  snn.network @short(%in: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64, snn.core_links = array<i32>, snn.cores_used = 1 : i64} {
    // expected-error @+1 {{snn.core_of has 1 entries for 2 neurons}}
    %a = snn.loihi_neuron %in {snn.name = "a", snn.core_of = array<i32: 0>, du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
    snn.output %a : tensor<2xf32>
  }
}

// -----

// Tests that a link to a core beyond the core count is an error.
module attributes {snn.target = {allows_recurrence = true, arithmetic = "loihi", axons_in_per_core = 4096 : i64, axons_out_per_core = 4096 : i64, bias_exp_bits = 3 : i64, bias_mant_bits = 13 : i64, cores = 128 : i64, decay_bits = 12 : i64, fractional_bits = 0 : i64, has_leak = true, has_synaptic_current = true, hop_pj = 3.500000e+00 : f64, max_delay_steps = 0 : i64, multi_spike = false, name = "loihi", neuron_update_pj = 8.100000e+01 : f64, neurons_per_core = 1024 : i64, per_channel_weights = true, reset_subtract = false, reset_to_value = true, spike_pj = 1.700000e+00 : f64, state_bits = 24 : i64, summary = "Loihi", syn_op_pj = 2.360000e+01 : f64, synapse_bytes_per_core = 131072 : i64, synaptic_delay_steps = 1 : i64, threshold_bits = 17 : i64, threshold_shift = 6 : i64, weight_bits = 8 : i64, weight_exp_max = 7 : i64, weight_exp_min = -8 : i64}} {
  // expected-error @+1 {{snn.core_links names core 3 of 1}}
  snn.network @far_link(%in: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64, snn.core_links = array<i32: 0, 3>, snn.cores_used = 1 : i64} {
    %a = snn.loihi_neuron %in {snn.name = "a", snn.core_of = array<i32: 0, 0>, du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
    snn.output %a : tensor<2xf32>
  }
}

// -----

// Tests that placement slots must match the cores.
module attributes {snn.target = {allows_recurrence = true, arithmetic = "loihi", axons_in_per_core = 4096 : i64, axons_out_per_core = 4096 : i64, bias_exp_bits = 3 : i64, bias_mant_bits = 13 : i64, cores = 128 : i64, decay_bits = 12 : i64, fractional_bits = 0 : i64, has_leak = true, has_synaptic_current = true, hop_pj = 3.500000e+00 : f64, max_delay_steps = 0 : i64, multi_spike = false, name = "loihi", neuron_update_pj = 8.100000e+01 : f64, neurons_per_core = 1024 : i64, per_channel_weights = true, reset_subtract = false, reset_to_value = true, spike_pj = 1.700000e+00 : f64, state_bits = 24 : i64, summary = "Loihi", syn_op_pj = 2.360000e+01 : f64, synapse_bytes_per_core = 131072 : i64, synaptic_delay_steps = 1 : i64, threshold_bits = 17 : i64, threshold_shift = 6 : i64, weight_bits = 8 : i64, weight_exp_max = 7 : i64, weight_exp_min = -8 : i64}} {
  // expected-error @+1 {{snn.core_slot places 2 cores, the mapping has 1}}
  snn.network @slots(%in: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64, snn.core_links = array<i32>, snn.cores_used = 1 : i64, snn.core_slot = array<i32: 0, 1>} {
    %a = snn.loihi_neuron %in {snn.name = "a", snn.core_of = array<i32: 0, 0>, du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
    snn.output %a : tensor<2xf32>
  }
}

// -----

// Tests that placement slots must not be negative.
module attributes {snn.target = {allows_recurrence = true, arithmetic = "loihi", axons_in_per_core = 4096 : i64, axons_out_per_core = 4096 : i64, bias_exp_bits = 3 : i64, bias_mant_bits = 13 : i64, cores = 128 : i64, decay_bits = 12 : i64, fractional_bits = 0 : i64, has_leak = true, has_synaptic_current = true, hop_pj = 3.500000e+00 : f64, max_delay_steps = 0 : i64, multi_spike = false, name = "loihi", neuron_update_pj = 8.100000e+01 : f64, neurons_per_core = 1024 : i64, per_channel_weights = true, reset_subtract = false, reset_to_value = true, spike_pj = 1.700000e+00 : f64, state_bits = 24 : i64, summary = "Loihi", syn_op_pj = 2.360000e+01 : f64, synapse_bytes_per_core = 131072 : i64, synaptic_delay_steps = 1 : i64, threshold_bits = 17 : i64, threshold_shift = 6 : i64, weight_bits = 8 : i64, weight_exp_max = 7 : i64, weight_exp_min = -8 : i64}} {
  // expected-error @+1 {{snn.core_slot has a negative slot}}
  snn.network @negative_slot(%in: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64, snn.core_links = array<i32>, snn.cores_used = 1 : i64, snn.core_slot = array<i32: -4>} {
    %a = snn.loihi_neuron %in {snn.name = "a", snn.core_of = array<i32: 0, 0>, du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
    snn.output %a : tensor<2xf32>
  }
}

// -----

// Tests that a mapped layer needs a name for its slices.
module attributes {snn.target = {allows_recurrence = true, arithmetic = "loihi", axons_in_per_core = 4096 : i64, axons_out_per_core = 4096 : i64, bias_exp_bits = 3 : i64, bias_mant_bits = 13 : i64, cores = 128 : i64, decay_bits = 12 : i64, fractional_bits = 0 : i64, has_leak = true, has_synaptic_current = true, hop_pj = 3.500000e+00 : f64, max_delay_steps = 0 : i64, multi_spike = false, name = "loihi", neuron_update_pj = 8.100000e+01 : f64, neurons_per_core = 1024 : i64, per_channel_weights = true, reset_subtract = false, reset_to_value = true, spike_pj = 1.700000e+00 : f64, state_bits = 24 : i64, summary = "Loihi", syn_op_pj = 2.360000e+01 : f64, synapse_bytes_per_core = 131072 : i64, synaptic_delay_steps = 1 : i64, threshold_bits = 17 : i64, threshold_shift = 6 : i64, weight_bits = 8 : i64, weight_exp_max = 7 : i64, weight_exp_min = -8 : i64}} {
  snn.network @nameless(%in: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64, snn.core_links = array<i32>, snn.cores_used = 1 : i64} {
    // expected-error @+1 {{a mapped op needs a name (snn.name) for its neuron slices to refer to}}
    %a = snn.loihi_neuron %in {snn.core_of = array<i32: 0, 0>, du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
    snn.output %a : tensor<2xf32>
  }
}

// -----

// Tests that a Speck core number beyond the chip is an error.
module attributes {snn.target = {allows_recurrence = false, arithmetic = "speck", axons_in_per_core = 0 : i64, axons_out_per_core = 0 : i64, bias_exp_bits = 0 : i64, bias_mant_bits = 0 : i64, cores = 9 : i64, decay_bits = 0 : i64, fractional_bits = 0 : i64, has_leak = false, has_synaptic_current = false, hop_pj = 0.000000e+00 : f64, max_delay_steps = 0 : i64, multi_spike = true, name = "speck", neuron_update_pj = 0.000000e+00 : f64, neurons_per_core = 0 : i64, per_channel_weights = false, reset_subtract = true, reset_to_value = false, spike_pj = 0.000000e+00 : f64, state_bits = 16 : i64, summary = "Speck", syn_op_pj = 0.000000e+00 : f64, synapse_bytes_per_core = 0 : i64, synaptic_delay_steps = 0 : i64, threshold_bits = 15 : i64, threshold_shift = 0 : i64, weight_bits = 8 : i64, weight_exp_max = 0 : i64, weight_exp_min = 0 : i64}} {
  snn.network @far_speck(%in: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0 : f64, snn.cores_used = 1 : i64} {
    // expected-error @+1 {{snn.core names core 12 of 9}}
    %a = snn.loihi_neuron %in {snn.name = "a", snn.core = 12 : i64, du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
    snn.output %a : tensor<2xf32>
  }
}

// -----

// Tests that snn.core on an op without a result is an error.
module attributes {snn.target = {allows_recurrence = false, arithmetic = "speck", axons_in_per_core = 0 : i64, axons_out_per_core = 0 : i64, bias_exp_bits = 0 : i64, bias_mant_bits = 0 : i64, cores = 9 : i64, decay_bits = 0 : i64, fractional_bits = 0 : i64, has_leak = false, has_synaptic_current = false, hop_pj = 0.000000e+00 : f64, max_delay_steps = 0 : i64, multi_spike = true, name = "speck", neuron_update_pj = 0.000000e+00 : f64, neurons_per_core = 0 : i64, per_channel_weights = false, reset_subtract = true, reset_to_value = false, spike_pj = 0.000000e+00 : f64, state_bits = 16 : i64, summary = "Speck", syn_op_pj = 0.000000e+00 : f64, synapse_bytes_per_core = 0 : i64, synaptic_delay_steps = 0 : i64, threshold_bits = 15 : i64, threshold_shift = 0 : i64, weight_bits = 8 : i64, weight_exp_max = 0 : i64, weight_exp_min = 0 : i64}} {
  snn.network @on_output(%in: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0 : f64, snn.cores_used = 1 : i64} {
    // expected-error @+1 {{snn.core on an op without one statically shaped result}}
    "snn.output"(%in) {snn.core = 0 : i64} : (tensor<2xf32>) -> ()
  }
}
