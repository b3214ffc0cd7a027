// Tests --snn-map's board-level mapping on Loihi-style descriptions with
// small numbers: a network spread over several chips of the board (placement
// remark), a network larger than the board (cores per board), and a neuron
// over a core's synapse memory. Neurons per core never fail: a layer larger
// than a core is split. Fan-in: test/passes/snn-map.mlir.
// RUN: not snn-opt %s -split-input-file --snn-map -o /dev/null 2>&1 | FileCheck %s

// 16 neurons, 4 per core: 4 cores on 2 of the board's 4 chips (2 x 2 grid).
// CHECK: remark: the network needs 4 cores, more than the 2 of one chip: it spans 2 chips of the board's 4
// CHECK: remark: placement on 2x1 core meshes: {{[0-9.e+]+}} packet-hops per step if every neuron spikes (cores in partition order: {{[0-9.e+]+}}); 2 chip(s), a chip-to-chip hop weighs 8
module attributes {snn.target = {chips_per_board = 4 : i64, board_chips_x = 2 : i64, chip_hop_weight = 8.0 : f64, allows_recurrence = true, arithmetic = "loihi", axons_in_per_core = 4096 : i64, axons_out_per_core = 4096 : i64, bias_exp_bits = 3 : i64, bias_mant_bits = 13 : i64, cores = 2 : i64, decay_bits = 12 : i64, fractional_bits = 0 : i64, has_leak = true, has_synaptic_current = true, hop_pj = 3.500000e+00 : f64, max_delay_steps = 0 : i64, multi_spike = false, name = "loihi", neuron_update_pj = 8.100000e+01 : f64, neurons_per_core = 4 : i64, per_channel_weights = true, reset_subtract = false, reset_to_value = true, spike_pj = 1.700000e+00 : f64, state_bits = 24 : i64, summary = "Loihi", syn_op_pj = 2.360000e+01 : f64, synapse_bytes_per_core = 131072 : i64, synaptic_delay_steps = 1 : i64, threshold_bits = 17 : i64, threshold_shift = 6 : i64, weight_bits = 8 : i64, weight_exp_max = 7 : i64, weight_exp_min = -8 : i64}} {
  snn.network @spread(%in: tensor<8xf32>) -> tensor<8xf32> attributes {dt = 1.0e-03 : f64} {
    %a = snn.scale %in {scale = 1.0 : f32} : tensor<8xf32> -> tensor<8xf32>
    %pre = snn.loihi_neuron %a {snn.name = "pre", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<8xf32>
    %w = snn.linear %pre {weight = dense<1.0> : tensor<8x8xf32>} : tensor<8xf32> -> tensor<8xf32>
    %post = snn.loihi_neuron %w {snn.name = "post", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<8xf32>
    snn.output %post : tensor<8xf32>
  }
}

// -----

// 20 neurons need 5 cores; the board has 2 chips x 2 cores. The layer that
// overflows is named.
// CHECK: error: cannot map onto loihi: layer 'post': the network needs 5 cores but a board holds at most 4 (2 chips x 2 cores, cores per board); use fewer or smaller layers, or a target with larger cores
module attributes {snn.target = {chips_per_board = 2 : i64, board_chips_x = 2 : i64, chip_hop_weight = 8.0 : f64, allows_recurrence = true, arithmetic = "loihi", axons_in_per_core = 4096 : i64, axons_out_per_core = 4096 : i64, bias_exp_bits = 3 : i64, bias_mant_bits = 13 : i64, cores = 2 : i64, decay_bits = 12 : i64, fractional_bits = 0 : i64, has_leak = true, has_synaptic_current = true, hop_pj = 3.500000e+00 : f64, max_delay_steps = 0 : i64, multi_spike = false, name = "loihi", neuron_update_pj = 8.100000e+01 : f64, neurons_per_core = 4 : i64, per_channel_weights = true, reset_subtract = false, reset_to_value = true, spike_pj = 1.700000e+00 : f64, state_bits = 24 : i64, summary = "Loihi", syn_op_pj = 2.360000e+01 : f64, synapse_bytes_per_core = 131072 : i64, synaptic_delay_steps = 1 : i64, threshold_bits = 17 : i64, threshold_shift = 6 : i64, weight_bits = 8 : i64, weight_exp_max = 7 : i64, weight_exp_min = -8 : i64}} {
  snn.network @big(%in: tensor<8xf32>) -> tensor<12xf32> attributes {dt = 1.0e-03 : f64} {
    %a = snn.scale %in {scale = 1.0 : f32} : tensor<8xf32> -> tensor<8xf32>
    %pre = snn.loihi_neuron %a {snn.name = "pre", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<8xf32>
    %w = snn.linear %pre {weight = dense<1.0> : tensor<12x8xf32>} : tensor<8xf32> -> tensor<12xf32>
    %post = snn.loihi_neuron %w {snn.name = "post", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<12xf32>
    snn.output %post : tensor<12xf32>
  }
}

// -----

// 4 bytes of synapse memory hold 4 * 8 / (2 * 8) = 2 entries; a neuron with
// 3 synapses cannot fit.
// CHECK: error: cannot map onto loihi: layer 'post': neuron 3 needs 3 synapse entries but a core holds at most 2 (synapses per core)
module attributes {snn.target = {allows_recurrence = true, arithmetic = "loihi", axons_in_per_core = 4096 : i64, axons_out_per_core = 4096 : i64, bias_exp_bits = 3 : i64, bias_mant_bits = 13 : i64, cores = 128 : i64, decay_bits = 12 : i64, fractional_bits = 0 : i64, has_leak = true, has_synaptic_current = true, hop_pj = 3.500000e+00 : f64, max_delay_steps = 0 : i64, multi_spike = false, name = "loihi", neuron_update_pj = 8.100000e+01 : f64, neurons_per_core = 1024 : i64, per_channel_weights = true, reset_subtract = false, reset_to_value = true, spike_pj = 1.700000e+00 : f64, state_bits = 24 : i64, summary = "Loihi", syn_op_pj = 2.360000e+01 : f64, synapse_bytes_per_core = 4 : i64, synaptic_delay_steps = 1 : i64, threshold_bits = 17 : i64, threshold_shift = 6 : i64, weight_bits = 8 : i64, weight_exp_max = 7 : i64, weight_exp_min = -8 : i64}} {
  snn.network @syn(%in: tensor<3xf32>) -> tensor<1xf32> attributes {dt = 1.0e-03 : f64} {
    %a = snn.scale %in {scale = 1.0 : f32} : tensor<3xf32> -> tensor<3xf32>
    %pre = snn.loihi_neuron %a {snn.name = "pre", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<3xf32>
    %w = snn.linear %pre {weight = dense<1.0> : tensor<1x3xf32>} : tensor<3xf32> -> tensor<1xf32>
    %post = snn.loihi_neuron %w {snn.name = "post", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<1xf32>
    snn.output %post : tensor<1xf32>
  }
}
