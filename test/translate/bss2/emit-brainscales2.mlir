// Tests --emit=brainscales2 on the hand-worked network of
// test/passes/snn-lower-brainscales.mlir: nominal CapMem codes from the shared
// curves (runtime/artifact/BrainScaleS2Params.h), the rows in (source, sign)
// order with the bias row last, and byte-identical output for the same input.
// RUN: snn-opt %s --snn-lower-brainscales -o %t.mlir 2>/dev/null
// RUN: snn-translate --emit=brainscales2 --emit-text %t.mlir | FileCheck %s
// RUN: snn-translate --emit=brainscales2 %t.mlir -o %t.a.pb
// RUN: snn-opt %s --snn-lower-brainscales 2>/dev/null | snn-translate --emit=brainscales2 -o %t.b.pb
// RUN: cmp %t.a.pb %t.b.pb
// RUN: not snn-translate --emit=brainscales2 %s 2>&1 | FileCheck %s --check-prefix=NOTLOWERED
// RUN: not snn-translate --emit=truenorth %s 2>&1 | FileCheck %s --check-prefix=UNKNOWN

// CHECK: format_version: 2
// CHECK: target: "brainscales2"
// CHECK: model_dt: 0.0001
// CHECK: time_acceleration: 1000
// CHECK: execution: SINGLE_CHIP
// CHECK: populations {
// CHECK-NEXT: name: "cuba"
// CHECK-NEXT: size: 2
// CHECK-NEXT: aliases: "out"
// CHECK: partitions {
// Neuron 0: tau_mem 1 us -> 511 / 1 = 511; tau_syn 0.5 us -> 240 / 0.5 =
// 480; 50 LSB -> 200, 213.52 LSB -> 854.08 -> 854 (4 codes per LSB); syn_gain
// 16.352 (the gain cap, see the pass test) -> 817.6 -> 818 (0.02 per code);
// neuron 1's 3.2704 -> 163.52 -> 164; refractory 0.04 us = 5 ticks of 8 ns.
// (Format 1 had 306.6 / tau_syn and 0.1 per gain code: 613, 880, 170, 34.) The network has a
// synaptic current, so its inputs are not advanced: input_advance_us stays
// 0, which the text form omits.
// CHECK: codes {
// CHECK-NEXT: tau_mem: 511
// CHECK-NEXT: tau_syn_exc: 480
// CHECK-NEXT: tau_syn_inh: 480
// CHECK-NEXT: leak: 200
// CHECK-NEXT: reset: 200
// CHECK-NEXT: threshold: 854
// CHECK-NEXT: syn_gain_exc: 818
// CHECK-NEXT: syn_gain_inh: 818
// CHECK-NEXT: refractory_counter: 5
// CHECK: circuit: 1
// CHECK: syn_gain_exc: 164
// Rows: input 0 exc (63 into neuron 0), input 1 exc (63 into neuron 1),
// input 1 inh (32 into neuron 0), the bias inh (32 into neuron 1).
// CHECK: rows {
// CHECK-NEXT: source {
// CHECK-NEXT: input {
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: sign: EXCITATORY
// CHECK-NEXT: weights: 63
// CHECK-NEXT: weights: 0
// CHECK: row: 1
// CHECK: channel: 1
// CHECK: sign: EXCITATORY
// CHECK-NEXT: weights: 0
// CHECK-NEXT: weights: 63
// CHECK: row: 2
// CHECK: channel: 1
// CHECK: sign: INHIBITORY
// CHECK-NEXT: weights: 32
// CHECK-NEXT: weights: 0
// CHECK: row: 3
// CHECK-NEXT: source {
// CHECK-NEXT: bias {
// CHECK: sign: INHIBITORY
// CHECK-NEXT: weights: 0
// CHECK-NEXT: weights: 32
// CHECK-NOT: input_advance_us
// CHECK: usage {
// CHECK-NEXT: resource: "neuron circuits"
// CHECK-NEXT: used: 2
// CHECK-NEXT: capacity: 512
// CHECK: resource: "synapse rows"
// CHECK-NEXT: used: 4
// CHECK-NEXT: capacity: 256
// CHECK: max_weight_error: 0.00499
// NOTLOWERED: error: network is not lowered for brainscales2: run --snn-lower-brainscales before emitting
// UNKNOWN: snn-translate: error: --emit=truenorth: unknown target
snn.network @cuba(%in: tensor<2xf32>) -> (tensor<2xf32> {snn.name = "out"}) attributes {dt = 1.0e-04 : f64, snn.discretization = "euler"} {
  %w = snn.affine %in {weight = dense<[[0.63, -0.315], [0.0, 0.126]]> : tensor<2x2xf32>, bias = dense<[0.0, -0.063]> : tensor<2xf32>} : tensor<2xf32> -> tensor<2xf32>
  %s = snn.step_neuron %w {snn.name = "cuba", syn_decay = 0.8 : f32, syn_gain = 1.0 : f32, mem_decay = 0.9 : f32, mem_gain = 1.0 : f32, mem_bias = 0.0 : f32, threshold = 1.0 : f32, reset = #snn<reset to_reset>, v_reset = 0.0 : f32} : tensor<2xf32>
  snn.output %s : tensor<2xf32>
}
