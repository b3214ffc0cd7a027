// RUN: rm -rf %t && split-file %s %t
//
// Options, checked once per module before any layer:
// RUN: snn-opt %t/no-target.mlir -verify-diagnostics --snn-quantize -o /dev/null
// RUN: snn-opt %t/unknown-target.mlir -verify-diagnostics --snn-quantize=target=truenorth -o /dev/null
// RUN: snn-opt %t/decay-rounding.mlir -verify-diagnostics --snn-quantize="target=loihi decay-rounding=up" -o /dev/null
// RUN: snn-opt %t/per-channel.mlir -verify-diagnostics --snn-quantize="target=spinnaker per-channel=true" -o /dev/null
// RUN: snn-opt %t/negative-v-scale.mlir -verify-diagnostics --snn-quantize="target=loihi v-scale=-16000" -o /dev/null
// RUN: snn-opt %t/bad-weight-exp.mlir -verify-diagnostics --snn-quantize="target=loihi weight-exp=max" -o /dev/null
// RUN: snn-opt %t/quantized.mlir -split-input-file -verify-diagnostics --snn-quantize=target=loihi -o /dev/null
// RUN: snn-opt %t/calibration-missing.mlir -verify-diagnostics --snn-quantize="target=loihi calibration=%t/missing.npy" -o /dev/null
// RUN: snn-opt %t/calibration-shape.mlir -verify-diagnostics --snn-quantize="target=loihi calibration=%S/../../examples/braille/braille_ds_test0_input.npy" -o /dev/null
// RUN: snn-opt %t/calibration-inputs.mlir -verify-diagnostics --snn-quantize="target=loihi calibration=%S/../../examples/lif/lif_input.npy" -o /dev/null
//
// Layers, per target family:
// RUN: snn-opt %t/loihi.mlir -split-input-file -verify-diagnostics --snn-quantize=target=loihi -o /dev/null
// RUN: snn-opt %t/loihi-v-scale.mlir -split-input-file -verify-diagnostics --snn-quantize="target=loihi v-scale=1e7" -o /dev/null
// RUN: snn-opt %t/loihi-weight-exp.mlir -verify-diagnostics --snn-quantize="target=loihi weight-exp=8" -o /dev/null
// RUN: snn-opt %t/spinnaker.mlir -split-input-file -verify-diagnostics --snn-quantize=target=spinnaker -o /dev/null
// RUN: snn-opt %t/spinnaker-v-scale.mlir -verify-diagnostics --snn-quantize="target=spinnaker v-scale=16000" -o /dev/null
// RUN: snn-opt %t/spinnaker-calibration.mlir -verify-diagnostics --snn-quantize="target=spinnaker calibration=%S/../../examples/lif/lif_input.npy" -o /dev/null
// RUN: snn-opt %t/speck.mlir -split-input-file -verify-diagnostics --snn-quantize=target=speck -o /dev/null
// RUN: snn-opt %t/speck-v-scale.mlir -verify-diagnostics --snn-quantize="target=speck v-scale=40000" -o /dev/null
// RUN: snn-opt %t/brainscales2.mlir -verify-diagnostics --snn-quantize=target=brainscales2 -o /dev/null

//--- no-target.mlir

// Tests that the target is required (the empty default is unknown).
// expected-error @+1 {{unknown target ''; known targets: brainscales2, gpusim, loihi, loihi2, speck, spinnaker, spinnaker2}}
module {
  snn.network @a(%x: tensor<1xf32>) -> tensor<1xf32> attributes {dt = 1.0e-3 : f64} {
    snn.output %x : tensor<1xf32>
  }
}

//--- unknown-target.mlir

// Tests that an unknown target is refused with the list of known ones.
// expected-error @+1 {{unknown target 'truenorth'; known targets: brainscales2, gpusim, loihi, loihi2, speck, spinnaker, spinnaker2}}
module {
  snn.network @a(%x: tensor<1xf32>) -> tensor<1xf32> attributes {dt = 1.0e-3 : f64} {
    snn.output %x : tensor<1xf32>
  }
}

//--- decay-rounding.mlir

// Tests that decay-rounding takes nearest or floor only.
// expected-error @+1 {{decay-rounding must be nearest or floor, got 'up'}}
module {
  snn.network @a(%x: tensor<1xf32>) -> tensor<1xf32> attributes {dt = 1.0e-3 : f64} {
    snn.output %x : tensor<1xf32>
  }
}

//--- per-channel.mlir

// Tests that per-channel scales are refused where the target has one
// weight scale per layer.
// expected-error @+1 {{target 'spinnaker' has one weight scale per layer; per-channel scales are not available}}
module {
  snn.network @a(%x: tensor<1xf32>) -> tensor<1xf32> attributes {dt = 1.0e-3 : f64} {
    snn.output %x : tensor<1xf32>
  }
}

//--- negative-v-scale.mlir

// Tests that a negative v-scale is refused (0 means automatic).
// expected-error @+1 {{v-scale must be positive (or 0 for automatic)}}
module {
  snn.network @a(%x: tensor<1xf32>) -> tensor<1xf32> attributes {dt = 1.0e-3 : f64} {
    snn.output %x : tensor<1xf32>
  }
}

//--- bad-weight-exp.mlir

// Tests that weight-exp is auto or an integer.
// expected-error @+1 {{weight-exp must be auto or an integer, got 'max'}}
module {
  snn.network @a(%x: tensor<1xf32>) -> tensor<1xf32> attributes {dt = 1.0e-3 : f64} {
    snn.output %x : tensor<1xf32>
  }
}

//--- quantized.mlir

// Tests that a module that already carries a target is refused.
// expected-error @+1 {{module is already quantized for 'speck'; quantize the float network}}
module attributes {snn.target = {name = "speck", arithmetic = "speck"}} {
  snn.network @a(%x: tensor<1xf32>) -> tensor<1xf32> attributes {dt = 1.0e-3 : f64} {
    snn.output %x : tensor<1xf32>
  }
}

// -----

// Tests that a malformed snn.target (no name) is refused, not dereferenced.
// expected-error @+1 {{module is already quantized for '?'; quantize the float network}}
module attributes {snn.target = {arithmetic = "loihi"}} {
  snn.network @a(%x: tensor<1xf32>) -> tensor<1xf32> attributes {dt = 1.0e-3 : f64} {
    snn.output %x : tensor<1xf32>
  }
}

// -----

// Tests that an snn.target that is not a dictionary is refused as well.
// expected-error @+1 {{module is already quantized for '?'; quantize the float network}}
module attributes {snn.target = "loihi"} {
  snn.network @a(%x: tensor<1xf32>) -> tensor<1xf32> attributes {dt = 1.0e-3 : f64} {
    snn.output %x : tensor<1xf32>
  }
}

//--- calibration-missing.mlir

// Tests that a missing calibration file is reported.
// expected-error @+1 {{missing.npy: cannot open file}}
module {
  snn.network @lif(%x: tensor<1xf32>) -> tensor<1xf32> attributes {dt = 1.0e-4 : f64} {
    %w = snn.linear %x {weight = dense<1.0> : tensor<1x1xf32>} : tensor<1xf32> -> tensor<1xf32>
    %z = snn.step_neuron %w {syn_gain = 1.0 : f32, mem_decay = 0.96 : f32, mem_gain = 0.04 : f32, mem_bias = 0.0 : f32, threshold = 0.1 : f32, reset = #snn<reset zero>} : tensor<1xf32>
    snn.output %z : tensor<1xf32>
  }
}

//--- calibration-shape.mlir

// Tests that calibration data must end in the network's input shape: the
// Braille input (256 steps x 12 channels) does not fit tensor<1xf32>.
// expected-error @+1 {{has shape (1, 256, 12); expected (T, ...) or (B, T, ...) ending in the input shape}}
module {
  snn.network @lif(%x: tensor<1xf32>) -> tensor<1xf32> attributes {dt = 1.0e-4 : f64} {
    %w = snn.linear %x {weight = dense<1.0> : tensor<1x1xf32>} : tensor<1xf32> -> tensor<1xf32>
    %z = snn.step_neuron %w {syn_gain = 1.0 : f32, mem_decay = 0.96 : f32, mem_gain = 0.04 : f32, mem_bias = 0.0 : f32, threshold = 0.1 : f32, reset = #snn<reset zero>} : tensor<1xf32>
    snn.output %z : tensor<1xf32>
  }
}

//--- calibration-inputs.mlir

// Tests that calibration takes networks with one input.
// expected-error @+1 {{calibration takes networks with one input}}
module {
  snn.network @two(%x: tensor<1xf32>, %y: tensor<1xf32>) -> tensor<1xf32> attributes {dt = 1.0e-4 : f64} {
    %w = snn.linear %x {weight = dense<1.0> : tensor<1x1xf32>} : tensor<1xf32> -> tensor<1xf32>
    %u = snn.linear %y {weight = dense<1.0> : tensor<1x1xf32>} : tensor<1xf32> -> tensor<1xf32>
    %s = snn.add %w, %u : tensor<1xf32>
    %z = snn.step_neuron %s {syn_gain = 1.0 : f32, mem_decay = 0.96 : f32, mem_gain = 0.04 : f32, mem_bias = 0.0 : f32, threshold = 0.1 : f32, reset = #snn<reset zero>} : tensor<1xf32>
    snn.output %z : tensor<1xf32>
  }
}

//--- loihi.mlir

// Tests that NIR-level neurons must be discretised first.
snn.network @nir(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-4 : f64} {
  %w = snn.linear %x {weight = dense<1.0> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  // expected-error @+1 {{quantization works on step-level networks; run --snn-discretize first}}
  %z = snn.lif %w {tau = 2.5e-3 : f32, r = 1.0 : f32, v_leak = 0.0 : f32, v_threshold = 1.0 : f32, v_reset = 0.0 : f32} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that a multi-spike neuron is refused.
snn.network @multi_spike(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-4 : f64} {
  %w = snn.linear %x {weight = dense<1.0> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  // expected-error @+1 {{layer 'ms' cannot run on loihi: a neuron emits at most one spike per step; remove multi-spike (--nir-multi-spike)}}
  %z = snn.step_neuron %w {syn_gain = 1.0 : f32, mem_decay = 0.96 : f32, mem_gain = 0.04 : f32, mem_bias = 0.0 : f32, threshold = 1.0 : f32, reset = #snn<reset zero>, multi_spike, snn.name = "ms"} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that a membrane floor is refused.
snn.network @v_min(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-4 : f64} {
  %w = snn.linear %x {weight = dense<1.0> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  // expected-error @+1 {{layer 'floor' cannot run on loihi: the membrane has no programmable floor (v_min)}}
  %z = snn.step_neuron %w {syn_gain = 1.0 : f32, mem_decay = 0.96 : f32, mem_gain = 0.04 : f32, mem_bias = 0.0 : f32, threshold = 1.0 : f32, reset = #snn<reset zero>, v_min = -1.0 : f32, snn.name = "floor"} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that threshold adaptation is refused.
snn.network @adapt(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-4 : f64} {
  %w = snn.linear %x {weight = dense<1.0> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  // expected-error @+1 {{layer 'alif' cannot run on loihi: threshold adaptation is not part of the CUBA LIF model}}
  %z = snn.step_neuron %w {syn_gain = 1.0 : f32, mem_decay = 0.96 : f32, mem_gain = 0.04 : f32, mem_bias = 0.0 : f32, threshold = 1.0 : f32, reset = #snn<reset zero>, adapt_decay = 0.99 : f32, adapt_gain = 0.2 : f32, snn.name = "alif"} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that reset by subtraction is refused.
snn.network @subtract(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-4 : f64} {
  %w = snn.linear %x {weight = dense<1.0> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  // expected-error @+1 {{layer 'sub' cannot run on loihi: a spike resets v to 0; reset by subtraction is not available (import with --nir-reset=zero)}}
  %z = snn.step_neuron %w {syn_gain = 1.0 : f32, mem_decay = 0.96 : f32, mem_gain = 0.04 : f32, mem_bias = 0.0 : f32, threshold = 1.0 : f32, reset = #snn<reset subtract>, snn.name = "sub"} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that a reset to a nonzero v_reset is refused, naming the value.
snn.network @v_reset(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-4 : f64} {
  %w = snn.linear %x {weight = dense<1.0> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  // expected-error @+1 {{layer 'lif' cannot run on loihi: a spike resets v to 0, not to v_reset = 0.250000}}
  %z = snn.step_neuron %w {syn_gain = 1.0 : f32, mem_decay = 0.96 : f32, mem_gain = 0.04 : f32, mem_bias = 0.0 : f32, threshold = 1.0 : f32, reset = #snn<reset to_reset>, v_reset = dense<[0.0, -0.25]> : tensor<2xf32>, snn.name = "lif"} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that a negative threshold is refused, naming the neuron.
snn.network @negative_threshold(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-4 : f64} {
  %w = snn.linear %x {weight = dense<1.0> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  // expected-error @+1 {{layer 'lif' cannot run on loihi: thresholds are unsigned; threshold -0.500000 at neuron 1 is negative}}
  %z = snn.step_neuron %w {syn_gain = 1.0 : f32, mem_decay = 0.96 : f32, mem_gain = 0.04 : f32, mem_bias = 0.0 : f32, threshold = dense<[1.0, -0.5]> : tensor<2xf32>, reset = #snn<reset zero>, snn.name = "lif"} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that a membrane decay 0.99999 (tau = 10 s at dt = 0.1 ms), which is
// 4096 * 1e-5 = 0.04 -> dv = 0 in 12 bits, is refused rather than made an IF.
snn.network @no_decay(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-4 : f64} {
  %w = snn.linear %x {weight = dense<1.0> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  // expected-error @+1 {{layer 'slow': membrane decay factor 9.999900e-01 per step rounds to no decay in 12 bits}}
  %z = snn.step_neuron %w {syn_gain = 1.0 : f32, mem_decay = 0.99999 : f32, mem_gain = 1.0e-5 : f32, mem_bias = 0.0 : f32, threshold = 1.0 : f32, reset = #snn<reset zero>, snn.name = "slow"} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that a synaptic decay 0.9999 (du = round(0.41) - 1 = -1) is refused.
snn.network @syn_no_decay(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-4 : f64} {
  %w = snn.linear %x {weight = dense<1.0> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  // expected-error @+1 {{layer 'cuba': synaptic current decay factor 9.999000e-01 per step rounds to no decay in 12 bits}}
  %z = snn.step_neuron %w {syn_decay = 0.9999 : f32, syn_gain = 1.0e-4 : f32, mem_decay = 0.96 : f32, mem_gain = 0.04 : f32, mem_bias = 0.0 : f32, threshold = 1.0 : f32, reset = #snn<reset zero>, snn.name = "cuba"} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that a synaptic decay 1e-5 (du = round(4095.96) - 1 = 4095, which
// Lava reads as "no current at all") is refused.
snn.network @syn_full_decay(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-4 : f64} {
  %w = snn.linear %x {weight = dense<1.0> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  // expected-error @+1 {{layer 'cuba': synaptic current decay factor 1.000000e-05 per step rounds to a full decay in 12 bits}}
  %z = snn.step_neuron %w {syn_decay = 1.0e-5 : f32, syn_gain = 1.0 : f32, mem_decay = 0.96 : f32, mem_gain = 0.04 : f32, mem_bias = 0.0 : f32, threshold = 1.0 : f32, reset = #snn<reset zero>, snn.name = "cuba"} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that a membrane decay 1e-4 (dv = round(4095.6) = 4096) is refused.
snn.network @mem_full_decay(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-4 : f64} {
  %w = snn.linear %x {weight = dense<1.0> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  // expected-error @+1 {{layer 'fast': membrane decay factor 1.000000e-04 per step rounds to a full decay in 12 bits}}
  %z = snn.step_neuron %w {syn_gain = 1.0 : f32, mem_decay = 1.0e-4 : f32, mem_gain = 1.0 : f32, mem_bias = 0.0 : f32, threshold = 1.0 : f32, reset = #snn<reset zero>, snn.name = "fast"} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that one projection feeding two populations is refused (each needs
// its own integer scale).
snn.network @shared(%x: tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>) attributes {dt = 1.0e-4 : f64} {
  // expected-error @+1 {{projection 'w' feeds two populations ('a' and 'b'), which need their own integer scales; duplicate the projection}}
  %w = snn.linear %x {weight = dense<1.0> : tensor<2x2xf32>, snn.name = "w"} : tensor<2xf32> -> tensor<2xf32>
  %a = snn.step_neuron %w {syn_gain = 1.0 : f32, mem_decay = 0.96 : f32, mem_gain = 0.04 : f32, mem_bias = 0.0 : f32, threshold = 1.0 : f32, reset = #snn<reset zero>, snn.name = "a"} : tensor<2xf32>
  %b = snn.step_neuron %w {syn_gain = 1.0 : f32, mem_decay = 0.9 : f32, mem_gain = 0.1 : f32, mem_bias = 0.0 : f32, snn.name = "b"} : tensor<2xf32>
  snn.output %a, %b : tensor<2xf32>, tensor<2xf32>
}

// -----

// Tests that a population fed straight from a network input (no weights to
// carry its scale) is refused, also through an add.
snn.network @unweighted_input(%x: tensor<2xf32>, %y: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-4 : f64} {
  %w = snn.linear %x {weight = dense<1.0> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  %s = snn.add %w, %y : tensor<2xf32>
  // expected-error @+1 {{layer 'lif' receives a network input without weights in between; a fixed-point target carries its integer scale in the weights: add an snn.scale or snn.affine in front of the layer}}
  %z = snn.step_neuron %s {syn_gain = 1.0 : f32, mem_decay = 0.96 : f32, mem_gain = 0.04 : f32, mem_bias = 0.0 : f32, threshold = 1.0 : f32, reset = #snn<reset zero>, snn.name = "lif"} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that a population fed by another population's spikes without
// weights is refused, naming the op in between.
snn.network @unweighted_layer(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-4 : f64} {
  %w = snn.linear %x {weight = dense<1.0> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  %a = snn.step_neuron %w {syn_gain = 1.0 : f32, mem_decay = 0.96 : f32, mem_gain = 0.04 : f32, mem_bias = 0.0 : f32, threshold = 1.0 : f32, reset = #snn<reset zero>, snn.name = "first"} : tensor<2xf32>
  // expected-error @+1 {{layer 'second' receives 'first' (snn.step_neuron) without weights in between}}
  %b = snn.step_neuron %a {syn_gain = 1.0 : f32, mem_decay = 0.96 : f32, mem_gain = 0.04 : f32, mem_bias = 0.0 : f32, threshold = 1.0 : f32, reset = #snn<reset zero>, snn.name = "second"} : tensor<2xf32>
  snn.output %b : tensor<2xf32>
}

// -----

// Tests that a convolution into a population whose input gain differs per
// neuron is refused: shared kernels cannot carry a per-neuron factor.
snn.network @conv_gain(%img: tensor<1x3x3xf32>) -> tensor<1x2x2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{projection 'conv' is a convolution but its population's input gain differs per neuron; it cannot be folded into shared weights}}
  %c = snn.conv2d %img {weight = dense<1.0> : tensor<1x1x2x2xf32>, stride = array<i64: 1, 1>, padding = array<i64: 0, 0>,
                        dilation = array<i64: 1, 1>, groups = 1 : i64, snn.name = "conv"} : tensor<1x3x3xf32> -> tensor<1x2x2xf32>
  %z = snn.step_neuron %c {syn_gain = 1.0 : f32, mem_decay = 0.5 : f32, mem_gain = dense<[[[0.5, 0.25], [0.5, 0.5]]]> : tensor<1x2x2xf32>, mem_bias = 0.0 : f32, threshold = 1.0 : f32, reset = #snn<reset zero>, snn.name = "lif"} : tensor<1x2x2xf32>
  snn.output %z : tensor<1x2x2xf32>
}

// -----

// Tests that a projection bias needing more than 16 bits at the layer's
// scale is refused: weight 1 fixes S = 127 * 2^13 = 1040384 and LSB
// 2^13 / S = 1/127, so bias 300 needs 38100 units (> 32767).
snn.network @big_bias(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-4 : f64} {
  // expected-error @+1 {{bias of 'aff' at element 1 (3.000000e+02) needs 38100 units of the layer's integer scale, more than the 16-bit input range allows; reduce the bias or the weight range}}
  %w = snn.affine %x {weight = dense<1.0> : tensor<2x2xf32>, bias = dense<[0.5, 300.0]> : tensor<2xf32>, snn.name = "aff"} : tensor<2xf32> -> tensor<2xf32>
  %z = snn.step_neuron %w {syn_gain = 1.0 : f32, mem_decay = 0.96 : f32, mem_gain = 1.0 : f32, mem_bias = 0.0 : f32, threshold = 1.0 : f32, reset = #snn<reset zero>, snn.name = "lif"} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

//--- loihi-v-scale.mlir

// Tests that threshold 1 at v-scale 1e7 needs mantissa 1e7 / 64 = 156250,
// more than the 17-bit field (131071).
snn.network @threshold(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-4 : f64} {
  %w = snn.linear %x {weight = dense<1.0e-4> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  // expected-error @+1 {{layer 'lif': threshold needs mantissa 156250 at v_scale 1.000000e+07, more than 17 bits; lower --snn-quantize v-scale}}
  %z = snn.step_neuron %w {syn_gain = 1.0 : f32, mem_decay = 0.96 : f32, mem_gain = 1.0 : f32, mem_bias = 0.0 : f32, threshold = 1.0 : f32, reset = #snn<reset zero>, snn.name = "lif"} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that bias 0.5 at v-scale 1e7 (5e6 units) does not fit even with the
// largest exponent: 5e6 / 2^7 = 39062.5 -> mantissa 39063 > 4095.
snn.network @bias(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-4 : f64} {
  %w = snn.linear %x {weight = dense<1.0e-4> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  // expected-error @+1 {{layer 'lif': bias 5.000000e-01 needs mantissa 39063 << 7, beyond the 13-bit mantissa and 3-bit exponent}}
  %z = snn.step_neuron %w {syn_gain = 1.0 : f32, mem_decay = 0.96 : f32, mem_gain = 1.0 : f32, mem_bias = 0.5 : f32, threshold = 0.01 : f32, reset = #snn<reset zero>, snn.name = "lif"} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

//--- loihi-weight-exp.mlir

// Tests that an explicit weight exponent outside the target's -8..7 is refused.
snn.network @weight_exp(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-4 : f64} {
  %w = snn.linear %x {weight = dense<1.0> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  // expected-error @+1 {{layer 'lif': weight-exp 8 is outside -8..7}}
  %z = snn.step_neuron %w {syn_gain = 1.0 : f32, mem_decay = 0.96 : f32, mem_gain = 0.04 : f32, mem_bias = 0.0 : f32, threshold = 1.0 : f32, reset = #snn<reset zero>, snn.name = "lif"} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

//--- spinnaker.mlir

// Tests that a multi-spike neuron is refused.
snn.network @multi_spike(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-4 : f64} {
  %w = snn.linear %x {weight = dense<1.0> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  // expected-error @+1 {{layer 'ms' cannot run on spinnaker: a neuron emits at most one spike per step; remove multi-spike (--nir-multi-spike)}}
  %z = snn.step_neuron %w {syn_gain = 1.0 : f32, mem_decay = 0.96 : f32, mem_gain = 0.04 : f32, mem_bias = 0.0 : f32, threshold = 1.0 : f32, reset = #snn<reset subtract>, multi_spike, snn.name = "ms"} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that a membrane floor is refused.
snn.network @v_min(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-4 : f64} {
  %w = snn.linear %x {weight = dense<1.0> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  // expected-error @+1 {{layer 'floor' cannot run on spinnaker: the neuron models have no membrane floor (v_min)}}
  %z = snn.step_neuron %w {syn_gain = 1.0 : f32, mem_decay = 0.96 : f32, mem_gain = 0.04 : f32, mem_bias = 0.0 : f32, threshold = 1.0 : f32, reset = #snn<reset zero>, v_min = -1.0 : f32, snn.name = "floor"} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that threshold adaptation is refused.
snn.network @adapt(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-4 : f64} {
  %w = snn.linear %x {weight = dense<1.0> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  // expected-error @+1 {{layer 'alif' cannot run on spinnaker: threshold adaptation needs a different neuron model}}
  %z = snn.step_neuron %w {syn_gain = 1.0 : f32, mem_decay = 0.96 : f32, mem_gain = 0.04 : f32, mem_bias = 0.0 : f32, threshold = 1.0 : f32, reset = #snn<reset subtract>, adapt_decay = 0.99 : f32, adapt_gain = 0.2 : f32, snn.name = "alif"} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that a threshold of 70000 does not fit s16.15 (|x| < 2^16).
snn.network @threshold(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-4 : f64} {
  %w = snn.linear %x {weight = dense<1.0> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  // expected-error @+1 {{layer 'lif': threshold = 7.000000e+04 is outside the s16.15 range (|x| < 6.553600e+04)}}
  %z = snn.step_neuron %w {syn_gain = 1.0 : f32, mem_decay = 0.96 : f32, mem_gain = 0.04 : f32, mem_bias = 0.0 : f32, threshold = 70000.0 : f32, reset = #snn<reset zero>, snn.name = "lif"} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that a per-neuron v_reset is checked element by element (-65536 is
// just outside).
snn.network @v_reset(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-4 : f64} {
  %w = snn.linear %x {weight = dense<1.0> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  // expected-error @+1 {{layer 'lif': v_reset = -6.553600e+04 is outside the s16.15 range (|x| < 6.553600e+04)}}
  %z = snn.step_neuron %w {syn_gain = 1.0 : f32, mem_decay = 0.96 : f32, mem_gain = 0.04 : f32, mem_bias = 0.0 : f32, threshold = 1.0 : f32, reset = #snn<reset to_reset>, v_reset = dense<[0.0, -65536.0]> : tensor<2xf32>, snn.name = "lif"} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that a projection bias beyond 16 bits at the population's LSB is
// refused: weight 1e-3 keeps shift 0 (LSB 2^-15), so bias 2 needs 65536.
snn.network @big_bias(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-4 : f64} {
  // expected-error @+1 {{bias of 'aff' at element 0 (2.000000e+00) needs 65536 units of the layer's integer scale, more than the 16-bit input range allows; reduce the bias or the weight range}}
  %w = snn.affine %x {weight = dense<1.0e-3> : tensor<2x2xf32>, bias = dense<2.0> : tensor<2xf32>, snn.name = "aff"} : tensor<2xf32> -> tensor<2xf32>
  %z = snn.step_neuron %w {syn_gain = 1.0 : f32, mem_decay = 0.96 : f32, mem_gain = 0.04 : f32, mem_bias = 0.0 : f32, threshold = 1.0 : f32, reset = #snn<reset zero>, snn.name = "lif"} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

//--- spinnaker-v-scale.mlir

// Tests that SpiNNaker's scale is fixed by s16.15: v-scale 16000 is refused.
snn.network @v_scale(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-4 : f64} {
  %w = snn.linear %x {weight = dense<1.0> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  // expected-error @+1 {{layer 'lif' cannot run on spinnaker: state is s16.15 in model units: v-scale is fixed at 32768}}
  %z = snn.step_neuron %w {syn_gain = 1.0 : f32, mem_decay = 0.96 : f32, mem_gain = 0.04 : f32, mem_bias = 0.0 : f32, threshold = 1.0 : f32, reset = #snn<reset zero>, snn.name = "lif"} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

//--- spinnaker-calibration.mlir

// Tests that the calibration run's |v| is checked against s16.15: an
// integrator with weight 1e4 sums the input's 34 spikes to 340000.
snn.network @acc(%x: tensor<1xf32>) -> tensor<1xf32> attributes {dt = 1.0e-4 : f64} {
  %w = snn.linear %x {weight = dense<1.0e4> : tensor<1x1xf32>} : tensor<1xf32> -> tensor<1xf32>
  // expected-error @+1 {{layer 'acc': the calibration run reached |v| = 3.400000e+05, beyond the s16.15 range (6.553600e+04)}}
  %v = snn.step_neuron %w {syn_gain = 1.0 : f32, mem_decay = 1.0 : f32, mem_gain = 1.0 : f32, mem_bias = 0.0 : f32, snn.name = "acc"} : tensor<1xf32>
  snn.output %v : tensor<1xf32>
}

//--- speck.mlir

// Tests that a synaptic current is refused.
snn.network @synapse(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  %w = snn.linear %x {weight = dense<1.0> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  // expected-error @+1 {{layer 'cuba' cannot run on speck: neurons have no synaptic current (the layer has a synaptic time constant); use IF/LIF neurons without tau_syn}}
  %z = snn.step_neuron %w {syn_decay = 0.8 : f32, syn_gain = 0.2 : f32, mem_decay = 1.0 : f32, mem_gain = 1.0 : f32, mem_bias = 0.0 : f32, threshold = 1.0 : f32, reset = #snn<reset subtract>, snn.name = "cuba"} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that a leak is refused, naming the decay.
snn.network @leak(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  %w = snn.linear %x {weight = dense<1.0> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  // expected-error @+1 {{layer 'lif' cannot run on speck: neurons are integrate-and-fire without leak; neuron 0 decays by 0.500000 per step (a membrane time constant)}}
  %z = snn.step_neuron %w {syn_gain = 1.0 : f32, mem_decay = 0.5 : f32, mem_gain = 0.5 : f32, mem_bias = 0.0 : f32, threshold = 1.0 : f32, reset = #snn<reset subtract>, snn.name = "lif"} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that a per-neuron decay counts as a leak even where one neuron has 1.
snn.network @leak_per_neuron(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  %w = snn.linear %x {weight = dense<1.0> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  // expected-error @+1 {{layer 'mixed' cannot run on speck: neurons are integrate-and-fire without leak; neuron 1 decays by 0.900000}}
  %z = snn.step_neuron %w {syn_gain = 1.0 : f32, mem_decay = dense<[1.0, 0.9]> : tensor<2xf32>, mem_gain = 1.0 : f32, mem_bias = 0.0 : f32, threshold = 1.0 : f32, reset = #snn<reset subtract>, snn.name = "mixed"} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that a membrane bias is refused.
snn.network @bias(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  %w = snn.linear %x {weight = dense<1.0> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  // expected-error @+1 {{layer 'if' cannot run on speck: a constant membrane drive (v_leak or mem_bias) is not available; move it into the layer's bias}}
  %z = snn.step_neuron %w {syn_gain = 1.0 : f32, mem_decay = 1.0 : f32, mem_gain = 1.0 : f32, mem_bias = 0.1 : f32, threshold = 1.0 : f32, reset = #snn<reset subtract>, snn.name = "if"} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that a non-spiking readout is refused.
snn.network @readout(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  %w = snn.linear %x {weight = dense<1.0> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  // expected-error @+1 {{layer 'i' cannot run on speck: every layer spikes; a non-spiking readout is not available}}
  %v = snn.step_neuron %w {syn_gain = 1.0 : f32, mem_decay = 1.0 : f32, mem_gain = 1.0 : f32, mem_bias = 0.0 : f32, snn.name = "i"} : tensor<2xf32>
  snn.output %v : tensor<2xf32>
}

// -----

// Tests that a reset other than subtraction is refused.
snn.network @reset_zero(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  %w = snn.linear %x {weight = dense<1.0> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  // expected-error @+1 {{layer 'if' cannot run on speck: a spike resets by subtracting the threshold; import with --nir-reset=subtract}}
  %z = snn.step_neuron %w {syn_gain = 1.0 : f32, mem_decay = 1.0 : f32, mem_gain = 1.0 : f32, mem_bias = 0.0 : f32, threshold = 1.0 : f32, reset = #snn<reset zero>, snn.name = "if"} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that threshold adaptation is refused.
snn.network @adapt(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  %w = snn.linear %x {weight = dense<1.0> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  // expected-error @+1 {{layer 'aif' cannot run on speck: threshold adaptation is not available}}
  %z = snn.step_neuron %w {syn_gain = 1.0 : f32, mem_decay = 1.0 : f32, mem_gain = 1.0 : f32, mem_bias = 0.0 : f32, threshold = 1.0 : f32, reset = #snn<reset subtract>, adapt_decay = 0.9 : f32, adapt_gain = 0.1 : f32, snn.name = "aif"} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that a zero threshold is refused.
snn.network @zero_threshold(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  %w = snn.linear %x {weight = dense<1.0> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  // expected-error @+1 {{layer 'if' cannot run on speck: thresholds must be positive}}
  %z = snn.step_neuron %w {syn_gain = 1.0 : f32, mem_decay = 1.0 : f32, mem_gain = 1.0 : f32, mem_bias = 0.0 : f32, threshold = dense<[1.0, 0.0]> : tensor<2xf32>, reset = #snn<reset subtract>, snn.name = "if"} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that a per-neuron input gain is refused (one scale per layer).
snn.network @gain(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  %w = snn.linear %x {weight = dense<1.0> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  // expected-error @+1 {{layer 'if' cannot run on speck: one scale per layer needs one input gain per layer}}
  %z = snn.step_neuron %w {syn_gain = 1.0 : f32, mem_decay = 1.0 : f32, mem_gain = dense<[1.0, 2.0]> : tensor<2xf32>, mem_bias = 0.0 : f32, threshold = 1.0 : f32, reset = #snn<reset subtract>, snn.name = "if"} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that a recurrent loop is refused, at the op that closes it (the
// schedule walks back from the output, so the back edge is the linear's).
snn.network @recurrent(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  %w = snn.linear %x {weight = dense<1.0> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  %s = snn.add %w, %r : tensor<2xf32>
  %z = snn.step_neuron %s {syn_gain = 1.0 : f32, mem_decay = 1.0 : f32, mem_gain = 1.0 : f32, mem_bias = 0.0 : f32, threshold = 1.0 : f32, reset = #snn<reset subtract>, snn.name = "if"} : tensor<2xf32>
  // expected-error @+1 {{'inhibit' closes a recurrent loop, but speck runs feed-forward networks only (each core sends to later cores)}}
  %r = snn.linear %z {weight = dense<-0.5> : tensor<2x2xf32>, snn.name = "inhibit"} : tensor<2xf32> -> tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that a threshold far below the weights rounds to 0 at the layer's
// scale: weight 1000 fixes s = 127 / 1000, and 0.001 s = 0.000127 -> 0.
snn.network @tiny_threshold(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  %w = snn.linear %x {weight = dense<1000.0> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  // expected-error @+1 {{layer 'if': threshold 1.000000e-03 becomes 0 at scale 1.270000e-01, outside 1..3.276700e+04}}
  %z = snn.step_neuron %w {syn_gain = 1.0 : f32, mem_decay = 1.0 : f32, mem_gain = 1.0 : f32, mem_bias = 0.0 : f32, threshold = 1.0e-3 : f32, reset = #snn<reset subtract>, snn.name = "if"} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that a floor far below the threshold leaves the 16-bit state:
// weight 0.01 and threshold 1 give s = min(32767, 127 / 0.01) = 12700, and
// v_min = -1000 becomes -12700000.
snn.network @deep_floor(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  %w = snn.linear %x {weight = dense<0.01> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  // expected-error @+1 {{layer 'if': v_min -1.000000e+03 becomes -12700000 at scale 1.270000e+04, outside the 16-bit state's -32768..0}}
  %z = snn.step_neuron %w {syn_gain = 1.0 : f32, mem_decay = 1.0 : f32, mem_gain = 1.0 : f32, mem_bias = 0.0 : f32, threshold = 1.0 : f32, reset = #snn<reset subtract>, v_min = -1000.0 : f32, snn.name = "if"} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that a positive floor is refused: v_min 0.5 at scale 127 is 64 > 0.
snn.network @positive_floor(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  %w = snn.linear %x {weight = dense<1.0> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  // expected-error @+1 {{layer 'if': v_min 5.000000e-01 becomes 64 at scale 1.270000e+02, outside the 16-bit state's -32768..0}}
  %z = snn.step_neuron %w {syn_gain = 1.0 : f32, mem_decay = 1.0 : f32, mem_gain = 1.0 : f32, mem_bias = 0.0 : f32, threshold = 1.0 : f32, reset = #snn<reset subtract>, v_min = 0.5 : f32, snn.name = "if"} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

//--- speck-v-scale.mlir

// Tests that an explicit scale can push the threshold out of the 16-bit
// state: threshold 1 at v-scale 40000 becomes 40000 > 32767.
snn.network @v_scale(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  %w = snn.linear %x {weight = dense<1.0e-3> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  // expected-error @+1 {{layer 'if': threshold 1.000000e+00 becomes 40000 at scale 4.000000e+04, outside 1..3.276700e+04}}
  %z = snn.step_neuron %w {syn_gain = 1.0 : f32, mem_decay = 1.0 : f32, mem_gain = 1.0 : f32, mem_bias = 0.0 : f32, threshold = 1.0 : f32, reset = #snn<reset subtract>, snn.name = "if"} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

//--- brainscales2.mlir

// Tests that a bias beyond 16 bits of the synapse grid is refused: the
// largest weight 1 is 63 LSB, so bias 600 needs 37800 LSB (> 32767).
snn.network @big_bias(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-4 : f64} {
  // expected-error @+1 {{bias of 'aff' at element 0 (6.000000e+02) needs 37800 units of the layer's integer scale}}
  %w = snn.affine %x {weight = dense<1.0> : tensor<2x2xf32>, bias = dense<600.0> : tensor<2xf32>, snn.name = "aff"} : tensor<2xf32> -> tensor<2xf32>
  %z = snn.step_neuron %w {syn_gain = 1.0 : f32, mem_decay = 0.96 : f32, mem_gain = 0.04 : f32, mem_bias = 0.0 : f32, threshold = 1.0 : f32, reset = #snn<reset zero>, snn.name = "lif"} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}
