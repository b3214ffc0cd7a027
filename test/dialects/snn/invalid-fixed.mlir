// RUN: snn-opt %s -split-input-file -verify-diagnostics

// Verifiers of the fixed-point neuron families (SNNFixedOps.cpp): each
// parameter within its register range (targets/*/README.md), per-neuron
// parameters of the population's shape, a positive v_scale.

// Tests that loihi_neuron's du = -1 is outside 0..4095.
snn.network @loihi_du_neg(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.loihi_neuron' op parameter 'du' = -1 is outside 0..4095}}
  %z = snn.loihi_neuron %x {du = -1 : i32, dv = 0 : i32, vth_mant = 100 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.6e4 : f64} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that loihi_neuron's du = 4096 is outside 0..4095.
snn.network @loihi_du_big(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.loihi_neuron' op parameter 'du' = 4096 is outside 0..4095}}
  %z = snn.loihi_neuron %x {du = 4096 : i32, dv = 0 : i32, vth_mant = 100 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.6e4 : f64} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that loihi_neuron's dv = 4096 is outside 0..4095.
snn.network @loihi_dv_big(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.loihi_neuron' op parameter 'dv' = 4096 is outside 0..4095}}
  %z = snn.loihi_neuron %x {du = 4095 : i32, dv = 4096 : i32, vth_mant = 100 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.6e4 : f64} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that loihi_neuron's vth_mant = 131072 is outside 0..131071.
snn.network @loihi_vth_mant_big(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.loihi_neuron' op parameter 'vth_mant' = 131072 is outside 0..131071}}
  %z = snn.loihi_neuron %x {du = 4095 : i32, dv = 0 : i32, vth_mant = 131072 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.6e4 : f64} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that loihi_neuron's vth_mant = -1 is outside 0..131071.
snn.network @loihi_vth_mant_neg(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.loihi_neuron' op parameter 'vth_mant' = -1 is outside 0..131071}}
  %z = snn.loihi_neuron %x {du = 4095 : i32, dv = 0 : i32, vth_mant = -1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.6e4 : f64} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that loihi_neuron's bias_mant = -4097 is outside -4096..4095.
snn.network @loihi_bias_mant_neg(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.loihi_neuron' op parameter 'bias_mant' = -4097 is outside -4096..4095}}
  %z = snn.loihi_neuron %x {du = 4095 : i32, dv = 0 : i32, vth_mant = 100 : i32, bias_mant = -4097 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.6e4 : f64} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that loihi_neuron's bias_mant = 4096 is outside -4096..4095.
snn.network @loihi_bias_mant_big(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.loihi_neuron' op parameter 'bias_mant' = 4096 is outside -4096..4095}}
  %z = snn.loihi_neuron %x {du = 4095 : i32, dv = 0 : i32, vth_mant = 100 : i32, bias_mant = 4096 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.6e4 : f64} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that loihi_neuron's bias_exp = 8 is outside 0..7.
snn.network @loihi_bias_exp_big(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.loihi_neuron' op parameter 'bias_exp' = 8 is outside 0..7}}
  %z = snn.loihi_neuron %x {du = 4095 : i32, dv = 0 : i32, vth_mant = 100 : i32, bias_mant = 0 : i32, bias_exp = 8 : i32, weight_exp = 0 : i32, v_scale = 1.6e4 : f64} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that loihi_neuron's bias_exp = -1 is outside 0..7.
snn.network @loihi_bias_exp_neg(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.loihi_neuron' op parameter 'bias_exp' = -1 is outside 0..7}}
  %z = snn.loihi_neuron %x {du = 4095 : i32, dv = 0 : i32, vth_mant = 100 : i32, bias_mant = 0 : i32, bias_exp = -1 : i32, weight_exp = 0 : i32, v_scale = 1.6e4 : f64} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that loihi_neuron's weight_exp = -9 is outside -8..7.
snn.network @loihi_weight_exp_neg(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.loihi_neuron' op parameter 'weight_exp' = -9 is outside -8..7}}
  %z = snn.loihi_neuron %x {du = 4095 : i32, dv = 0 : i32, vth_mant = 100 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = -9 : i32, v_scale = 1.6e4 : f64} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that loihi_neuron's weight_exp = 8 is outside -8..7.
snn.network @loihi_weight_exp_big(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.loihi_neuron' op parameter 'weight_exp' = 8 is outside -8..7}}
  %z = snn.loihi_neuron %x {du = 4095 : i32, dv = 0 : i32, vth_mant = 100 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 8 : i32, v_scale = 1.6e4 : f64} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that a per-neuron parameter names the element out of range.
snn.network @loihi_element(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.loihi_neuron' op parameter 'dv' = 4096 is outside 0..4095 at element 1}}
  %z = snn.loihi_neuron %x {du = 4095 : i32, dv = dense<[10, 4096]> : tensor<2xi32>, vth_mant = 100 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.6e4 : f64} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that a per-neuron parameter must have the population's shape.
snn.network @loihi_shape(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.loihi_neuron' op per-neuron parameter 'vth_mant' must have the population's shape 'tensor<2xf32>'}}
  %z = snn.loihi_neuron %x {du = 4095 : i32, dv = 0 : i32, vth_mant = dense<[1, 2, 3]> : tensor<3xi32>, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.6e4 : f64} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that the shape must match exactly (same element count, other rank).
snn.network @loihi_shape_rank(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.loihi_neuron' op per-neuron parameter 'bias_exp' must have the population's shape 'tensor<2xf32>'}}
  %z = snn.loihi_neuron %x {du = 4095 : i32, dv = 0 : i32, vth_mant = 100 : i32, bias_mant = 0 : i32, bias_exp = dense<0> : tensor<1x2xi32>, weight_exp = 0 : i32, v_scale = 1.6e4 : f64} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that an integer parameter must be an i32 (or i32 tensor), not a float.
snn.network @loihi_type(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.loihi_neuron' op attribute 'du' failed to satisfy constraint: i32 scalar or per-neuron i32 tensor}}
  %z = snn.loihi_neuron %x {du = 4095.0 : f32, dv = 0 : i32, vth_mant = 100 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.6e4 : f64} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that v_scale must be positive.
snn.network @loihi_v_scale_zero(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.loihi_neuron' op v_scale must be a positive number, got 0.000000e+00}}
  %z = snn.loihi_neuron %x {du = 4095 : i32, dv = 0 : i32, vth_mant = 100 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 0.0 : f64} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that a negative v_scale is refused.
snn.network @loihi_v_scale_neg(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.loihi_neuron' op v_scale must be a positive number, got -1.600000e+04}}
  %z = snn.loihi_neuron %x {du = 4095 : i32, dv = 0 : i32, vth_mant = 100 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = -1.6e4 : f64} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that a NaN v_scale is refused.
snn.network @loihi_v_scale_nan(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.loihi_neuron' op v_scale must be a positive number, got nan}}
  %z = snn.loihi_neuron %x {du = 4095 : i32, dv = 0 : i32, vth_mant = 100 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 0x7FF8000000000000 : f64} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that an infinite v_scale is refused.
snn.network @loihi_v_scale_inf(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.loihi_neuron' op v_scale must be a positive number, got INF}}
  %z = snn.loihi_neuron %x {du = 4095 : i32, dv = 0 : i32, vth_mant = 100 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 0x7FF0000000000000 : f64} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that v_scale is required.
snn.network @loihi_no_v_scale(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.loihi_neuron' op requires attribute 'v_scale'}}
  %z = snn.loihi_neuron %x {du = 4095 : i32, dv = 0 : i32, vth_mant = 100 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that input_shift = -1 is outside 0..31.
snn.network @spin_shift_neg(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.spinnaker_neuron' op parameter 'input_shift' = -1 is outside 0..31}}
  %z = snn.spinnaker_neuron %x {mem_decay = 31457 : i32, mem_gain = 1311 : i32, mem_bias = 0 : i32, threshold = 3277 : i32, v_reset = 0 : i32, reset = #snn<reset to_reset>, input_shift = -1 : i32, v_scale = 32768.0 : f64} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that input_shift = 32 is outside 0..31.
snn.network @spin_shift_big(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.spinnaker_neuron' op parameter 'input_shift' = 32 is outside 0..31}}
  %z = snn.spinnaker_neuron %x {mem_decay = 31457 : i32, mem_gain = 1311 : i32, mem_bias = 0 : i32, threshold = 3277 : i32, v_reset = 0 : i32, reset = #snn<reset to_reset>, input_shift = 32 : i32, v_scale = 32768.0 : f64} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that a per-neuron input_shift names the element out of range.
snn.network @spin_shift_element(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.spinnaker_neuron' op parameter 'input_shift' = 40 is outside 0..31 at element 1}}
  %z = snn.spinnaker_neuron %x {mem_decay = 31457 : i32, mem_gain = 1311 : i32, mem_bias = 0 : i32, threshold = 3277 : i32, v_reset = 0 : i32, reset = #snn<reset to_reset>, input_shift = dense<[0, 40]> : tensor<2xi32>, v_scale = 32768.0 : f64} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that a per-neuron syn_decay must have the population's shape.
snn.network @spin_shape_syn_decay(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.spinnaker_neuron' op per-neuron parameter 'syn_decay' must have the population's shape 'tensor<2xf32>'}}
  %z = snn.spinnaker_neuron %x {mem_decay = 31457 : i32, mem_gain = 1311 : i32, mem_bias = 0 : i32, threshold = 3277 : i32, v_reset = 0 : i32, reset = #snn<reset to_reset>, input_shift = 0 : i32, v_scale = 32768.0 : f64, syn_decay = dense<[1, 2, 3]> : tensor<3xi32>} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that a per-neuron threshold must have the population's shape.
snn.network @spin_shape_threshold(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.spinnaker_neuron' op per-neuron parameter 'threshold' must have the population's shape 'tensor<2xf32>'}}
  %z = snn.spinnaker_neuron %x {mem_decay = 31457 : i32, mem_gain = 1311 : i32, mem_bias = 0 : i32, threshold = dense<[1, 2, 3]> : tensor<3xi32>, v_reset = 0 : i32, reset = #snn<reset to_reset>, input_shift = 0 : i32, v_scale = 32768.0 : f64} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that a per-neuron mem_decay must have the population's shape.
snn.network @spin_shape_mem_decay(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.spinnaker_neuron' op per-neuron parameter 'mem_decay' must have the population's shape 'tensor<2xf32>'}}
  %z = snn.spinnaker_neuron %x {mem_decay = dense<[1, 2, 3]> : tensor<3xi32>, mem_gain = 1311 : i32, mem_bias = 0 : i32, threshold = 3277 : i32, v_reset = 0 : i32, reset = #snn<reset to_reset>, input_shift = 0 : i32, v_scale = 32768.0 : f64} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that a per-neuron mem_gain must have the population's shape.
snn.network @spin_shape_mem_gain(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.spinnaker_neuron' op per-neuron parameter 'mem_gain' must have the population's shape 'tensor<2xf32>'}}
  %z = snn.spinnaker_neuron %x {mem_decay = 31457 : i32, mem_gain = dense<1> : tensor<2x1xi32>, mem_bias = 0 : i32, threshold = 3277 : i32, v_reset = 0 : i32, reset = #snn<reset to_reset>, input_shift = 0 : i32, v_scale = 32768.0 : f64} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that a per-neuron mem_bias must have the population's shape.
snn.network @spin_shape_mem_bias(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.spinnaker_neuron' op per-neuron parameter 'mem_bias' must have the population's shape 'tensor<2xf32>'}}
  %z = snn.spinnaker_neuron %x {mem_decay = 31457 : i32, mem_gain = 1311 : i32, mem_bias = dense<[1]> : tensor<1xi32>, threshold = 3277 : i32, v_reset = 0 : i32, reset = #snn<reset to_reset>, input_shift = 0 : i32, v_scale = 32768.0 : f64} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that a per-neuron v_reset must have the population's shape.
snn.network @spin_shape_v_reset(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.spinnaker_neuron' op per-neuron parameter 'v_reset' must have the population's shape 'tensor<2xf32>'}}
  %z = snn.spinnaker_neuron %x {mem_decay = 31457 : i32, mem_gain = 1311 : i32, mem_bias = 0 : i32, threshold = 3277 : i32, v_reset = dense<[1, 2, 3]> : tensor<3xi32>, reset = #snn<reset to_reset>, input_shift = 0 : i32, v_scale = 32768.0 : f64} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that a reset without a threshold is refused.
snn.network @spin_reset_without_threshold(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.spinnaker_neuron' op without a threshold the reset must be none}}
  %z = snn.spinnaker_neuron %x {mem_decay = 31457 : i32, mem_gain = 1311 : i32, mem_bias = 0 : i32, v_reset = 0 : i32, reset = #snn<reset to_reset>, input_shift = 0 : i32, v_scale = 32768.0 : f64} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that v_scale must be positive.
snn.network @spin_v_scale(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.spinnaker_neuron' op v_scale must be a positive number, got 0.000000e+00}}
  %z = snn.spinnaker_neuron %x {mem_decay = 31457 : i32, mem_gain = 1311 : i32, mem_bias = 0 : i32, threshold = 3277 : i32, v_reset = 0 : i32, reset = #snn<reset to_reset>, input_shift = 0 : i32, v_scale = 0.0 : f64} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that a zero threshold is refused (1..32767).
snn.network @speck_threshold_zero(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.speck_neuron' op parameter 'threshold' = 0 is outside 1..32767}}
  %z = snn.speck_neuron %x {threshold = 0 : i32, v_min = -127 : i32, v_scale = 127.0 : f64} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that a threshold beyond the 16-bit state is refused.
snn.network @speck_threshold_big(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.speck_neuron' op parameter 'threshold' = 32768 is outside 1..32767}}
  %z = snn.speck_neuron %x {threshold = 32768 : i32, v_min = -127 : i32, v_scale = 127.0 : f64} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that a per-neuron threshold names the element out of range.
snn.network @speck_threshold_element(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.speck_neuron' op parameter 'threshold' = -1 is outside 1..32767 at element 1}}
  %z = snn.speck_neuron %x {threshold = dense<[127, -1]> : tensor<2xi32>, v_min = -127 : i32, v_scale = 127.0 : f64} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that a per-neuron threshold must have the population's shape.
snn.network @speck_threshold_shape(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.speck_neuron' op per-neuron parameter 'threshold' must have the population's shape 'tensor<2xf32>'}}
  %z = snn.speck_neuron %x {threshold = dense<[1, 2, 3]> : tensor<3xi32>, v_min = -127 : i32, v_scale = 127.0 : f64} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that a positive v_min is refused.
snn.network @speck_v_min_positive(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.speck_neuron' op v_min = 1 is outside -32768..0}}
  %z = snn.speck_neuron %x {threshold = 127 : i32, v_min = 1 : i32, v_scale = 127.0 : f64} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that a v_min below the 16-bit state is refused.
snn.network @speck_v_min_low(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.speck_neuron' op v_min = -32769 is outside -32768..0}}
  %z = snn.speck_neuron %x {threshold = 127 : i32, v_min = -32769 : i32, v_scale = 127.0 : f64} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that v_scale must be positive.
snn.network @speck_v_scale(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.speck_neuron' op v_scale must be a positive number, got -1.000000e+00}}
  %z = snn.speck_neuron %x {threshold = 127 : i32, v_min = -127 : i32, v_scale = -1.0 : f64} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}
