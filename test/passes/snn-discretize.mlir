// RUN: snn-opt %s -split-input-file --snn-discretize 2>/dev/null | FileCheck %s --check-prefixes=CHECK,EULER
// RUN: snn-opt %s -split-input-file --snn-discretize=method=euler 2>/dev/null | FileCheck %s --check-prefixes=CHECK,EULER
// RUN: snn-opt %s -split-input-file --snn-discretize=method=exact 2>/dev/null | FileCheck %s --check-prefixes=CHECK,EXACT
// RUN: snn-opt %s -split-input-file --snn-discretize -verify-diagnostics -o /dev/null
// RUN: snn-opt %s -split-input-file --snn-discretize=method=exact -o /dev/null 2>&1 | FileCheck %s --check-prefix=EXACT-DIAG --implicit-check-not=warning
// RUN: not snn-opt %s -split-input-file --snn-discretize=method=rk4 -o /dev/null 2>&1 | FileCheck %s --check-prefix=METHOD

// Constants are computed in double from the f32 parameters and stored as f32.
// Euler: decay = 1 - dt/tau, gain = dt/tau. Exact: decay = e^(-dt/tau),
// gain = 1 - e^(-dt/tau). Under exact the only warning is the delay's.

// METHOD: error: unknown discretization method 'rk4'; use euler or exact
// EXACT-DIAG: warning: delay is not a whole number of steps

// Tests that I becomes v += dt r x under both rules (no leak to integrate).
// CHECK-LABEL: snn.network @i
// CHECK-SAME: snn.discretization =
// EULER-SAME: "euler"
// EXACT-SAME: "exact"
// CHECK-NEXT: %[[V:.+]] = step_neuron %{{.+}} {mem_bias = 0.000000e+00 : f32, mem_decay = 1.000000e+00 : f32, mem_gain = 2.000000e-04 : f32, syn_gain = 1.000000e+00 : f32} : tensor<2xf32>
// CHECK-NEXT: output %[[V]]
snn.network @i(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-4 : f64} {
  %v = snn.i %x {r = 2.0 : f32} : tensor<2xf32>
  snn.output %v : tensor<2xf32>
}

// -----

// Tests that IF gets gain dt r = 1e-4 * 0.5 and that the default reset
// to_reset carries v_reset.
// CHECK-LABEL: snn.network @if
// CHECK-NEXT: step_neuron %{{.+}} {mem_bias = 0.000000e+00 : f32, mem_decay = 1.000000e+00 : f32, mem_gain = 5.000000e-05 : f32, reset = #snn<reset to_reset>, syn_gain = 1.000000e+00 : f32, threshold = 1.000000e+00 : f32, v_reset = -2.500000e-01 : f32} : tensor<2xf32>
snn.network @if(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-4 : f64} {
  %z = snn.if %x {r = 0.5 : f32, v_threshold = 1.0 : f32, v_reset = -0.25 : f32} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that LI with tau = 1 ms, dt = 0.1 ms, r = 2, v_leak = 0.5 gives
// Euler decay 0.9, gain 0.1 * 2 = 0.2, bias 0.1 * 0.5 = 0.05;
// exact decay e^-0.1 = 0.904837, gain 2 (1 - e^-0.1) = 0.190325, bias 0.047581.
// CHECK-LABEL: snn.network @li
// EULER-NEXT: step_neuron %{{.+}} {mem_bias = 0.049999997 : f32, mem_decay = 0.899999976 : f32, mem_gain = 0.199999988 : f32, syn_gain = 1.000000e+00 : f32} : tensor<2xf32>
// EXACT-NEXT: step_neuron %{{.+}} {mem_bias = 0.047581289 : f32, mem_decay = 0.904837429 : f32, mem_gain = 0.190325156 : f32, syn_gain = 1.000000e+00 : f32} : tensor<2xf32>
snn.network @li(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-4 : f64} {
  %v = snn.li %x {tau = 1.0e-3 : f32, r = 2.0 : f32, v_leak = 0.5 : f32} : tensor<2xf32>
  snn.output %v : tensor<2xf32>
}

// -----

// Tests that LIF with tau = 2.5 ms, dt = 0.1 ms (dt/tau = 0.04) gives Euler decay 0.96,
// gain 0.04; exact decay e^-0.04 = 0.960789, gain 0.039211.
// CHECK-LABEL: snn.network @lif
// EULER-NEXT: step_neuron %{{.+}} {mem_bias = 0.000000e+00 : f32, mem_decay = 0.959999978 : f32, mem_gain = 4.000000e-02 : f32, reset = #snn<reset to_reset>, syn_gain = 1.000000e+00 : f32, threshold = 1.000000e+00 : f32, v_reset = 0.000000e+00 : f32} : tensor<2xf32>
// EXACT-NEXT: step_neuron %{{.+}} {mem_bias = 0.000000e+00 : f32, mem_decay = 0.960789442 : f32, mem_gain = 0.0392105617 : f32, reset = #snn<reset to_reset>, syn_gain = 1.000000e+00 : f32, threshold = 1.000000e+00 : f32, v_reset = 0.000000e+00 : f32} : tensor<2xf32>
snn.network @lif(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-4 : f64} {
  %z = snn.lif %x {tau = 2.5e-3 : f32, r = 1.0 : f32, v_leak = 0.0 : f32, v_threshold = 1.0 : f32, v_reset = 0.0 : f32} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that reset subtract drops v_reset (it is only kept for to_reset) and
// that multi_spike and v_min carry over.
// CHECK-LABEL: snn.network @lif_subtract
// CHECK-NEXT: step_neuron %{{.+}} {mem_bias = 0.000000e+00 : f32, mem_decay = {{.+}}, mem_gain = {{.+}}, multi_spike, reset = #snn<reset subtract>, syn_gain = 1.000000e+00 : f32, threshold = 1.000000e+00 : f32, v_min = -1.000000e+00 : f32} : tensor<2xf32>
snn.network @lif_subtract(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-4 : f64} {
  %z = snn.lif %x {tau = 2.5e-3 : f32, r = 1.0 : f32, v_leak = 0.0 : f32, v_threshold = 1.0 : f32, v_reset = 0.5 : f32,
                   reset = #snn<reset subtract>, multi_spike, v_min = -1.0 : f32} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that CubaLI with tau_syn = 0.5 ms (dt/tau = 0.2) and tau_mem = 1 ms (0.1) gives
// Euler syn_decay 0.8, syn_gain 0.2, mem_decay 0.9, mem_gain 0.1; exact
// e^-0.2 = 0.818731, 0.181269, e^-0.1 = 0.904837, 0.095163.
// CHECK-LABEL: snn.network @cuba_li
// EULER-NEXT: step_neuron %{{.+}} {mem_bias = 0.000000e+00 : f32, mem_decay = 0.899999976 : f32, mem_gain = 0.099999994 : f32, syn_decay = 8.000000e-01 : f32, syn_gain = 0.199999988 : f32} : tensor<2xf32>
// EXACT-NEXT: step_neuron %{{.+}} {mem_bias = 0.000000e+00 : f32, mem_decay = 0.904837429 : f32, mem_gain = 0.0951625779 : f32, syn_decay = 0.818730771 : f32, syn_gain = 0.181269243 : f32} : tensor<2xf32>
snn.network @cuba_li(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-4 : f64} {
  %v = snn.cuba_li %x {tau_syn = 5.0e-4 : f32, tau_mem = 1.0e-3 : f32, r = 1.0 : f32, v_leak = 0.0 : f32, w_in = 1.0 : f32} : tensor<2xf32>
  snn.output %v : tensor<2xf32>
}

// -----

// Tests that CubaLIF with w_in = 2, r = 3, v_leak = 1 gets syn_gain = 2 gain_syn,
// mem_gain = 3 gain_mem, mem_bias = gain_mem (Euler 0.4, 0.3, 0.1; exact
// 0.362538, 0.285488, 0.095163), and reset zero.
// CHECK-LABEL: snn.network @cuba_lif
// EULER-NEXT: step_neuron %{{.+}} {mem_bias = 0.099999994 : f32, mem_decay = 0.899999976 : f32, mem_gain = 0.299999982 : f32, reset = #snn<reset zero>, syn_decay = 8.000000e-01 : f32, syn_gain = 0.399999976 : f32, threshold = 1.000000e+00 : f32} : tensor<2xf32>
// EXACT-NEXT: step_neuron %{{.+}} {mem_bias = 0.0951625779 : f32, mem_decay = 0.904837429 : f32, mem_gain = 0.285487741 : f32, reset = #snn<reset zero>, syn_decay = 0.818730771 : f32, syn_gain = 0.362538487 : f32, threshold = 1.000000e+00 : f32} : tensor<2xf32>
snn.network @cuba_lif(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-4 : f64} {
  %z = snn.cuba_lif %x {tau_syn = 5.0e-4 : f32, tau_mem = 1.0e-3 : f32, r = 3.0 : f32, v_leak = 1.0 : f32, w_in = 2.0 : f32,
                        v_threshold = 1.0 : f32, v_reset = 0.0 : f32, reset = #snn<reset zero>} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that ALIF with tau = 2 ms (dt/tau = 0.05) and tau_adapt = 10 ms (0.01) gives
// Euler mem_decay 0.95, gain 0.05, adapt_decay 0.99; exact 0.951229,
// 0.048771, e^-0.01 = 0.990050; adapt_gain is beta under both rules.
// CHECK-LABEL: snn.network @alif
// EULER-NEXT: step_neuron %{{.+}} {adapt_decay = 9.900000e-01 : f32, adapt_gain = 2.000000e-01 : f32, mem_bias = 0.000000e+00 : f32, mem_decay = 0.949999988 : f32, mem_gain = 0.049999997 : f32, reset = #snn<reset subtract>, syn_gain = 1.000000e+00 : f32, threshold = 5.000000e-01 : f32} : tensor<2xf32>
// EXACT-NEXT: step_neuron %{{.+}} {adapt_decay = 0.990049839 : f32, adapt_gain = 2.000000e-01 : f32, mem_bias = 0.000000e+00 : f32, mem_decay = 0.951229453 : f32, mem_gain = 0.048770573 : f32, reset = #snn<reset subtract>, syn_gain = 1.000000e+00 : f32, threshold = 5.000000e-01 : f32} : tensor<2xf32>
snn.network @alif(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-4 : f64} {
  %z = snn.alif %x {tau = 2.0e-3 : f32, tau_adapt = 1.0e-2 : f32, r = 1.0 : f32, v_leak = 0.0 : f32,
                    v_threshold = 0.5 : f32, v_reset = 0.0 : f32, beta = 0.2 : f32, reset = #snn<reset subtract>} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that per-neuron parameters stay per-neuron (tau = [1, 2] ms gives
// decays [0.9, 0.95]), that constants equal for every neuron become scalars
// (the bias from v_leak = 0), and that per-neuron thresholds and resets carry over.
// CHECK-LABEL: snn.network @per_neuron
// EULER-NEXT: step_neuron %{{.+}} {mem_bias = 0.000000e+00 : f32, mem_decay = dense<[0.899999976, 0.949999988]> : tensor<2xf32>, mem_gain = dense<[0.099999994, 0.049999997]> : tensor<2xf32>, reset = #snn<reset to_reset>, syn_gain = 1.000000e+00 : f32, threshold = dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>, v_reset = dense<[0.000000e+00, -1.000000e+00]> : tensor<2xf32>} : tensor<2xf32>
// EXACT-NEXT: step_neuron %{{.+}} {mem_bias = 0.000000e+00 : f32, mem_decay = dense<[0.904837429, 0.951229453]> : tensor<2xf32>, mem_gain = dense<[0.0951625779, 0.048770573]> : tensor<2xf32>, reset = #snn<reset to_reset>, syn_gain = 1.000000e+00 : f32, threshold = dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>, v_reset = dense<[0.000000e+00, -1.000000e+00]> : tensor<2xf32>} : tensor<2xf32>
snn.network @per_neuron(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-4 : f64} {
  %z = snn.lif %x {tau = dense<[1.0e-3, 2.0e-3]> : tensor<2xf32>, r = 1.0 : f32, v_leak = 0.0 : f32,
                   v_threshold = dense<[1.0, 2.0]> : tensor<2xf32>, v_reset = dense<[0.0, -1.0]> : tensor<2xf32>} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that a per-neuron gain with a scalar tau is per-neuron (r = [1, 2])
// and that a splat per-neuron tau collapses to scalars.
// CHECK-LABEL: snn.network @per_neuron_r
// EULER-NEXT: step_neuron %{{.+}} {mem_bias = 0.000000e+00 : f32, mem_decay = 0.899999976 : f32, mem_gain = dense<[0.099999994, 0.199999988]> : tensor<2xf32>, syn_gain = 1.000000e+00 : f32} : tensor<2xf32>
// EXACT-NEXT: step_neuron %{{.+}} {mem_bias = 0.000000e+00 : f32, mem_decay = 0.904837429 : f32, mem_gain = dense<[0.0951625779, 0.190325156]> : tensor<2xf32>, syn_gain = 1.000000e+00 : f32} : tensor<2xf32>
// EULER-NEXT: step_neuron %{{.+}} {mem_bias = 0.000000e+00 : f32, mem_decay = 0.899999976 : f32, mem_gain = 0.099999994 : f32, syn_gain = 1.000000e+00 : f32} : tensor<2xf32>
// EXACT-NEXT: step_neuron %{{.+}} {mem_bias = 0.000000e+00 : f32, mem_decay = 0.904837429 : f32, mem_gain = 0.0951625779 : f32, syn_gain = 1.000000e+00 : f32} : tensor<2xf32>
snn.network @per_neuron_r(%x: tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>) attributes {dt = 1.0e-4 : f64} {
  %a = snn.li %x {tau = 1.0e-3 : f32, r = dense<[1.0, 2.0]> : tensor<2xf32>, v_leak = 0.0 : f32} : tensor<2xf32>
  %b = snn.li %x {tau = dense<1.0e-3> : tensor<2xf32>, r = 1.0 : f32, v_leak = 0.0 : f32} : tensor<2xf32>
  snn.output %a, %b : tensor<2xf32>, tensor<2xf32>
}

// -----

// Tests that delays become whole steps of dt = 0.1 ms: 0.3 ms -> 3, per element
// [0, 0.1, 0.2] ms -> [0, 1, 2], equal elements collapse to one count, and
// 0.13 ms rounds to 1 step with a warning.
// CHECK-LABEL: snn.network @delays
// CHECK-NEXT: %[[D1:.+]] = step_delay %{{.+}} {steps = array<i64: 3>} : tensor<3xf32>
// CHECK-NEXT: %[[D2:.+]] = step_delay %{{.+}} {steps = array<i64: 0, 1, 2>} : tensor<3xf32>
// CHECK-NEXT: %[[D3:.+]] = step_delay %{{.+}} {steps = array<i64: 2>} : tensor<3xf32>
// CHECK-NEXT: %[[D4:.+]] = step_delay %{{.+}} {steps = array<i64: 1>} : tensor<3xf32>
// CHECK-NEXT: output %[[D1]], %[[D2]], %[[D3]], %[[D4]]
snn.network @delays(%x: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) attributes {dt = 1.0e-4 : f64} {
  %d1 = snn.delay %x {delay = 3.0e-4 : f32} : tensor<3xf32>
  %d2 = snn.delay %x {delay = dense<[0.0, 1.0e-4, 2.0e-4]> : tensor<3xf32>} : tensor<3xf32>
  %d3 = snn.delay %x {delay = dense<[2.0e-4, 2.0e-4, 2.0e-4]> : tensor<3xf32>} : tensor<3xf32>
  // expected-warning @+1 {{delay is not a whole number of steps of dt = 1.000000e-04 s; rounded to the nearest step}}
  %d4 = snn.delay %x {delay = 1.3e-4 : f32} : tensor<3xf32>
  snn.output %d1, %d2, %d3, %d4 : tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>
}

// -----

// Tests that Euler warns when dt/tau > 1 (here 2): its decay 1 - 2 = -1
// flips the sign of v every step; exact gives e^-2 = 0.135335 and no warning.
// CHECK-LABEL: snn.network @coarse_lif
// EULER-NEXT: step_neuron %{{.+}} {mem_bias = 0.000000e+00 : f32, mem_decay = -1.000000e+00 : f32, mem_gain = 2.000000e+00 : f32,
// EXACT-NEXT: step_neuron %{{.+}} {mem_bias = 0.000000e+00 : f32, mem_decay = 0.135335281 : f32, mem_gain = 0.864664733 : f32,
snn.network @coarse_lif(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-4 : f64} {
  // expected-warning @+1 {{dt / tau = 2.000000e+00 > 1: forward Euler overshoots for this time constant; use --snn-discretize=method=exact or a smaller dt}}
  %z = snn.lif %x {tau = 5.0e-5 : f32, r = 1.0 : f32, v_leak = 0.0 : f32, v_threshold = 1.0 : f32, v_reset = 0.0 : f32} : tensor<2xf32>
  snn.output %z : tensor<2xf32>
}

// -----

// Tests that the warning reports the worst per-neuron ratio (dt/tau = 4) and
// that dt/tau = 1 exactly (decay 0) does not warn.
// CHECK-LABEL: snn.network @coarse_per_neuron
// EULER-NEXT: step_neuron %{{.+}} {mem_bias = 0.000000e+00 : f32, mem_decay = dense<[0.000000e+00, -3.000000e+00]> : tensor<2xf32>
// EULER-NEXT: step_neuron %{{.+}} {mem_bias = 0.000000e+00 : f32, mem_decay = 0.000000e+00 : f32, mem_gain = 1.000000e+00 : f32
snn.network @coarse_per_neuron(%x: tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>) attributes {dt = 1.0 : f64} {
  // expected-warning @+1 {{dt / tau = 4.000000e+00 > 1}}
  %a = snn.li %x {tau = dense<[1.0, 0.25]> : tensor<2xf32>, r = 1.0 : f32, v_leak = 0.0 : f32} : tensor<2xf32>
  %b = snn.li %x {tau = 1.0 : f32, r = 1.0 : f32, v_leak = 0.0 : f32} : tensor<2xf32>
  snn.output %a, %b : tensor<2xf32>, tensor<2xf32>
}

// -----

// Tests that each coarse time constant of CubaLIF and ALIF is reported
// (tau_syn, tau_mem, tau, tau_adapt).
// CHECK-LABEL: snn.network @coarse_multi
snn.network @coarse_multi(%x: tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>) attributes {dt = 1.0 : f64} {
  // expected-warning @+2 {{dt / tau_syn = 2.000000e+00 > 1}}
  // expected-warning @+1 {{dt / tau_mem = 4.000000e+00 > 1}}
  %c = snn.cuba_lif %x {tau_syn = 0.5 : f32, tau_mem = 0.25 : f32, r = 1.0 : f32, v_leak = 0.0 : f32, w_in = 1.0 : f32,
                        v_threshold = 1.0 : f32, v_reset = 0.0 : f32} : tensor<2xf32>
  // expected-warning @+2 {{dt / tau = 2.000000e+00 > 1}}
  // expected-warning @+1 {{dt / tau_adapt = 4.000000e+00 > 1}}
  %a = snn.alif %x {tau = 0.5 : f32, tau_adapt = 0.25 : f32, r = 1.0 : f32, v_leak = 0.0 : f32,
                    v_threshold = 0.5 : f32, v_reset = 0.0 : f32, beta = 0.2 : f32} : tensor<2xf32>
  snn.output %c, %a : tensor<2xf32>, tensor<2xf32>
}

// -----

// Tests that step-level and stateless ops are left alone, that uses (including
// a recurrent forward use) are rewired to the new ops, and that the network
// is marked with the method.
// CHECK-LABEL: snn.network @recurrent
// CHECK-SAME: attributes {dt = 1.000000e-04 : f64, snn.discretization =
// CHECK-NEXT: %[[X:.+]] = add %{{.+}}, %[[R:.+]] : tensor<2xf32>
// CHECK-NEXT: %[[S:.+]] = step_neuron %[[X]] {
// CHECK-SAME: threshold = 1.000000e+00 : f32
// CHECK-NEXT: %[[R]] = linear %[[S]] {weight = dense<5.000000e-01> : tensor<2x2xf32>}
// CHECK-NEXT: %[[D:.+]] = step_delay %[[S]] {steps = array<i64: 2>} : tensor<2xf32>
// CHECK-NEXT: %[[K:.+]] = step_neuron %[[D]] {mem_bias = 0.000000e+00 : f32, mem_decay = 5.000000e-01 : f32, mem_gain = 5.000000e-01 : f32, syn_gain = 1.000000e+00 : f32}
// CHECK-NEXT: output %[[S]], %[[K]]
// CHECK-NOT: lif
snn.network @recurrent(%in: tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>) attributes {dt = 1.0e-4 : f64} {
  %x = snn.add %in, %r : tensor<2xf32>
  %s = snn.lif %x {tau = 2.5e-3 : f32, r = 1.0 : f32, v_leak = 0.0 : f32, v_threshold = 1.0 : f32, v_reset = 0.0 : f32} : tensor<2xf32>
  %r = snn.linear %s {weight = dense<0.5> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  %d = snn.step_delay %s {steps = array<i64: 2>} : tensor<2xf32>
  %k = snn.step_neuron %d {syn_gain = 1.0 : f32, mem_decay = 0.5 : f32, mem_gain = 0.5 : f32, mem_bias = 0.0 : f32} : tensor<2xf32>
  snn.output %s, %k : tensor<2xf32>, tensor<2xf32>
}
