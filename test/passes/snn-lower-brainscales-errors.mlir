// One case per diagnostic of --snn-lower-brainscales: every calibratable
// range, every neuron feature the analog circuit lacks, and every placement
// limit.
// RUN: rm -rf %t && split-file %s %t
// RUN: snn-opt %t/tau-mem.mlir -verify-diagnostics --snn-lower-brainscales=time-scale=1 -o /dev/null
// RUN: snn-opt %t/tau-syn.mlir -verify-diagnostics --snn-lower-brainscales=time-scale=1 -o /dev/null
// RUN: snn-opt %t/no-leak.mlir -verify-diagnostics --snn-lower-brainscales -o /dev/null
// RUN: snn-opt %t/leak.mlir -verify-diagnostics --snn-lower-brainscales=v-scale=50 -o /dev/null
// RUN: snn-opt %t/reset.mlir -verify-diagnostics --snn-lower-brainscales=v-scale=50 -o /dev/null
// RUN: snn-opt %t/threshold.mlir -verify-diagnostics --snn-lower-brainscales=v-scale=200 -o /dev/null
// RUN: snn-opt %t/threshold-below.mlir -verify-diagnostics --snn-lower-brainscales -o /dev/null
// RUN: snn-opt %t/refractory.mlir -verify-diagnostics --snn-lower-brainscales="time-scale=1 refractory=0.1" -o /dev/null
// RUN: snn-opt %t/syn-gain.mlir -verify-diagnostics --snn-lower-brainscales=v-scale=170 -o /dev/null
// RUN: snn-opt %t/features.mlir -split-input-file -verify-diagnostics --snn-lower-brainscales -o /dev/null
// RUN: snn-opt %t/placement.mlir -split-input-file -verify-diagnostics --snn-lower-brainscales -o /dev/null
// RUN: snn-opt %t/options.mlir -split-input-file -verify-diagnostics --snn-lower-brainscales=v-scale=-1 -o /dev/null

//--- tau-mem.mlir
// mem_decay 0.999: tau_mem = dt / 0.001 = 0.1 s = 100 us at time scale 1.
snn.network @n(%in: tensor<1xf32>) -> tensor<1xf32> attributes {dt = 1.0e-04 : f64, snn.discretization = "euler"} {
  %w = snn.linear %in {weight = dense<1.0> : tensor<1x1xf32>} : tensor<1xf32> -> tensor<1xf32>
  // expected-error @+1 {{population 'slow': tau_mem = 100 us is outside the calibratable range 0.5-60 us; nearest legal value 60 us; time-scale=0.6 would bring it into range}}
  %s = snn.step_neuron %w {snn.name = "slow", syn_decay = 0.8 : f32, syn_gain = 1.0 : f32, mem_decay = 0.999 : f32, mem_gain = 1.0 : f32, mem_bias = 0.0 : f32, threshold = 1.0 : f32, reset = #snn<reset zero>} : tensor<1xf32>
  snn.output %s : tensor<1xf32>
}

//--- tau-syn.mlir
// syn_decay 0.2: tau_syn = dt / 0.8 = 0.125 ms = 0.125 us at time scale 1.
snn.network @n(%in: tensor<1xf32>) -> tensor<1xf32> attributes {dt = 1.0e-04 : f64, snn.discretization = "euler"} {
  %w = snn.linear %in {weight = dense<1.0> : tensor<1x1xf32>} : tensor<1xf32> -> tensor<1xf32>
  // expected-error @+1 {{population 'fast': tau_syn = 0.125 us is outside the calibratable range 0.3-30 us; nearest legal value 0.3 us; time-scale=2.4 would bring it into range}}
  %s = snn.step_neuron %w {snn.name = "fast", syn_decay = 0.2 : f32, syn_gain = 1.0 : f32, mem_decay = 0.9 : f32, mem_gain = 1.0 : f32, mem_bias = 0.0 : f32, threshold = 1.0 : f32, reset = #snn<reset zero>} : tensor<1xf32>
  snn.output %s : tensor<1xf32>
}

//--- no-leak.mlir
// An integrate-and-fire neuron: no membrane time constant at all.
snn.network @n(%in: tensor<1xf32>) -> tensor<1xf32> attributes {dt = 1.0e-04 : f64, snn.discretization = "euler"} {
  %w = snn.linear %in {weight = dense<1.0> : tensor<1x1xf32>} : tensor<1xf32> -> tensor<1xf32>
  // expected-error @+1 {{population 'if': tau_mem = inf (the neurons do not leak) is outside the calibratable range 0.5-60 us; nearest legal value 60 us; give the layer a membrane time constant}}
  %s = snn.step_neuron %w {snn.name = "if", syn_gain = 1.0 : f32, mem_decay = 1.0 : f32, mem_gain = 1.0 : f32, mem_bias = 0.0 : f32, threshold = 1.0 : f32, reset = #snn<reset zero>} : tensor<1xf32>
  snn.output %s : tensor<1xf32>
}

//--- leak.mlir
// v_leak = mem_bias / (1 - mem_decay) = 2.5 -> 50 + 50 * 2.5 = 175 LSB.
snn.network @n(%in: tensor<1xf32>) -> tensor<1xf32> attributes {dt = 1.0e-04 : f64, snn.discretization = "euler"} {
  %w = snn.linear %in {weight = dense<0.1> : tensor<1x1xf32>} : tensor<1xf32> -> tensor<1xf32>
  // expected-error @+1 {{population 'leaky': leak = 175 LSB is outside the calibratable range 50-160 LSB; nearest legal value 160 LSB; leave v-scale=0 to choose the scale per population}}
  %s = snn.step_neuron %w {snn.name = "leaky", syn_decay = 0.8 : f32, syn_gain = 1.0 : f32, mem_decay = 0.9 : f32, mem_gain = 1.0 : f32, mem_bias = 0.25 : f32, threshold = 3.0 : f32, reset = #snn<reset zero>} : tensor<1xf32>
  snn.output %s : tensor<1xf32>
}

//--- reset.mlir
snn.network @n(%in: tensor<1xf32>) -> tensor<1xf32> attributes {dt = 1.0e-04 : f64, snn.discretization = "euler"} {
  %w = snn.linear %in {weight = dense<0.1> : tensor<1x1xf32>} : tensor<1xf32> -> tensor<1xf32>
  // expected-error @+1 {{population 'high_reset': reset = 175 LSB is outside the calibratable range 50-160 LSB; nearest legal value 160 LSB}}
  %s = snn.step_neuron %w {snn.name = "high_reset", syn_decay = 0.8 : f32, syn_gain = 1.0 : f32, mem_decay = 0.9 : f32, mem_gain = 1.0 : f32, mem_bias = 0.0 : f32, threshold = 3.0 : f32, reset = #snn<reset to_reset>, v_reset = 2.5 : f32} : tensor<1xf32>
  snn.output %s : tensor<1xf32>
}

//--- threshold.mlir
// Per-neuron thresholds: neuron 1's 1.5 -> 50 + 200 * 1.5 = 350 LSB is the worst.
snn.network @n(%in: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-04 : f64, snn.discretization = "euler"} {
  %w = snn.linear %in {weight = dense<0.1> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  // expected-error @+1 {{population 'high': threshold = 350 LSB (neuron 1) is outside the calibratable range 50-220 LSB; nearest legal value 220 LSB}}
  %s = snn.step_neuron %w {snn.name = "high", syn_decay = 0.8 : f32, syn_gain = 1.0 : f32, mem_decay = 0.9 : f32, mem_gain = 1.0 : f32, mem_bias = 0.0 : f32, threshold = dense<[0.5, 1.5]> : tensor<2xf32>, reset = #snn<reset zero>} : tensor<2xf32>
  snn.output %s : tensor<2xf32>
}

//--- threshold-below.mlir
snn.network @n(%in: tensor<1xf32>) -> tensor<1xf32> attributes {dt = 1.0e-04 : f64, snn.discretization = "euler"} {
  %w = snn.linear %in {weight = dense<0.1> : tensor<1x1xf32>} : tensor<1xf32> -> tensor<1xf32>
  // expected-error @+1 {{population 'low': the threshold -1 must lie above the leak and reset potentials (lowest 0)}}
  %s = snn.step_neuron %w {snn.name = "low", syn_decay = 0.8 : f32, syn_gain = 1.0 : f32, mem_decay = 0.9 : f32, mem_gain = 1.0 : f32, mem_bias = 0.0 : f32, threshold = -1.0 : f32, reset = #snn<reset zero>} : tensor<1xf32>
  snn.output %s : tensor<1xf32>
}

//--- refractory.mlir
// refractory=0.1 model seconds = 100 us at time scale 1.
snn.network @n(%in: tensor<1xf32>) -> tensor<1xf32> attributes {dt = 1.0e-04 : f64, snn.discretization = "euler"} {
  %w = snn.linear %in {weight = dense<1.0> : tensor<1x1xf32>} : tensor<1xf32> -> tensor<1xf32>
  // expected-error @+1 {{population 'r': refractory = 100 us is outside the calibratable range 0.04-32 us; nearest legal value 32 us; refractory=0.032 (model seconds) is legal at this time scale}}
  %s = snn.step_neuron %w {snn.name = "r", syn_decay = 0.8 : f32, syn_gain = 1.0 : f32, mem_decay = 0.9 : f32, mem_gain = 1.0 : f32, mem_bias = 0.0 : f32, threshold = 1.0 : f32, reset = #snn<reset zero>} : tensor<1xf32>
  snn.output %s : tensor<1xf32>
}

//--- syn-gain.mlir
// A weight of 63 with v-scale 170: g = 170 * r(10) * 1 * lsb(1) / 1 us = 1700
// LSB/us per code, beyond the 10-bit gain cell's 1022 * 0.02 = 20.44 (format 2;
// format 1's 0.1 per code gave 102.2). v-scale 170 * 20.44 / 1700 = 2.044.
snn.network @n(%in: tensor<1xf32>) -> tensor<1xf32> attributes {dt = 1.0e-04 : f64, snn.discretization = "euler"} {
  %w = snn.linear %in {weight = dense<63.0> : tensor<1x1xf32>} : tensor<1xf32> -> tensor<1xf32>
  // expected-error @+1 {{population 'strong': syn_gain = 1700 LSB/us per weight code is outside the calibratable range 0.02-20.44 LSB/us per weight code; nearest legal value 20.44 LSB/us per weight code; v-scale=2.044 would bring it into range}}
  %s = snn.step_neuron %w {snn.name = "strong", syn_decay = 0.8 : f32, syn_gain = 1.0 : f32, mem_decay = 0.9 : f32, mem_gain = 1.0 : f32, mem_bias = 0.0 : f32, threshold = 1.0 : f32, reset = #snn<reset zero>} : tensor<1xf32>
  snn.output %s : tensor<1xf32>
}

//--- features.mlir
snn.network @n(%in: tensor<1xf32>) -> tensor<1xf32> attributes {dt = 1.0e-04 : f64, snn.discretization = "euler"} {
  %w = snn.linear %in {weight = dense<1.0> : tensor<1x1xf32>} : tensor<1xf32> -> tensor<1xf32>
  // expected-error @+1 {{population 'sub' cannot run on brainscales2: the analog neuron resets to a potential, not by subtracting the threshold; import with --nir-reset=zero}}
  %s = snn.step_neuron %w {snn.name = "sub", syn_gain = 1.0 : f32, mem_decay = 0.9 : f32, mem_gain = 1.0 : f32, mem_bias = 0.0 : f32, threshold = 1.0 : f32, reset = #snn<reset subtract>} : tensor<1xf32>
  snn.output %s : tensor<1xf32>
}
// -----
snn.network @n(%in: tensor<1xf32>) -> tensor<1xf32> attributes {dt = 1.0e-04 : f64, snn.discretization = "euler"} {
  %w = snn.linear %in {weight = dense<1.0> : tensor<1x1xf32>} : tensor<1xf32> -> tensor<1xf32>
  // expected-error @+1 {{population 'multi' cannot run on brainscales2: the analog neuron emits one spike at a time; multi-spike is not available}}
  %s = snn.step_neuron %w {snn.name = "multi", syn_gain = 1.0 : f32, mem_decay = 0.9 : f32, mem_gain = 1.0 : f32, mem_bias = 0.0 : f32, threshold = 1.0 : f32, reset = #snn<reset zero>, multi_spike} : tensor<1xf32>
  snn.output %s : tensor<1xf32>
}
// -----
snn.network @n(%in: tensor<1xf32>) -> tensor<1xf32> attributes {dt = 1.0e-04 : f64, snn.discretization = "euler"} {
  %w = snn.linear %in {weight = dense<1.0> : tensor<1x1xf32>} : tensor<1xf32> -> tensor<1xf32>
  // expected-error @+1 {{population 'adaptive' cannot run on brainscales2: threshold adaptation is not modelled (the AdEx circuit is used as LIF)}}
  %s = snn.step_neuron %w {snn.name = "adaptive", syn_gain = 1.0 : f32, mem_decay = 0.9 : f32, mem_gain = 1.0 : f32, mem_bias = 0.0 : f32, threshold = 1.0 : f32, reset = #snn<reset zero>, adapt_decay = 0.9 : f32, adapt_gain = 0.1 : f32} : tensor<1xf32>
  snn.output %s : tensor<1xf32>
}
// -----
snn.network @n(%in: tensor<1xf32>) -> tensor<1xf32> attributes {dt = 1.0e-04 : f64, snn.discretization = "euler"} {
  %w = snn.linear %in {weight = dense<1.0> : tensor<1x1xf32>} : tensor<1xf32> -> tensor<1xf32>
  // expected-error @+1 {{population 'floor' cannot run on brainscales2: a floor on the membrane (v_min) is not available}}
  %s = snn.step_neuron %w {snn.name = "floor", syn_gain = 1.0 : f32, mem_decay = 0.9 : f32, mem_gain = 1.0 : f32, mem_bias = 0.0 : f32, threshold = 1.0 : f32, reset = #snn<reset zero>, v_min = -1.0 : f32} : tensor<1xf32>
  snn.output %s : tensor<1xf32>
}
// -----
snn.network @n(%in: tensor<1xf32>) -> tensor<1xf32> attributes {dt = 1.0e-04 : f64, snn.discretization = "euler"} {
  %w = snn.linear %in {weight = dense<1.0> : tensor<1x1xf32>} : tensor<1xf32> -> tensor<1xf32>
  // expected-error @+1 {{population 'readout' cannot run on brainscales2: a non-spiking readout (no threshold) is not supported; the analog neuron's output is its spikes}}
  %s = snn.step_neuron %w {snn.name = "readout", syn_gain = 1.0 : f32, mem_decay = 0.9 : f32, mem_gain = 1.0 : f32, mem_bias = 0.0 : f32} : tensor<1xf32>
  snn.output %s : tensor<1xf32>
}
// -----
snn.network @n(%in: tensor<1xf32>) -> tensor<1xf32> attributes {dt = 1.0e-04 : f64, snn.discretization = "euler"} {
  %w = snn.linear %in {weight = dense<1.0> : tensor<1x1xf32>} : tensor<1xf32> -> tensor<1xf32>
  %d = snn.step_delay %w {snn.name = "late", steps = array<i64: 2>} : tensor<1xf32>
  // expected-error @+1 {{population 'delayed' cannot run on brainscales2: its input is delayed by 'late'; the chip has no programmable synaptic delays}}
  %s = snn.step_neuron %d {snn.name = "delayed", syn_gain = 1.0 : f32, mem_decay = 0.9 : f32, mem_gain = 1.0 : f32, mem_bias = 0.0 : f32, threshold = 1.0 : f32, reset = #snn<reset zero>} : tensor<1xf32>
  snn.output %s : tensor<1xf32>
}
// -----
snn.network @n(%in: tensor<1x4x4xf32>) -> tensor<1x2x2xf32> attributes {dt = 1.0e-04 : f64, snn.discretization = "euler"} {
  // expected-error @+1 {{projection 'conv' (snn.conv2d): brainscales2 takes dense, sparse and scale projections; a convolution or pooling layer has no row mapping here}}
  %w = snn.conv2d %in {snn.name = "conv", weight = dense<1.0> : tensor<1x1x3x3xf32>, stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, groups = 1 : i64} : tensor<1x4x4xf32> -> tensor<1x2x2xf32>
  %s = snn.step_neuron %w {snn.name = "c", syn_gain = 1.0 : f32, mem_decay = 0.9 : f32, mem_gain = 1.0 : f32, mem_bias = 0.0 : f32, threshold = 1.0 : f32, reset = #snn<reset zero>} : tensor<1x2x2xf32>
  snn.output %s : tensor<1x2x2xf32>
}
// -----
snn.network @n(%in: tensor<1xf32>) -> tensor<1xf32> attributes {dt = 1.0e-04 : f64} {
  %w = snn.linear %in {weight = dense<1.0> : tensor<1x1xf32>} : tensor<1xf32> -> tensor<1xf32>
  // expected-error @+1 {{the brainscales2 lowering works on step-level networks; run --snn-discretize first}}
  %s = snn.lif %w {tau = 1.0e-3 : f32, r = 1.0 : f32, v_leak = 0.0 : f32, v_threshold = 1.0 : f32, v_reset = 0.0 : f32} : tensor<1xf32>
  snn.output %s : tensor<1xf32>
}

//--- placement.mlir
// Fan-in: 300 inputs with positive weights need 300 excitatory rows.
snn.network @n(%in: tensor<300xf32>) -> tensor<2xf32> attributes {dt = 1.0e-04 : f64, snn.discretization = "euler"} {
  %w = snn.linear %in {weight = dense<0.1> : tensor<2x300xf32>} : tensor<300xf32> -> tensor<2xf32>
  // expected-error @+1 {{population 'wide_in' needs 300 synapse rows into neuron 0 (one per source and sign); a neuron has 256: reduce its fan-in or make its inputs' weights one-signed}}
  %s = snn.step_neuron %w {snn.name = "wide_in", syn_decay = 0.8 : f32, syn_gain = 1.0 : f32, mem_decay = 0.9 : f32, mem_gain = 1.0 : f32, mem_bias = 0.0 : f32, threshold = 1.0 : f32, reset = #snn<reset zero>} : tensor<2xf32>
  snn.output %s : tensor<2xf32>
}
// -----
// Signs: 150 inputs feeding one neuron excitatorily and the other
// inhibitorily need 300 rows, plus one for the population's own spikes; a
// recurrent population cannot be split to spread them.
snn.network @n(%in: tensor<150xf32>) -> tensor<2xf32> attributes {dt = 1.0e-04 : f64, snn.discretization = "euler"} {
  %a = snn.linear %in {weight = dense<[[0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1], [-0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1]]> : tensor<2x150xf32>} : tensor<150xf32> -> tensor<2xf32>
  %r = snn.sparse_projection %s {row_ptr = array<i32: 0, 1, 1>, cols = array<i32: 0>, values = dense<0.5> : tensor<1xf32>} : tensor<2xf32> -> tensor<2xf32>
  %x = snn.add %a, %r : tensor<2xf32>
  // expected-error @+1 {{population 'signs' needs 301 synapse rows (one per source and sign); a neuron has 256: reduce its fan-in or make its inputs' weights one-signed}}
  %s = snn.step_neuron %x {snn.name = "signs", syn_decay = 0.8 : f32, syn_gain = 1.0 : f32, mem_decay = 0.9 : f32, mem_gain = 1.0 : f32, mem_bias = 0.0 : f32, threshold = 1.0 : f32, reset = #snn<reset zero>} : tensor<2xf32>
  snn.output %s : tensor<2xf32>
}
// -----
// A recurrent population of 600 neurons cannot be split over chips.
snn.network @n(%in: tensor<2xf32>) -> tensor<600xf32> attributes {dt = 1.0e-04 : f64, snn.discretization = "euler"} {
  %a = snn.linear %in {weight = dense<0.1> : tensor<600x2xf32>} : tensor<2xf32> -> tensor<600xf32>
  %r = snn.sparse_projection %s {row_ptr = array<i32: 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1>, cols = array<i32: 0>, values = dense<0.5> : tensor<1xf32>} : tensor<600xf32> -> tensor<600xf32>
  %x = snn.add %a, %r : tensor<600xf32>
  // expected-error @+1 {{recurrent population 'big_rec' needs 600 neuron circuits; a chip has 512 and a recurrent loop cannot span chips or partitions}}
  %s = snn.step_neuron %x {snn.name = "big_rec", syn_decay = 0.8 : f32, syn_gain = 1.0 : f32, mem_decay = 0.9 : f32, mem_gain = 1.0 : f32, mem_bias = 0.0 : f32, threshold = 1.0 : f32, reset = #snn<reset zero>} : tensor<600xf32>
  snn.output %s : tensor<600xf32>
}

//--- options.mlir
// expected-error @below {{time-scale, v-scale, refractory and chips must be >= 0 (0: choose automatically)}}
module {}
