// RUN: rm -rf %t && split-file %s %t
//
// Networks every fixed-point family except Speck accepts (nets.mlir):
// RUN: snn-opt %t/nets.mlir -split-input-file --snn-quantize="target=loihi v-scale=16000 decay-rounding=floor weight-exp=0" 2>/dev/null | FileCheck %s --check-prefix=CHIP
// RUN: snn-opt %t/nets.mlir -split-input-file --snn-quantize="target=loihi v-scale=16000 decay-rounding=floor weight-exp=0" -o /dev/null 2>&1 | FileCheck %s --check-prefix=REM-CHIP
// RUN: snn-opt %t/nets.mlir -split-input-file --snn-quantize="target=loihi v-scale=16000 decay-rounding=floor" 2>/dev/null | FileCheck %s --check-prefix=FLOOR
// RUN: snn-opt %t/nets.mlir -split-input-file --snn-quantize=target=loihi 2>/dev/null | FileCheck %s --check-prefix=LOIHI
// RUN: snn-opt %t/nets.mlir -split-input-file --snn-quantize=target=loihi -o /dev/null 2>&1 | FileCheck %s --check-prefix=REM-LOIHI
// RUN: snn-opt %t/nets.mlir -split-input-file --snn-quantize=target=loihi2 2>/dev/null | FileCheck %s --check-prefix=LOIHI2
// RUN: snn-opt %t/nets.mlir -split-input-file --snn-quantize="target=loihi v-scale=16000 per-channel=true" 2>/dev/null | FileCheck %s --check-prefix=PERCH
// RUN: snn-opt %t/nets.mlir -split-input-file --snn-quantize="target=loihi v-scale=16000 per-channel=true" -o /dev/null 2>&1 | FileCheck %s --check-prefix=REM-PERCH
// RUN: snn-opt %t/nets.mlir -split-input-file --snn-quantize=target=spinnaker 2>/dev/null | FileCheck %s --check-prefix=SPIN
// RUN: snn-opt %t/nets.mlir -split-input-file --snn-quantize="target=spinnaker v-scale=32768" 2>/dev/null | FileCheck %s --check-prefix=SPIN
// RUN: snn-opt %t/nets.mlir -split-input-file --snn-quantize=target=spinnaker -o /dev/null 2>&1 | FileCheck %s --check-prefix=REM-SPIN
// RUN: snn-opt %t/nets.mlir -split-input-file --snn-quantize=target=brainscales2 2>/dev/null | FileCheck %s --check-prefix=BSS
// RUN: snn-opt %t/nets.mlir -split-input-file --snn-quantize=target=brainscales2 -o /dev/null 2>&1 | FileCheck %s --check-prefix=REM-BSS
// RUN: snn-opt %t/nets.mlir -split-input-file --snn-quantize=target=gpusim | FileCheck %s --check-prefix=GPU
// RUN: snn-opt %t/nets.mlir -split-input-file --snn-quantize="target=gpusim per-channel=true" -o /dev/null 2>&1 | count 0
//
// Integrate-and-fire networks for Speck (speck.mlir):
// RUN: snn-opt %t/speck.mlir -split-input-file --snn-quantize=target=speck 2>/dev/null | FileCheck %s --check-prefix=SPECK
// RUN: snn-opt %t/speck.mlir -split-input-file --snn-quantize=target=speck -o /dev/null 2>&1 | FileCheck %s --check-prefix=REM-SPECK
// RUN: snn-opt %t/speck.mlir -split-input-file --snn-quantize="target=speck v-scale=50" 2>/dev/null | FileCheck %s --check-prefix=SPECK50
//
// Calibration on examples/lif/lif_input.npy (1000 steps, 34 input spikes):
// RUN: snn-opt %t/calibration.mlir -split-input-file --snn-quantize=target=loihi 2>/dev/null | FileCheck %s --check-prefix=NOCAL
// RUN: snn-opt %t/calibration.mlir -split-input-file --snn-quantize="target=loihi calibration=%S/../../examples/lif/lif_input.npy" 2>/dev/null | FileCheck %s --check-prefix=CAL
// RUN: snn-opt %t/calibration.mlir -split-input-file --snn-quantize="target=loihi calibration=%S/../../examples/lif/lif_input.npy" -o /dev/null 2>&1 | FileCheck %s --check-prefix=REM-CAL
// RUN: snn-opt %t/calibration.mlir -split-input-file --snn-quantize="target=spinnaker calibration=%S/../../examples/lif/lif_input.npy" 2>/dev/null | FileCheck %s --check-prefix=CAL-SPIN

// Conventions (targets/*/README.md). Loihi: weights carry syn_gain mem_gain,
// mantissa round(w S / 2^(6+e)) within +-127; du = round(4096 (1 - alpha)) - 1
// (= 4095 - round(4096 alpha)), dv = round(4096 (1 - beta)) (floor with
// decay-rounding=floor); vth_mant = round(theta S / 64); automatic
// S = min((2^23 - 1) / 2 / theta_max, 127 * 2^13 / w_max). SpiNNaker:
// round(x * 2^15); weights carry syn_gain at LSB 2^(shift - 15), magnitude
// <= 65535. BrainScaleS-2: weights to round(w / LSB) * LSB, LSB = w_max / 63.
// Speck: s = min(32767 / theta_max, 127 / w_max, 127 / |bias|_max).

//--- nets.mlir

// Tests the NIR paper's LIF (weight 1, dt/tau = 0.04, threshold 0.1) at the
// chip trace's parameters: v-scale 16000, weight-exp 0 gives mantissa
// 0.04 * 16000 / 64 = 10 (640 per spike), vth_mant 0.1 * 16000 / 64 = 25,
// dv = floor(4096 * 0.04) = floor(163.84) = 163, du 4095 (no synaptic
// current: u lasts one step). The automatic exponent at the same scale is
// the smallest that fits: 640 / 2^(6+e) <= 127 at e = -3, mantissa 80.
// Automatic scaling: S = 127 * 2^13 / 0.04 = 26009600.58 (the weight bound;
// the threshold allows 41943035), e = 7, mantissa 127,
// vth_mant = 0.1 S / 64 = 40640, dv = round(163.84) = 164.

// CHIP: module attributes {snn.target = {allows_recurrence = true, arithmetic = "loihi", {{.*}}, decay_bits = 12 : i64, {{.*}}, max_delay_steps = 0 : i64, {{.*}}, name = "loihi", {{.*}}, state_bits = 24 : i64, {{.*}}, synaptic_delay_steps = 1 : i64, threshold_bits = 17 : i64, threshold_shift = 6 : i64, weight_bits = 8 : i64, weight_exp_max = 7 : i64, weight_exp_min = -8 : i64}}
// CHIP-LABEL: snn.network @lif
// CHIP-NEXT: %[[W:.+]] = affine %{{.+}} {bias = dense<0.000000e+00> : tensor<1xf32>, snn.name = "affine", snn.weight_lsb = 4.000000e-03 : f64, weight = dense<1.000000e+01> : tensor<1x1xf32>}
// CHIP-NEXT: %[[D:.+]] = step_delay %[[W]] {snn.name = "lif.synaptic_delay", steps = array<i64: 1>} : tensor<1xf32>
// CHIP-NEXT: %[[Z:.+]] = loihi_neuron %[[D]] {bias_exp = 0 : i32, bias_mant = 0 : i32, du = 4095 : i32, dv = 163 : i32, snn.name = "lif", v_scale = 1.600000e+04 : f64, vth_mant = 25 : i32, weight_exp = 0 : i32} : tensor<1xf32>
// CHIP-NEXT: output %[[Z]] : tensor<1xf32>
// REM-CHIP: remark: weights of 'affine' into 'lif': 1 values as 8-bit mantissas x 2^(6+0), LSB 0.004; max abs error 8.94e-10 (0.00% of max |w| 0.04), mean 8.94e-10; saturated 0; effective bits 5
// REM-CHIP: remark: layer 'lif' on loihi: v_scale 16000, weight_exp 0, du 4095, dv 163, vth_mant 25 (threshold 0.1 -> 0.1)

// FLOOR-LABEL: snn.network @lif
// FLOOR-NEXT: %[[W:.+]] = affine %{{.+}} {bias = dense<0.000000e+00> : tensor<1xf32>, snn.name = "affine", snn.weight_lsb = 5.000000e-04 : f64, weight = dense<8.000000e+01> : tensor<1x1xf32>}
// FLOOR-NEXT: %[[D:.+]] = step_delay %[[W]] {snn.name = "lif.synaptic_delay", steps = array<i64: 1>}
// FLOOR-NEXT: loihi_neuron %[[D]] {bias_exp = 0 : i32, bias_mant = 0 : i32, du = 4095 : i32, dv = 163 : i32, snn.name = "lif", v_scale = 1.600000e+04 : f64, vth_mant = 25 : i32, weight_exp = -3 : i32}

// LOIHI: module attributes {snn.target = {{{.*}}arithmetic = "loihi", {{.*}}name = "loihi",
// LOIHI-LABEL: snn.network @lif
// LOIHI-NEXT: %[[W:.+]] = affine %{{.+}} {bias = dense<0.000000e+00> : tensor<1xf32>, snn.name = "affine", snn.weight_lsb = 3.1496062288134121E-4 : f64, weight = dense<1.270000e+02> : tensor<1x1xf32>}
// LOIHI-NEXT: %[[D:.+]] = step_delay %[[W]] {snn.name = "lif.synaptic_delay", steps = array<i64: 1>}
// LOIHI-NEXT: loihi_neuron %[[D]] {bias_exp = 0 : i32, bias_mant = 0 : i32, du = 4095 : i32, dv = 164 : i32, snn.name = "lif", v_scale = 26009600.581359874 : f64, vth_mant = 40640 : i32, weight_exp = 7 : i32}
// REM-LOIHI: remark: weights of 'affine' into 'lif': 1 values as 8-bit mantissas x 2^(6+7), LSB 0.000315;
// REM-LOIHI: remark: layer 'lif' on loihi: v_scale 2.60096e+07, weight_exp 7, du 4095, dv 164, vth_mant 40640 (threshold 0.1 -> 0.1)

// LOIHI2: module attributes {snn.target = {{{.*}}arithmetic = "loihi", {{.*}}max_delay_steps = 63 : i64, {{.*}}name = "loihi2", {{.*}}neurons_per_core = 8192 : i64,
// LOIHI2-LABEL: snn.network @lif
// LOIHI2: loihi_neuron %{{.+}} {bias_exp = 0 : i32, bias_mant = 0 : i32, du = 4095 : i32, dv = 164 : i32, snn.name = "lif", v_scale = 26009600.581359874 : f64, vth_mant = 40640 : i32, weight_exp = 7 : i32}

// PERCH-LABEL: snn.network @lif
// PERCH: affine {{.+}} weight = dense<8.000000e+01>
// PERCH: loihi_neuron {{.+}} dv = 164 : i32, {{.+}} vth_mant = 25 : i32, weight_exp = -3 : i32}
// REM-PERCH: remark: layer 'lif' on loihi: v_scale 16000, weight_exp per neuron, du 4095, dv 164, vth_mant 25

// Spinnaker: weight 1 << 15 = 32768 (fits 16-bit magnitudes at shift 0),
// mem_decay 0.96 * 2^15 = 31457.28 -> 31457, mem_gain 0.04 -> 1311,
// threshold 0.1 -> 3276.8 -> 3277; reset zero becomes to_reset 0.
// SPIN: module attributes {snn.target = {allows_recurrence = true, arithmetic = "spinnaker", {{.*}}, fractional_bits = 15 : i64, {{.*}}, max_delay_steps = 16 : i64, {{.*}}, name = "spinnaker", {{.*}}, synaptic_delay_steps = 1 : i64, {{.*}}, weight_bits = 16 : i64, weight_exp_max = 31 : i64, weight_exp_min = 0 : i64}}
// SPIN-LABEL: snn.network @lif
// SPIN-NEXT: %[[W:.+]] = affine %{{.+}} {bias = dense<0.000000e+00> : tensor<1xf32>, snn.name = "affine", snn.weight_lsb = 3.0517578125E-5 : f64, weight = dense<3.276800e+04> : tensor<1x1xf32>}
// SPIN-NEXT: %[[D:.+]] = step_delay %[[W]] {snn.name = "lif.synaptic_delay", steps = array<i64: 1>} : tensor<1xf32>
// SPIN-NEXT: %[[Z:.+]] = spinnaker_neuron %[[D]] {input_shift = 0 : i32, mem_bias = 0 : i32, mem_decay = 31457 : i32, mem_gain = 1311 : i32, reset = #snn<reset to_reset>, snn.name = "lif", threshold = 3277 : i32, v_reset = 0 : i32, v_scale = 3.276800e+04 : f64} : tensor<1xf32>
// SPIN-NEXT: output %[[Z]]
// REM-SPIN: remark: weights of 'affine' into 'lif': 1 values as 16-bit magnitudes << 0, LSB 3.052e-05; max abs error 0 (0.00% of max |w| 1), mean 0; saturated 0; effective bits 17
// REM-SPIN: remark: layer 'lif' on spinnaker: s16.15, input shift 0, mem_decay 31457/32768

// BrainScaleS-2: a single weight is its own maximum (63 LSB): unchanged.
// BSS: module attributes {snn.target = {{{.*}}arithmetic = "analog", {{.*}}name = "brainscales2", {{.*}}weight_bits = 7 : i64,
// BSS-LABEL: snn.network @lif
// BSS-NEXT: %[[W:.+]] = affine %{{.+}} {bias = dense<0.000000e+00> : tensor<1xf32>, snn.name = "affine", snn.weight_lsb = 0.015873015873015872 : f64, weight = dense<1.000000e+00> : tensor<1x1xf32>}
// BSS-NEXT: %[[Z:.+]] = step_neuron %[[W]] {mem_bias = 0.000000e+00 : f32, mem_decay = 0.959999978 : f32, mem_gain = 4.000000e-02 : f32, reset = #snn<reset zero>, snn.name = "lif", syn_gain = 1.000000e+00 : f32, threshold = 1.000000e-01 : f32} : tensor<1xf32>
// BSS-NEXT: output %[[Z]]
// REM-BSS: remark: weights of 'affine' into 'lif': 1 values as 6-bit magnitudes on exc/inh rows, LSB 0.01587; max abs error 0 (0.00% of max |w| 1), mean 0; saturated 0; effective bits 7

// GPU: module attributes {snn.target = {allows_recurrence = true, arithmetic = "float", {{.*}}, multi_spike = true, name = "gpusim", {{.*}}, weight_bits = 32 : i64, weight_exp_max = 0 : i64, weight_exp_min = 0 : i64}}
// GPU-LABEL: snn.network @lif
// GPU-NEXT: %[[W:.+]] = affine %{{.+}} {bias = dense<0.000000e+00> : tensor<1xf32>, snn.name = "affine", weight = dense<1.000000e+00> : tensor<1x1xf32>} : tensor<1xf32> -> tensor<1xf32>
// GPU-NEXT: %[[Z:.+]] = step_neuron %[[W]] {mem_bias = 0.000000e+00 : f32, mem_decay = 0.959999978 : f32, mem_gain = 4.000000e-02 : f32, reset = #snn<reset zero>, snn.name = "lif", syn_gain = 1.000000e+00 : f32, threshold = 1.000000e-01 : f32} : tensor<1xf32>
// GPU-NEXT: output %[[Z]]
snn.network @lif(%x: tensor<1xf32> {snn.name = "input"}) -> (tensor<1xf32> {snn.name = "output"}) attributes {dt = 1.0e-4 : f64} {
  %w = snn.affine %x {weight = dense<1.0> : tensor<1x1xf32>, bias = dense<0.0> : tensor<1xf32>, snn.name = "affine"} : tensor<1xf32> -> tensor<1xf32>
  %z = snn.step_neuron %w {syn_gain = 1.0 : f32, mem_decay = 0.96 : f32, mem_gain = 0.04 : f32, mem_bias = 0.0 : f32, threshold = 0.1 : f32, reset = #snn<reset zero>, snn.name = "lif"} : tensor<1xf32>
  snn.output %z : tensor<1xf32>
}

// -----

// Tests a CubaLIF population (tau_syn 1 ms, tau_mem 2 ms at dt 0.1 ms:
// alpha 0.9, syn_gain 0.1, beta 0.95, mem_gain 0.05, v_leak 1 -> bias 0.05).
// Loihi: du = 4095 - round(4096 * 0.9) = 4095 - 3686 = 409 (floor: 408),
// dv = round(204.8) = 205 (floor: 204). Weights carry 0.1 * 0.05 = 0.005.
// At S = 16000 and e = 0 the LSB is 64 / 16000 = 0.004: mantissas 1.25 w ->
// [1, -3 (-2.5 away from 0), 1, 5, 0, -1], vth 250, bias 0.05 * 16000 = 800.
// The automatic exponent at S = 16000 is -4 (0.02 * 16000 / 4 = 80), LSB
// 0.00025: mantissas 20 w. Automatic S = (2^23 - 1) / 2 = 4194303.5 (the
// threshold bound); e = 4 (0.02 S / 1024 = 81.92), mantissas 20.48 w ->
// [20, -41, 10, 82, 0, -20]; vth = S / 64 = 65536; bias 0.05 S = 209715.2 =
// 3276.8 << 6 -> 3277 << 6. Per channel at S = 16000: row maxima 0.01,
// 0.02, 0.005 give e = -5, -4, -6 and mantissas [40, -80], [10, 80], [0, -80].
// CHIP-LABEL: snn.network @cuba
// CHIP-NEXT: %[[W:.+]] = linear %{{.+}} {snn.name = "w", snn.weight_lsb = 4.000000e-03 : f64, weight = dense<{{\[\[}}1.000000e+00, -3.000000e+00], [1.000000e+00, 5.000000e+00], [0.000000e+00, -1.000000e+00]]> : tensor<3x2xf32>}
// CHIP-NEXT: %[[D:.+]] = step_delay %[[W]] {snn.name = "cuba.synaptic_delay", steps = array<i64: 1>} : tensor<3xf32>
// CHIP-NEXT: loihi_neuron %[[D]] {bias_exp = 0 : i32, bias_mant = 800 : i32, du = 408 : i32, dv = 204 : i32, snn.name = "cuba", v_scale = 1.600000e+04 : f64, vth_mant = 250 : i32, weight_exp = 0 : i32} : tensor<3xf32>
// REM-CHIP: remark: weights of 'w' into 'cuba': 6 values as 8-bit mantissas x 2^(6+0), LSB 0.004; max abs error 0.002 (10.00% of max |w| 0.02), mean 0.000917; saturated 0; effective bits 4
// REM-CHIP: remark: layer 'cuba' on loihi: v_scale 16000, weight_exp 0, du 408, dv 204, vth_mant 250 (threshold 1 -> 1)

// FLOOR-LABEL: snn.network @cuba
// FLOOR-NEXT: linear %{{.+}} {snn.name = "w", snn.weight_lsb = 2.500000e-04 : f64, weight = dense<{{\[\[}}2.000000e+01, -4.000000e+01], [1.000000e+01, 8.000000e+01], [0.000000e+00, -2.000000e+01]]> : tensor<3x2xf32>}
// FLOOR-NEXT: step_delay
// FLOOR-NEXT: loihi_neuron %{{.+}} {bias_exp = 0 : i32, bias_mant = 800 : i32, du = 408 : i32, dv = 204 : i32, snn.name = "cuba", v_scale = 1.600000e+04 : f64, vth_mant = 250 : i32, weight_exp = -4 : i32}

// LOIHI-LABEL: snn.network @cuba
// LOIHI-NEXT: linear %{{.+}} {snn.name = "w", snn.weight_lsb = 2.4414065410383393E-4 : f64, weight = dense<{{\[\[}}2.000000e+01, -4.100000e+01], [1.000000e+01, 8.200000e+01], [0.000000e+00, -2.000000e+01]]> : tensor<3x2xf32>}
// LOIHI-NEXT: step_delay
// LOIHI-NEXT: loihi_neuron %{{.+}} {bias_exp = 6 : i32, bias_mant = 3277 : i32, du = 409 : i32, dv = 205 : i32, snn.name = "cuba", v_scale = 4194303.5 : f64, vth_mant = 65536 : i32, weight_exp = 4 : i32}
// REM-LOIHI: remark: layer 'cuba' on loihi: v_scale 4.1943e+06, weight_exp 4, du 409, dv 205, vth_mant 65536 (threshold 1 -> 1)

// PERCH-LABEL: snn.network @cuba
// PERCH-NEXT: linear %{{.+}} {snn.name = "w", snn.weight_lsb = 6.250000e-05 : f64, weight = dense<{{\[\[}}4.000000e+01, -8.000000e+01], [1.000000e+01, 8.000000e+01], [0.000000e+00, -8.000000e+01]]> : tensor<3x2xf32>}
// PERCH-NEXT: step_delay
// PERCH-NEXT: loihi_neuron %{{.+}} {bias_exp = 0 : i32, bias_mant = 800 : i32, du = 409 : i32, dv = 205 : i32, snn.name = "cuba", v_scale = 1.600000e+04 : f64, vth_mant = 250 : i32, weight_exp = dense<[-5, -4, -6]> : tensor<3xi32>}
// REM-PERCH: remark: weights of 'w' into 'cuba': 6 values as 8-bit mantissas x 2^(6+e per neuron), smallest LSB 6.25e-05;

// Spinnaker: weights carry syn_gain only: 0.1 * 2^15 w = 3276.8 w ->
// [3277, -6554, 1638, 13107, 0, -3277]; syn_decay 0.9 -> 29491,
// mem_decay 0.95 -> 31130 (31129.6), mem_gain = mem_bias = 0.05 -> 1638.
// SPIN-LABEL: snn.network @cuba
// SPIN-NEXT: %[[W:.+]] = linear %{{.+}} {snn.name = "w", snn.weight_lsb = 3.0517578125E-5 : f64, weight = dense<{{\[\[}}3.277000e+03, -6.554000e+03], [1.638000e+03, 1.310700e+04], [0.000000e+00, -3.277000e+03]]> : tensor<3x2xf32>}
// SPIN-NEXT: %[[D:.+]] = step_delay %[[W]] {snn.name = "cuba.synaptic_delay", steps = array<i64: 1>}
// SPIN-NEXT: spinnaker_neuron %[[D]] {input_shift = 0 : i32, mem_bias = 1638 : i32, mem_decay = 31130 : i32, mem_gain = 1638 : i32, reset = #snn<reset to_reset>, snn.name = "cuba", syn_decay = 29491 : i32, threshold = 32768 : i32, v_reset = 0 : i32, v_scale = 3.276800e+04 : f64} : tensor<3xf32>
// REM-SPIN: remark: layer 'cuba' on spinnaker: s16.15, input shift 0, mem_decay 31130/32768, syn_decay 29491/32768

// BrainScaleS-2: LSB 4 / 63; 1 -> 15.75 -> 16 LSB = 1.015873, -2 -> -32 LSB,
// 0.5 -> 8 LSB, 4 -> 63 LSB; the gains are not folded in.
// BSS-LABEL: snn.network @cuba
// BSS-NEXT: %[[W:.+]] = linear %{{.+}} {snn.name = "w", snn.weight_lsb = 0.063492063492063489 : f64, weight = dense<{{\[\[}}1.01587307, -2.03174615], [0.507936537, 4.000000e+00], [0.000000e+00, -1.01587307]]> : tensor<3x2xf32>}
// BSS-NEXT: step_neuron %[[W]] {mem_bias = 5.000000e-02 : f32, mem_decay = 0.949999988 : f32, mem_gain = 5.000000e-02 : f32, reset = #snn<reset zero>, snn.name = "cuba", syn_decay = 0.899999976 : f32, syn_gain = 1.000000e-01 : f32, threshold = 1.000000e+00 : f32}
// REM-BSS: remark: weights of 'w' into 'cuba': 6 values as 6-bit magnitudes on exc/inh rows, LSB 0.06349; max abs error 0.0317 (0.79% of max |w| 4), mean 0.0119; saturated 0; effective bits 7

// GPU-LABEL: snn.network @cuba
// GPU-NEXT: %[[W:.+]] = linear %{{.+}} {snn.name = "w", weight = dense<{{\[\[}}1.000000e+00, -2.000000e+00], [5.000000e-01, 4.000000e+00], [0.000000e+00, -1.000000e+00]]> : tensor<3x2xf32>}
// GPU-NEXT: step_neuron %[[W]] {mem_bias = 5.000000e-02 : f32, mem_decay = 0.949999988 : f32, mem_gain = 5.000000e-02 : f32, reset = #snn<reset zero>, snn.name = "cuba", syn_decay = 0.899999976 : f32, syn_gain = 1.000000e-01 : f32, threshold = 1.000000e+00 : f32}
snn.network @cuba(%x: tensor<2xf32>) -> tensor<3xf32> attributes {dt = 1.0e-4 : f64} {
  %w = snn.linear %x {weight = dense<[[1.0, -2.0], [0.5, 4.0], [0.0, -1.0]]> : tensor<3x2xf32>, snn.name = "w"} : tensor<2xf32> -> tensor<3xf32>
  %z = snn.step_neuron %w {syn_decay = 0.9 : f32, syn_gain = 0.1 : f32, mem_decay = 0.95 : f32, mem_gain = 0.05 : f32, mem_bias = 0.05 : f32, threshold = 1.0 : f32, reset = #snn<reset zero>, snn.name = "cuba"} : tensor<3xf32>
  snn.output %z : tensor<3xf32>
}

// -----

// Tests a convolution with a bias (gain 0.5 folded into the shared kernel).
// Loihi at S = 16000, e = 0 (LSB 0.004): 1 * 0.5 -> 125, 2 * 0.5 -> 250
// saturates to 127 (2 values, max error 1 - 127 * 0.004 = 0.492),
// 0.25 * 0.5 -> 31.25 -> 31, bias 0.5 * 0.5 -> 62.5 -> 63; dv = 4096 / 2.
// Automatic exponent at S = 16000: e = 1 (1.0 * 16000 / 128 = 125), LSB
// 0.008: 62.5 -> 63, 125, 15.625 -> 16, bias 31.25 -> 31. Per channel the
// averaging channel (max 0.125) gets e = -2 (LSB 0.001): 125, bias 250.
// CHIP-LABEL: snn.network @conv
// CHIP-NEXT: %[[C:.+]] = conv2d %{{.+}} {bias = dense<[0.000000e+00, 6.300000e+01]> : tensor<2xf32>, {{.+}}, snn.weight_lsb = 4.000000e-03 : f64, {{.+}}, weight = dense<{{\[\[\[\[}}1.250000e+02, 0.000000e+00, -1.250000e+02], [1.270000e+02, 0.000000e+00, -1.270000e+02], [1.250000e+02, 0.000000e+00, -1.250000e+02]]], {{\[\[\[}}3.100000e+01, 3.100000e+01, 3.100000e+01], [3.100000e+01, 3.100000e+01, 3.100000e+01], [3.100000e+01, 3.100000e+01, 3.100000e+01]]]]> : tensor<2x1x3x3xf32>}
// CHIP-NEXT: %[[D:.+]] = step_delay %[[C]] {snn.name = "conv_lif.synaptic_delay", steps = array<i64: 1>} : tensor<2x2x2xf32>
// CHIP-NEXT: loihi_neuron %[[D]] {bias_exp = 0 : i32, bias_mant = 0 : i32, du = 4095 : i32, dv = 2048 : i32, snn.name = "conv_lif", v_scale = 1.600000e+04 : f64, vth_mant = 500 : i32, weight_exp = 0 : i32} : tensor<2x2x2xf32>
// REM-CHIP: remark: weights of 'conv' into 'conv_lif': 18 values as 8-bit mantissas x 2^(6+0), LSB 0.004; max abs error 0.492 (49.20% of max |w| 1), mean 0.0552; saturated 2; effective bits 8

// FLOOR-LABEL: snn.network @conv
// FLOOR-NEXT: conv2d %{{.+}} {bias = dense<[0.000000e+00, 3.100000e+01]> : tensor<2xf32>, {{.+}}, snn.weight_lsb = 8.000000e-03 : f64, {{.+}}, weight = dense<{{\[\[\[\[}}6.300000e+01, 0.000000e+00, -6.300000e+01], [1.250000e+02, 0.000000e+00, -1.250000e+02], [6.300000e+01, 0.000000e+00, -6.300000e+01]]], {{\[\[\[}}1.600000e+01,
// FLOOR-NEXT: step_delay
// FLOOR-NEXT: loihi_neuron {{.+}} weight_exp = 1 : i32}

// PERCH-LABEL: snn.network @conv
// PERCH-NEXT: conv2d %{{.+}} {bias = dense<[0.000000e+00, 2.500000e+02]> : tensor<2xf32>, {{.+}}, weight = dense<{{\[\[\[\[}}6.300000e+01, 0.000000e+00, -6.300000e+01], [1.250000e+02, 0.000000e+00, -1.250000e+02], [6.300000e+01, 0.000000e+00, -6.300000e+01]]], {{\[\[\[}}1.250000e+02, 1.250000e+02,
// PERCH-NEXT: step_delay
// PERCH-NEXT: loihi_neuron {{.+}} weight_exp = dense<{{\[\[\[}}1, 1], [1, 1]], {{\[\[}}-2, -2], [-2, -2]]]> : tensor<2x2x2xi32>}

// Spinnaker: the largest weight 2 needs 65536 > 65535 at shift 0: shift 1,
// LSB 2^-14: 1 -> 16384, 2 -> 32768, 0.25 -> 4096, bias 0.5 -> 8192.
// SPIN-LABEL: snn.network @conv
// SPIN-NEXT: conv2d %{{.+}} {bias = dense<[0.000000e+00, 8.192000e+03]> : tensor<2xf32>, {{.+}}, snn.weight_lsb = 6.103515625E-5 : f64, {{.+}}, weight = dense<{{\[\[\[\[}}1.638400e+04, 0.000000e+00, -1.638400e+04], [3.276800e+04, 0.000000e+00, -3.276800e+04], [1.638400e+04, 0.000000e+00, -1.638400e+04]]], {{\[\[\[}}4.096000e+03,
// SPIN-NEXT: step_delay
// SPIN-NEXT: spinnaker_neuron %{{.+}} {input_shift = 1 : i32, mem_bias = 0 : i32, mem_decay = 16384 : i32, mem_gain = 16384 : i32, reset = #snn<reset to_reset>, snn.name = "conv_lif", threshold = 65536 : i32, v_reset = 0 : i32, v_scale = 3.276800e+04 : f64}
// REM-SPIN: remark: weights of 'conv' into 'conv_lif': 18 values as 16-bit magnitudes << 1, LSB 6.104e-05; max abs error 0 (0.00% of max |w| 2), mean 0; saturated 0; effective bits 17

// BrainScaleS-2: LSB 2 / 63; 1 -> 31.5 -> 32 LSB = 1.015873, 0.25 -> 8 LSB,
// bias 0.5 -> 16 LSB = 0.507937.
// BSS-LABEL: snn.network @conv
// BSS-NEXT: conv2d %{{.+}} {bias = dense<[0.000000e+00, 0.507936537]> : tensor<2xf32>, {{.+}}, snn.weight_lsb = 0.031746031746031744 : f64, {{.+}}, weight = dense<{{\[\[\[\[}}1.01587307, 0.000000e+00, -1.01587307], [2.000000e+00, 0.000000e+00, -2.000000e+00], [1.01587307, 0.000000e+00, -1.01587307]]], {{\[\[\[}}0.253968269,
// BSS-NEXT: step_neuron
snn.network @conv(%img: tensor<1x4x4xf32>) -> tensor<2x2x2xf32> attributes {dt = 1.0e-3 : f64} {
  %c = snn.conv2d %img {weight = dense<[[[[1.0, 0.0, -1.0], [2.0, 0.0, -2.0], [1.0, 0.0, -1.0]]], [[[0.25, 0.25, 0.25], [0.25, 0.25, 0.25], [0.25, 0.25, 0.25]]]]> : tensor<2x1x3x3xf32>,
                        bias = dense<[0.0, 0.5]> : tensor<2xf32>, stride = array<i64: 1, 1>, padding = array<i64: 0, 0>,
                        dilation = array<i64: 1, 1>, groups = 1 : i64, snn.name = "conv"} : tensor<1x4x4xf32> -> tensor<2x2x2xf32>
  %z = snn.step_neuron %c {syn_gain = 1.0 : f32, mem_decay = 0.5 : f32, mem_gain = 0.5 : f32, mem_bias = 0.0 : f32, threshold = 2.0 : f32, reset = #snn<reset zero>, snn.name = "conv_lif"} : tensor<2x2x2xf32>
  snn.output %z : tensor<2x2x2xf32>
}

// -----

// Tests a recurrent population fed by a sparse projection plus a delayed
// per-neuron snn.scale of its own spikes (both quantized at the layer's one
// scale), per-neuron decays and thresholds, and a non-spiking readout.
// Loihi at S = 16000, e = 0 (LSB 0.004): sparse 0.5 -> 125, 2 -> 500 and
// -1 -> -250 saturate to +-127 (max error 2 - 0.508 = 1.49, mean
// (0 + 1.492 + 0.492) / 3 = 0.661); self -0.5 -> -125, 0.25 -> 62.5 -> 63;
// dv = [1024, 2048]; vth = [250, 500]. Readout: gain 0.125; 0.125 -> 31.25
// -> 31, 0.0625 -> 16; spiking = false. The recurrent step_delay is kept and
// only the layers' inputs get a synaptic delay.
// CHIP-LABEL: snn.network @rec
// CHIP-NEXT: %[[P:.+]] = sparse_projection %{{.+}} {cols = array<i32: 2, 0, 1>, row_ptr = array<i32: 0, 1, 3>, snn.name = "sparse", snn.weight_lsb = 4.000000e-03 : f64, values = dense<[1.250000e+02, 1.270000e+02, -1.270000e+02]> : tensor<3xf32>}
// CHIP-NEXT: %[[SUM:.+]] = add %[[P]], %[[R:.+]] : tensor<2xf32>
// CHIP-NEXT: %[[D:.+]] = step_delay %[[SUM]] {snn.name = "hidden.synaptic_delay", steps = array<i64: 1>}
// CHIP-NEXT: %[[Z:.+]] = loihi_neuron %[[D]] {bias_exp = 0 : i32, bias_mant = 0 : i32, du = 4095 : i32, dv = dense<[1024, 2048]> : tensor<2xi32>, snn.name = "hidden", v_scale = 1.600000e+04 : f64, vth_mant = dense<[250, 500]> : tensor<2xi32>, weight_exp = 0 : i32} : tensor<2xf32>
// CHIP-NEXT: %[[RD:.+]] = step_delay %[[Z]] {steps = array<i64: 1>} : tensor<2xf32>
// CHIP-NEXT: %[[R]] = scale %[[RD]] {scale = dense<[-1.250000e+02, 6.300000e+01]> : tensor<2xf32>, snn.name = "self", snn.weight_lsb = 4.000000e-03 : f64}
// CHIP-NEXT: %[[O:.+]] = linear %[[Z]] {snn.name = "readout_w", snn.weight_lsb = 4.000000e-03 : f64, weight = dense<{{\[\[}}3.100000e+01, 3.100000e+01], [0.000000e+00, 1.600000e+01]]> : tensor<2x2xf32>}
// CHIP-NEXT: %[[OD:.+]] = step_delay %[[O]] {snn.name = "readout.synaptic_delay", steps = array<i64: 1>}
// CHIP-NEXT: %[[V:.+]] = loihi_neuron %[[OD]] {bias_exp = 0 : i32, bias_mant = 0 : i32, du = 4095 : i32, dv = 512 : i32, snn.name = "readout", spiking = false, v_scale = 1.600000e+04 : f64, vth_mant = 0 : i32, weight_exp = 0 : i32}
// CHIP-NEXT: output %[[Z]], %[[V]]
// REM-CHIP: remark: weights of 'sparse' into 'hidden': 3 values as 8-bit mantissas x 2^(6+0), LSB 0.004; max abs error 1.49 (74.60% of max |w| 2), mean 0.661; saturated 2; effective bits 8
// REM-CHIP: remark: layer 'hidden' on loihi: v_scale 16000, weight_exp 0, du 4095, dv 1024, vth_mant 250 (threshold 1 -> 1) (first neuron)
// REM-CHIP: remark: layer 'readout' on loihi: v_scale 16000, weight_exp 0, du 4095, dv 512{{$}}

// Automatic: the largest weight 2 bounds S = 127 * 2^13 / 2 = 520192, e = 7
// (LSB 1/63.5): 0.5 -> 31.75 -> 32, 2 -> 127, -1 -> -63.5 -> -64.
// LOIHI-LABEL: snn.network @rec
// LOIHI-NEXT: sparse_projection {{.+}} values = dense<[3.200000e+01, 1.270000e+02, -6.400000e+01]> : tensor<3xf32>}
// LOIHI: loihi_neuron {{.+}} dv = dense<[1024, 2048]> : tensor<2xi32>, snn.name = "hidden", v_scale = 5.201920e+05 : f64, vth_mant = dense<[8128, 16256]> : tensor<2xi32>, weight_exp = 7 : i32}
// LOIHI: scale {{.+}} {scale = dense<[-3.200000e+01, 1.600000e+01]> : tensor<2xf32>

// Per channel at S = 16000: neuron 0's inputs (max 0.5) get e = 0, neuron 1's
// (max 2) e = 2 (LSB 0.016): 2 -> 125, -1 -> -62.5 -> -63, 0.25 -> 15.6 -> 16.
// PERCH-LABEL: snn.network @rec
// PERCH-NEXT: sparse_projection {{.+}} snn.weight_lsb = 4.000000e-03 : f64, values = dense<[1.250000e+02, 1.250000e+02, -6.300000e+01]> : tensor<3xf32>}
// PERCH: loihi_neuron {{.+}} snn.name = "hidden", {{.+}} weight_exp = dense<[0, 2]> : tensor<2xi32>}
// PERCH: scale {{.+}} {scale = dense<[-1.250000e+02, 1.600000e+01]> : tensor<2xf32>

// Spinnaker: shift 1 (weight 2); per-neuron decays [0.75, 0.5] and
// thresholds [1, 2]; the readout has no threshold, so no reset.
// SPIN-LABEL: snn.network @rec
// SPIN-NEXT: %[[P:.+]] = sparse_projection {{.+}} values = dense<[8.192000e+03, 3.276800e+04, -1.638400e+04]> : tensor<3xf32>}
// SPIN-NEXT: add %[[P]]
// SPIN-NEXT: step_delay
// SPIN-NEXT: %[[Z:.+]] = spinnaker_neuron %{{.+}} {input_shift = 1 : i32, mem_bias = 0 : i32, mem_decay = dense<[24576, 16384]> : tensor<2xi32>, mem_gain = 32768 : i32, reset = #snn<reset to_reset>, snn.name = "hidden", threshold = dense<[32768, 65536]> : tensor<2xi32>, v_reset = 0 : i32, v_scale = 3.276800e+04 : f64}
// SPIN-NEXT: step_delay %[[Z]] {steps = array<i64: 1>}
// SPIN-NEXT: scale {{.+}} {scale = dense<[-8.192000e+03, 4.096000e+03]> : tensor<2xf32>
// SPIN-NEXT: linear %[[Z]] {{.+}} weight = dense<{{\[\[}}3.276800e+04, 3.276800e+04], [0.000000e+00, 1.638400e+04]]>
// SPIN-NEXT: step_delay
// SPIN-NEXT: spinnaker_neuron %{{.+}} {input_shift = 0 : i32, mem_bias = 0 : i32, mem_decay = 28672 : i32, mem_gain = 4096 : i32, snn.name = "readout", v_reset = 0 : i32, v_scale = 3.276800e+04 : f64}

// GPU-LABEL: snn.network @rec
// GPU-NEXT: sparse_projection {{.+}} values = dense<[5.000000e-01, 2.000000e+00, -1.000000e+00]> : tensor<3xf32>}
// GPU-NEXT: add
// GPU-NEXT: step_neuron
// GPU-NEXT: step_delay
// GPU-NEXT: scale {{.+}} {scale = dense<[-5.000000e-01, 2.500000e-01]> : tensor<2xf32>, snn.name = "self"}
// GPU-NEXT: linear
// GPU-NEXT: step_neuron
snn.network @rec(%x: tensor<3xf32>) -> (tensor<2xf32>, tensor<2xf32>) attributes {dt = 1.0e-3 : f64} {
  %p = snn.sparse_projection %x {row_ptr = array<i32: 0, 1, 3>, cols = array<i32: 2, 0, 1>, values = dense<[0.5, 2.0, -1.0]> : tensor<3xf32>, snn.name = "sparse"} : tensor<3xf32> -> tensor<2xf32>
  %sum = snn.add %p, %r : tensor<2xf32>
  %z = snn.step_neuron %sum {syn_gain = 1.0 : f32, mem_decay = dense<[0.75, 0.5]> : tensor<2xf32>, mem_gain = 1.0 : f32, mem_bias = 0.0 : f32,
                             threshold = dense<[1.0, 2.0]> : tensor<2xf32>, reset = #snn<reset zero>, snn.name = "hidden"} : tensor<2xf32>
  %d = snn.step_delay %z {steps = array<i64: 1>} : tensor<2xf32>
  %r = snn.scale %d {scale = dense<[-0.5, 0.25]> : tensor<2xf32>, snn.name = "self"} : tensor<2xf32> -> tensor<2xf32>
  %o = snn.linear %z {weight = dense<[[1.0, 1.0], [0.0, 0.5]]> : tensor<2x2xf32>, snn.name = "readout_w"} : tensor<2xf32> -> tensor<2xf32>
  %v = snn.step_neuron %o {syn_gain = 1.0 : f32, mem_decay = 0.875 : f32, mem_gain = 0.125 : f32, mem_bias = 0.0 : f32, snn.name = "readout"} : tensor<2xf32>
  snn.output %z, %v : tensor<2xf32>, tensor<2xf32>
}

//--- speck.mlir

// Tests a multi-spike IF layer with subtractive reset and a floor: the
// scale is min(32767 / 1, 127 / 1 (largest weight), 127 / 0.5 (largest
// bias)) = 127: weights 0.5 -> 63.5 -> 64, -0.25 -> -31.75 -> -32, 1 -> 127,
// 0.125 -> 15.875 -> 16; bias 0.25 -> 32, -0.5 -> -64; threshold 127,
// v_min -127. At v-scale 50: weights 25, -12.5 -> -13, 50, 6.25 -> 6,
// bias 12.5 -> 13, -25; threshold 50, v_min -50.
// SPECK: module attributes {snn.target = {allows_recurrence = false, arithmetic = "speck", {{.*}}, multi_spike = true, name = "speck", {{.*}}, state_bits = 16 : i64, {{.*}}, weight_bits = 8 : i64,
// SPECK-LABEL: snn.network @if
// SPECK-NEXT: %[[W:.+]] = affine %{{.+}} {bias = dense<[3.200000e+01, -6.400000e+01]> : tensor<2xf32>, snn.name = "fc", snn.weight_lsb = 0.0078740157480314959 : f64, weight = dense<{{\[\[}}6.400000e+01, -3.200000e+01], [1.270000e+02, 1.600000e+01]]> : tensor<2x2xf32>}
// SPECK-NEXT: %[[Z:.+]] = speck_neuron %[[W]] {multi_spike, snn.name = "if", threshold = 127 : i32, v_min = -127 : i32, v_scale = 1.270000e+02 : f64} : tensor<2xf32>
// SPECK-NEXT: output %[[Z]]
// REM-SPECK: remark: weights of 'fc' into 'if': 4 values as 8-bit integers, LSB 0.007874; max abs error 0.00394 (0.39% of max |w| 1), mean 0.00172; saturated 0; effective bits 8
// REM-SPECK: remark: layer 'if' on speck: scale 127, threshold 127, v_min -127
// SPECK50-LABEL: snn.network @if
// SPECK50-NEXT: affine %{{.+}} {bias = dense<[1.300000e+01, -2.500000e+01]> : tensor<2xf32>, snn.name = "fc", snn.weight_lsb = 2.000000e-02 : f64, weight = dense<{{\[\[}}2.500000e+01, -1.300000e+01], [5.000000e+01, 6.000000e+00]]> : tensor<2x2xf32>}
// SPECK50-NEXT: speck_neuron %{{.+}} {multi_spike, snn.name = "if", threshold = 50 : i32, v_min = -50 : i32, v_scale = 5.000000e+01 : f64}
snn.network @if(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  %w = snn.affine %x {weight = dense<[[0.5, -0.25], [1.0, 0.125]]> : tensor<2x2xf32>, bias = dense<[0.25, -0.5]> : tensor<2xf32>, snn.name = "fc"} : tensor<2xf32> -> tensor<2xf32>
  %z = snn.step_neuron %w {syn_gain = 1.0 : f32, mem_decay = 1.0 : f32, mem_gain = 1.0 : f32, mem_bias = 0.0 : f32, threshold = 1.0 : f32,
                           reset = #snn<reset subtract>, multi_spike, v_min = -1.0 : f32, snn.name = "if"} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests a conv -> IAF -> sum pool -> conv -> IAF chain, one scale per layer.
// Layer 0: threshold 500 bounds the scale: 32767 / 500 = 65.534 (< 127 / 1,
// the weights carrying the gain 0.5): threshold 32767, weights 0.5 -> 33,
// 1 -> 66, 0.25 -> 16; no v_min gives the state's floor -32768. Layer 1:
// scale 127 (largest weight 1); per-neuron thresholds [1, 2, 0.5] ->
// [127, 254, 64 (63.5)]; v_min 0 stays 0. At v-scale 50 every layer uses 50.
// SPECK-LABEL: snn.network @cnn
// SPECK-NEXT: %[[C0:.+]] = conv2d %{{.+}} {{.+}}, snn.name = "conv0", snn.weight_lsb = 0.015259254737998594 : f64, {{.+}}, weight = dense<{{\[\[\[\[}}3.300000e+01, 0.000000e+00, -3.300000e+01], [6.600000e+01, 0.000000e+00, -6.600000e+01], [3.300000e+01, 0.000000e+00, -3.300000e+01]]], {{\[\[\[}}1.600000e+01,
// SPECK-NEXT: %[[S0:.+]] = speck_neuron %[[C0]] {snn.name = "iaf0", threshold = 32767 : i32, v_min = -32768 : i32, v_scale = 6.553400e+01 : f64} : tensor<2x2x2xf32>
// SPECK-NEXT: %[[P:.+]] = sum_pool2d %[[S0]]
// SPECK-NEXT: %[[C1:.+]] = conv2d %[[P]] {{.+}}, snn.name = "conv1", snn.weight_lsb = 0.0078740157480314959 : f64, {{.+}}, weight = dense<{{\[\[\[\[}}3.200000e+01]], {{\[\[}}-3.200000e+01]]], {{\[\[\[}}6.400000e+01]], {{\[\[}}0.000000e+00]]], {{\[\[\[}}-1.600000e+01]], {{\[\[}}1.270000e+02]]]]> : tensor<3x2x1x1xf32>}
// SPECK-NEXT: speck_neuron %[[C1]] {snn.name = "iaf1", threshold = dense<{{\[\[\[}}127]], {{\[\[}}254]], {{\[\[}}64]]]> : tensor<3x1x1xi32>, v_min = 0 : i32, v_scale = 1.270000e+02 : f64}
// REM-SPECK: remark: layer 'iaf0' on speck: scale 65.534, threshold 32767, v_min -32768
// REM-SPECK: remark: layer 'iaf1' on speck: scale 127, threshold 127, v_min 0
// SPECK50-LABEL: snn.network @cnn
// SPECK50: speck_neuron {{.+}} {snn.name = "iaf0", threshold = 25000 : i32, v_min = -32768 : i32, v_scale = 5.000000e+01 : f64}
// SPECK50: speck_neuron {{.+}} {snn.name = "iaf1", threshold = dense<{{\[\[\[}}50]], {{\[\[}}100]], {{\[\[}}25]]]> : tensor<3x1x1xi32>, v_min = 0 : i32, v_scale = 5.000000e+01 : f64}
snn.network @cnn(%img: tensor<1x4x4xf32>) -> tensor<3x1x1xf32> attributes {dt = 1.0e-3 : f64} {
  %c = snn.conv2d %img {weight = dense<[[[[1.0, 0.0, -1.0], [2.0, 0.0, -2.0], [1.0, 0.0, -1.0]]], [[[0.5, 0.5, 0.5], [0.5, 0.5, 0.5], [0.5, 0.5, 0.5]]]]> : tensor<2x1x3x3xf32>,
                        stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, groups = 1 : i64, snn.name = "conv0"} : tensor<1x4x4xf32> -> tensor<2x2x2xf32>
  %s0 = snn.step_neuron %c {syn_gain = 1.0 : f32, mem_decay = 1.0 : f32, mem_gain = 0.5 : f32, mem_bias = 0.0 : f32, threshold = 500.0 : f32, reset = #snn<reset subtract>, snn.name = "iaf0"} : tensor<2x2x2xf32>
  %p = snn.sum_pool2d %s0 {kernel_size = array<i64: 2, 2>, stride = array<i64: 2, 2>, padding = array<i64: 0, 0>} : tensor<2x2x2xf32> -> tensor<2x1x1xf32>
  %c1 = snn.conv2d %p {weight = dense<[[[[0.25]], [[-0.25]]], [[[0.5]], [[0.0]]], [[[-0.125]], [[1.0]]]]> : tensor<3x2x1x1xf32>,
                       stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, groups = 1 : i64, snn.name = "conv1"} : tensor<2x1x1xf32> -> tensor<3x1x1xf32>
  %s1 = snn.step_neuron %c1 {syn_gain = 1.0 : f32, mem_decay = 1.0 : f32, mem_gain = 1.0 : f32, mem_bias = 0.0 : f32, threshold = dense<[[[1.0]], [[2.0]], [[0.5]]]> : tensor<3x1x1xf32>,
                             reset = #snn<reset subtract>, v_min = 0.0 : f32, snn.name = "iaf1"} : tensor<3x1x1xf32>
  snn.output %s1 : tensor<3x1x1xf32>
}

//--- calibration.mlir

// Tests that calibration bounds the scale by the float run's |v|. The
// leaky readout (beta 0.999, gain 0.04) sums the 34 input spikes to a peak
// |v| of 1.01638 (float32 run), so S = (2^23 - 1) / 1.25 / 1.01638 =
// 6602733.1 instead of the weight bound 26009600.6 (which would overflow
// the 24-bit v at 1.01638 * 26009600.6 = 2.6e7): e = 6,
// mantissa 0.04 S / 4096 = 64.48 -> 64; dv = round(4096 * 0.001) = 4.
// NOCAL-LABEL: snn.network @readout
// NOCAL-NEXT: linear {{.+}} weight = dense<1.270000e+02>
// NOCAL: loihi_neuron {{.+}} dv = 4 : i32, snn.name = "li", spiking = false, v_scale = 26009600.581359874 : f64, vth_mant = 0 : i32, weight_exp = 7 : i32}
// CAL-LABEL: snn.network @readout
// CAL-NEXT: %[[W:.+]] = linear %{{.+}} {snn.name = "w", snn.weight_lsb = 6.2034916601115206E-4 : f64, weight = dense<6.400000e+01> : tensor<1x1xf32>}
// CAL-NEXT: %[[D:.+]] = step_delay %[[W]] {snn.name = "li.synaptic_delay", steps = array<i64: 1>}
// CAL-NEXT: loihi_neuron %[[D]] {bias_exp = 0 : i32, bias_mant = 0 : i32, du = 4095 : i32, dv = 4 : i32, snn.name = "li", spiking = false, v_scale = 6602733.1{{[0-9]*}} : f64, vth_mant = 0 : i32, weight_exp = 6 : i32}
// REM-CAL: remark: layer 'li' on loihi: v_scale 6.60273e+06, weight_exp 6, du 4095, dv 4
// The SpiNNaker format is fixed; calibration only checks |v| < 2^16.
// CAL-SPIN-LABEL: snn.network @readout
// CAL-SPIN: spinnaker_neuron {{.+}} {input_shift = 0 : i32, mem_bias = 0 : i32, mem_decay = 32735 : i32, mem_gain = 1311 : i32, snn.name = "li", v_reset = 0 : i32, v_scale = 3.276800e+04 : f64}
snn.network @readout(%x: tensor<1xf32>) -> tensor<1xf32> attributes {dt = 1.0e-4 : f64} {
  %w = snn.linear %x {weight = dense<1.0> : tensor<1x1xf32>, snn.name = "w"} : tensor<1xf32> -> tensor<1xf32>
  %v = snn.step_neuron %w {syn_gain = 1.0 : f32, mem_decay = 0.999 : f32, mem_gain = 0.04 : f32, mem_bias = 0.0 : f32, snn.name = "li"} : tensor<1xf32>
  snn.output %v : tensor<1xf32>
}

// -----

// Tests that calibration keeps the scale of the NIR paper's LIF: its v stays
// near the threshold 0.1, far below what the weight bound allows.
// NOCAL-LABEL: snn.network @lif
// NOCAL: loihi_neuron {{.+}} v_scale = 26009600.581359874 : f64, vth_mant = 40640 : i32, weight_exp = 7 : i32}
// CAL-LABEL: snn.network @lif
// CAL-NEXT: affine {{.+}} weight = dense<1.270000e+02>
// CAL-NEXT: step_delay
// CAL-NEXT: loihi_neuron {{.+}} dv = 164 : i32, snn.name = "lif", v_scale = 26009600.581359874 : f64, vth_mant = 40640 : i32, weight_exp = 7 : i32}
// REM-CAL: remark: layer 'lif' on loihi: v_scale 2.60096e+07, weight_exp 7, du 4095, dv 164, vth_mant 40640
// CAL-SPIN-LABEL: snn.network @lif
// CAL-SPIN: spinnaker_neuron {{.+}} threshold = 3277 : i32
snn.network @lif(%x: tensor<1xf32>) -> tensor<1xf32> attributes {dt = 1.0e-4 : f64} {
  %w = snn.affine %x {weight = dense<1.0> : tensor<1x1xf32>, bias = dense<0.0> : tensor<1xf32>, snn.name = "affine"} : tensor<1xf32> -> tensor<1xf32>
  %z = snn.step_neuron %w {syn_gain = 1.0 : f32, mem_decay = 0.96 : f32, mem_gain = 0.04 : f32, mem_bias = 0.0 : f32, threshold = 0.1 : f32, reset = #snn<reset zero>, snn.name = "lif"} : tensor<1xf32>
  snn.output %z : tensor<1xf32>
}
