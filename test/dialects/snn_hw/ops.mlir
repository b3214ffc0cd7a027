// Tests that snn_hw boards of the three routing kinds print and parse back
// unchanged (round trip twice) and pass the verifier.
// RUN: snn-opt %s | snn-opt | FileCheck %s
// RUN: snn-opt %s --mlir-print-op-generic | snn-opt | FileCheck %s

snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
  %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
  %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
  %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
  %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
  snn.output %b : tensor<2xf32>
}

// Mesh routing: two chips in a row, synapse tables, hop counts per
// destination.
// CHECK-LABEL: snn_hw.board @mesh for @net target "loihi" routing mesh grid [2, 1] attributes {cores_lower_bound = 2 : i64, inter_core_packets = 8.000000e+00 : f64} {
// CHECK-NEXT: snn_hw.chip @chip_0_0 at (0, 0) cores 128 mesh [8, 16]
// CHECK-NEXT: snn_hw.chip @chip_1_0 at (1, 0) cores 128 mesh [8, 16]
// CHECK-NEXT: snn_hw.core @core0 on @chip_0_0 index 9 use [#snn_hw.use<"neurons", 4, 1024>, #snn_hw.use<"fan-in", 0, 4096>]
// CHECK-NEXT: snn_hw.core @core1 on @chip_1_0 index 0 use [#snn_hw.use<"neurons", 4, 1024>, #snn_hw.use<"fan-in", 4, 4096>]
// CHECK-NEXT: snn_hw.neuron_slice @core0 "a" [0, 4)
// CHECK-NEXT: snn_hw.neuron_slice @core1 "a" [4, 6)
// CHECK-NEXT: snn_hw.neuron_slice @core1 "b" [0, 2)
// CHECK-NEXT: snn_hw.synapse_table @core0 "w" -> "a" [0, 4) synapses 4 axons [0, 4]
// CHECK-NEXT: snn_hw.synapse_table @core1 "v" -> "b" [0, 2) synapses 5 axons [0, 2, 3, 6]
// CHECK-NEXT: snn_hw.route @core0 -> [@core1] hops [9]
// CHECK-NEXT: }
snn_hw.board @mesh for @net target "loihi" routing mesh grid [2, 1] attributes {cores_lower_bound = 2 : i64, inter_core_packets = 8.0 : f64} {
  snn_hw.chip @chip_0_0 at (0, 0) cores 128 mesh [8, 16]
  snn_hw.chip @chip_1_0 at (1, 0) cores 128 mesh [8, 16]
  snn_hw.core @core0 on @chip_0_0 index 9 use [#snn_hw.use<"neurons", 4, 1024>, #snn_hw.use<"fan-in", 0, 4096>]
  snn_hw.core @core1 on @chip_1_0 index 0 use [#snn_hw.use<"neurons", 4, 1024>, #snn_hw.use<"fan-in", 4, 4096>]
  snn_hw.neuron_slice @core0 "a" [0, 4)
  snn_hw.neuron_slice @core1 "a" [4, 6)
  snn_hw.neuron_slice @core1 "b" [0, 2)
  snn_hw.synapse_table @core0 "w" -> "a" [0, 4) synapses 4 axons [0, 4]
  snn_hw.synapse_table @core1 "v" -> "b" [0, 2) synapses 5 axons [0, 2, 3, 6]
  snn_hw.route @core0 -> [@core1] hops [9]
}

// Multicast routing: keys per source core and a router table per chip.
// CHECK-LABEL: snn_hw.board @multicast for @net target "spinnaker" routing multicast grid [1, 1] torus {
// CHECK-NEXT: snn_hw.chip @chip_0_0 at (0, 0) cores 18 router 1023
// CHECK-NEXT: snn_hw.core @core0 on @chip_0_0 index 1 use [#snn_hw.use<"neurons", 6, 256>]
// CHECK-NEXT: snn_hw.core @core1 on @chip_0_0 index 2 use [#snn_hw.use<"neurons", 2, 256>]
// CHECK-NEXT: snn_hw.neuron_slice @core0 "a" [0, 6)
// CHECK-NEXT: snn_hw.neuron_slice @core1 "b" [0, 2)
// CHECK-NEXT: snn_hw.route @core0 -> [@core1] key <0x00000000, 0xfffffff8>
// CHECK-NEXT: snn_hw.route @core1 -> [@core0] key <0x00000008, 0xfffffff8>
// CHECK-NEXT: snn_hw.router_table @chip_0_0 [#snn_hw.entry<0x00000000, 0xfffffff8 -> 0x000100>, #snn_hw.entry<0x00000008, 0xfffffff8 -> 0x000080>]
snn_hw.board @multicast for @net target "spinnaker" routing multicast grid [1, 1] torus {
  snn_hw.chip @chip_0_0 at (0, 0) cores 18 router 1023
  snn_hw.core @core0 on @chip_0_0 index 1 use [#snn_hw.use<"neurons", 6, 256>]
  snn_hw.core @core1 on @chip_0_0 index 2 use [#snn_hw.use<"neurons", 2, 256>]
  snn_hw.neuron_slice @core0 "a" [0, 6)
  snn_hw.neuron_slice @core1 "b" [0, 2)
  snn_hw.route @core0 -> [@core1] key <0x0, 0xfffffff8>
  snn_hw.route @core1 -> [@core0] key <8, 4294967288>
  snn_hw.router_table @chip_0_0 [#snn_hw.entry<0, 0xfffffff8 -> 0x100>, #snn_hw.entry<8, 0xfffffff8 -> 0x80>]
}

// Direct routing (Speck style): a layer with its projection on one core,
// resources without a published limit (capacity 0).
// CHECK-LABEL: snn_hw.board @direct for @net target "speck" routing direct grid [1, 1] {
// CHECK-NEXT: snn_hw.chip @chip_0_0 at (0, 0) cores 9
// CHECK-NEXT: snn_hw.core @core2 on @chip_0_0 index 2 use [#snn_hw.use<"neurons", 6, 0>, #snn_hw.use<"kernel memory", 64, 16384>]
// CHECK-NEXT: snn_hw.core @core5 on @chip_0_0 index 5 use [#snn_hw.use<"neurons", 2, 0>]
// CHECK-NEXT: snn_hw.neuron_slice @core2 "w" [0, 6)
// CHECK-NEXT: snn_hw.neuron_slice @core2 "a" [0, 6)
// CHECK-NEXT: snn_hw.neuron_slice @core5 "v" [0, 2)
// CHECK-NEXT: snn_hw.neuron_slice @core5 "b" [0, 2)
// CHECK-NEXT: snn_hw.route @core2 -> [@core5]
snn_hw.board @direct for @net target "speck" routing direct grid [1, 1] {
  snn_hw.chip @chip_0_0 at (0, 0) cores 9
  snn_hw.core @core2 on @chip_0_0 index 2 use [#snn_hw.use<"neurons", 6, 0>, #snn_hw.use<"kernel memory", 64, 16384>]
  snn_hw.core @core5 on @chip_0_0 index 5 use [#snn_hw.use<"neurons", 2, 0>]
  snn_hw.neuron_slice @core2 "w" [0, 6)
  snn_hw.neuron_slice @core2 "a" [0, 6)
  snn_hw.neuron_slice @core5 "v" [0, 2)
  snn_hw.neuron_slice @core5 "b" [0, 2)
  snn_hw.route @core2 -> [@core5]
}
