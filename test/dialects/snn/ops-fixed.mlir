// RUN: snn-opt %s | snn-opt | FileCheck %s
// RUN: snn-opt %s -mlir-print-op-generic | snn-opt | FileCheck %s

// Round trip of the fixed-point neuron families that --snn-quantize
// produces (SNNFixedOps.td), at the edges of their register ranges.

// Tests that loihi_neuron keeps scalar and per-neuron integer parameters,
// elides the default spiking = true, keeps spiking = false, and accepts
// each range's end points (du/dv 0..4095, vth_mant 0..2^17-1, bias_mant
// -4096..4095, bias_exp 0..7, weight_exp -8..7).
// CHECK-LABEL: snn.network @loihi
// CHECK-SAME: (%[[X:.+]]: tensor<2xf32>)
// CHECK-NEXT: %[[Z:.+]] = loihi_neuron %[[X]] {bias_exp = 0 : i32, bias_mant = 0 : i32, du = 4095 : i32, dv = 163 : i32, v_scale = 1.600000e+04 : f64, vth_mant = 25 : i32, weight_exp = 0 : i32} : tensor<2xf32>
// CHECK-NEXT: %[[V:.+]] = loihi_neuron %[[X]] {bias_exp = dense<[0, 7]> : tensor<2xi32>, bias_mant = dense<[-4096, 4095]> : tensor<2xi32>, du = dense<[0, 4095]> : tensor<2xi32>, dv = dense<[4095, 0]> : tensor<2xi32>, spiking = false, v_scale = 26009600.581359874 : f64, vth_mant = dense<[0, 131071]> : tensor<2xi32>, weight_exp = dense<[-8, 7]> : tensor<2xi32>} : tensor<2xf32>
// CHECK-NEXT: output %[[Z]], %[[V]] : tensor<2xf32>, tensor<2xf32>
snn.network @loihi(%x: tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>) attributes {dt = 1.0e-4 : f64} {
  %z = snn.loihi_neuron %x {du = 4095 : i32, dv = 163 : i32, vth_mant = 25 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32,
                            weight_exp = 0 : i32, spiking = true, v_scale = 16000.0 : f64} : tensor<2xf32>
  %v = snn.loihi_neuron %x {du = dense<[0, 4095]> : tensor<2xi32>, dv = dense<[4095, 0]> : tensor<2xi32>,
                            vth_mant = dense<[0, 131071]> : tensor<2xi32>, bias_mant = dense<[-4096, 4095]> : tensor<2xi32>,
                            bias_exp = dense<[0, 7]> : tensor<2xi32>, weight_exp = dense<[-8, 7]> : tensor<2xi32>,
                            spiking = false, v_scale = 26009600.581359874 : f64} : tensor<2xf32>
  snn.output %z, %v : tensor<2xf32>, tensor<2xf32>
}

// Tests that spinnaker_neuron keeps its optional syn_decay and threshold,
// the reset mode (none is the default and elided), per-neuron values and
// int32 extremes (no range beyond i32 for s16.15 constants).
// CHECK-LABEL: snn.network @spinnaker
// CHECK-SAME: (%[[X:.+]]: tensor<3xf32>)
// CHECK-NEXT: %[[Z:.+]] = spinnaker_neuron %[[X]] {input_shift = 0 : i32, mem_bias = 1638 : i32, mem_decay = 31130 : i32, mem_gain = 1638 : i32, reset = #snn<reset to_reset>, syn_decay = 29491 : i32, threshold = 32768 : i32, v_reset = 0 : i32, v_scale = 3.276800e+04 : f64} : tensor<3xf32>
// CHECK-NEXT: %[[S:.+]] = spinnaker_neuron %[[X]] {input_shift = dense<[0, 1, 31]> : tensor<3xi32>, mem_bias = dense<[-2147483648, 0, 2147483647]> : tensor<3xi32>, mem_decay = dense<[24576, 16384, 32768]> : tensor<3xi32>, mem_gain = 32768 : i32, reset = #snn<reset subtract>, threshold = dense<[32768, 65536, 1]> : tensor<3xi32>, v_reset = dense<[0, -16384, 16384]> : tensor<3xi32>, v_scale = 3.276800e+04 : f64} : tensor<3xf32>
// CHECK-NEXT: %[[V:.+]] = spinnaker_neuron %[[X]] {input_shift = 31 : i32, mem_bias = 0 : i32, mem_decay = 28672 : i32, mem_gain = 4096 : i32, v_reset = 0 : i32, v_scale = 3.276800e+04 : f64} : tensor<3xf32>
// CHECK-NEXT: output %[[Z]], %[[S]], %[[V]]
snn.network @spinnaker(%x: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) attributes {dt = 1.0e-4 : f64} {
  %z = snn.spinnaker_neuron %x {syn_decay = 29491 : i32, mem_decay = 31130 : i32, mem_gain = 1638 : i32, mem_bias = 1638 : i32,
                                threshold = 32768 : i32, v_reset = 0 : i32, reset = #snn<reset to_reset>, input_shift = 0 : i32,
                                v_scale = 32768.0 : f64} : tensor<3xf32>
  %s = snn.spinnaker_neuron %x {mem_decay = dense<[24576, 16384, 32768]> : tensor<3xi32>, mem_gain = 32768 : i32,
                                mem_bias = dense<[-2147483648, 0, 2147483647]> : tensor<3xi32>,
                                threshold = dense<[32768, 65536, 1]> : tensor<3xi32>, v_reset = dense<[0, -16384, 16384]> : tensor<3xi32>,
                                reset = #snn<reset subtract>, input_shift = dense<[0, 1, 31]> : tensor<3xi32>, v_scale = 32768.0 : f64} : tensor<3xf32>
  %v = snn.spinnaker_neuron %x {mem_decay = 28672 : i32, mem_gain = 4096 : i32, mem_bias = 0 : i32, v_reset = 0 : i32,
                                reset = #snn<reset none>, input_shift = 31 : i32, v_scale = 32768.0 : f64} : tensor<3xf32>
  snn.output %z, %s, %v : tensor<3xf32>, tensor<3xf32>, tensor<3xf32>
}

// Tests that speck_neuron keeps multi_spike, a per-neuron threshold at the
// ends of 1..32767, and a signed v_min at both ends of -32768..0.
// CHECK-LABEL: snn.network @speck
// CHECK-SAME: (%[[X:.+]]: tensor<1x2x2xf32>)
// CHECK-NEXT: %[[Z:.+]] = speck_neuron %[[X]] {multi_spike, threshold = 127 : i32, v_min = -32768 : i32, v_scale = 1.270000e+02 : f64} : tensor<1x2x2xf32>
// CHECK-NEXT: %[[S:.+]] = speck_neuron %[[X]] {threshold = dense<{{\[\[\[}}1, 32767], [64, 2]]]> : tensor<1x2x2xi32>, v_min = 0 : i32, v_scale = 6.553400e+01 : f64} : tensor<1x2x2xf32>
// CHECK-NEXT: output %[[Z]], %[[S]]
snn.network @speck(%x: tensor<1x2x2xf32>) -> (tensor<1x2x2xf32>, tensor<1x2x2xf32>) attributes {dt = 1.0e-3 : f64} {
  %z = snn.speck_neuron %x {threshold = 127 : i32, v_min = -32768 : i32, multi_spike, v_scale = 127.0 : f64} : tensor<1x2x2xf32>
  %s = snn.speck_neuron %x {threshold = dense<[[[1, 32767], [64, 2]]]> : tensor<1x2x2xi32>, v_min = 0 : i32, v_scale = 65.534 : f64} : tensor<1x2x2xf32>
  snn.output %z, %s : tensor<1x2x2xf32>, tensor<1x2x2xf32>
}
