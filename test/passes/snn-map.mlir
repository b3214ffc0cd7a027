// Tests --snn-map's errors: an unquantized module, and a neuron whose fan-in
// exceeds a Loihi core's 4096 input axons.
// RUN: snn-opt %s -split-input-file -verify-diagnostics --snn-map

// Tests that mapping needs --snn-quantize first.
// expected-error @+1 {{mapping needs a quantized module; run --snn-quantize='target=NAME' first}}
module {
  snn.network @raw(%in: tensor<1xf32>) -> tensor<1xf32> attributes {dt = 1.0e-03 : f64} {
    snn.output %in : tensor<1xf32>
  }
}

// -----

// Tests that one neuron with 5000 presynaptic neurons cannot fit a core.
module attributes {snn.target = {allows_recurrence = true, arithmetic = "loihi", axons_in_per_core = 4096 : i64, axons_out_per_core = 4096 : i64, bias_exp_bits = 3 : i64, bias_mant_bits = 13 : i64, cores = 128 : i64, decay_bits = 12 : i64, fractional_bits = 0 : i64, has_leak = true, has_synaptic_current = true, hop_pj = 3.500000e+00 : f64, max_delay_steps = 0 : i64, multi_spike = false, name = "loihi", neuron_update_pj = 8.100000e+01 : f64, neurons_per_core = 1024 : i64, per_channel_weights = true, reset_subtract = false, reset_to_value = true, spike_pj = 1.700000e+00 : f64, state_bits = 24 : i64, summary = "Loihi", syn_op_pj = 2.360000e+01 : f64, synapse_bytes_per_core = 131072 : i64, synaptic_delay_steps = 1 : i64, threshold_bits = 17 : i64, threshold_shift = 6 : i64, weight_bits = 8 : i64, weight_exp_max = 7 : i64, weight_exp_min = -8 : i64}} {
  snn.network @wide(%in: tensor<5000xf32>) -> tensor<1xf32> attributes {dt = 1.0e-03 : f64} {
    %a = snn.scale %in {scale = 1.0 : f32} : tensor<5000xf32> -> tensor<5000xf32>
    %pre = snn.loihi_neuron %a {snn.name = "pre", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<5000xf32>
    %w = snn.linear %pre {weight = dense<1.0> : tensor<1x5000xf32>} : tensor<5000xf32> -> tensor<1xf32>
    // expected-error @+1 {{cannot map onto loihi: layer 'post': neuron 5000 needs a fan-in of 5000 distinct pre-neurons but a core accepts at most 4096 (input axons per core)}}
    %post = snn.loihi_neuron %w {snn.name = "post", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<1xf32>
    snn.output %post : tensor<1xf32>
  }
}
