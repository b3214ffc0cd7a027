// Tests every snn_hw verifier error, one split each: chips, cores, slices,
// routes and router tables on their own, then what the board checks across
// its body.
// RUN: snn-opt %s -split-input-file -verify-diagnostics

// Tests a chip at negative coordinates.
snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
  %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
  %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
  %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
  %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
  snn.output %b : tensor<2xf32>
}
snn_hw.board @hw for @net target "loihi" routing mesh grid [1, 1] {
  // expected-error @+1 {{'snn_hw.chip' op chip coordinates must be non-negative}}
  snn_hw.chip @chip at (-1, 0) cores 128 mesh [8, 16]
  snn_hw.core @core0 on @chip index 0 use [#snn_hw.use<"neurons", 6, 1024>]
  snn_hw.core @core1 on @chip index 1 use [#snn_hw.use<"neurons", 2, 1024>]
  snn_hw.neuron_slice @core0 "a" [0, 6)
  snn_hw.neuron_slice @core1 "b" [0, 2)
  snn_hw.route @core0 -> [@core1] hops [1]
}

// -----

// Tests a chip without cores.
snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
  %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
  %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
  %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
  %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
  snn.output %b : tensor<2xf32>
}
snn_hw.board @hw for @net target "loihi" routing mesh grid [1, 1] {
  // expected-error @+1 {{'snn_hw.chip' op a chip needs at least one core, got 0}}
  snn_hw.chip @chip at (0, 0) cores 0 mesh [8, 16]
  snn_hw.core @core0 on @chip index 0 use [#snn_hw.use<"neurons", 6, 1024>]
  snn_hw.core @core1 on @chip index 1 use [#snn_hw.use<"neurons", 2, 1024>]
  snn_hw.neuron_slice @core0 "a" [0, 6)
  snn_hw.neuron_slice @core1 "b" [0, 2)
  snn_hw.route @core0 -> [@core1] hops [1]
}

// -----

// Tests a router without room.
snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
  %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
  %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
  %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
  %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
  snn.output %b : tensor<2xf32>
}
snn_hw.board @hw for @net target "spinnaker" routing multicast grid [1, 1] torus {
  // expected-error @+1 {{'snn_hw.chip' op a router needs room for at least one entry}}
  snn_hw.chip @chip at (0, 0) cores 18 router 0
  snn_hw.core @core0 on @chip index 1 use [#snn_hw.use<"neurons", 6, 256>]
  snn_hw.core @core1 on @chip index 2 use [#snn_hw.use<"neurons", 2, 256>]
  snn_hw.neuron_slice @core0 "a" [0, 6)
  snn_hw.neuron_slice @core1 "b" [0, 2)
  snn_hw.route @core0 -> [@core1] key <0x0, 0xfffffff8>
  snn_hw.router_table @chip [#snn_hw.entry<0x0, 0xfffffff8 -> 0x100>]
}

// -----

// Tests a mesh of three sizes.
snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
  %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
  %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
  %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
  %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
  snn.output %b : tensor<2xf32>
}
snn_hw.board @hw for @net target "loihi" routing mesh grid [1, 1] {
  // expected-error @+1 {{'snn_hw.chip' op mesh must be two positive sizes (cores along x, rows along y)}}
  snn_hw.chip @chip at (0, 0) cores 128 mesh [8, 16, 1]
  snn_hw.core @core0 on @chip index 0 use [#snn_hw.use<"neurons", 6, 1024>]
  snn_hw.core @core1 on @chip index 1 use [#snn_hw.use<"neurons", 2, 1024>]
  snn_hw.neuron_slice @core0 "a" [0, 6)
  snn_hw.neuron_slice @core1 "b" [0, 2)
  snn_hw.route @core0 -> [@core1] hops [1]
}

// -----

// Tests a mesh too small for the chip's cores.
snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
  %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
  %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
  %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
  %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
  snn.output %b : tensor<2xf32>
}
snn_hw.board @hw for @net target "loihi" routing mesh grid [1, 1] {
  // expected-error @+1 {{'snn_hw.chip' op a 8x8 mesh cannot hold 128 cores}}
  snn_hw.chip @chip at (0, 0) cores 128 mesh [8, 8]
  snn_hw.core @core0 on @chip index 0 use [#snn_hw.use<"neurons", 6, 1024>]
  snn_hw.core @core1 on @chip index 1 use [#snn_hw.use<"neurons", 2, 1024>]
  snn_hw.neuron_slice @core0 "a" [0, 6)
  snn_hw.neuron_slice @core1 "b" [0, 2)
  snn_hw.route @core0 -> [@core1] hops [1]
}

// -----

// Tests a negative core number.
snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
  %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
  %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
  %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
  %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
  snn.output %b : tensor<2xf32>
}
snn_hw.board @hw for @net target "loihi" routing mesh grid [1, 1] {
  snn_hw.chip @chip at (0, 0) cores 128 mesh [8, 16]
  snn_hw.core @core0 on @chip index 0 use [#snn_hw.use<"neurons", 6, 1024>]
  // expected-error @+1 {{'snn_hw.core' op core number must be non-negative}}
  snn_hw.core @core1 on @chip index -1 use [#snn_hw.use<"neurons", 2, 1024>]
  snn_hw.neuron_slice @core0 "a" [0, 6)
  snn_hw.neuron_slice @core1 "b" [0, 2)
  snn_hw.route @core0 -> [@core1] hops [1]
}

// -----

// Tests a resource listed twice.
snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
  %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
  %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
  %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
  %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
  snn.output %b : tensor<2xf32>
}
snn_hw.board @hw for @net target "loihi" routing mesh grid [1, 1] {
  snn_hw.chip @chip at (0, 0) cores 128 mesh [8, 16]
  snn_hw.core @core0 on @chip index 0 use [#snn_hw.use<"neurons", 6, 1024>]
  // expected-error @+1 {{'snn_hw.core' op lists resource 'neurons' twice}}
  snn_hw.core @core1 on @chip index 1 use [#snn_hw.use<"neurons", 2, 1024>, #snn_hw.use<"neurons", 2, 1024>]
  snn_hw.neuron_slice @core0 "a" [0, 6)
  snn_hw.neuron_slice @core1 "b" [0, 2)
  snn_hw.route @core0 -> [@core1] hops [1]
}

// -----

// Tests a negative use.
snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
  %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
  %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
  %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
  %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
  snn.output %b : tensor<2xf32>
}
snn_hw.board @hw for @net target "loihi" routing mesh grid [1, 1] {
  snn_hw.chip @chip at (0, 0) cores 128 mesh [8, 16]
  snn_hw.core @core0 on @chip index 0 use [#snn_hw.use<"neurons", 6, 1024>]
  // expected-error @+1 {{'snn_hw.core' op resource 'fan-in' has a negative use or capacity}}
  snn_hw.core @core1 on @chip index 1 use [#snn_hw.use<"neurons", 2, 1024>, #snn_hw.use<"fan-in", -1, 4096>]
  snn_hw.neuron_slice @core0 "a" [0, 6)
  snn_hw.neuron_slice @core1 "b" [0, 2)
  snn_hw.route @core0 -> [@core1] hops [1]
}

// -----

// Tests a resource used beyond its capacity.
snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
  %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
  %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
  %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
  %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
  snn.output %b : tensor<2xf32>
}
snn_hw.board @hw for @net target "loihi" routing mesh grid [1, 1] {
  snn_hw.chip @chip at (0, 0) cores 128 mesh [8, 16]
  snn_hw.core @core0 on @chip index 0 use [#snn_hw.use<"neurons", 6, 1024>]
  // expected-error @+1 {{'snn_hw.core' op uses 5000 fan-in but the core holds at most 4096}}
  snn_hw.core @core1 on @chip index 1 use [#snn_hw.use<"neurons", 2, 1024>, #snn_hw.use<"fan-in", 5000, 4096>]
  snn_hw.neuron_slice @core0 "a" [0, 6)
  snn_hw.neuron_slice @core1 "b" [0, 2)
  snn_hw.route @core0 -> [@core1] hops [1]
}

// -----

// Tests an empty slice.
snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
  %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
  %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
  %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
  %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
  snn.output %b : tensor<2xf32>
}
snn_hw.board @hw for @net target "loihi" routing mesh grid [1, 1] {
  snn_hw.chip @chip at (0, 0) cores 128 mesh [8, 16]
  snn_hw.core @core0 on @chip index 0 use [#snn_hw.use<"neurons", 6, 1024>]
  snn_hw.core @core1 on @chip index 1 use [#snn_hw.use<"neurons", 2, 1024>]
  snn_hw.neuron_slice @core0 "a" [0, 6)
  // expected-error @+1 {{'snn_hw.neuron_slice' op slice [2, 2) must be a non-empty range from 0 up}}
  snn_hw.neuron_slice @core1 "b" [2, 2)
  snn_hw.route @core0 -> [@core1] hops [1]
}

// -----

// Tests a route without destinations.
snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
  %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
  %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
  %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
  %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
  snn.output %b : tensor<2xf32>
}
snn_hw.board @hw for @net target "loihi" routing mesh grid [1, 1] {
  snn_hw.chip @chip at (0, 0) cores 128 mesh [8, 16]
  snn_hw.core @core0 on @chip index 0 use [#snn_hw.use<"neurons", 6, 1024>]
  snn_hw.core @core1 on @chip index 1 use [#snn_hw.use<"neurons", 2, 1024>]
  snn_hw.neuron_slice @core0 "a" [0, 6)
  snn_hw.neuron_slice @core1 "b" [0, 2)
  // expected-error @+1 {{'snn_hw.route' op a route needs at least one destination}}
  snn_hw.route @core0 -> [] hops []
}

// -----

// Tests a destination listed twice.
snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
  %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
  %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
  %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
  %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
  snn.output %b : tensor<2xf32>
}
snn_hw.board @hw for @net target "loihi" routing mesh grid [1, 1] {
  snn_hw.chip @chip at (0, 0) cores 128 mesh [8, 16]
  snn_hw.core @core0 on @chip index 0 use [#snn_hw.use<"neurons", 6, 1024>]
  snn_hw.core @core1 on @chip index 1 use [#snn_hw.use<"neurons", 2, 1024>]
  snn_hw.neuron_slice @core0 "a" [0, 6)
  snn_hw.neuron_slice @core1 "b" [0, 2)
  // expected-error @+1 {{'snn_hw.route' op lists destination @core1 twice}}
  snn_hw.route @core0 -> [@core1, @core1] hops [1, 1]
}

// -----

// Tests hop counts that do not match the destinations.
snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
  %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
  %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
  %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
  %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
  snn.output %b : tensor<2xf32>
}
snn_hw.board @hw for @net target "loihi" routing mesh grid [1, 1] {
  snn_hw.chip @chip at (0, 0) cores 128 mesh [8, 16]
  snn_hw.core @core0 on @chip index 0 use [#snn_hw.use<"neurons", 6, 1024>]
  snn_hw.core @core1 on @chip index 1 use [#snn_hw.use<"neurons", 2, 1024>]
  snn_hw.neuron_slice @core0 "a" [0, 6)
  snn_hw.neuron_slice @core1 "b" [0, 2)
  // expected-error @+1 {{'snn_hw.route' op has 2 hop counts for 1 destinations}}
  snn_hw.route @core0 -> [@core1] hops [1, 2]
}

// -----

// Tests a negative hop count.
snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
  %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
  %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
  %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
  %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
  snn.output %b : tensor<2xf32>
}
snn_hw.board @hw for @net target "loihi" routing mesh grid [1, 1] {
  snn_hw.chip @chip at (0, 0) cores 128 mesh [8, 16]
  snn_hw.core @core0 on @chip index 0 use [#snn_hw.use<"neurons", 6, 1024>]
  snn_hw.core @core1 on @chip index 1 use [#snn_hw.use<"neurons", 2, 1024>]
  snn_hw.neuron_slice @core0 "a" [0, 6)
  snn_hw.neuron_slice @core1 "b" [0, 2)
  // expected-error @+1 {{'snn_hw.route' op hop counts must be non-negative}}
  snn_hw.route @core0 -> [@core1] hops [-1]
}

// -----

// Tests a key with bits outside its mask.
snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
  %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
  %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
  %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
  %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
  snn.output %b : tensor<2xf32>
}
snn_hw.board @hw for @net target "spinnaker" routing multicast grid [1, 1] torus {
  snn_hw.chip @chip at (0, 0) cores 18 router 2
  snn_hw.core @core0 on @chip index 1 use [#snn_hw.use<"neurons", 6, 256>]
  snn_hw.core @core1 on @chip index 2 use [#snn_hw.use<"neurons", 2, 256>]
  snn_hw.neuron_slice @core0 "a" [0, 6)
  snn_hw.neuron_slice @core1 "b" [0, 2)
  // expected-error @+1 {{'snn_hw.route' op key 0x00000009 has bits outside its mask 0xfffffff8}}
  snn_hw.route @core0 -> [@core1] key <0x9, 0xfffffff8>
  snn_hw.router_table @chip [#snn_hw.entry<0x0, 0xfffffff8 -> 0x100>]
}

// -----

// Tests a key beyond 32 bits.
snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
  %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
  %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
  %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
  %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
  snn.output %b : tensor<2xf32>
}
snn_hw.board @hw for @net target "spinnaker" routing multicast grid [1, 1] torus {
  snn_hw.chip @chip at (0, 0) cores 18 router 2
  snn_hw.core @core0 on @chip index 1 use [#snn_hw.use<"neurons", 6, 256>]
  snn_hw.core @core1 on @chip index 2 use [#snn_hw.use<"neurons", 2, 256>]
  snn_hw.neuron_slice @core0 "a" [0, 6)
  snn_hw.neuron_slice @core1 "b" [0, 2)
  // expected-error @+1 {{expected a 32-bit unsigned value}}
  snn_hw.route @core0 -> [@core1] key <0x100000000, 0xfffffff8>
  snn_hw.router_table @chip [#snn_hw.entry<0x0, 0xfffffff8 -> 0x100>]
}

// -----

// Tests a router entry with key bits outside its mask.
snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
  %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
  %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
  %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
  %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
  snn.output %b : tensor<2xf32>
}
snn_hw.board @hw for @net target "spinnaker" routing multicast grid [1, 1] torus {
  snn_hw.chip @chip at (0, 0) cores 18 router 2
  snn_hw.core @core0 on @chip index 1 use [#snn_hw.use<"neurons", 6, 256>]
  snn_hw.core @core1 on @chip index 2 use [#snn_hw.use<"neurons", 2, 256>]
  snn_hw.neuron_slice @core0 "a" [0, 6)
  snn_hw.neuron_slice @core1 "b" [0, 2)
  snn_hw.route @core0 -> [@core1] key <0x0, 0xfffffff8>
  // expected-error @+1 {{'snn_hw.router_table' op entry key 0x00000004 has bits outside its mask 0xfffffff8}}
  snn_hw.router_table @chip [#snn_hw.entry<0x4, 0xfffffff8 -> 0x100>]
}

// -----

// Tests a route word beyond 6 links and 18 cores.
snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
  %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
  %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
  %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
  %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
  snn.output %b : tensor<2xf32>
}
snn_hw.board @hw for @net target "spinnaker" routing multicast grid [1, 1] torus {
  snn_hw.chip @chip at (0, 0) cores 18 router 2
  snn_hw.core @core0 on @chip index 1 use [#snn_hw.use<"neurons", 6, 256>]
  snn_hw.core @core1 on @chip index 2 use [#snn_hw.use<"neurons", 2, 256>]
  snn_hw.neuron_slice @core0 "a" [0, 6)
  snn_hw.neuron_slice @core1 "b" [0, 2)
  snn_hw.route @core0 -> [@core1] key <0x0, 0xfffffff8>
  // expected-error @+1 {{'snn_hw.router_table' op entry route 0x1000000 sets bits beyond 6 links and 18 cores}}
  snn_hw.router_table @chip [#snn_hw.entry<0x0, 0xfffffff8 -> 0x1000000>]
}

// -----

// Tests a grid of one size.
snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
  %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
  %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
  %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
  %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
  snn.output %b : tensor<2xf32>
}
// expected-error @+1 {{'snn_hw.board' op grid must be two positive sizes (chips along x, y)}}
snn_hw.board @hw for @net target "loihi" routing mesh grid [1] {
  snn_hw.chip @chip at (0, 0) cores 128 mesh [8, 16]
  snn_hw.core @core0 on @chip index 0 use [#snn_hw.use<"neurons", 6, 1024>]
  snn_hw.core @core1 on @chip index 1 use [#snn_hw.use<"neurons", 2, 1024>]
  snn_hw.neuron_slice @core0 "a" [0, 6)
  snn_hw.neuron_slice @core1 "b" [0, 2)
  snn_hw.route @core0 -> [@core1] hops [1]
}

// -----

// Tests a board for a network that does not exist.
snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
  %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
  %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
  %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
  %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
  snn.output %b : tensor<2xf32>
}
// expected-error @+1 {{'snn_hw.board' op '@nope' does not name an snn.network}}
snn_hw.board @hw for @nope target "loihi" routing mesh grid [1, 1] {
  snn_hw.chip @chip at (0, 0) cores 128 mesh [8, 16]
  snn_hw.core @core0 on @chip index 0 use [#snn_hw.use<"neurons", 6, 1024>]
  snn_hw.core @core1 on @chip index 1 use [#snn_hw.use<"neurons", 2, 1024>]
  snn_hw.neuron_slice @core0 "a" [0, 6)
  snn_hw.neuron_slice @core1 "b" [0, 2)
  snn_hw.route @core0 -> [@core1] hops [1]
}

// -----

// Tests a chip outside the grid.
snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
  %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
  %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
  %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
  %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
  snn.output %b : tensor<2xf32>
}
snn_hw.board @hw for @net target "loihi" routing mesh grid [1, 1] {
  // expected-error @+1 {{'snn_hw.chip' op at (1, 0) lies outside the board's 1x1 grid}}
  snn_hw.chip @chip at (1, 0) cores 128 mesh [8, 16]
  snn_hw.core @core0 on @chip index 0 use [#snn_hw.use<"neurons", 6, 1024>]
  snn_hw.core @core1 on @chip index 1 use [#snn_hw.use<"neurons", 2, 1024>]
  snn_hw.neuron_slice @core0 "a" [0, 6)
  snn_hw.neuron_slice @core1 "b" [0, 2)
  snn_hw.route @core0 -> [@core1] hops [1]
}

// -----

// Tests two chips at one place.
snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
  %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
  %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
  %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
  %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
  snn.output %b : tensor<2xf32>
}
snn_hw.board @hw for @net target "loihi" routing mesh grid [1, 1] {
  snn_hw.chip @chip at (0, 0) cores 128 mesh [8, 16]
  // expected-error @+1 {{'snn_hw.chip' op a second chip at (0, 0)}}
  snn_hw.chip @other at (0, 0) cores 128 mesh [8, 16]
  snn_hw.core @core0 on @chip index 0 use [#snn_hw.use<"neurons", 6, 1024>]
  snn_hw.core @core1 on @chip index 1 use [#snn_hw.use<"neurons", 2, 1024>]
  snn_hw.neuron_slice @core0 "a" [0, 6)
  snn_hw.neuron_slice @core1 "b" [0, 2)
  snn_hw.route @core0 -> [@core1] hops [1]
}

// -----

// Tests a mesh-routed chip without its mesh.
snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
  %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
  %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
  %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
  %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
  snn.output %b : tensor<2xf32>
}
snn_hw.board @hw for @net target "loihi" routing mesh grid [1, 1] {
  // expected-error @+1 {{'snn_hw.chip' op mesh routing needs the chip's core mesh}}
  snn_hw.chip @chip at (0, 0) cores 128
  snn_hw.core @core0 on @chip index 0 use [#snn_hw.use<"neurons", 6, 1024>]
  snn_hw.core @core1 on @chip index 1 use [#snn_hw.use<"neurons", 2, 1024>]
  snn_hw.neuron_slice @core0 "a" [0, 6)
  snn_hw.neuron_slice @core1 "b" [0, 2)
  snn_hw.route @core0 -> [@core1] hops [1]
}

// -----

// Tests a multicast-routed chip without its router size.
snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
  %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
  %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
  %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
  %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
  snn.output %b : tensor<2xf32>
}
snn_hw.board @hw for @net target "spinnaker" routing multicast grid [1, 1] torus {
  // expected-error @+1 {{'snn_hw.chip' op multicast routing needs the chip's router size}}
  snn_hw.chip @chip at (0, 0) cores 18
  snn_hw.core @core0 on @chip index 1 use [#snn_hw.use<"neurons", 6, 256>]
  snn_hw.core @core1 on @chip index 2 use [#snn_hw.use<"neurons", 2, 256>]
  snn_hw.neuron_slice @core0 "a" [0, 6)
  snn_hw.neuron_slice @core1 "b" [0, 2)
  snn_hw.route @core0 -> [@core1] key <0x0, 0xfffffff8>
  snn_hw.router_table @chip [#snn_hw.entry<0x0, 0xfffffff8 -> 0x100>]
}

// -----

// Tests a core on a chip that is not listed.
snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
  %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
  %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
  %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
  %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
  snn.output %b : tensor<2xf32>
}
snn_hw.board @hw for @net target "loihi" routing mesh grid [1, 1] {
  snn_hw.chip @chip at (0, 0) cores 128 mesh [8, 16]
  snn_hw.core @core0 on @chip index 0 use [#snn_hw.use<"neurons", 6, 1024>]
  // expected-error @+1 {{'snn_hw.core' op is on @elsewhere, which is not a chip listed before it}}
  snn_hw.core @core1 on @elsewhere index 1 use [#snn_hw.use<"neurons", 2, 1024>]
  snn_hw.neuron_slice @core0 "a" [0, 6)
  snn_hw.neuron_slice @core1 "b" [0, 2)
  snn_hw.route @core0 -> [@core1] hops [1]
}

// -----

// Tests a core number beyond the chip's cores.
snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
  %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
  %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
  %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
  %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
  snn.output %b : tensor<2xf32>
}
snn_hw.board @hw for @net target "loihi" routing mesh grid [1, 1] {
  snn_hw.chip @chip at (0, 0) cores 128 mesh [8, 16]
  snn_hw.core @core0 on @chip index 0 use [#snn_hw.use<"neurons", 6, 1024>]
  // expected-error @+1 {{'snn_hw.core' op number 128 is beyond the 128 cores of @chip}}
  snn_hw.core @core1 on @chip index 128 use [#snn_hw.use<"neurons", 2, 1024>]
  snn_hw.neuron_slice @core0 "a" [0, 6)
  snn_hw.neuron_slice @core1 "b" [0, 2)
  snn_hw.route @core0 -> [@core1] hops [1]
}

// -----

// Tests two cores with one number.
snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
  %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
  %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
  %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
  %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
  snn.output %b : tensor<2xf32>
}
snn_hw.board @hw for @net target "loihi" routing mesh grid [1, 1] {
  snn_hw.chip @chip at (0, 0) cores 128 mesh [8, 16]
  snn_hw.core @core0 on @chip index 0 use [#snn_hw.use<"neurons", 6, 1024>]
  // expected-error @+1 {{'snn_hw.core' op a second core 0 on @chip}}
  snn_hw.core @core1 on @chip index 0 use [#snn_hw.use<"neurons", 2, 1024>]
  snn_hw.neuron_slice @core0 "a" [0, 6)
  snn_hw.neuron_slice @core1 "b" [0, 2)
  snn_hw.route @core0 -> [@core1] hops [1]
}

// -----

// Tests a board for another target than the module's.
module attributes {snn.target = {name = "loihi", neurons_per_core = 1024 : i64, axons_in_per_core = 4096 : i64}} {
  snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
    %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
    %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
    %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
    %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
    snn.output %b : tensor<2xf32>
  }
  // expected-error @+1 {{'snn_hw.board' op maps onto 'speck' but the module is quantized for 'loihi'}}
  snn_hw.board @hw for @net target "speck" routing mesh grid [1, 1] {
    snn_hw.chip @chip at (0, 0) cores 128 mesh [8, 16]
    snn_hw.core @core0 on @chip index 0 use [#snn_hw.use<"neurons", 6, 1024>]
    snn_hw.core @core1 on @chip index 1 use [#snn_hw.use<"neurons", 2, 1024>]
    snn_hw.neuron_slice @core0 "a" [0, 6)
    snn_hw.neuron_slice @core1 "b" [0, 2)
    snn_hw.route @core0 -> [@core1] hops [1]
  }
}

// -----

// Tests a neuron capacity the target description does not give.
module attributes {snn.target = {name = "loihi", neurons_per_core = 1024 : i64, axons_in_per_core = 4096 : i64}} {
  snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
    %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
    %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
    %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
    %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
    snn.output %b : tensor<2xf32>
  }
  snn_hw.board @hw for @net target "loihi" routing mesh grid [1, 1] {
    snn_hw.chip @chip at (0, 0) cores 128 mesh [8, 16]
    snn_hw.core @core0 on @chip index 0 use [#snn_hw.use<"neurons", 6, 1024>]
    // expected-error @+1 {{'snn_hw.core' op states a neurons capacity of 2048 but the target description gives 1024}}
    snn_hw.core @core1 on @chip index 1 use [#snn_hw.use<"neurons", 2, 2048>]
    snn_hw.neuron_slice @core0 "a" [0, 6)
    snn_hw.neuron_slice @core1 "b" [0, 2)
    snn_hw.route @core0 -> [@core1] hops [1]
  }
}

// -----

// Tests a fan-in capacity the target description does not give.
module attributes {snn.target = {name = "loihi", neurons_per_core = 1024 : i64, axons_in_per_core = 4096 : i64}} {
  snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
    %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
    %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
    %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
    %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
    snn.output %b : tensor<2xf32>
  }
  snn_hw.board @hw for @net target "loihi" routing mesh grid [1, 1] {
    snn_hw.chip @chip at (0, 0) cores 128 mesh [8, 16]
    snn_hw.core @core0 on @chip index 0 use [#snn_hw.use<"neurons", 6, 1024>]
    // expected-error @+1 {{'snn_hw.core' op states a fan-in capacity of 0 but the target description gives 4096}}
    snn_hw.core @core1 on @chip index 1 use [#snn_hw.use<"neurons", 2, 1024>, #snn_hw.use<"fan-in", 6, 0>]
    snn_hw.neuron_slice @core0 "a" [0, 6)
    snn_hw.neuron_slice @core1 "b" [0, 2)
    snn_hw.route @core0 -> [@core1] hops [1]
  }
}

// -----

// Tests a slice on a core that is not listed.
snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
  %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
  %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
  %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
  %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
  snn.output %b : tensor<2xf32>
}
snn_hw.board @hw for @net target "loihi" routing mesh grid [1, 1] {
  snn_hw.chip @chip at (0, 0) cores 128 mesh [8, 16]
  snn_hw.core @core0 on @chip index 0 use [#snn_hw.use<"neurons", 6, 1024>]
  snn_hw.core @core1 on @chip index 1 use [#snn_hw.use<"neurons", 2, 1024>]
  snn_hw.neuron_slice @core0 "a" [0, 6)
  // expected-error @+1 {{'snn_hw.neuron_slice' op is on @core7, which is not a core listed before it}}
  snn_hw.neuron_slice @core7 "b" [0, 2)
  snn_hw.route @core0 -> [@core1] hops [1]
}

// -----

// Tests a slice of a layer the network lacks.
snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
  %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
  %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
  %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
  %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
  snn.output %b : tensor<2xf32>
}
snn_hw.board @hw for @net target "loihi" routing mesh grid [1, 1] {
  snn_hw.chip @chip at (0, 0) cores 128 mesh [8, 16]
  snn_hw.core @core0 on @chip index 0 use [#snn_hw.use<"neurons", 6, 1024>]
  snn_hw.core @core1 on @chip index 1 use [#snn_hw.use<"neurons", 2, 1024>]
  snn_hw.neuron_slice @core0 "a" [0, 6)
  // expected-error @+1 {{'snn_hw.neuron_slice' op layer 'c' is not an op of @net}}
  snn_hw.neuron_slice @core1 "c" [0, 2)
  snn_hw.route @core0 -> [@core1] hops [1]
}

// -----

// Tests a slice beyond its layer.
snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
  %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
  %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
  %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
  %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
  snn.output %b : tensor<2xf32>
}
snn_hw.board @hw for @net target "loihi" routing mesh grid [1, 1] {
  snn_hw.chip @chip at (0, 0) cores 128 mesh [8, 16]
  snn_hw.core @core0 on @chip index 0 use [#snn_hw.use<"neurons", 6, 1024>]
  snn_hw.core @core1 on @chip index 1 use [#snn_hw.use<"neurons", 2, 1024>]
  snn_hw.neuron_slice @core0 "a" [0, 6)
  // expected-error @+1 {{'snn_hw.neuron_slice' op slice [0, 3) exceeds the 2 neurons of layer 'b'}}
  snn_hw.neuron_slice @core1 "b" [0, 3)
  snn_hw.route @core0 -> [@core1] hops [1]
}

// -----

// Tests overlapping slices of a layer.
snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
  %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
  %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
  %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
  %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
  snn.output %b : tensor<2xf32>
}
// expected-error @+1 {{'snn_hw.board' op slices of layer 'a' overlap at neuron 3}}
snn_hw.board @hw for @net target "loihi" routing mesh grid [1, 1] {
  snn_hw.chip @chip at (0, 0) cores 128 mesh [8, 16]
  snn_hw.core @core0 on @chip index 0 use [#snn_hw.use<"neurons", 6, 1024>]
  snn_hw.core @core1 on @chip index 1 use [#snn_hw.use<"neurons", 2, 1024>]
  snn_hw.neuron_slice @core0 "a" [0, 4)
  snn_hw.neuron_slice @core1 "a" [3, 6)
  snn_hw.neuron_slice @core1 "b" [0, 2)
  snn_hw.route @core0 -> [@core1] hops [1]
}

// -----

// Tests neurons of a layer on no core.
snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
  %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
  %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
  %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
  %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
  snn.output %b : tensor<2xf32>
}
// expected-error @+1 {{'snn_hw.board' op neurons [2, 4) of layer 'a' are on no core}}
snn_hw.board @hw for @net target "loihi" routing mesh grid [1, 1] {
  snn_hw.chip @chip at (0, 0) cores 128 mesh [8, 16]
  snn_hw.core @core0 on @chip index 0 use [#snn_hw.use<"neurons", 6, 1024>]
  snn_hw.core @core1 on @chip index 1 use [#snn_hw.use<"neurons", 2, 1024>]
  snn_hw.neuron_slice @core0 "a" [0, 2)
  snn_hw.neuron_slice @core0 "a" [4, 6)
  snn_hw.neuron_slice @core1 "b" [0, 2)
  snn_hw.route @core0 -> [@core1] hops [1]
}

// -----

// Tests the last neurons of a layer on no core.
snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
  %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
  %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
  %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
  %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
  snn.output %b : tensor<2xf32>
}
// expected-error @+1 {{'snn_hw.board' op neurons [5, 6) of layer 'a' are on no core}}
snn_hw.board @hw for @net target "loihi" routing mesh grid [1, 1] {
  snn_hw.chip @chip at (0, 0) cores 128 mesh [8, 16]
  snn_hw.core @core0 on @chip index 0 use [#snn_hw.use<"neurons", 6, 1024>]
  snn_hw.core @core1 on @chip index 1 use [#snn_hw.use<"neurons", 2, 1024>]
  snn_hw.neuron_slice @core0 "a" [0, 5)
  snn_hw.neuron_slice @core1 "b" [0, 2)
  snn_hw.route @core0 -> [@core1] hops [1]
}

// -----

// Tests a neuron layer with no slice.
snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
  %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
  %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
  %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
  %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
  snn.output %b : tensor<2xf32>
}
// expected-error @+1 {{'snn_hw.board' op neuron layer 'b' has no slice on any core}}
snn_hw.board @hw for @net target "loihi" routing mesh grid [1, 1] {
  snn_hw.chip @chip at (0, 0) cores 128 mesh [8, 16]
  snn_hw.core @core0 on @chip index 0 use [#snn_hw.use<"neurons", 6, 1024>]
  snn_hw.core @core1 on @chip index 1 use [#snn_hw.use<"neurons", 2, 1024>]
  snn_hw.neuron_slice @core0 "a" [0, 6)
  snn_hw.route @core0 -> [@core1] hops [1]
}

// -----

// Tests a core whose neuron use disagrees with its slices.
snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
  %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
  %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
  %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
  %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
  snn.output %b : tensor<2xf32>
}
snn_hw.board @hw for @net target "loihi" routing mesh grid [1, 1] {
  snn_hw.chip @chip at (0, 0) cores 128 mesh [8, 16]
  snn_hw.core @core0 on @chip index 0 use [#snn_hw.use<"neurons", 6, 1024>]
  // expected-error @+1 {{'snn_hw.core' op lists 3 neurons in use but its slices hold 2}}
  snn_hw.core @core1 on @chip index 1 use [#snn_hw.use<"neurons", 3, 1024>]
  snn_hw.neuron_slice @core0 "a" [0, 6)
  snn_hw.neuron_slice @core1 "b" [0, 2)
  snn_hw.route @core0 -> [@core1] hops [1]
}

// -----

// Tests a slice whose layer name two ops share.
snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
  %w = snn.scale %in {snn.name = "a", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
  %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
  %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
  %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
  snn.output %b : tensor<2xf32>
}
snn_hw.board @hw for @net target "loihi" routing mesh grid [1, 1] {
  snn_hw.chip @chip at (0, 0) cores 128 mesh [8, 16]
  snn_hw.core @core0 on @chip index 0 use [#snn_hw.use<"neurons", 6, 1024>]
  snn_hw.core @core1 on @chip index 1 use [#snn_hw.use<"neurons", 2, 1024>]
  // expected-error @+1 {{'snn_hw.neuron_slice' op layer name 'a' names 2 ops of @net}}
  snn_hw.neuron_slice @core0 "a" [0, 6)
  snn_hw.neuron_slice @core1 "b" [0, 2)
  snn_hw.route @core0 -> [@core1] hops [1]
}

// -----

// Tests a synapse table with no rows.
snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
  %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
  %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
  %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
  %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
  snn.output %b : tensor<2xf32>
}
snn_hw.board @hw for @net target "loihi" routing mesh grid [1, 1] {
  snn_hw.chip @chip at (0, 0) cores 128 mesh [8, 16]
  snn_hw.core @core0 on @chip index 0 use [#snn_hw.use<"neurons", 6, 1024>]
  snn_hw.core @core1 on @chip index 1 use [#snn_hw.use<"neurons", 2, 1024>]
  snn_hw.neuron_slice @core0 "a" [0, 6)
  snn_hw.neuron_slice @core1 "b" [0, 2)
  // expected-error @+1 {{'snn_hw.synapse_table' op rows [2, 2) must be a non-empty range from 0 up}}
  snn_hw.synapse_table @core1 "v" -> "b" [2, 2) synapses 0 axons [0, 6]
  snn_hw.route @core0 -> [@core1] hops [1]
}

// -----

// Tests axons that are not pairs.
snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
  %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
  %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
  %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
  %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
  snn.output %b : tensor<2xf32>
}
snn_hw.board @hw for @net target "loihi" routing mesh grid [1, 1] {
  snn_hw.chip @chip at (0, 0) cores 128 mesh [8, 16]
  snn_hw.core @core0 on @chip index 0 use [#snn_hw.use<"neurons", 6, 1024>]
  snn_hw.core @core1 on @chip index 1 use [#snn_hw.use<"neurons", 2, 1024>]
  snn_hw.neuron_slice @core0 "a" [0, 6)
  snn_hw.neuron_slice @core1 "b" [0, 2)
  // expected-error @+1 {{'snn_hw.synapse_table' op axons must be [begin, end) pairs, got 3 numbers}}
  snn_hw.synapse_table @core1 "v" -> "b" [0, 2) synapses 12 axons [0, 6, 7]
  snn_hw.route @core0 -> [@core1] hops [1]
}

// -----

// Tests overlapping axon ranges.
snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
  %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
  %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
  %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
  %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
  snn.output %b : tensor<2xf32>
}
snn_hw.board @hw for @net target "loihi" routing mesh grid [1, 1] {
  snn_hw.chip @chip at (0, 0) cores 128 mesh [8, 16]
  snn_hw.core @core0 on @chip index 0 use [#snn_hw.use<"neurons", 6, 1024>]
  snn_hw.core @core1 on @chip index 1 use [#snn_hw.use<"neurons", 2, 1024>]
  snn_hw.neuron_slice @core0 "a" [0, 6)
  snn_hw.neuron_slice @core1 "b" [0, 2)
  // expected-error @+1 {{'snn_hw.synapse_table' op axon ranges must be non-empty, sorted and disjoint; [2, 5) is not}}
  snn_hw.synapse_table @core1 "v" -> "b" [0, 2) synapses 4 axons [0, 3, 2, 5]
  snn_hw.route @core0 -> [@core1] hops [1]
}

// -----

// Tests more synapses than rows times axons.
snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
  %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
  %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
  %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
  %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
  snn.output %b : tensor<2xf32>
}
snn_hw.board @hw for @net target "loihi" routing mesh grid [1, 1] {
  snn_hw.chip @chip at (0, 0) cores 128 mesh [8, 16]
  snn_hw.core @core0 on @chip index 0 use [#snn_hw.use<"neurons", 6, 1024>]
  snn_hw.core @core1 on @chip index 1 use [#snn_hw.use<"neurons", 2, 1024>]
  snn_hw.neuron_slice @core0 "a" [0, 6)
  snn_hw.neuron_slice @core1 "b" [0, 2)
  // expected-error @+1 {{'snn_hw.synapse_table' op holds 13 synapses, but 2 rows and 6 axons make at most 12}}
  snn_hw.synapse_table @core1 "v" -> "b" [0, 2) synapses 13 axons [0, 6]
  snn_hw.route @core0 -> [@core1] hops [1]
}

// -----

// Tests a synapse table on a core that is not listed.
snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
  %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
  %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
  %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
  %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
  snn.output %b : tensor<2xf32>
}
snn_hw.board @hw for @net target "loihi" routing mesh grid [1, 1] {
  snn_hw.chip @chip at (0, 0) cores 128 mesh [8, 16]
  snn_hw.core @core0 on @chip index 0 use [#snn_hw.use<"neurons", 6, 1024>]
  snn_hw.core @core1 on @chip index 1 use [#snn_hw.use<"neurons", 2, 1024>]
  snn_hw.neuron_slice @core0 "a" [0, 6)
  snn_hw.neuron_slice @core1 "b" [0, 2)
  // expected-error @+1 {{'snn_hw.synapse_table' op is on @core9, which is not a core of the board}}
  snn_hw.synapse_table @core9 "v" -> "b" [0, 2) synapses 12 axons [0, 6]
  snn_hw.route @core0 -> [@core1] hops [1]
}

// -----

// Tests a synapse table of a projection the network lacks.
snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
  %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
  %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
  %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
  %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
  snn.output %b : tensor<2xf32>
}
snn_hw.board @hw for @net target "loihi" routing mesh grid [1, 1] {
  snn_hw.chip @chip at (0, 0) cores 128 mesh [8, 16]
  snn_hw.core @core0 on @chip index 0 use [#snn_hw.use<"neurons", 6, 1024>]
  snn_hw.core @core1 on @chip index 1 use [#snn_hw.use<"neurons", 2, 1024>]
  snn_hw.neuron_slice @core0 "a" [0, 6)
  snn_hw.neuron_slice @core1 "b" [0, 2)
  // expected-error @+1 {{'snn_hw.synapse_table' op 'u' does not name one op of @net}}
  snn_hw.synapse_table @core1 "u" -> "b" [0, 2) synapses 12 axons [0, 6]
  snn_hw.route @core0 -> [@core1] hops [1]
}

// -----

// Tests a synapse table whose projection has no input.
snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
  %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
  %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
  %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
  %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
  %z = snn.zero {snn.name = "z"} : tensor<2xf32>
  snn.output %b : tensor<2xf32>
}
snn_hw.board @hw for @net target "loihi" routing mesh grid [1, 1] {
  snn_hw.chip @chip at (0, 0) cores 128 mesh [8, 16]
  snn_hw.core @core0 on @chip index 0 use [#snn_hw.use<"neurons", 6, 1024>]
  snn_hw.core @core1 on @chip index 1 use [#snn_hw.use<"neurons", 2, 1024>]
  snn_hw.neuron_slice @core0 "a" [0, 6)
  snn_hw.neuron_slice @core1 "b" [0, 2)
  // expected-error @+1 {{'snn_hw.synapse_table' op 'z' is not a projection}}
  snn_hw.synapse_table @core1 "z" -> "b" [0, 2) synapses 0 axons []
  snn_hw.route @core0 -> [@core1] hops [1]
}

// -----

// Tests axons beyond the projection's input.
snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
  %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
  %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
  %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
  %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
  snn.output %b : tensor<2xf32>
}
snn_hw.board @hw for @net target "loihi" routing mesh grid [1, 1] {
  snn_hw.chip @chip at (0, 0) cores 128 mesh [8, 16]
  snn_hw.core @core0 on @chip index 0 use [#snn_hw.use<"neurons", 6, 1024>]
  snn_hw.core @core1 on @chip index 1 use [#snn_hw.use<"neurons", 2, 1024>]
  snn_hw.neuron_slice @core0 "a" [0, 6)
  snn_hw.neuron_slice @core1 "b" [0, 2)
  // expected-error @+1 {{'snn_hw.synapse_table' op axons reach input 7 of a projection with 6 inputs}}
  snn_hw.synapse_table @core1 "v" -> "b" [0, 2) synapses 12 axons [0, 7]
  snn_hw.route @core0 -> [@core1] hops [1]
}

// -----

// Tests synapse rows that are not a slice on the core.
snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
  %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
  %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
  %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
  %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
  snn.output %b : tensor<2xf32>
}
snn_hw.board @hw for @net target "loihi" routing mesh grid [1, 1] {
  snn_hw.chip @chip at (0, 0) cores 128 mesh [8, 16]
  snn_hw.core @core0 on @chip index 0 use [#snn_hw.use<"neurons", 6, 1024>]
  snn_hw.core @core1 on @chip index 1 use [#snn_hw.use<"neurons", 2, 1024>]
  snn_hw.neuron_slice @core0 "a" [0, 6)
  snn_hw.neuron_slice @core1 "b" [0, 2)
  // expected-error @+1 {{'snn_hw.synapse_table' op rows [0, 2) of 'b' are not a slice on @core0}}
  snn_hw.synapse_table @core0 "v" -> "b" [0, 2) synapses 12 axons [0, 6]
  snn_hw.route @core0 -> [@core1] hops [1]
}

// -----

// Tests a route to a core that is not listed.
snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
  %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
  %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
  %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
  %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
  snn.output %b : tensor<2xf32>
}
snn_hw.board @hw for @net target "loihi" routing mesh grid [1, 1] {
  snn_hw.chip @chip at (0, 0) cores 128 mesh [8, 16]
  snn_hw.core @core0 on @chip index 0 use [#snn_hw.use<"neurons", 6, 1024>]
  snn_hw.core @core1 on @chip index 1 use [#snn_hw.use<"neurons", 2, 1024>]
  snn_hw.neuron_slice @core0 "a" [0, 6)
  snn_hw.neuron_slice @core1 "b" [0, 2)
  // expected-error @+1 {{'snn_hw.route' op endpoint @core9 is not a core listed before the route}}
  snn_hw.route @core0 -> [@core9] hops [1]
}

// -----

// Tests a route from a core that is not listed.
snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
  %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
  %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
  %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
  %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
  snn.output %b : tensor<2xf32>
}
snn_hw.board @hw for @net target "loihi" routing mesh grid [1, 1] {
  snn_hw.chip @chip at (0, 0) cores 128 mesh [8, 16]
  snn_hw.core @core0 on @chip index 0 use [#snn_hw.use<"neurons", 6, 1024>]
  snn_hw.core @core1 on @chip index 1 use [#snn_hw.use<"neurons", 2, 1024>]
  snn_hw.neuron_slice @core0 "a" [0, 6)
  snn_hw.neuron_slice @core1 "b" [0, 2)
  // expected-error @+1 {{'snn_hw.route' op endpoint @core9 is not a core listed before the route}}
  snn_hw.route @core9 -> [@core1] hops [1]
}

// -----

// Tests a mesh route without hop counts.
snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
  %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
  %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
  %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
  %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
  snn.output %b : tensor<2xf32>
}
snn_hw.board @hw for @net target "loihi" routing mesh grid [1, 1] {
  snn_hw.chip @chip at (0, 0) cores 128 mesh [8, 16]
  snn_hw.core @core0 on @chip index 0 use [#snn_hw.use<"neurons", 6, 1024>]
  snn_hw.core @core1 on @chip index 1 use [#snn_hw.use<"neurons", 2, 1024>]
  snn_hw.neuron_slice @core0 "a" [0, 6)
  snn_hw.neuron_slice @core1 "b" [0, 2)
  // expected-error @+1 {{'snn_hw.route' op mesh routing needs hop counts}}
  snn_hw.route @core0 -> [@core1]
}

// -----

// Tests hop counts on a multicast route.
snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
  %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
  %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
  %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
  %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
  snn.output %b : tensor<2xf32>
}
snn_hw.board @hw for @net target "spinnaker" routing multicast grid [1, 1] torus {
  snn_hw.chip @chip at (0, 0) cores 18 router 2
  snn_hw.core @core0 on @chip index 1 use [#snn_hw.use<"neurons", 6, 256>]
  snn_hw.core @core1 on @chip index 2 use [#snn_hw.use<"neurons", 2, 256>]
  snn_hw.neuron_slice @core0 "a" [0, 6)
  snn_hw.neuron_slice @core1 "b" [0, 2)
  // expected-error @+1 {{'snn_hw.route' op hop counts belong to mesh routing}}
  snn_hw.route @core0 -> [@core1] hops [1] key <0x0, 0xfffffff8>
  snn_hw.router_table @chip [#snn_hw.entry<0x0, 0xfffffff8 -> 0x100>]
}

// -----

// Tests a multicast route without a key.
snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
  %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
  %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
  %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
  %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
  snn.output %b : tensor<2xf32>
}
snn_hw.board @hw for @net target "spinnaker" routing multicast grid [1, 1] torus {
  snn_hw.chip @chip at (0, 0) cores 18 router 2
  snn_hw.core @core0 on @chip index 1 use [#snn_hw.use<"neurons", 6, 256>]
  snn_hw.core @core1 on @chip index 2 use [#snn_hw.use<"neurons", 2, 256>]
  snn_hw.neuron_slice @core0 "a" [0, 6)
  snn_hw.neuron_slice @core1 "b" [0, 2)
  // expected-error @+1 {{'snn_hw.route' op multicast routing needs a key}}
  snn_hw.route @core0 -> [@core1]
  snn_hw.router_table @chip [#snn_hw.entry<0x0, 0xfffffff8 -> 0x100>]
}

// -----

// Tests a key on a direct route.
snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
  %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
  %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
  %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
  %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
  snn.output %b : tensor<2xf32>
}
snn_hw.board @hw for @net target "speck" routing direct grid [1, 1] {
  snn_hw.chip @chip at (0, 0) cores 9
  snn_hw.core @core0 on @chip index 0 use [#snn_hw.use<"neurons", 6, 0>]
  snn_hw.core @core1 on @chip index 1 use [#snn_hw.use<"neurons", 2, 0>]
  snn_hw.core @core2 on @chip index 2 use [#snn_hw.use<"neurons", 0, 0>]
  snn_hw.core @core3 on @chip index 3 use [#snn_hw.use<"neurons", 0, 0>]
  snn_hw.neuron_slice @core0 "a" [0, 6)
  snn_hw.neuron_slice @core1 "b" [0, 2)
  // expected-error @+1 {{'snn_hw.route' op keys belong to multicast routing}}
  snn_hw.route @core0 -> [@core1] key <0x0, 0xfffffff8>
}

// -----

// Tests a direct route to three cores.
snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
  %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
  %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
  %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
  %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
  snn.output %b : tensor<2xf32>
}
snn_hw.board @hw for @net target "speck" routing direct grid [1, 1] {
  snn_hw.chip @chip at (0, 0) cores 9
  snn_hw.core @core0 on @chip index 0 use [#snn_hw.use<"neurons", 6, 0>]
  snn_hw.core @core1 on @chip index 1 use [#snn_hw.use<"neurons", 2, 0>]
  snn_hw.core @core2 on @chip index 2 use [#snn_hw.use<"neurons", 0, 0>]
  snn_hw.core @core3 on @chip index 3 use [#snn_hw.use<"neurons", 0, 0>]
  snn_hw.neuron_slice @core0 "a" [0, 6)
  snn_hw.neuron_slice @core1 "b" [0, 2)
  // expected-error @+1 {{'snn_hw.route' op a directly routed core sends to at most 2 destinations, this one to 3}}
  snn_hw.route @core0 -> [@core1, @core2, @core3]
}

// -----

// Tests two routes whose keys overlap.
snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
  %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
  %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
  %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
  %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
  snn.output %b : tensor<2xf32>
}
snn_hw.board @hw for @net target "spinnaker" routing multicast grid [1, 1] torus {
  snn_hw.chip @chip at (0, 0) cores 18 router 2
  snn_hw.core @core0 on @chip index 1 use [#snn_hw.use<"neurons", 6, 256>]
  snn_hw.core @core1 on @chip index 2 use [#snn_hw.use<"neurons", 2, 256>]
  snn_hw.neuron_slice @core0 "a" [0, 6)
  snn_hw.neuron_slice @core1 "b" [0, 2)
  snn_hw.route @core0 -> [@core1] key <0x0, 0xfffffff8>
  // expected-error @+1 {{'snn_hw.route' op key #snn_hw.key<0x00000004, 0xfffffffc> overlaps the key #snn_hw.key<0x00000000, 0xfffffff8> of the route from @core0}}
  snn_hw.route @core1 -> [@core0] key <0x4, 0xfffffffc>
  snn_hw.router_table @chip [#snn_hw.entry<0x0, 0xfffffff8 -> 0x100>]
}

// -----

// Tests a router table on mesh routing.
snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
  %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
  %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
  %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
  %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
  snn.output %b : tensor<2xf32>
}
snn_hw.board @hw for @net target "loihi" routing mesh grid [1, 1] {
  snn_hw.chip @chip at (0, 0) cores 128 mesh [8, 16]
  snn_hw.core @core0 on @chip index 0 use [#snn_hw.use<"neurons", 6, 1024>]
  snn_hw.core @core1 on @chip index 1 use [#snn_hw.use<"neurons", 2, 1024>]
  snn_hw.neuron_slice @core0 "a" [0, 6)
  snn_hw.neuron_slice @core1 "b" [0, 2)
  snn_hw.route @core0 -> [@core1] hops [1]
  // expected-error @+1 {{'snn_hw.router_table' op router tables belong to multicast routing}}
  snn_hw.router_table @chip []
}

// -----

// Tests a router table for a chip that is not listed.
snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
  %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
  %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
  %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
  %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
  snn.output %b : tensor<2xf32>
}
snn_hw.board @hw for @net target "spinnaker" routing multicast grid [1, 1] torus {
  snn_hw.chip @chip at (0, 0) cores 18 router 2
  snn_hw.core @core0 on @chip index 1 use [#snn_hw.use<"neurons", 6, 256>]
  snn_hw.core @core1 on @chip index 2 use [#snn_hw.use<"neurons", 2, 256>]
  snn_hw.neuron_slice @core0 "a" [0, 6)
  snn_hw.neuron_slice @core1 "b" [0, 2)
  snn_hw.route @core0 -> [@core1] key <0x0, 0xfffffff8>
  // expected-error @+1 {{'snn_hw.router_table' op is for @chip9, which is not a chip listed before it}}
  snn_hw.router_table @chip9 [#snn_hw.entry<0x0, 0xfffffff8 -> 0x100>]
}

// -----

// Tests a router table over the chip's capacity.
snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
  %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
  %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
  %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
  %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
  snn.output %b : tensor<2xf32>
}
snn_hw.board @hw for @net target "spinnaker" routing multicast grid [1, 1] torus {
  snn_hw.chip @chip at (0, 0) cores 18 router 2
  snn_hw.core @core0 on @chip index 1 use [#snn_hw.use<"neurons", 6, 256>]
  snn_hw.core @core1 on @chip index 2 use [#snn_hw.use<"neurons", 2, 256>]
  snn_hw.neuron_slice @core0 "a" [0, 6)
  snn_hw.neuron_slice @core1 "b" [0, 2)
  snn_hw.route @core0 -> [@core1] key <0x0, 0xfffffff8>
  // expected-error @+1 {{'snn_hw.router_table' op has 3 entries but the router of @chip holds at most 2}}
  snn_hw.router_table @chip [#snn_hw.entry<0x0, 0xfffffff8 -> 0x100>, #snn_hw.entry<0x8, 0xfffffff8 -> 0x80>, #snn_hw.entry<0x10, 0xfffffff0 -> 0x80>]
}

// -----

// Tests two router tables for one chip.
snn.network @net(%in: tensor<6xf32>) -> tensor<2xf32> attributes {dt = 1.0e-03 : f64} {
  %w = snn.scale %in {snn.name = "w", scale = 1.0 : f32} : tensor<6xf32> -> tensor<6xf32>
  %a = snn.loihi_neuron %w {snn.name = "a", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<6xf32>
  %v = snn.linear %a {snn.name = "v", weight = dense<1.0> : tensor<2x6xf32>} : tensor<6xf32> -> tensor<2xf32>
  %b = snn.loihi_neuron %v {snn.name = "b", du = 4095 : i32, dv = 0 : i32, vth_mant = 1 : i32, bias_mant = 0 : i32, bias_exp = 0 : i32, weight_exp = 0 : i32, v_scale = 1.0 : f64} : tensor<2xf32>
  snn.output %b : tensor<2xf32>
}
snn_hw.board @hw for @net target "spinnaker" routing multicast grid [1, 1] torus {
  snn_hw.chip @chip at (0, 0) cores 18 router 2
  snn_hw.core @core0 on @chip index 1 use [#snn_hw.use<"neurons", 6, 256>]
  snn_hw.core @core1 on @chip index 2 use [#snn_hw.use<"neurons", 2, 256>]
  snn_hw.neuron_slice @core0 "a" [0, 6)
  snn_hw.neuron_slice @core1 "b" [0, 2)
  snn_hw.route @core0 -> [@core1] key <0x0, 0xfffffff8>
  snn_hw.router_table @chip [#snn_hw.entry<0x0, 0xfffffff8 -> 0x100>]
  // expected-error @+1 {{'snn_hw.router_table' op a second router table for @chip}}
  snn_hw.router_table @chip []
}
