// Tests --snn-lower-hw on its own: mapping attributes (as --snn-map's mappers
// leave them) become an snn_hw board and are removed; placement slots give
// chips, core numbers and mesh hops; a module without a mapping is left
// alone. Errors: snn-lower-hw-errors.mlir.
// RUN: snn-opt %s -split-input-file --snn-lower-hw | FileCheck %s

// Tests a Loihi-style mapping over two chips: core 1 in slot 137 is core 9
// of the second chip; each slice's core stores the synapses into it (the
// diagonal scale splits with the slice); the route's hops count the chip
// boundary.
// CHECK-LABEL: snn.network @two_chips
// CHECK-NOT: snn.core
// CHECK: snn_hw.board @two_chips_loihi for @two_chips target "loihi" routing mesh grid [2, 1] attributes {cores_lower_bound = 1 : i64, inter_core_packets = 4.000000e+00 : f64} {
// CHECK-NEXT: snn_hw.chip @chip_0_0 at (0, 0) cores 128 mesh [8, 16]
// CHECK-NEXT: snn_hw.chip @chip_1_0 at (1, 0) cores 128 mesh [8, 16]
// CHECK-NEXT: snn_hw.core @core0 on @chip_0_0 index 0 use [#snn_hw.use<"neurons", 4, 1024>, #snn_hw.use<"fan-in", 0, 4096>, #snn_hw.use<"synapses", 0, 65536>]
// CHECK-NEXT: snn_hw.core @core1 on @chip_1_0 index 9 use [#snn_hw.use<"neurons", 4, 1024>, #snn_hw.use<"fan-in", 4, 4096>, #snn_hw.use<"synapses", 12, 65536>]
// CHECK-NEXT: snn_hw.neuron_slice @core0 "a" [0, 4)
// CHECK-NEXT: snn_hw.neuron_slice @core1 "a" [4, 6)
// CHECK-NEXT: snn_hw.neuron_slice @core1 "b" [0, 2)
// CHECK-NEXT: snn_hw.synapse_table @core0 "w" -> "a" [0, 4) synapses 4 axons [0, 4]
// CHECK-NEXT: snn_hw.synapse_table @core1 "w" -> "a" [4, 6) synapses 2 axons [4, 6]
// CHECK-NEXT: snn_hw.synapse_table @core1 "v" -> "b" [0, 2) synapses 12 axons [0, 6]
// CHECK-NEXT: snn_hw.route @core0 -> [@core1] hops [3]
// CHECK-NEXT: }
module attributes {snn.target = {allows_recurrence = true, arithmetic = "loihi", axons_in_per_core = 4096 : i64, axons_out_per_core = 4096 : i64, bias_exp_bits = 3 : i64, bias_mant_bits = 13 : i64, cores = 128 : i64, decay_bits = 12 : i64, fractional_bits = 0 : i64, has_leak = true, has_synaptic_current = true, hop_pj = 3.500000e+00 : f64, max_delay_steps = 0 : i64, multi_spike = false, name = "loihi", neuron_update_pj = 8.100000e+01 : f64, neurons_per_core = 1024 : i64, per_channel_weights = true, reset_subtract = false, reset_to_value = true, spike_pj = 1.700000e+00 : f64, state_bits = 24 : i64, summary = "Loihi", syn_op_pj = 2.360000e+01 : f64, synapse_bytes_per_core = 131072 : i64, synaptic_delay_steps = 1 : i64, threshold_bits = 17 : i64, threshold_shift = 6 : i64, weight_bits = 8 : i64, weight_exp_max = 7 : i64, weight_exp_min = -8 : i64}} {
  snn.network @two_chips(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64, snn.core_links = array<i32: 0, 1>, snn.core_slot = array<i32: 0, 137>, snn.cores_used = 2 : i64, snn.cores_lower_bound = 1 : i64, snn.inter_core_packets = 4.0 : f64, snn.core_fan_in = array<i64: 0, 4>, snn.core_synapses = array<i64: 0, 12>} {
    %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
    %a = snn.loihi_neuron %w {snn.name = "a", snn.core_of = array<i32: 0, 0, 0, 0, 1, 1>, du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
    %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
    %b = snn.loihi_neuron %v {snn.name = "b", snn.core_of = array<i32: 1, 1>, du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
    snn.output %b : tensor<2xf32>
  }
}

// -----

// Tests a Speck-style mapping: every op of a stage on its core, the core's
// memory use against the published capacities, the weights feeding its
// neurons (a scale has none), and its destinations.
// CHECK-LABEL: snn.network @stages
// CHECK-NOT: snn.core
// CHECK: snn_hw.board @stages_speck for @stages target "speck" routing direct grid [1, 1] {
// CHECK-NEXT: snn_hw.chip @chip_0_0 at (0, 0) cores 9
// CHECK-NEXT: snn_hw.core @core4 on @chip_0_0 index 4 use [#snn_hw.use<"neurons", 6, 0>, #snn_hw.use<"kernel memory", 8, 32768>, #snn_hw.use<"neuron memory", 6, 32768>, #snn_hw.use<"bias memory", 0, 1024>]
// CHECK-NEXT: snn_hw.neuron_slice @core4 "w" [0, 6)
// CHECK-NEXT: snn_hw.neuron_slice @core4 "a" [0, 6)
// CHECK-NEXT: snn_hw.core @core7 on @chip_0_0 index 7 use [#snn_hw.use<"neurons", 2, 0>]
// CHECK-NEXT: snn_hw.neuron_slice @core7 "v" [0, 2)
// CHECK-NEXT: snn_hw.neuron_slice @core7 "b" [0, 2)
// CHECK-NEXT: snn_hw.synapse_table @core7 "v" -> "b" [0, 2) synapses 12 axons [0, 6]
// CHECK-NEXT: snn_hw.route @core4 -> [@core7]
// CHECK-NEXT: }
module attributes {snn.target = {allows_recurrence = false, arithmetic = "speck", axons_in_per_core = 0 : i64, axons_out_per_core = 0 : i64, bias_exp_bits = 0 : i64, bias_mant_bits = 0 : i64, cores = 9 : i64, decay_bits = 0 : i64, fractional_bits = 0 : i64, has_leak = false, has_synaptic_current = false, hop_pj = 0.000000e+00 : f64, max_delay_steps = 0 : i64, multi_spike = true, name = "speck", neuron_update_pj = 0.000000e+00 : f64, neurons_per_core = 0 : i64, per_channel_weights = false, reset_subtract = true, reset_to_value = false, spike_pj = 0.000000e+00 : f64, state_bits = 16 : i64, summary = "Speck", syn_op_pj = 0.000000e+00 : f64, synapse_bytes_per_core = 0 : i64, synaptic_delay_steps = 0 : i64, threshold_bits = 15 : i64, threshold_shift = 0 : i64, weight_bits = 8 : i64, weight_exp_max = 0 : i64, weight_exp_min = 0 : i64}} {
  snn.network @stages(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0 : f64, snn.cores_used = 2 : i64} {
    %w = snn.scale %in {snn.name = "w", snn.core = 4 : i64, scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
    %a = snn.loihi_neuron %w {snn.name = "a", snn.core = 4 : i64, snn.routes = array<i64: 7>, snn.core_memory = array<i64: 8, 6, 0>, du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
    %v = snn.linear %a {snn.name = "v", snn.core = 7 : i64, weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
    %b = snn.loihi_neuron %v {snn.name = "b", snn.core = 7 : i64, snn.routes = array<i64>, du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
    snn.output %b : tensor<2xf32>
  }
}

// -----

// Tests that a quantized module without a mapping is left alone.
// CHECK-LABEL: snn.network @unmapped
// CHECK-NOT: snn_hw.board
module attributes {snn.target = {allows_recurrence = true, arithmetic = "loihi", axons_in_per_core = 4096 : i64, axons_out_per_core = 4096 : i64, bias_exp_bits = 3 : i64, bias_mant_bits = 13 : i64, cores = 128 : i64, decay_bits = 12 : i64, fractional_bits = 0 : i64, has_leak = true, has_synaptic_current = true, hop_pj = 3.500000e+00 : f64, max_delay_steps = 0 : i64, multi_spike = false, name = "loihi", neuron_update_pj = 8.100000e+01 : f64, neurons_per_core = 1024 : i64, per_channel_weights = true, reset_subtract = false, reset_to_value = true, spike_pj = 1.700000e+00 : f64, state_bits = 24 : i64, summary = "Loihi", syn_op_pj = 2.360000e+01 : f64, synapse_bytes_per_core = 131072 : i64, synaptic_delay_steps = 1 : i64, threshold_bits = 17 : i64, threshold_shift = 6 : i64, weight_bits = 8 : i64, weight_exp_max = 7 : i64, weight_exp_min = -8 : i64}} {
  snn.network @unmapped(%in: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
    snn.output %in : tensor<2xf32>
  }
}

// -----

// Tests synapse tables of a sparse projection behind a delay and an add:
// zero weights are no synapses, the axons are the inputs a core's rows use,
// and a core whose rows get only zero weights of a projection (core 0, "q")
// has no table for it.
// CHECK-LABEL: snn.network @sparse
module attributes {snn.target = {allows_recurrence = true, arithmetic = "loihi", axons_in_per_core = 4096 : i64, axons_out_per_core = 4096 : i64, bias_exp_bits = 3 : i64, bias_mant_bits = 13 : i64, cores = 128 : i64, decay_bits = 12 : i64, fractional_bits = 0 : i64, has_leak = true, has_synaptic_current = true, hop_pj = 3.500000e+00 : f64, max_delay_steps = 0 : i64, multi_spike = false, name = "loihi", neuron_update_pj = 8.100000e+01 : f64, neurons_per_core = 1024 : i64, per_channel_weights = true, reset_subtract = false, reset_to_value = true, spike_pj = 1.700000e+00 : f64, state_bits = 24 : i64, summary = "Loihi", syn_op_pj = 2.360000e+01 : f64, synapse_bytes_per_core = 131072 : i64, synaptic_delay_steps = 1 : i64, threshold_bits = 17 : i64, threshold_shift = 6 : i64, weight_bits = 8 : i64, weight_exp_max = 7 : i64, weight_exp_min = -8 : i64}} {
  snn.network @sparse(%in: tensor<6xf32>) -> tensor<3xf32> attributes {dt = 1.0e-03 : f64, snn.core_links = array<i32: 0, 1>, snn.cores_used = 2 : i64} {
    %a = snn.loihi_neuron %in {snn.name = "a", snn.core_of = array<i32: 0, 0, 0, 0, 0, 0>, du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
    %p = snn.sparse_projection %a {snn.name = "p", row_ptr = array<i32: 0, 1, 1, 4>, cols = array<i32: 5, 0, 1, 4>, values = dense<[1.0, 2.0, 0.0, 3.0]> : tensor<4xf32>} : tensor<6xf32> -> tensor<3xf32>
    %q = snn.linear %a {snn.name = "q", weight = dense<[[0.0, 0.0, 0.0, 0.0, 0.0, 0.0], [0.0, 1.0, 1.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 1.0, 0.0, 0.0]]> : tensor<3x6xf32>} : tensor<6xf32> -> tensor<3xf32>
    %s = snn.add %p, %q : tensor<3xf32>
    %d = snn.step_delay %s {snn.name = "d", steps = array<i64: 1>} : tensor<3xf32>
    %b = snn.loihi_neuron %d {snn.name = "b", snn.core_of = array<i32: 0, 1, 1>, du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<3xf32>
    snn.output %b : tensor<3xf32>
  }
}
// CHECK: snn_hw.board @sparse_loihi for @sparse target "loihi" routing mesh grid [1, 1] {
// CHECK:      snn_hw.neuron_slice @core1 "b" [1, 3)
// CHECK-NEXT: snn_hw.synapse_table @core0 "p" -> "b" [0, 1) synapses 1 axons [5, 6]
// CHECK-NEXT: snn_hw.synapse_table @core1 "p" -> "b" [1, 3) synapses 2 axons [0, 1, 4, 5]
// CHECK-NEXT: snn_hw.synapse_table @core1 "q" -> "b" [1, 3) synapses 3 axons [1, 4]
// CHECK-NEXT: snn_hw.route @core0 -> [@core1] hops [1]
