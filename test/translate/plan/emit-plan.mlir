// Tests the runtime plan emitted from a step-level network: evaluation order,
// the recurrent operand read from the previous step, snn.add folded into the
// operand list, and one identity node per result.
// RUN: snn-opt %s --snn-discretize | snn-translate --emit-plan-text | FileCheck %s
// RUN: snn-opt %s --snn-discretize | snn-translate --emit-plan > %t.a
// RUN: snn-opt %s --snn-discretize | snn-translate --emit-plan > %t.b
// RUN: cmp %t.a %t.b

snn.network @rec(%in: tensor<2xf32> {snn.name = "in"}) -> (tensor<2xf32> {snn.name = "out"}) attributes {dt = 1.0e-03 : f64} {
  %sum = snn.add %w, %r : tensor<2xf32>
  %w = snn.linear %in {snn.name = "w", weight = dense<[[1.0, 0.0], [0.0, 1.0]]> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  %s = snn.lif %sum {snn.name = "lif", tau = 1.0e-02 : f32, r = 1.0 : f32, v_leak = 0.0 : f32, v_threshold = 1.0 : f32, v_reset = 0.0 : f32} : tensor<2xf32>
  %r = snn.linear %s {snn.name = "rec", weight = dense<[[0.0, -1.0], [-1.0, 0.0]]> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  snn.output %s : tensor<2xf32>
}

// CHECK: format_version: 1
// CHECK: name: "rec"
// CHECK: dt: 0.001
// CHECK: nodes {
// CHECK-NEXT: name: "in"
// CHECK: input {
// CHECK: nodes {
// CHECK-NEXT: name: "w"
// CHECK: operands {
// CHECK-NEXT: }
// The walk from the result reaches lif, the add, w, then rec, whose operand
// lif is still on the walk's stack: rec reads lif's previous step.
// CHECK: nodes {
// CHECK-NEXT: name: "rec"
// CHECK: operands {
// CHECK-NEXT: node: 3
// CHECK-NEXT: previous_step: true
// CHECK-NEXT: }
// CHECK: nodes {
// CHECK-NEXT: name: "lif"
// CHECK: operands {
// CHECK-NEXT: node: 1
// CHECK-NEXT: }
// CHECK-NEXT: operands {
// CHECK-NEXT: node: 2
// CHECK-NEXT: }
// CHECK: neuron {
// CHECK: mem_decay: 0.9
// CHECK: mem_gain: 0.1
// CHECK: spiking: true
// CHECK: nodes {
// CHECK-NEXT: name: "out"
// CHECK: identity {
// CHECK: outputs {
// CHECK-NEXT: name: "out"
// CHECK-NEXT: node: 4
// CHECK: key: "discretization"
// CHECK-NEXT: value: "euler"
