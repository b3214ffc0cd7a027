// RUN: snn-opt %s | snn-opt | FileCheck %s
// RUN: snn-opt %s -mlir-print-op-generic | snn-opt | FileCheck %s

// Round trip of every snn op: parse, print, parse again (and through the
// generic form). Inside a network the `snn.` prefix is printed implicitly.

// Tests that a network keeps its dt, the snn.name of its arguments and results
// (an argument's name becomes its SSA name) and an add with a repeated input.
// CHECK-LABEL: snn.network @names
// CHECK-SAME: (%in0: tensor<3xf32> {snn.name = "in0"}, %[[B:.+]]: tensor<3xf32>)
// CHECK-SAME: -> (tensor<3xf32> {snn.name = "sum"}, tensor<3xf32>)
// CHECK-SAME: attributes {dt = 2.500000e-04 : f64} {
// CHECK-NEXT: %[[S:.+]] = add %in0, %[[B]], %in0 : tensor<3xf32>
// CHECK-NEXT: %[[Z:.+]] = zero : tensor<3xf32>
// CHECK-NEXT: output %[[S]], %[[Z]] : tensor<3xf32>, tensor<3xf32>
// CHECK-NEXT: }
snn.network @names(%a: tensor<3xf32> {snn.name = "in0"}, %b: tensor<3xf32>)
    -> (tensor<3xf32> {snn.name = "sum"}, tensor<3xf32>)
    attributes {dt = 2.5e-4 : f64} {
  %s = snn.add %a, %b, %a : tensor<3xf32>
  %z = snn.zero : tensor<3xf32>
  snn.output %s, %z : tensor<3xf32>, tensor<3xf32>
}

// Tests that a network without inputs or outputs has an empty snn.output.
// CHECK-LABEL: snn.network @empty()
// CHECK-SAME: attributes {dt = 1.000000e+00 : f64} {
// CHECK-NEXT: output{{$}}
// CHECK-NEXT: }
snn.network @empty() attributes {dt = 1.0 : f64} {
  snn.output
}

// Tests that the dense projections keep weight and bias.
// CHECK-LABEL: snn.network @dense
// CHECK-SAME: (%[[X:.+]]: tensor<3xf32>)
// CHECK: %[[A:.+]] = affine %[[X]] {bias = dense<[5.000000e-01, -5.000000e-01]> : tensor<2xf32>, weight = dense<{{\[}}[1.000000e+00, 2.000000e+00, 3.000000e+00], [4.000000e+00, 5.000000e+00, 6.000000e+00]]> : tensor<2x3xf32>} : tensor<3xf32> -> tensor<2xf32>
// CHECK: %[[L:.+]] = linear %[[X]] {weight = dense<2.500000e-01> : tensor<2x3xf32>} : tensor<3xf32> -> tensor<2xf32>
// CHECK: output %[[A]], %[[L]] : tensor<2xf32>, tensor<2xf32>
snn.network @dense(%x: tensor<3xf32>) -> (tensor<2xf32>, tensor<2xf32>) attributes {dt = 1.0e-3 : f64} {
  %aff = snn.affine %x {weight = dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>,
                        bias = dense<[0.5, -0.5]> : tensor<2xf32>} : tensor<3xf32> -> tensor<2xf32>
  %lin = snn.linear %x {weight = dense<0.25> : tensor<2x3xf32>} : tensor<3xf32> -> tensor<2xf32>
  snn.output %aff, %lin : tensor<2xf32>, tensor<2xf32>
}

// Tests that scale and threshold take one value or one per neuron.
// CHECK-LABEL: snn.network @elementwise
// CHECK-SAME: (%[[X:.+]]: tensor<3xf32>)
// CHECK: %[[S:.+]] = scale %[[X]] {scale = 2.000000e+00 : f32} : tensor<3xf32> -> tensor<3xf32>
// CHECK: %[[SN:.+]] = scale %[[X]] {scale = dense<[1.000000e+00, -1.000000e+00, 5.000000e-01]> : tensor<3xf32>} : tensor<3xf32> -> tensor<3xf32>
// CHECK: %[[T:.+]] = threshold %[[X]] {threshold = 5.000000e-01 : f32} : tensor<3xf32> -> tensor<3xf32>
// CHECK: %[[TN:.+]] = threshold %[[X]] {threshold = dense<[0.000000e+00, 1.000000e+00, 2.000000e+00]> : tensor<3xf32>} : tensor<3xf32> -> tensor<3xf32>
// CHECK: output %[[S]], %[[SN]], %[[T]], %[[TN]] :
snn.network @elementwise(%x: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>)
    attributes {dt = 1.0e-3 : f64} {
  %sc = snn.scale %x {scale = 2.0 : f32} : tensor<3xf32> -> tensor<3xf32>
  %scn = snn.scale %x {scale = dense<[1.0, -1.0, 0.5]> : tensor<3xf32>} : tensor<3xf32> -> tensor<3xf32>
  %th = snn.threshold %x {threshold = 0.5 : f32} : tensor<3xf32> -> tensor<3xf32>
  %thn = snn.threshold %x {threshold = dense<[0.0, 1.0, 2.0]> : tensor<3xf32>} : tensor<3xf32> -> tensor<3xf32>
  snn.output %sc, %scn, %th, %thn : tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>
}

// Tests that conv1d (grouped, with bias, strided, padded) and conv2d (no
// bias) keep their window attributes.
// CHECK-LABEL: snn.network @conv
// CHECK-SAME: (%[[SEQ:.+]]: tensor<2x8xf32>, %[[IMG:.+]]: tensor<2x5x5xf32>)
// CHECK: %[[C1:.+]] = conv1d %[[SEQ]] {bias = dense<1.000000e-01> : tensor<4xf32>, dilation = array<i64: 2>, groups = 2 : i64, padding = array<i64: 1>, stride = array<i64: 2>, weight = dense<1.000000e+00> : tensor<4x1x3xf32>} : tensor<2x8xf32> -> tensor<4x3xf32>
// CHECK: %[[C2:.+]] = conv2d %[[IMG]] {dilation = array<i64: 1, 1>, groups = 1 : i64, padding = array<i64: 0, 1>, stride = array<i64: 2, 1>, weight = dense<1.000000e+00> : tensor<4x2x3x3xf32>} : tensor<2x5x5xf32> -> tensor<4x2x5xf32>
// CHECK: output %[[C1]], %[[C2]] : tensor<4x3xf32>, tensor<4x2x5xf32>
snn.network @conv(%seq: tensor<2x8xf32>, %img: tensor<2x5x5xf32>) -> (tensor<4x3xf32>, tensor<4x2x5xf32>)
    attributes {dt = 1.0e-3 : f64} {
  // Lo = floor((8 + 2 - 2*2 - 1) / 2) + 1 = 3.
  %c1 = snn.conv1d %seq {weight = dense<1.0> : tensor<4x1x3xf32>, bias = dense<0.1> : tensor<4xf32>,
                         stride = array<i64: 2>, padding = array<i64: 1>, dilation = array<i64: 2>,
                         groups = 2 : i64} : tensor<2x8xf32> -> tensor<4x3xf32>
  // Ho = (5 - 3) / 2 + 1 = 2, Wo = (5 + 2 - 3) / 1 + 1 = 5.
  %c2 = snn.conv2d %img {weight = dense<1.0> : tensor<4x2x3x3xf32>,
                         stride = array<i64: 2, 1>, padding = array<i64: 0, 1>,
                         dilation = array<i64: 1, 1>, groups = 1 : i64} : tensor<2x5x5xf32> -> tensor<4x2x5xf32>
  snn.output %c1, %c2 : tensor<4x3xf32>, tensor<4x2x5xf32>
}

// Tests that sum and average pooling keep kernel, stride and padding.
// CHECK-LABEL: snn.network @pool
// CHECK-SAME: (%[[IMG:.+]]: tensor<2x5x5xf32>)
// CHECK: %[[SP:.+]] = sum_pool2d %[[IMG]] {kernel_size = array<i64: 2, 2>, padding = array<i64: 1, 1>, stride = array<i64: 2, 2>} : tensor<2x5x5xf32> -> tensor<2x3x3xf32>
// CHECK: %[[AP:.+]] = avg_pool2d %[[IMG]] {kernel_size = array<i64: 3, 3>, padding = array<i64: 0, 0>, stride = array<i64: 2, 2>} : tensor<2x5x5xf32> -> tensor<2x2x2xf32>
// CHECK: output %[[SP]], %[[AP]]
snn.network @pool(%img: tensor<2x5x5xf32>) -> (tensor<2x3x3xf32>, tensor<2x2x2xf32>) attributes {dt = 1.0e-3 : f64} {
  %sp = snn.sum_pool2d %img {kernel_size = array<i64: 2, 2>, stride = array<i64: 2, 2>,
                             padding = array<i64: 1, 1>} : tensor<2x5x5xf32> -> tensor<2x3x3xf32>
  %ap = snn.avg_pool2d %img {kernel_size = array<i64: 3, 3>, stride = array<i64: 2, 2>,
                             padding = array<i64: 0, 0>} : tensor<2x5x5xf32> -> tensor<2x2x2xf32>
  snn.output %sp, %ap : tensor<2x3x3xf32>, tensor<2x2x2xf32>
}

// Tests that flatten accepts negative dimensions and a partial range.
// CHECK-LABEL: snn.network @flatten
// CHECK-SAME: (%[[IMG:.+]]: tensor<2x5x4xf32>)
// CHECK: %[[ALL:.+]] = flatten %[[IMG]] {end_dim = -1 : i64, start_dim = 0 : i64} : tensor<2x5x4xf32> -> tensor<40xf32>
// CHECK: %[[TAIL:.+]] = flatten %[[IMG]] {end_dim = 2 : i64, start_dim = -2 : i64} : tensor<2x5x4xf32> -> tensor<2x20xf32>
// CHECK: output %[[ALL]], %[[TAIL]]
snn.network @flatten(%img: tensor<2x5x4xf32>) -> (tensor<40xf32>, tensor<2x20xf32>) attributes {dt = 1.0e-3 : f64} {
  %all = snn.flatten %img {start_dim = 0 : i64, end_dim = -1 : i64} : tensor<2x5x4xf32> -> tensor<40xf32>
  %tail = snn.flatten %img {start_dim = -2 : i64, end_dim = 2 : i64} : tensor<2x5x4xf32> -> tensor<2x20xf32>
  snn.output %all, %tail : tensor<40xf32>, tensor<2x20xf32>
}

// Tests that a CSR projection (with an empty row) keeps its arrays.
// CHECK-LABEL: snn.network @sparse
// CHECK-SAME: (%[[X:.+]]: tensor<3xf32>)
// CHECK: %[[Y:.+]] = sparse_projection %[[X]] {cols = array<i32: 2, 0, 1>, row_ptr = array<i32: 0, 1, 1, 3>, values = dense<[5.000000e-01, 2.000000e+00, -1.000000e+00]> : tensor<3xf32>} : tensor<3xf32> -> tensor<3xf32>
// CHECK: output %[[Y]] : tensor<3xf32>
snn.network @sparse(%x: tensor<3xf32>) -> tensor<3xf32> attributes {dt = 1.0e-3 : f64} {
  %y = snn.sparse_projection %x {row_ptr = array<i32: 0, 1, 1, 3>, cols = array<i32: 2, 0, 1>,
                                 values = dense<[0.5, 2.0, -1.0]> : tensor<3xf32>} : tensor<3xf32> -> tensor<3xf32>
  snn.output %y : tensor<3xf32>
}

// Tests that the integrators round-trip: I, and IF with every spike option
// (subtract reset, multi-spike, v_min).
// CHECK-LABEL: snn.network @integrators
// CHECK-SAME: (%[[X:.+]]: tensor<2xf32>)
// CHECK: %[[I:.+]] = i %[[X]] {r = 2.000000e+00 : f32} : tensor<2xf32>
// CHECK: %[[IF:.+]] = if %[[X]] {multi_spike, r = 1.000000e+00 : f32, reset = #snn<reset subtract>, v_min = -1.000000e+00 : f32, v_reset = 0.000000e+00 : f32, v_threshold = 1.000000e+00 : f32} : tensor<2xf32>
// CHECK: output %[[I]], %[[IF]]
snn.network @integrators(%x: tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>) attributes {dt = 1.0e-4 : f64} {
  %i = snn.i %x {r = 2.0 : f32} : tensor<2xf32>
  %if = snn.if %x {r = 1.0 : f32, v_threshold = 1.0 : f32, v_reset = 0.0 : f32,
                   reset = #snn<reset subtract>, multi_spike, v_min = -1.0 : f32} : tensor<2xf32>
  snn.output %i, %if : tensor<2xf32>, tensor<2xf32>
}

// Tests that LI (per-neuron tau) and LIF (default reset to_reset, not
// printed) round-trip.
// CHECK-LABEL: snn.network @leaky
// CHECK-SAME: (%[[X:.+]]: tensor<2xf32>)
// CHECK: %[[LI:.+]] = li %[[X]] {r = 1.000000e+00 : f32, tau = dense<[1.000000e-03, 2.000000e-03]> : tensor<2xf32>, v_leak = 0.000000e+00 : f32} : tensor<2xf32>
// CHECK: %[[LIF:.+]] = lif %[[X]] {r = 1.000000e+00 : f32, tau = 2.500000e-03 : f32, v_leak = 0.000000e+00 : f32, v_reset = 0.000000e+00 : f32, v_threshold = 1.000000e+00 : f32} : tensor<2xf32>
// CHECK: output %[[LI]], %[[LIF]]
snn.network @leaky(%x: tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>) attributes {dt = 1.0e-4 : f64} {
  %li = snn.li %x {tau = dense<[1.0e-3, 2.0e-3]> : tensor<2xf32>, r = 1.0 : f32, v_leak = 0.0 : f32} : tensor<2xf32>
  %lif = snn.lif %x {tau = 2.5e-3 : f32, r = 1.0 : f32, v_leak = 0.0 : f32,
                     v_threshold = 1.0 : f32, v_reset = 0.0 : f32} : tensor<2xf32>
  snn.output %li, %lif : tensor<2xf32>, tensor<2xf32>
}

// Tests that the current-based neurons round-trip (CubaLI, CubaLIF with reset
// zero and per-neuron w_in).
// CHECK-LABEL: snn.network @cuba
// CHECK-SAME: (%[[X:.+]]: tensor<2xf32>)
// CHECK: %[[CLI:.+]] = cuba_li %[[X]] {r = 1.000000e+00 : f32, tau_mem = 2.000000e-02 : f32, tau_syn = 5.000000e-03 : f32, v_leak = 0.000000e+00 : f32, w_in = 1.000000e+00 : f32} : tensor<2xf32>
// CHECK: %[[CLIF:.+]] = cuba_lif %[[X]] {r = 1.000000e+00 : f32, reset = #snn<reset zero>, tau_mem = 2.000000e-02 : f32, tau_syn = 5.000000e-03 : f32, v_leak = 0.000000e+00 : f32, v_reset = 0.000000e+00 : f32, v_threshold = 1.000000e+00 : f32, w_in = dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>} : tensor<2xf32>
// CHECK: output %[[CLI]], %[[CLIF]]
snn.network @cuba(%x: tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>) attributes {dt = 1.0e-4 : f64} {
  %cli = snn.cuba_li %x {tau_syn = 5.0e-3 : f32, tau_mem = 2.0e-2 : f32, r = 1.0 : f32,
                         v_leak = 0.0 : f32, w_in = 1.0 : f32} : tensor<2xf32>
  %clif = snn.cuba_lif %x {tau_syn = 5.0e-3 : f32, tau_mem = 2.0e-2 : f32, r = 1.0 : f32,
                           v_leak = 0.0 : f32, w_in = dense<[1.0, 2.0]> : tensor<2xf32>, v_threshold = 1.0 : f32,
                           v_reset = 0.0 : f32, reset = #snn<reset zero>} : tensor<2xf32>
  snn.output %cli, %clif : tensor<2xf32>, tensor<2xf32>
}

// Tests that the adaptive LIF (reset none) and the continuous-time delay
// round-trip.
// CHECK-LABEL: snn.network @alif_delay
// CHECK-SAME: (%[[X:.+]]: tensor<2xf32>)
// CHECK: %[[A:.+]] = alif %[[X]] {beta = 1.000000e-01 : f32, r = 1.000000e+00 : f32, reset = #snn<reset none>, tau = 2.000000e-02 : f32, tau_adapt = 2.000000e-01 : f32, v_leak = 0.000000e+00 : f32, v_reset = 0.000000e+00 : f32, v_threshold = 5.000000e-01 : f32} : tensor<2xf32>
// CHECK: %[[D:.+]] = delay %[[X]] {delay = dense<[0.000000e+00, 3.000000e-04]> : tensor<2xf32>} : tensor<2xf32>
// CHECK: output %[[A]], %[[D]]
snn.network @alif_delay(%x: tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>) attributes {dt = 1.0e-4 : f64} {
  %alif = snn.alif %x {tau = 2.0e-2 : f32, tau_adapt = 2.0e-1 : f32, r = 1.0 : f32, v_leak = 0.0 : f32,
                       v_threshold = 0.5 : f32, v_reset = 0.0 : f32, beta = 0.1 : f32,
                       reset = #snn<reset none>} : tensor<2xf32>
  %d = snn.delay %x {delay = dense<[0.0, 3.0e-4]> : tensor<2xf32>} : tensor<2xf32>
  snn.output %alif, %d : tensor<2xf32>, tensor<2xf32>
}

// Tests that step_delay takes one step count or one per element.
// CHECK-LABEL: snn.network @step_delay
// CHECK-SAME: (%[[X:.+]]: tensor<2xf32>)
// CHECK: %[[D1:.+]] = step_delay %[[X]] {steps = array<i64: 3>} : tensor<2xf32>
// CHECK: %[[D2:.+]] = step_delay %[[X]] {steps = array<i64: 0, 5>} : tensor<2xf32>
// CHECK: output %[[D1]], %[[D2]]
snn.network @step_delay(%x: tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>) attributes {dt = 1.0e-3 : f64} {
  %d1 = snn.step_delay %x {steps = array<i64: 3>} : tensor<2xf32>
  %d2 = snn.step_delay %x {steps = array<i64: 0, 5>} : tensor<2xf32>
  snn.output %d1, %d2 : tensor<2xf32>, tensor<2xf32>
}

// Tests that step_neuron round-trips without a threshold (outputs v) and with
// a threshold in
// every reset mode (none is the default and is not printed), with a synapse,
// per-neuron gains, multi-spike, v_min and adaptation.
// CHECK-LABEL: snn.network @step_neuron
// CHECK-SAME: (%[[X:.+]]: tensor<2xf32>)
// CHECK: %[[V:.+]] = step_neuron %[[X]] {mem_bias = 0.000000e+00 : f32, mem_decay = 0.899999976 : f32, mem_gain = 1.000000e-01 : f32, syn_gain = 1.000000e+00 : f32} : tensor<2xf32>
// CHECK: %[[Z0:.+]] = step_neuron %[[X]] {mem_bias = 0.000000e+00 : f32, mem_decay = 0.899999976 : f32, mem_gain = dense<[1.000000e-01, 2.000000e-01]> : tensor<2xf32>, reset = #snn<reset zero>, syn_decay = 8.000000e-01 : f32, syn_gain = 2.000000e-01 : f32, threshold = 1.000000e+00 : f32} : tensor<2xf32>
// CHECK: %[[Z1:.+]] = step_neuron %[[X]] {mem_bias = 0.000000e+00 : f32, mem_decay = 0.899999976 : f32, mem_gain = 1.000000e-01 : f32, reset = #snn<reset to_reset>, syn_gain = 1.000000e+00 : f32, threshold = 1.000000e+00 : f32, v_reset = -5.000000e-01 : f32} : tensor<2xf32>
// CHECK: %[[Z2:.+]] = step_neuron %[[X]] {mem_bias = 0.000000e+00 : f32, mem_decay = 1.000000e+00 : f32, mem_gain = 1.000000e+00 : f32, multi_spike, reset = #snn<reset subtract>, syn_gain = 1.000000e+00 : f32, threshold = 5.000000e-01 : f32, v_min = -2.000000e+00 : f32} : tensor<2xf32>
// CHECK: %[[Z3:.+]] = step_neuron %[[X]] {mem_bias = 0.000000e+00 : f32, mem_decay = 0.899999976 : f32, mem_gain = 1.000000e-01 : f32, syn_gain = 1.000000e+00 : f32, threshold = 1.000000e+00 : f32} : tensor<2xf32>
// CHECK: %[[Z4:.+]] = step_neuron %[[X]] {adapt_decay = 0.949999988 : f32, adapt_gain = dense<[1.000000e-01, 2.000000e-01]> : tensor<2xf32>, mem_bias = 0.000000e+00 : f32, mem_decay = 0.899999976 : f32, mem_gain = 1.000000e-01 : f32, reset = #snn<reset subtract>, syn_gain = 1.000000e+00 : f32, threshold = 1.000000e+00 : f32} : tensor<2xf32>
// CHECK: output %[[V]], %[[Z0]], %[[Z1]], %[[Z2]], %[[Z3]], %[[Z4]]
snn.network @step_neuron(%x: tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>, tensor<2xf32>,
    tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) attributes {dt = 1.0e-3 : f64} {
  %v = snn.step_neuron %x {syn_gain = 1.0 : f32, mem_decay = 0.9 : f32, mem_gain = 0.1 : f32,
                           mem_bias = 0.0 : f32} : tensor<2xf32>
  %z0 = snn.step_neuron %x {syn_decay = 0.8 : f32, syn_gain = 0.2 : f32, mem_decay = 0.9 : f32,
                            mem_gain = dense<[0.1, 0.2]> : tensor<2xf32>, mem_bias = 0.0 : f32,
                            threshold = 1.0 : f32, reset = #snn<reset zero>} : tensor<2xf32>
  %z1 = snn.step_neuron %x {syn_gain = 1.0 : f32, mem_decay = 0.9 : f32, mem_gain = 0.1 : f32,
                            mem_bias = 0.0 : f32, threshold = 1.0 : f32,
                            reset = #snn<reset to_reset>, v_reset = -0.5 : f32} : tensor<2xf32>
  %z2 = snn.step_neuron %x {syn_gain = 1.0 : f32, mem_decay = 1.0 : f32, mem_gain = 1.0 : f32,
                            mem_bias = 0.0 : f32, threshold = 0.5 : f32,
                            reset = #snn<reset subtract>, multi_spike, v_min = -2.0 : f32} : tensor<2xf32>
  %z3 = snn.step_neuron %x {syn_gain = 1.0 : f32, mem_decay = 0.9 : f32, mem_gain = 0.1 : f32,
                            mem_bias = 0.0 : f32, threshold = 1.0 : f32, reset = #snn<reset none>} : tensor<2xf32>
  %z4 = snn.step_neuron %x {syn_gain = 1.0 : f32, mem_decay = 0.9 : f32, mem_gain = 0.1 : f32,
                            mem_bias = 0.0 : f32, threshold = 1.0 : f32, reset = #snn<reset subtract>,
                            adapt_decay = 0.95 : f32, adapt_gain = dense<[0.1, 0.2]> : tensor<2xf32>} : tensor<2xf32>
  snn.output %v, %z0, %z1, %z2, %z3, %z4
      : tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>
}

// Tests that a recurrent edge is a forward SSA use in the graph region: the
// add reads %r, defined three ops later, and the cycle passes through a LIF.
// CHECK-LABEL: snn.network @recurrent
// CHECK-SAME: (%[[IN:.+]]: tensor<2xf32>)
// CHECK-NEXT: %[[X:.+]] = add %[[W:.+]], %[[R:.+]] : tensor<2xf32>
// CHECK-NEXT: %[[W]] = linear %[[IN]] {weight = dense<1.000000e+00> : tensor<2x2xf32>}
// CHECK-NEXT: %[[S:.+]] = lif %[[X]] {
// CHECK-NEXT: %[[R]] = linear %[[S]] {weight = dense<5.000000e-01> : tensor<2x2xf32>}
// CHECK-NEXT: output %[[S]] : tensor<2xf32>
snn.network @recurrent(%in: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-4 : f64} {
  %x = snn.add %w, %r : tensor<2xf32>
  %w = snn.linear %in {weight = dense<1.0> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  %s = snn.lif %x {tau = 2.5e-3 : f32, r = 1.0 : f32, v_leak = 0.0 : f32, v_threshold = 1.0 : f32, v_reset = 0.0 : f32} : tensor<2xf32>
  %r = snn.linear %s {weight = dense<0.5> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  snn.output %s : tensor<2xf32>
}

// Tests that a short cycle through a step_delay (its own input) is accepted.
// CHECK-LABEL: snn.network @self_loop
// CHECK-SAME: (%[[IN:.+]]: tensor<2xf32>)
// CHECK-NEXT: %[[S:.+]] = add %[[IN]], %[[D:.+]] : tensor<2xf32>
// CHECK-NEXT: %[[D]] = step_delay %[[S]] {steps = array<i64: 1>} : tensor<2xf32>
// CHECK-NEXT: output %[[D]] : tensor<2xf32>
snn.network @self_loop(%in: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  %s = snn.add %in, %d : tensor<2xf32>
  %d = snn.step_delay %s {steps = array<i64: 1>} : tensor<2xf32>
  snn.output %d : tensor<2xf32>
}

// Tests that an ANN network (snn.ann marker) with relu and max pooling
// round-trips.
// CHECK-LABEL: snn.network @ann
// CHECK-SAME: (%[[X:.+]]: tensor<2x4x4xf32>) -> tensor<2x2x2xf32> attributes {dt = 1.000000e+00 : f64, snn.ann}
// CHECK: %[[R:.+]] = relu %[[X]] : tensor<2x4x4xf32>
// CHECK: %[[M:.+]] = max_pool2d %[[R]] {kernel_size = array<i64: 3, 3>, padding = array<i64: 1, 1>, stride = array<i64: 2, 2>} : tensor<2x4x4xf32> -> tensor<2x2x2xf32>
// CHECK: output %[[M]] : tensor<2x2x2xf32>
snn.network @ann(%x: tensor<2x4x4xf32>) -> tensor<2x2x2xf32> attributes {dt = 1.0 : f64, snn.ann} {
  %r = snn.relu %x : tensor<2x4x4xf32>
  %m = snn.max_pool2d %r {kernel_size = array<i64: 3, 3>, stride = array<i64: 2, 2>,
                          padding = array<i64: 1, 1>} : tensor<2x4x4xf32> -> tensor<2x2x2xf32>
  snn.output %m : tensor<2x2x2xf32>
}
