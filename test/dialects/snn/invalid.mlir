// RUN: snn-opt %s -split-input-file -verify-diagnostics

//===----------------------------------------------------------------------===//
// snn.network and snn.output
//===----------------------------------------------------------------------===//

// Tests that dt must be positive.
// expected-error @+1 {{'snn.network' op dt must be a positive number of seconds, got 0.000000e+00}}
snn.network @zero_dt(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 0.0 : f64} {
  snn.output %x : tensor<2xf32>
}

// -----

// Tests that a negative dt is rejected.
// expected-error @+1 {{'snn.network' op dt must be a positive number of seconds, got -1.000000e-03}}
snn.network @negative_dt(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = -1.0e-3 : f64} {
  snn.output %x : tensor<2xf32>
}

// -----

// Tests that an infinite dt is rejected.
// expected-error @+1 {{'snn.network' op dt must be a positive number of seconds, got INF}}
snn.network @inf_dt(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 0x7FF0000000000000 : f64} {
  snn.output %x : tensor<2xf32>
}

// -----

// Tests that dt is required.
// expected-error @+1 {{'snn.network' op requires attribute 'dt'}}
snn.network @no_dt(%x: tensor<2xf32>) -> tensor<2xf32> {
  snn.output %x : tensor<2xf32>
}

// -----

// Tests that a network declaration without a body is rejected.
snn.network @decl(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64}
// expected-error @+1 {{snn.network needs a body}}
snn.network @after(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  snn.output %x : tensor<2xf32>
}

// -----

// Tests that the entry block must have one argument per input (only the
// generic form can get this wrong).
// expected-error @+1 {{'snn.network' op entry block must have 1 arguments to match function signature}}
"snn.network"() <{sym_name = "args", function_type = (tensor<2xf32>) -> (), dt = 1.0e-3 : f64}> ({
^bb0:
  "snn.output"() : () -> ()
}) : () -> ()

// -----

// Tests that the entry block argument types must match the inputs.
// expected-error @+1 {{'snn.network' op type of entry block argument #0('tensor<3xf32>') must match the type of the corresponding argument in function signature('tensor<2xf32>')}}
"snn.network"() <{sym_name = "arg_type", function_type = (tensor<2xf32>) -> (), dt = 1.0e-3 : f64}> ({
^bb0(%a: tensor<3xf32>):
  "snn.output"() : () -> ()
}) : () -> ()

// -----

// Tests that snn.output must return as many values as the network has results.
snn.network @output_count(%x: tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>) attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.output' op returns 1 values but the network has 2 results}}
  snn.output %x : tensor<2xf32>
}

// -----

// Tests that snn.output's types must match the network's result types.
snn.network @output_type(%x: tensor<2xf32>, %y: tensor<3xf32>) -> (tensor<2xf32>, tensor<2xf32>) attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.output' op result 1 has type 'tensor<3xf32>' but the network declares 'tensor<2xf32>'}}
  snn.output %x, %y : tensor<2xf32>, tensor<3xf32>
}

// -----

// Tests that snn.output only terminates a network.
// expected-error @+1 {{'snn.output' op expects parent op 'snn.network'}}
snn.output

// -----

// Tests that a network body holds only snn ops.
snn.network @foreign(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'builtin.unrealized_conversion_cast' op is not an snn op; a network body holds only snn ops}}
  %y = builtin.unrealized_conversion_cast %x : tensor<2xf32> to tensor<2xf32>
  snn.output %y : tensor<2xf32>
}

// -----

// Tests that signals must be statically shaped f32 tensors.
snn.network @dynamic(%x: tensor<?xf32>) attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.zero' op result #0 must be statically shaped tensor of 32-bit float values}}
  %z = snn.zero : tensor<?xf32>
  snn.output
}

// -----

// Tests that a cycle through stateless ops only (an algebraic loop) is
// rejected, with a note for every op on the cycle.
snn.network @algebraic_loop(%in: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+2 {{'snn.add' op is on a cycle that passes through no stateful op (neuron or delay); the cycle would have no value within a step}}
  // expected-note @+1 {{cycle passes through snn.add}}
  %a = snn.add %in, %b : tensor<2xf32>
  // expected-note @+1 {{cycle passes through snn.linear}}
  %b = snn.linear %a {weight = dense<0.5> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  %s = snn.lif %a {tau = 1.0e-2 : f32, r = 1.0 : f32, v_leak = 0.0 : f32, v_threshold = 1.0 : f32, v_reset = 0.0 : f32} : tensor<2xf32>
  snn.output %s : tensor<2xf32>
}

// -----

// Tests that an op feeding itself is an algebraic loop.
snn.network @self_loop(%in: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+2 {{'snn.add' op is on a cycle that passes through no stateful op}}
  // expected-note @+1 {{cycle passes through snn.add}}
  %a = snn.add %in, %a : tensor<2xf32>
  snn.output %a : tensor<2xf32>
}

// -----

//===----------------------------------------------------------------------===//
// Synapse ops
//===----------------------------------------------------------------------===//

// Tests that snn.add needs an input (the SameOperandsAndResultType trait
// rejects it before the op's own verifier runs).
snn.network @add_empty() -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.add' op expected 1 or more operands, but found 0}}
  %a = snn.add : tensor<2xf32>
  snn.output %a : tensor<2xf32>
}

// -----

// Tests that the dense projections need 1-d input and output.
snn.network @affine_rank(%x: tensor<2x3xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.affine' op expects 1-d input and output, got 'tensor<2x3xf32>' -> 'tensor<2xf32>'; flatten the input first}}
  %y = snn.affine %x {weight = dense<1.0> : tensor<2x6xf32>, bias = dense<0.0> : tensor<2xf32>} : tensor<2x3xf32> -> tensor<2xf32>
  snn.output %y : tensor<2xf32>
}

// -----

// Tests that a dense weight must be 2-d.
snn.network @linear_weight_rank(%x: tensor<3xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.linear' op weight must be 2-d (out, in), got shape (2, 3, 1)}}
  %y = snn.linear %x {weight = dense<1.0> : tensor<2x3x1xf32>} : tensor<3xf32> -> tensor<2xf32>
  snn.output %y : tensor<2xf32>
}

// -----

// Tests that a dense weight must be (out, in), not (in, out).
snn.network @linear_weight_shape(%x: tensor<3xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.linear' op weight shape (3, 2) does not match (out, in) = (2, 3)}}
  %y = snn.linear %x {weight = dense<1.0> : tensor<3x2xf32>} : tensor<3xf32> -> tensor<2xf32>
  snn.output %y : tensor<2xf32>
}

// -----

// Tests that the affine bias has one entry per output.
snn.network @affine_bias(%x: tensor<3xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.affine' op bias shape (3) must be (2)}}
  %y = snn.affine %x {weight = dense<1.0> : tensor<2x3xf32>, bias = dense<0.0> : tensor<3xf32>} : tensor<3xf32> -> tensor<2xf32>
  snn.output %y : tensor<2xf32>
}

// -----

// Tests that weights must be f32.
snn.network @weight_f64(%x: tensor<3xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.linear' op attribute 'weight' failed to satisfy constraint: 32-bit float elements attribute}}
  %y = snn.linear %x {weight = dense<1.0> : tensor<2x3xf64>} : tensor<3xf32> -> tensor<2xf32>
  snn.output %y : tensor<2xf32>
}

// -----

// Tests that scale keeps the input type.
snn.network @scale_type(%x: tensor<3xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.scale' op output type must equal the input type}}
  %y = snn.scale %x {scale = 2.0 : f32} : tensor<3xf32> -> tensor<2xf32>
  snn.output %y : tensor<2xf32>
}

// -----

// Tests that a per-neuron scale must have the population's shape.
snn.network @scale_shape(%x: tensor<3xf32>) -> tensor<3xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.scale' op per-neuron parameter 'scale' has shape (2) but the population has shape (3); give one value or one per neuron}}
  %y = snn.scale %x {scale = dense<[1.0, 2.0]> : tensor<2xf32>} : tensor<3xf32> -> tensor<3xf32>
  snn.output %y : tensor<3xf32>
}

// -----

// Tests that a parameter must be a f32 or a f32 tensor.
snn.network @scale_f64(%x: tensor<3xf32>) -> tensor<3xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.scale' op attribute 'scale' failed to satisfy constraint: f32 scalar or per-neuron f32 tensor}}
  %y = snn.scale %x {scale = 2.0 : f64} : tensor<3xf32> -> tensor<3xf32>
  snn.output %y : tensor<3xf32>
}

// -----

// Tests that a NaN threshold is rejected.
snn.network @threshold_nan(%x: tensor<3xf32>) -> tensor<3xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.threshold' op parameter 'threshold' must be finite, got nan}}
  %y = snn.threshold %x {threshold = 0x7FC00000 : f32} : tensor<3xf32> -> tensor<3xf32>
  snn.output %y : tensor<3xf32>
}

// -----

// Tests that a non-finite per-neuron value is reported with its element.
snn.network @threshold_inf_element(%x: tensor<3xf32>) -> tensor<3xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.threshold' op parameter 'threshold' must be finite, got INF at element 2}}
  %y = snn.threshold %x {threshold = dense<[1.0, 2.0, 0x7F800000]> : tensor<3xf32>} : tensor<3xf32> -> tensor<3xf32>
  snn.output %y : tensor<3xf32>
}

// -----

// Tests that threshold keeps the input type.
snn.network @threshold_type(%x: tensor<3xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.threshold' op requires the same type for all operands and results}}
  %y = snn.threshold %x {threshold = 1.0 : f32} : tensor<3xf32> -> tensor<2xf32>
  snn.output %y : tensor<2xf32>
}

// -----

// Tests that a conv1d weight must be 3-d.
snn.network @conv1d_weight_rank(%x: tensor<2x8xf32>) -> tensor<4x6xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.conv1d' op weight must be 3-d (Cout, Cin/groups, kernel...), got shape (4, 2)}}
  %y = snn.conv1d %x {weight = dense<1.0> : tensor<4x2xf32>, stride = array<i64: 1>, padding = array<i64: 0>,
                      dilation = array<i64: 1>, groups = 1 : i64} : tensor<2x8xf32> -> tensor<4x6xf32>
  snn.output %y : tensor<4x6xf32>
}

// -----

// Tests that a conv1d input must be (C, L).
snn.network @conv1d_input_rank(%x: tensor<8xf32>) -> tensor<4x6xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.conv1d' op expects a (C, L) input, got 'tensor<8xf32>'}}
  %y = snn.conv1d %x {weight = dense<1.0> : tensor<4x1x3xf32>, stride = array<i64: 1>, padding = array<i64: 0>,
                      dilation = array<i64: 1>, groups = 1 : i64} : tensor<8xf32> -> tensor<4x6xf32>
  snn.output %y : tensor<4x6xf32>
}

// -----

// Tests that a conv2d input must be (C, H, W).
snn.network @conv2d_input_rank(%x: tensor<2x8xf32>) -> tensor<4x6x6xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.conv2d' op expects a (C, H, W) input, got 'tensor<2x8xf32>'}}
  %y = snn.conv2d %x {weight = dense<1.0> : tensor<4x2x3x3xf32>, stride = array<i64: 1, 1>, padding = array<i64: 0, 0>,
                      dilation = array<i64: 1, 1>, groups = 1 : i64} : tensor<2x8xf32> -> tensor<4x6x6xf32>
  snn.output %y : tensor<4x6x6xf32>
}

// -----

// Tests that groups must divide the input channels.
snn.network @conv_groups_cin(%x: tensor<3x8xf32>) -> tensor<4x6xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.conv1d' op groups = 2 must be >= 1 and divide Cin = 3 and Cout = 4}}
  %y = snn.conv1d %x {weight = dense<1.0> : tensor<4x1x3xf32>, stride = array<i64: 1>, padding = array<i64: 0>,
                      dilation = array<i64: 1>, groups = 2 : i64} : tensor<3x8xf32> -> tensor<4x6xf32>
  snn.output %y : tensor<4x6xf32>
}

// -----

// Tests that groups must divide the output channels.
snn.network @conv_groups_cout(%x: tensor<2x8xf32>) -> tensor<3x6xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.conv1d' op groups = 2 must be >= 1 and divide Cin = 2 and Cout = 3}}
  %y = snn.conv1d %x {weight = dense<1.0> : tensor<3x1x3xf32>, stride = array<i64: 1>, padding = array<i64: 0>,
                      dilation = array<i64: 1>, groups = 2 : i64} : tensor<2x8xf32> -> tensor<3x6xf32>
  snn.output %y : tensor<3x6xf32>
}

// -----

// Tests that groups must be positive.
snn.network @conv_groups_zero(%x: tensor<2x8xf32>) -> tensor<4x6xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.conv1d' op groups = 0 must be >= 1 and divide Cin = 2 and Cout = 4}}
  %y = snn.conv1d %x {weight = dense<1.0> : tensor<4x2x3xf32>, stride = array<i64: 1>, padding = array<i64: 0>,
                      dilation = array<i64: 1>, groups = 0 : i64} : tensor<2x8xf32> -> tensor<4x6xf32>
  snn.output %y : tensor<4x6xf32>
}

// -----

// Tests that the weight's input channels times groups must be the input's.
snn.network @conv_weight_channels(%x: tensor<4x5x5xf32>) -> tensor<4x3x3xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.conv2d' op weight has 4 input channels per group but the input has 4 channels in 2 group(s)}}
  %y = snn.conv2d %x {weight = dense<1.0> : tensor<4x4x3x3xf32>, stride = array<i64: 1, 1>, padding = array<i64: 0, 0>,
                      dilation = array<i64: 1, 1>, groups = 2 : i64} : tensor<4x5x5xf32> -> tensor<4x3x3xf32>
  snn.output %y : tensor<4x3x3xf32>
}

// -----

// Tests that the conv bias has one entry per output channel.
snn.network @conv_bias(%x: tensor<2x5x5xf32>) -> tensor<4x3x3xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.conv2d' op bias shape (2) must be (4)}}
  %y = snn.conv2d %x {weight = dense<1.0> : tensor<4x2x3x3xf32>, bias = dense<0.0> : tensor<2xf32>,
                      stride = array<i64: 1, 1>, padding = array<i64: 0, 0>,
                      dilation = array<i64: 1, 1>, groups = 1 : i64} : tensor<2x5x5xf32> -> tensor<4x3x3xf32>
  snn.output %y : tensor<4x3x3xf32>
}

// -----

// Tests that the conv output shape follows the PyTorch formula.
snn.network @conv_output_shape(%x: tensor<2x5x5xf32>) -> tensor<4x5x5xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.conv2d' op output shape (4, 5, 5) should be (4, 2, 3)}}
  %y = snn.conv2d %x {weight = dense<1.0> : tensor<4x2x3x3xf32>, stride = array<i64: 2, 1>, padding = array<i64: 0, 0>,
                      dilation = array<i64: 1, 1>, groups = 1 : i64} : tensor<2x5x5xf32> -> tensor<4x5x5xf32>
  snn.output %y : tensor<4x5x5xf32>
}

// -----

// Tests that a dilated window larger than the padded input is rejected.
snn.network @conv_window(%x: tensor<1x4xf32>) -> tensor<1x1xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.conv1d' op window of 5 does not fit the padded input size 4 on spatial axis 0}}
  %y = snn.conv1d %x {weight = dense<1.0> : tensor<1x1x3xf32>, stride = array<i64: 1>, padding = array<i64: 0>,
                      dilation = array<i64: 2>, groups = 1 : i64} : tensor<1x4xf32> -> tensor<1x1xf32>
  snn.output %y : tensor<1x1xf32>
}

// -----

// Tests that conv stride has one entry per spatial axis.
snn.network @conv_stride_count(%x: tensor<2x5x5xf32>) -> tensor<4x3x3xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.conv2d' op stride must have 2 entries, got 1}}
  %y = snn.conv2d %x {weight = dense<1.0> : tensor<4x2x3x3xf32>, stride = array<i64: 1>, padding = array<i64: 0, 0>,
                      dilation = array<i64: 1, 1>, groups = 1 : i64} : tensor<2x5x5xf32> -> tensor<4x3x3xf32>
  snn.output %y : tensor<4x3x3xf32>
}

// -----

// Tests that conv stride must be positive.
snn.network @conv_stride_zero(%x: tensor<2x8xf32>) -> tensor<4x6xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.conv1d' op stride entries must be >= 1, got 0}}
  %y = snn.conv1d %x {weight = dense<1.0> : tensor<4x2x3xf32>, stride = array<i64: 0>, padding = array<i64: 0>,
                      dilation = array<i64: 1>, groups = 1 : i64} : tensor<2x8xf32> -> tensor<4x6xf32>
  snn.output %y : tensor<4x6xf32>
}

// -----

// Tests that conv padding must not be negative.
snn.network @conv_padding_negative(%x: tensor<2x8xf32>) -> tensor<4x6xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.conv1d' op padding entries must be >= 0, got -1}}
  %y = snn.conv1d %x {weight = dense<1.0> : tensor<4x2x3xf32>, stride = array<i64: 1>, padding = array<i64: -1>,
                      dilation = array<i64: 1>, groups = 1 : i64} : tensor<2x8xf32> -> tensor<4x6xf32>
  snn.output %y : tensor<4x6xf32>
}

// -----

// Tests that conv dilation has one entry per spatial axis.
snn.network @conv_dilation_count(%x: tensor<2x8xf32>) -> tensor<4x6xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.conv1d' op dilation must have 1 entries, got 2}}
  %y = snn.conv1d %x {weight = dense<1.0> : tensor<4x2x3xf32>, stride = array<i64: 1>, padding = array<i64: 0>,
                      dilation = array<i64: 1, 1>, groups = 1 : i64} : tensor<2x8xf32> -> tensor<4x6xf32>
  snn.output %y : tensor<4x6xf32>
}

// -----

// Tests that conv dilation must be positive.
snn.network @conv_dilation_zero(%x: tensor<2x8xf32>) -> tensor<4x6xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.conv1d' op dilation entries must be >= 1, got 0}}
  %y = snn.conv1d %x {weight = dense<1.0> : tensor<4x2x3xf32>, stride = array<i64: 1>, padding = array<i64: 0>,
                      dilation = array<i64: 0>, groups = 1 : i64} : tensor<2x8xf32> -> tensor<4x6xf32>
  snn.output %y : tensor<4x6xf32>
}

// -----

// Tests that a pooling input must be (C, H, W).
snn.network @pool_input_rank(%x: tensor<2x8xf32>) -> tensor<2x4xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.sum_pool2d' op expects a (C, H, W) input, got 'tensor<2x8xf32>'}}
  %y = snn.sum_pool2d %x {kernel_size = array<i64: 2, 2>, stride = array<i64: 2, 2>, padding = array<i64: 0, 0>} : tensor<2x8xf32> -> tensor<2x4xf32>
  snn.output %y : tensor<2x4xf32>
}

// -----

// Tests that a pooling kernel has two entries.
snn.network @pool_kernel_count(%x: tensor<2x4x4xf32>) -> tensor<2x2x2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.avg_pool2d' op kernel must have 2 entries, got 1}}
  %y = snn.avg_pool2d %x {kernel_size = array<i64: 2>, stride = array<i64: 2, 2>, padding = array<i64: 0, 0>} : tensor<2x4x4xf32> -> tensor<2x2x2xf32>
  snn.output %y : tensor<2x2x2xf32>
}

// -----

// Tests that a pooling kernel must be positive.
snn.network @pool_kernel_zero(%x: tensor<2x4x4xf32>) -> tensor<2x2x2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.avg_pool2d' op kernel entries must be >= 1, got 0}}
  %y = snn.avg_pool2d %x {kernel_size = array<i64: 2, 0>, stride = array<i64: 2, 2>, padding = array<i64: 0, 0>} : tensor<2x4x4xf32> -> tensor<2x2x2xf32>
  snn.output %y : tensor<2x2x2xf32>
}

// -----

// Tests that a pooling window larger than the padded input is rejected.
snn.network @pool_window(%x: tensor<2x4x2xf32>) -> tensor<2x1x1xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.sum_pool2d' op window of 3 does not fit the padded input size 2 on spatial axis 1}}
  %y = snn.sum_pool2d %x {kernel_size = array<i64: 3, 3>, stride = array<i64: 1, 1>, padding = array<i64: 0, 0>} : tensor<2x4x2xf32> -> tensor<2x1x1xf32>
  snn.output %y : tensor<2x1x1xf32>
}

// -----

// Tests that the pooling output keeps the channels and follows the formula.
snn.network @pool_output_shape(%x: tensor<2x5x5xf32>) -> tensor<2x2x2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.sum_pool2d' op output shape (2, 2, 2) should be (2, 3, 3)}}
  %y = snn.sum_pool2d %x {kernel_size = array<i64: 2, 2>, stride = array<i64: 2, 2>, padding = array<i64: 1, 1>} : tensor<2x5x5xf32> -> tensor<2x2x2xf32>
  snn.output %y : tensor<2x2x2xf32>
}

// -----

// Tests that flatten's range must lie inside the input's rank.
snn.network @flatten_range(%x: tensor<2x3x4xf32>) -> tensor<24xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.flatten' op start_dim 0 and end_dim 3 do not select a range of the 3-d input}}
  %y = snn.flatten %x {start_dim = 0 : i64, end_dim = 3 : i64} : tensor<2x3x4xf32> -> tensor<24xf32>
  snn.output %y : tensor<24xf32>
}

// -----

// Tests that flatten's start must not come after its end.
snn.network @flatten_reversed(%x: tensor<2x3x4xf32>) -> tensor<24xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.flatten' op start_dim -1 and end_dim 0 do not select a range of the 3-d input}}
  %y = snn.flatten %x {start_dim = -1 : i64, end_dim = 0 : i64} : tensor<2x3x4xf32> -> tensor<24xf32>
  snn.output %y : tensor<24xf32>
}

// -----

// Tests that flatten's output shape merges exactly the selected dimensions.
snn.network @flatten_shape(%x: tensor<2x3x4xf32>) -> tensor<24xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.flatten' op output shape (24) should be (2, 12)}}
  %y = snn.flatten %x {start_dim = 1 : i64, end_dim = -1 : i64} : tensor<2x3x4xf32> -> tensor<24xf32>
  snn.output %y : tensor<24xf32>
}

// -----

// Tests that a sparse projection needs 1-d input and output.
snn.network @sparse_rank(%x: tensor<2x2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.sparse_projection' op expects 1-d input and output}}
  %y = snn.sparse_projection %x {row_ptr = array<i32: 0, 1, 2>, cols = array<i32: 1, 0>,
                                 values = dense<[0.5, 2.0]> : tensor<2xf32>} : tensor<2x2xf32> -> tensor<2xf32>
  snn.output %y : tensor<2xf32>
}

// -----

// Tests that row_ptr has out + 1 entries.
snn.network @sparse_row_ptr_size(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.sparse_projection' op row_ptr must have out + 1 = 3 entries, got 2}}
  %y = snn.sparse_projection %x {row_ptr = array<i32: 0, 2>, cols = array<i32: 1, 0>,
                                 values = dense<[0.5, 2.0]> : tensor<2xf32>} : tensor<2xf32> -> tensor<2xf32>
  snn.output %y : tensor<2xf32>
}

// -----

// Tests that row_ptr starts at 0.
snn.network @sparse_row_ptr_start(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.sparse_projection' op row_ptr must start at 0 and end at nnz = 2}}
  %y = snn.sparse_projection %x {row_ptr = array<i32: 1, 1, 2>, cols = array<i32: 1, 0>,
                                 values = dense<[0.5, 2.0]> : tensor<2xf32>} : tensor<2xf32> -> tensor<2xf32>
  snn.output %y : tensor<2xf32>
}

// -----

// Tests that row_ptr ends at the number of values.
snn.network @sparse_row_ptr_end(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.sparse_projection' op row_ptr must start at 0 and end at nnz = 2}}
  %y = snn.sparse_projection %x {row_ptr = array<i32: 0, 1, 3>, cols = array<i32: 1, 0>,
                                 values = dense<[0.5, 2.0]> : tensor<2xf32>} : tensor<2xf32> -> tensor<2xf32>
  snn.output %y : tensor<2xf32>
}

// -----

// Tests that row_ptr never decreases.
snn.network @sparse_row_ptr_decreasing(%x: tensor<2xf32>) -> tensor<3xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.sparse_projection' op row_ptr decreases at row 1}}
  %y = snn.sparse_projection %x {row_ptr = array<i32: 0, 2, 1, 2>, cols = array<i32: 1, 0>,
                                 values = dense<[0.5, 2.0]> : tensor<2xf32>} : tensor<2xf32> -> tensor<3xf32>
  snn.output %y : tensor<3xf32>
}

// -----

// Tests that cols has one entry per value.
snn.network @sparse_cols_count(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.sparse_projection' op cols has 3 entries but values has 2}}
  %y = snn.sparse_projection %x {row_ptr = array<i32: 0, 1, 2>, cols = array<i32: 1, 0, 0>,
                                 values = dense<[0.5, 2.0]> : tensor<2xf32>} : tensor<2xf32> -> tensor<2xf32>
  snn.output %y : tensor<2xf32>
}

// -----

// Tests that a column index must address an input element.
snn.network @sparse_col_range(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.sparse_projection' op column index 2 at entry 1 is outside the input size 2}}
  %y = snn.sparse_projection %x {row_ptr = array<i32: 0, 1, 2>, cols = array<i32: 1, 2>,
                                 values = dense<[0.5, 2.0]> : tensor<2xf32>} : tensor<2xf32> -> tensor<2xf32>
  snn.output %y : tensor<2xf32>
}

// -----

// Tests that a negative column index is rejected.
snn.network @sparse_col_negative(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.sparse_projection' op column index -1 at entry 0 is outside the input size 2}}
  %y = snn.sparse_projection %x {row_ptr = array<i32: 0, 1, 2>, cols = array<i32: -1, 0>,
                                 values = dense<[0.5, 2.0]> : tensor<2xf32>} : tensor<2xf32> -> tensor<2xf32>
  snn.output %y : tensor<2xf32>
}

// -----

//===----------------------------------------------------------------------===//
// Neuron ops
//===----------------------------------------------------------------------===//

// Tests that a neuron keeps its input type.
snn.network @neuron_type(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.i' op requires the same type for all operands and results}}
  %y = "snn.i"(%x) {r = 1.0 : f32} : (tensor<2xf32>) -> tensor<3xf32>
  snn.output %x : tensor<2xf32>
}

// -----

// Tests that a non-finite I resistance is rejected.
snn.network @i_r(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.i' op parameter 'r' must be finite, got -INF}}
  %y = snn.i %x {r = 0xFF800000 : f32} : tensor<2xf32>
  snn.output %y : tensor<2xf32>
}

// -----

// Tests that a per-neuron IF threshold must have the population's shape.
snn.network @if_shape(%x: tensor<2x2xf32>) -> tensor<2x2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.if' op per-neuron parameter 'v_threshold' has shape (4) but the population has shape (2, 2); give one value or one per neuron}}
  %y = snn.if %x {r = 1.0 : f32, v_threshold = dense<1.0> : tensor<4xf32>, v_reset = 0.0 : f32} : tensor<2x2xf32>
  snn.output %y : tensor<2x2xf32>
}

// -----

// Tests that multi-spike needs a positive threshold (it divides by it).
snn.network @if_multi_spike_threshold(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.if' op parameter 'v_threshold' must be > 0, got 0.000000e+00 at element 1}}
  %y = snn.if %x {r = 1.0 : f32, v_threshold = dense<[1.0, 0.0]> : tensor<2xf32>, v_reset = 0.0 : f32, multi_spike} : tensor<2xf32>
  snn.output %y : tensor<2xf32>
}

// -----

// Tests that without multi-spike a zero or negative threshold is allowed, but
// a non-finite v_min is not.
snn.network @if_v_min(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.if' op v_min must be finite}}
  %y = snn.if %x {r = 1.0 : f32, v_threshold = -1.0 : f32, v_reset = 0.0 : f32, v_min = 0xFF800000 : f32} : tensor<2xf32>
  snn.output %y : tensor<2xf32>
}

// -----

// Tests that an unknown reset mode does not parse.
snn.network @bad_reset(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+2 {{expected ::mlir::snn::ResetMode to be one of: zero, to_reset, subtract, none}}
  // expected-error @+1 {{failed to parse SNN_ResetModeAttr parameter 'value'}}
  %y = snn.if %x {r = 1.0 : f32, v_threshold = 1.0 : f32, v_reset = 0.0 : f32, reset = #snn<reset clamp>} : tensor<2xf32>
  snn.output %y : tensor<2xf32>
}

// -----

// Tests that an LI time constant must be positive.
snn.network @li_tau(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.li' op parameter 'tau' must be > 0, got 0.000000e+00}}
  %y = snn.li %x {tau = 0.0 : f32, r = 1.0 : f32, v_leak = 0.0 : f32} : tensor<2xf32>
  snn.output %y : tensor<2xf32>
}

// -----

// Tests that a per-neuron LI v_leak must have the population's shape.
snn.network @li_v_leak_shape(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.li' op per-neuron parameter 'v_leak' has shape (1) but the population has shape (2)}}
  %y = snn.li %x {tau = 1.0e-2 : f32, r = 1.0 : f32, v_leak = dense<0.0> : tensor<1xf32>} : tensor<2xf32>
  snn.output %y : tensor<2xf32>
}

// -----

// Tests that a negative per-neuron LIF time constant is reported with its element.
snn.network @lif_tau(%x: tensor<3xf32>) -> tensor<3xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.lif' op parameter 'tau' must be > 0, got -5.000000e-01 at element 2}}
  %y = snn.lif %x {tau = dense<[1.0, 2.0, -0.5]> : tensor<3xf32>, r = 1.0 : f32, v_leak = 0.0 : f32,
                   v_threshold = 1.0 : f32, v_reset = 0.0 : f32} : tensor<3xf32>
  snn.output %y : tensor<3xf32>
}

// -----

// Tests that a NaN LIF v_reset is rejected.
snn.network @lif_v_reset(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.lif' op parameter 'v_reset' must be finite, got nan}}
  %y = snn.lif %x {tau = 1.0e-2 : f32, r = 1.0 : f32, v_leak = 0.0 : f32,
                   v_threshold = 1.0 : f32, v_reset = 0x7FC00000 : f32} : tensor<2xf32>
  snn.output %y : tensor<2xf32>
}

// -----

// Tests that a LIF needs all its parameters.
snn.network @lif_missing(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.lif' op requires attribute 'v_threshold'}}
  %y = snn.lif %x {tau = 1.0e-2 : f32, r = 1.0 : f32, v_leak = 0.0 : f32, v_reset = 0.0 : f32} : tensor<2xf32>
  snn.output %y : tensor<2xf32>
}

// -----

// Tests that the CubaLI synaptic time constant must be positive.
snn.network @cuba_li_tau_syn(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.cuba_li' op parameter 'tau_syn' must be > 0, got -1.000000e-03}}
  %y = snn.cuba_li %x {tau_syn = -1.0e-3 : f32, tau_mem = 1.0e-2 : f32, r = 1.0 : f32, v_leak = 0.0 : f32, w_in = 1.0 : f32} : tensor<2xf32>
  snn.output %y : tensor<2xf32>
}

// -----

// Tests that the CubaLIF membrane time constant must be positive.
snn.network @cuba_lif_tau_mem(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.cuba_lif' op parameter 'tau_mem' must be > 0, got 0.000000e+00}}
  %y = snn.cuba_lif %x {tau_syn = 1.0e-3 : f32, tau_mem = 0.0 : f32, r = 1.0 : f32, v_leak = 0.0 : f32, w_in = 1.0 : f32,
                        v_threshold = 1.0 : f32, v_reset = 0.0 : f32} : tensor<2xf32>
  snn.output %y : tensor<2xf32>
}

// -----

// Tests that a per-neuron CubaLIF w_in must have the population's shape.
snn.network @cuba_lif_w_in(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.cuba_lif' op per-neuron parameter 'w_in' has shape (3) but the population has shape (2)}}
  %y = snn.cuba_lif %x {tau_syn = 1.0e-3 : f32, tau_mem = 1.0e-2 : f32, r = 1.0 : f32, v_leak = 0.0 : f32,
                        w_in = dense<1.0> : tensor<3xf32>, v_threshold = 1.0 : f32, v_reset = 0.0 : f32} : tensor<2xf32>
  snn.output %y : tensor<2xf32>
}

// -----

// Tests that the ALIF adaptation time constant must be positive.
snn.network @alif_tau_adapt(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.alif' op parameter 'tau_adapt' must be > 0, got 0.000000e+00}}
  %y = snn.alif %x {tau = 2.0e-2 : f32, tau_adapt = 0.0 : f32, r = 1.0 : f32, v_leak = 0.0 : f32,
                    v_threshold = 0.5 : f32, v_reset = 0.0 : f32, beta = 0.1 : f32} : tensor<2xf32>
  snn.output %y : tensor<2xf32>
}

// -----

// Tests that the ALIF adaptation strength must not be negative.
snn.network @alif_beta(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.alif' op parameter 'beta' must be >= 0, got -1.000000e-01}}
  %y = snn.alif %x {tau = 2.0e-2 : f32, tau_adapt = 0.2 : f32, r = 1.0 : f32, v_leak = 0.0 : f32,
                    v_threshold = 0.5 : f32, v_reset = 0.0 : f32, beta = -0.1 : f32} : tensor<2xf32>
  snn.output %y : tensor<2xf32>
}

// -----

// Tests that a multi-spike ALIF needs a positive base threshold.
snn.network @alif_multi_spike(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.alif' op parameter 'v_threshold' must be > 0, got -5.000000e-01}}
  %y = snn.alif %x {tau = 2.0e-2 : f32, tau_adapt = 0.2 : f32, r = 1.0 : f32, v_leak = 0.0 : f32,
                    v_threshold = -0.5 : f32, v_reset = 0.0 : f32, beta = 0.1 : f32, multi_spike} : tensor<2xf32>
  snn.output %y : tensor<2xf32>
}

// -----

// Tests that a delay must not be negative.
snn.network @delay_negative(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.delay' op parameter 'delay' must be >= 0, got -1.000000e-03 at element 0}}
  %y = snn.delay %x {delay = dense<[-1.0e-3, 1.0e-3]> : tensor<2xf32>} : tensor<2xf32>
  snn.output %y : tensor<2xf32>
}

// -----

// Tests that step_delay has one entry or one per element.
snn.network @step_delay_count(%x: tensor<2x2xf32>) -> tensor<2x2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.step_delay' op steps must have 1 entry or one per element (4), got 2}}
  %y = snn.step_delay %x {steps = array<i64: 1, 2>} : tensor<2x2xf32>
  snn.output %y : tensor<2x2xf32>
}

// -----

// Tests that step_delay counts must not be negative.
snn.network @step_delay_negative(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.step_delay' op steps must be >= 0, got -1}}
  %y = snn.step_delay %x {steps = array<i64: 2, -1>} : tensor<2xf32>
  snn.output %y : tensor<2xf32>
}

// -----

// Tests that step_delay needs its steps.
snn.network @step_delay_missing(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.step_delay' op requires attribute 'steps'}}
  %y = snn.step_delay %x : tensor<2xf32>
  snn.output %y : tensor<2xf32>
}

// -----

// Tests that a per-neuron step_neuron constant must have the population's shape.
snn.network @step_neuron_shape(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.step_neuron' op per-neuron parameter 'mem_decay' has shape (2, 1) but the population has shape (2)}}
  %y = snn.step_neuron %x {syn_gain = 1.0 : f32, mem_decay = dense<0.9> : tensor<2x1xf32>, mem_gain = 0.1 : f32,
                           mem_bias = 0.0 : f32} : tensor<2xf32>
  snn.output %y : tensor<2xf32>
}

// -----

// Tests that a non-finite step_neuron syn_decay is rejected.
snn.network @step_neuron_syn_decay(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.step_neuron' op parameter 'syn_decay' must be finite, got nan}}
  %y = snn.step_neuron %x {syn_decay = 0x7FC00000 : f32, syn_gain = 1.0 : f32, mem_decay = 0.9 : f32, mem_gain = 0.1 : f32,
                           mem_bias = 0.0 : f32} : tensor<2xf32>
  snn.output %y : tensor<2xf32>
}

// -----

// Tests that adapt_decay without adapt_gain is rejected.
snn.network @step_neuron_adapt_decay(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.step_neuron' op adapt_decay and adapt_gain must be given together}}
  %y = snn.step_neuron %x {syn_gain = 1.0 : f32, mem_decay = 0.9 : f32, mem_gain = 0.1 : f32, mem_bias = 0.0 : f32,
                           threshold = 1.0 : f32, reset = #snn<reset subtract>, adapt_decay = 0.9 : f32} : tensor<2xf32>
  snn.output %y : tensor<2xf32>
}

// -----

// Tests that adapt_gain without adapt_decay is rejected.
snn.network @step_neuron_adapt_gain(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.step_neuron' op adapt_decay and adapt_gain must be given together}}
  %y = snn.step_neuron %x {syn_gain = 1.0 : f32, mem_decay = 0.9 : f32, mem_gain = 0.1 : f32, mem_bias = 0.0 : f32,
                           threshold = 1.0 : f32, reset = #snn<reset subtract>, adapt_gain = 0.1 : f32} : tensor<2xf32>
  snn.output %y : tensor<2xf32>
}

// -----

// Tests that a neuron without a threshold cannot reset.
snn.network @step_neuron_reset_without_threshold(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.step_neuron' op without a threshold the neuron does not spike: reset must be none and v_reset, multi_spike and adaptation absent}}
  %y = snn.step_neuron %x {syn_gain = 1.0 : f32, mem_decay = 0.9 : f32, mem_gain = 0.1 : f32, mem_bias = 0.0 : f32,
                           reset = #snn<reset zero>} : tensor<2xf32>
  snn.output %y : tensor<2xf32>
}

// -----

// Tests that a neuron without a threshold cannot be multi-spike.
snn.network @step_neuron_multi_spike_without_threshold(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.step_neuron' op without a threshold the neuron does not spike}}
  %y = snn.step_neuron %x {syn_gain = 1.0 : f32, mem_decay = 0.9 : f32, mem_gain = 0.1 : f32, mem_bias = 0.0 : f32,
                           multi_spike} : tensor<2xf32>
  snn.output %y : tensor<2xf32>
}

// -----

// Tests that a neuron without a threshold takes no v_reset.
snn.network @step_neuron_v_reset_without_threshold(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.step_neuron' op without a threshold the neuron does not spike}}
  %y = snn.step_neuron %x {syn_gain = 1.0 : f32, mem_decay = 0.9 : f32, mem_gain = 0.1 : f32, mem_bias = 0.0 : f32,
                           v_reset = 0.0 : f32} : tensor<2xf32>
  snn.output %y : tensor<2xf32>
}

// -----

// Tests that a neuron without a threshold cannot adapt.
snn.network @step_neuron_adapt_without_threshold(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.step_neuron' op without a threshold the neuron does not spike}}
  %y = snn.step_neuron %x {syn_gain = 1.0 : f32, mem_decay = 0.9 : f32, mem_gain = 0.1 : f32, mem_bias = 0.0 : f32,
                           adapt_decay = 0.9 : f32, adapt_gain = 0.1 : f32} : tensor<2xf32>
  snn.output %y : tensor<2xf32>
}

// -----

// Tests that reset to_reset needs v_reset.
snn.network @step_neuron_to_reset(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.step_neuron' op reset to_reset needs v_reset}}
  %y = snn.step_neuron %x {syn_gain = 1.0 : f32, mem_decay = 0.9 : f32, mem_gain = 0.1 : f32, mem_bias = 0.0 : f32,
                           threshold = 1.0 : f32, reset = #snn<reset to_reset>} : tensor<2xf32>
  snn.output %y : tensor<2xf32>
}

// -----

// Tests that a multi-spike step_neuron needs a positive threshold.
snn.network @step_neuron_multi_spike_threshold(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.step_neuron' op parameter 'threshold' must be > 0, got -1.000000e+00 at element 0}}
  %y = snn.step_neuron %x {syn_gain = 1.0 : f32, mem_decay = 0.9 : f32, mem_gain = 0.1 : f32, mem_bias = 0.0 : f32,
                           threshold = dense<[-1.0, 1.0]> : tensor<2xf32>, reset = #snn<reset subtract>, multi_spike} : tensor<2xf32>
  snn.output %y : tensor<2xf32>
}

// -----

// Tests that a step_neuron v_min must be finite.
snn.network @step_neuron_v_min(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.step_neuron' op v_min must be finite}}
  %y = snn.step_neuron %x {syn_gain = 1.0 : f32, mem_decay = 0.9 : f32, mem_gain = 0.1 : f32, mem_bias = 0.0 : f32,
                           threshold = 1.0 : f32, v_min = 0x7FC00000 : f32} : tensor<2xf32>
  snn.output %y : tensor<2xf32>
}

// -----

// Tests that v_min must be finite also when there is no threshold (it floors
// the output voltage).
snn.network @step_neuron_v_min_no_threshold(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0e-3 : f64} {
  // expected-error @+1 {{'snn.step_neuron' op v_min must be finite}}
  %y = snn.step_neuron %x {syn_gain = 1.0 : f32, mem_decay = 0.9 : f32, mem_gain = 0.1 : f32, mem_bias = 0.0 : f32,
                           v_min = 0xFF800000 : f32} : tensor<2xf32>
  snn.output %y : tensor<2xf32>
}

// -----

//===----------------------------------------------------------------------===//
// ANN ops and the snn.ann marker
//===----------------------------------------------------------------------===//

// Tests that relu keeps its input type.
snn.network @relu_type(%x: tensor<2xf32>) -> tensor<3xf32> attributes {dt = 1.0 : f64, snn.ann} {
  // expected-error @+1 {{'snn.relu' op requires the same type for all operands and results}}
  %y = "snn.relu"(%x) : (tensor<2xf32>) -> tensor<3xf32>
  snn.output %y : tensor<3xf32>
}

// -----

// Tests that max pooling padding must be smaller than the kernel.
snn.network @max_pool_pad(%x: tensor<1x4x4xf32>) -> tensor<1x4x4xf32> attributes {dt = 1.0 : f64, snn.ann} {
  // expected-error @+1 {{'snn.max_pool2d' op padding 2 on spatial axis 0 must be smaller than the kernel size 2}}
  %y = snn.max_pool2d %x {kernel_size = array<i64: 2, 2>, stride = array<i64: 2, 2>, padding = array<i64: 2, 1>} : tensor<1x4x4xf32> -> tensor<1x4x3xf32>
  snn.output %y : tensor<1x4x3xf32>
}

// -----

// Tests that max pooling checks its output shape like the other pools.
snn.network @max_pool_shape(%x: tensor<1x4x4xf32>) -> tensor<1x3x3xf32> attributes {dt = 1.0 : f64, snn.ann} {
  // expected-error @+1 {{'snn.max_pool2d' op output shape (1, 3, 3) should be (1, 2, 2)}}
  %y = snn.max_pool2d %x {kernel_size = array<i64: 2, 2>, stride = array<i64: 2, 2>, padding = array<i64: 0, 0>} : tensor<1x4x4xf32> -> tensor<1x3x3xf32>
  snn.output %y : tensor<1x3x3xf32>
}

// -----

// Tests that an ANN network cannot hold a neuron (it runs in one pass).
snn.network @ann_state(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0 : f64, snn.ann} {
  // expected-error @+1 {{'snn.if' op is stateful, but its network is marked 'snn.ann' (evaluated in one pass); convert it with --snn-convert-ann or drop the marker}}
  %s = snn.if %x {r = 1.0 : f32, v_threshold = 1.0 : f32, v_reset = 0.0 : f32} : tensor<2xf32>
  snn.output %s : tensor<2xf32>
}

// -----

// Tests that the ANN marker takes no value.
// expected-error @+1 {{'snn.network' op 'snn.ann' must be a unit attribute (no value)}}
snn.network @ann_value(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0 : f64, snn.ann = 1 : i64} {
  snn.output %x : tensor<2xf32>
}

// -----

// Tests that the ANN marker only goes on a network.
snn.network @ann_op(%x: tensor<2xf32>) -> tensor<2xf32> attributes {dt = 1.0 : f64} {
  // expected-error @+1 {{'snn.relu' op 'snn.ann' marks an snn.network; it cannot be on snn.relu}}
  %y = snn.relu %x {snn.ann} : tensor<2xf32>
  snn.output %y : tensor<2xf32>
}
